/** Seeds N feedback records for the inbox benches (most for DBKL, the rest spread over a few bodies), in batches. */
import { FeedbackRepository } from '../services/feedback/repository';
import { newReference } from '../services/feedback/reference';
import type { FeedbackRecord, FeedbackStatus } from '../services/feedback/types';
import type { Db } from 'mongodb';

const STATUSES: FeedbackStatus[] = ['sent', 'acknowledged', 'in_progress', 'resolved', 'closed'];
const CATEGORIES = ['roads', 'drainage', 'waste', 'streetlights', 'parks'] as const;
const PLACES = ['Kampung Baru', 'Cheras', 'Bangsar', 'Setapak', 'Kepong', 'Sentul'];
const BODIES = ['dbkl', 'dbkl', 'dbkl', 'dbkl', 'mbpj', 'mbsa', 'mpaj'];

/** One synthetic record number `i` of `n` (deterministic). */
function record(i: number, n: number, now: number, officers: string[]): FeedbackRecord {
  const createdAt = new Date(now - Math.floor(((n - i) / n) * 400 * 86_400_000));
  const status = STATUSES[i % STATUSES.length]!;
  const consent = i % 3 === 0;
  return {
    _id: newReference(),
    type: 'complaint',
    category: CATEGORIES[i % CATEGORIES.length]!,
    text: `Aduan ujian ${i}: longkang tersumbat dan air bertakung berhampiran rumah kedai, mohon tindakan segera.`,
    language: i % 2 ? 'ms' : 'en',
    location: { text: `Jalan ${i % 97}`, place: PLACES[i % PLACES.length]! },
    attachments: [],
    agencyId: BODIES[i % BODIES.length]!,
    routing: { state: 'routed', reason: 'local_authority' },
    status,
    statusHistory: [
      { status: 'received', at: createdAt },
      ...(status !== 'sent' ? [{ status, at: new Date(createdAt.getTime() + 3_600_000) }] : []),
    ],
    channel: { channelId: 'webchat', conversationReference: { conversation: { id: `bench-${i}` } } },
    citizenKey: `bench-citizen-${i}`,
    anonymous: !consent,
    consent: consent ? { contact: true, at: createdAt } : { contact: false },
    ...(consent ? { contact: { name: `Warga ${i}`, phone: `+6012${String(i).padStart(7, '0')}` } } : {}),
    ...(i % 4 === 0 && officers.length
      ? { assignee: { staffId: officers[i % officers.length]!, at: createdAt, by: 'bench' } }
      : {}),
    createdAt,
    updatedAt: new Date(createdAt.getTime() + (i % 50) * 3_600_000),
    delivery: { state: 'delivered', attempts: 1, nextAttemptAt: createdAt, history: [] },
  };
}

/** Insert `n` records (batches of 1,000) after creating the repository's indexes; prints progress to stderr. */
export async function seedInbox(db: Db, n: number, officers: string[] = []): Promise<void> {
  await new FeedbackRepository(db).ensureIndexes();
  const col = db.collection<FeedbackRecord>('feedback');
  const now = Date.now();
  for (let start = 0; start < n; start += 1000) {
    const batch = [];
    for (let i = start; i < Math.min(n, start + 1000); i++) batch.push(record(i, n, now, officers));
    await col.insertMany(batch, { ordered: false });
    if ((start / 1000) % 10 === 9) process.stderr.write(`[seed] ${start + 1000}/${n}\n`);
  }
}
