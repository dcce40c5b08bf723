/** Staff/admin view of dead letters, and re-driving them (used by `npm run deliveries` and the staff tools). */
import type { Collection } from 'mongodb';
import type { FeedbackRecord } from '../feedback/types';

/** What staff see about a dead letter: no personal data. */
export interface DeadLetterView {
  reference: string;
  agencyId: string | null;
  category: string;
  createdAt: Date;
  attempts: number;
  lastError?: string;
  lastAttemptAt?: Date;
}

/** Dead letters, oldest first, optionally for one agency. */
export async function listDeadLetters(
  col: Collection<FeedbackRecord>,
  opts: { agencyId?: string; limit?: number } = {},
): Promise<DeadLetterView[]> {
  const filter: Record<string, unknown> = { 'delivery.state': 'dead' };
  if (opts.agencyId) filter.agencyId = opts.agencyId;
  const docs = await col
    .find(filter, { projection: { agencyId: 1, category: 1, createdAt: 1, delivery: 1 } })
    .sort({ createdAt: 1 })
    .limit(opts.limit ?? 100)
    .toArray();
  return docs.map((d) => ({
    reference: d._id,
    agencyId: d.agencyId,
    category: d.category,
    createdAt: d.createdAt,
    attempts: d.delivery.attempts,
    ...(d.delivery.lastError ? { lastError: d.delivery.lastError } : {}),
    ...(d.delivery.history.length ? { lastAttemptAt: d.delivery.history.at(-1)!.at } : {}),
  }));
}

/**
 * Put a dead letter back in the queue: attempts from zero, due now, age clock restarted. The attempt history stays.
 * Returns false when the reference is not a dead letter (unknown, pending or delivered: nothing to do).
 * When `agencyId` is given, only that agency's record can be re-driven.
 */
export async function redrive(
  col: Collection<FeedbackRecord>,
  reference: string,
  opts: { agencyId?: string; now?: Date } = {},
): Promise<boolean> {
  const now = opts.now ?? new Date();
  const filter: Record<string, unknown> = { _id: reference, 'delivery.state': 'dead' };
  if (opts.agencyId) filter.agencyId = opts.agencyId;
  const r = await col.updateOne(filter, {
    $set: {
      'delivery.state': 'pending',
      'delivery.attempts': 0,
      'delivery.nextAttemptAt': now,
      'delivery.redrivenAt': now,
      updatedAt: now,
    },
  });
  return r.modifiedCount === 1;
}
