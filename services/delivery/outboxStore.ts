/**
 * The outbox operations on the `feedback` collection. Every write is a single-document atomic update, guarded by
 * the lease owner, so a worker that lost its lease (it was too slow or died) can never overwrite a newer outcome.
 */
import type { Collection, Filter } from 'mongodb';
import type {
  DeliveryAttempt,
  DeliveryChannel,
  DeliveryState,
  FeedbackRecord,
  StatusChange,
} from '../feedback/types';

/** The delivery sub-document plus the one field the outbox adds: when staff last re-drove it (restarts the age clock). */
export type OutboxDelivery = DeliveryState & { redrivenAt?: Date };
/** A feedback record as the outbox reads it. */
export type OutboxRecord = Omit<FeedbackRecord, 'delivery'> & { delivery: OutboxDelivery };

/** Attempts kept in `delivery.history` (oldest dropped first). */
export const HISTORY_LIMIT = 50;

/** Create the indexes the worker's queries use (idempotent). */
export async function ensureDeliveryIndexes(col: Collection<FeedbackRecord>): Promise<void> {
  await col.createIndex({ 'delivery.state': 1, 'delivery.nextAttemptAt': 1 }, { name: 'delivery_due' });
  await col.createIndex(
    { agencyId: 1, 'delivery.state': 1, createdAt: 1, _id: 1 },
    { name: 'delivery_lane' },
  );
}

/** What a lane needs to know about a queued item to decide whether it may be claimed now. */
export type QueuedItem = Pick<OutboxRecord, '_id'> & {
  delivery: Pick<OutboxDelivery, 'state' | 'nextAttemptAt' | 'leaseUntil'>;
};

/** Agencies that have items not yet delivered nor dead (pending, or delivering under a lease), minus `exclude`. */
export async function agenciesWithWork(
  col: Collection<FeedbackRecord>,
  exclude: string[],
): Promise<(string | null)[]> {
  const filter: Filter<FeedbackRecord> = { 'delivery.state': { $in: ['pending', 'delivering'] } };
  if (exclude.length) filter.agencyId = { $nin: exclude };
  return (await col.distinct('agencyId', filter)) as (string | null)[];
}

/** The oldest `limit` undelivered items of one agency, in delivery order (createdAt, then reference). */
export async function laneSnapshot(
  col: Collection<FeedbackRecord>,
  agencyId: string | null,
  limit: number,
): Promise<QueuedItem[]> {
  return (await col
    .find(
      { agencyId, 'delivery.state': { $in: ['pending', 'delivering'] } },
      { projection: { _id: 1, 'delivery.state': 1, 'delivery.nextAttemptAt': 1, 'delivery.leaseUntil': 1 } },
    )
    .sort({ createdAt: 1, _id: 1 })
    .limit(limit)
    .toArray()) as QueuedItem[];
}

/** When a queued item may be claimed: now or in the past means it is due. */
export function dueAt(item: QueuedItem): Date {
  const d = item.delivery;
  return new Date(d.state === 'delivering' ? (d.leaseUntil ?? 0) : d.nextAttemptAt);
}

/**
 * Atomically lease one item by reference if it is due (pending and due, or delivering with an expired lease):
 * state `delivering`, a lease until `now + leaseMs` owned by `owner`, and one more attempt counted (so a poison item
 * that kills workers still reaches the attempt limit). Null when someone else has it or it is not due.
 */
export async function claim(
  col: Collection<FeedbackRecord>,
  reference: string,
  input: { owner: string; leaseMs: number; now: Date },
): Promise<OutboxRecord | null> {
  const { now } = input;
  const doc = await col.findOneAndUpdate(
    {
      _id: reference,
      $or: [
        { 'delivery.state': 'pending', 'delivery.nextAttemptAt': { $lte: now } },
        { 'delivery.state': 'delivering', 'delivery.leaseUntil': { $lte: now } },
      ],
    },
    {
      $set: {
        'delivery.state': 'delivering',
        'delivery.leaseUntil': new Date(now.getTime() + input.leaseMs),
        'delivery.leaseOwner': input.owner,
      },
      $inc: { 'delivery.attempts': 1 },
    },
    { returnDocument: 'after' },
  );
  return (doc as OutboxRecord | null) ?? null;
}

/** Mark delivered, record the attempt, and move status `received` → `sent` in the same write when it applies. */
export async function markDelivered(
  col: Collection<FeedbackRecord>,
  rec: OutboxRecord,
  owner: string,
  attempt: DeliveryAttempt,
  remoteId: string | undefined,
  via?: DeliveryChannel,
): Promise<boolean> {
  const guard = { _id: rec._id, 'delivery.leaseOwner': owner, 'delivery.state': 'delivering' as const };
  const set: Record<string, unknown> = {
    'delivery.state': 'delivered',
    'delivery.deliveredAt': attempt.at,
    updatedAt: attempt.at,
  };
  if (remoteId !== undefined) set['delivery.remoteId'] = remoteId;
  if (via !== undefined) set['delivery.via'] = via;
  const base = {
    $unset: { 'delivery.leaseUntil': '', 'delivery.leaseOwner': '', 'delivery.lastError': '' } as const,
  };
  if (rec.status === 'received') {
    const sent: StatusChange = { status: 'sent', at: attempt.at, by: 'delivery' };
    const r = await col.updateOne(
      { ...guard, status: 'received' },
      {
        ...base,
        $set: { ...set, status: 'sent' },
        $push: { 'delivery.history': { $each: [attempt], $slice: -HISTORY_LIMIT }, statusHistory: sent },
      },
    );
    if (r.modifiedCount === 1) return true;
  }
  const r = await col.updateOne(guard, {
    ...base,
    $set: set,
    $push: { 'delivery.history': { $each: [attempt], $slice: -HISTORY_LIMIT } },
  });
  return r.modifiedCount === 1;
}

/** Record a failed attempt: back to `pending` at `nextAttemptAt`, or `dead` when `dead` is true. */
export async function markFailed(
  col: Collection<FeedbackRecord>,
  rec: OutboxRecord,
  owner: string,
  attempt: DeliveryAttempt,
  outcome: { dead: boolean; nextAttemptAt: Date; lastError: string },
): Promise<boolean> {
  const r = await col.updateOne(
    { _id: rec._id, 'delivery.leaseOwner': owner, 'delivery.state': 'delivering' },
    {
      $set: {
        'delivery.state': outcome.dead ? 'dead' : 'pending',
        'delivery.nextAttemptAt': outcome.nextAttemptAt,
        'delivery.lastError': outcome.lastError,
        updatedAt: attempt.at,
      },
      $unset: { 'delivery.leaseUntil': '', 'delivery.leaseOwner': '' },
      $push: { 'delivery.history': { $each: [attempt], $slice: -HISTORY_LIMIT } },
    },
  );
  return r.modifiedCount === 1;
}
