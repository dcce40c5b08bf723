/** Shared helpers for delivery tests: records in the FeedbackRecord shape, and waiting for a condition. */
import type { Collection } from 'mongodb';
import { newReference } from '../../services/feedback/reference';
import type { FeedbackRecord } from '../../services/feedback/types';

/** A routed, pending record as the lead's FeedbackRepository inserts it. */
export function makeRecord(overrides: Partial<FeedbackRecord> = {}, createdAt = new Date()): FeedbackRecord {
  return {
    _id: newReference(),
    type: 'complaint',
    category: 'roads',
    text: 'Lubang besar di Jalan Ampang dekat stesen LRT.',
    language: 'ms',
    location: {
      text: 'Jalan Ampang',
      postcode: '50450',
      point: { type: 'Point', coordinates: [101.7123, 3.1598] },
    },
    attachments: [{ contentType: 'image/jpeg', url: 'https://files.example.test/p/1.jpg', name: '1.jpg' }],
    agencyId: 'dbkl',
    routing: { state: 'routed', reason: 'postcode 50450' },
    status: 'received',
    statusHistory: [{ status: 'received', at: createdAt }],
    channel: { channelId: 'test', conversationReference: { conversation: { id: 'c1' } } },
    citizenKey: 'k1',
    anonymous: true,
    consent: { contact: false },
    createdAt,
    updatedAt: createdAt,
    delivery: { state: 'pending', attempts: 0, nextAttemptAt: createdAt, history: [] },
    ...overrides,
  };
}

/** Insert `n` records for `agencyId`, one millisecond apart (oldest first), returning their references in order. */
export async function insertMany(
  col: Collection<FeedbackRecord>,
  n: number,
  agencyId: string,
  t0 = Date.now() - 60_000,
): Promise<string[]> {
  const docs = Array.from({ length: n }, (_, i) => makeRecord({ agencyId }, new Date(t0 + i)));
  if (docs.length) await col.insertMany(docs);
  return docs.map((d) => d._id);
}

/** Poll `check` until it returns true, or fail with `what` after `timeoutMs`. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Count records per delivery state. */
export async function countState(
  col: Collection<FeedbackRecord>,
  state: FeedbackRecord['delivery']['state'],
): Promise<number> {
  return col.countDocuments({ 'delivery.state': state });
}
