/**
 * The outbox operations on the `feedback` collection. Every write is a single-document atomic update, guarded by
 * the lease owner, so a worker that lost its lease (it was too slow or died) can never overwrite a newer outcome.
 */
import type { Collection, Filter } from 'mongodb';
import type { DeliveryAttempt, DeliveryState, FeedbackRecord, StatusChange } from '../feedback/types';

/** The delivery sub-document plus the one field the outbox adds: when staff last re-drove it (restarts the age clock). */
export type OutboxDelivery = DeliveryState & { redrivenAt?: Date };
/** A feedback record as the outbox reads it. */
export type OutboxRecord = Omit<FeedbackRecord, 'delivery'> & { delivery: OutboxDelivery };

/** Attempts kept in `delivery.history` (oldest dropped first). */
export const HISTORY_LIMIT = 50;

/** Create the indexes the worker's queries use (idempotent). */
export async function ensureDeliveryIndexes(col: Collection<FeedbackRecord>): Promise<void> {
  await col.createIndex({ 'delivery.state': 1, 'delivery.nextAttemptAt': 1 }, { name: 'delivery_due' });
  await col.createIndex({ agencyId: 1, 'delivery.state': 1, createdAt: 1 }, { name: 'delivery_agency_order' });
}

/** Atomically take the oldest due item (pending and due, or delivering with an expired lease), skipping `exclude`d agencies. */
export async function leaseNext(
  col: Collection<FeedbackRecord>,
  input: { owner: string; leaseMs: number; now: Date; exclude: string[] },
): Promise<OutboxRecord | null> {
  const { now } = input;
  const filter: Filter<FeedbackRecord> = {
    $or: [
      { 'delivery.state': 'pending', 'delivery.nextAttemptAt': { $lte: now } },
      { 'delivery.state': 'delivering', 'delivery.leaseUntil': { $lte: now } },
    ],
  };
  if (input.exclude.length) filter.agencyId = { $nin: input.exclude };
  const doc = await col.findOneAndUpdate(
    filter,
    {
      $set: {
        'delivery.state': 'delivering',
        'delivery.leaseUntil': new Date(now.getTime() + input.leaseMs),
        'delivery.leaseOwner': input.owner,
      },
      $inc: { 'delivery.attempts': 1 },
    },
    { sort: { createdAt: 1, _id: 1 }, returnDocument: 'after' },
  );
  return (doc as OutboxRecord | null) ?? null;
}

/** The oldest item of the same agency, created before `rec`, that is not yet delivered or dead (the head of the line). */
export async function olderUndelivered(
  col: Collection<FeedbackRecord>,
  rec: OutboxRecord,
): Promise<Pick<OutboxRecord, '_id' | 'delivery'> | null> {
  return (await col.findOne(
    {
      agencyId: rec.agencyId,
      'delivery.state': { $in: ['pending', 'delivering'] },
      $or: [{ createdAt: { $lt: rec.createdAt } }, { createdAt: rec.createdAt, _id: { $lt: rec._id } }],
    },
    { projection: { _id: 1, delivery: 1 }, sort: { createdAt: 1, _id: 1 } },
  )) as Pick<OutboxRecord, '_id' | 'delivery'> | null;
}

/** Give a lease back without counting an attempt (the agency's line was busy). */
export async function releaseLease(
  col: Collection<FeedbackRecord>,
  rec: OutboxRecord,
  owner: string,
  nextAttemptAt: Date,
): Promise<boolean> {
  const r = await col.updateOne(
    { _id: rec._id, 'delivery.leaseOwner': owner, 'delivery.state': 'delivering' },
    {
      $set: { 'delivery.state': 'pending', 'delivery.nextAttemptAt': nextAttemptAt },
      $unset: { 'delivery.leaseUntil': '', 'delivery.leaseOwner': '' },
      $inc: { 'delivery.attempts': -1 },
    },
  );
  return r.modifiedCount === 1;
}

/** Mark delivered, record the attempt, and move status `received` → `sent` in the same write when it applies. */
export async function markDelivered(
  col: Collection<FeedbackRecord>,
  rec: OutboxRecord,
  owner: string,
  attempt: DeliveryAttempt,
  remoteId: string | undefined,
): Promise<boolean> {
  const guard = { _id: rec._id, 'delivery.leaseOwner': owner, 'delivery.state': 'delivering' as const };
  const set: Record<string, unknown> = {
    'delivery.state': 'delivered',
    'delivery.deliveredAt': attempt.at,
    updatedAt: attempt.at,
  };
  if (remoteId !== undefined) set['delivery.remoteId'] = remoteId;
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

/**
 * After the head of an agency's line failed, push its younger pending items back to the head's next attempt, so
 * they are not leased (only to be deferred) again and again while the endpoint is down. One write for the lot.
 */
export async function holdYounger(col: Collection<FeedbackRecord>, rec: OutboxRecord, until: Date): Promise<void> {
  if (!rec.agencyId) return;
  await col.updateMany(
    {
      agencyId: rec.agencyId,
      'delivery.state': 'pending',
      'delivery.nextAttemptAt': { $lt: until },
      $or: [{ createdAt: { $gt: rec.createdAt } }, { createdAt: rec.createdAt, _id: { $gt: rec._id } }],
    },
    { $set: { 'delivery.nextAttemptAt': until } },
  );
}
