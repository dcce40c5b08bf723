/**
 * The outbox operations on the `feedback` collection, owned by the feedback module (FeedbackRepository.outbox).
 * Every write is a single-document atomic update, guarded by the lease owner, so a worker that lost its lease (it
 * was too slow or died) can never overwrite a newer outcome. Dead letters are listed and re-driven here too.
 */
import type { Collection, Filter } from 'mongodb';
import type { DeliveryAttempt, DeliveryChannel, DeliveryState, FeedbackRecord, StatusChange } from './types';

/** The delivery sub-document plus the one field the outbox adds: when staff last re-drove it (restarts the age clock). */
export type OutboxDelivery = DeliveryState & { redrivenAt?: Date };
/** A feedback record as the outbox reads it. */
export type OutboxRecord = Omit<FeedbackRecord, 'delivery'> & { delivery: OutboxDelivery };

/** Attempts kept in `delivery.history` (oldest dropped first). */
export const HISTORY_LIMIT = 50;

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

/** What a lane needs to know about a queued item to decide whether it may be claimed now. */
export type QueuedItem = Pick<OutboxRecord, '_id'> & {
  delivery: Pick<OutboxDelivery, 'state' | 'nextAttemptAt' | 'leaseUntil'>;
};

/** When a queued item may be claimed: now or in the past means it is due. */
export function dueAt(item: QueuedItem): Date {
  const d = item.delivery;
  return new Date(d.state === 'delivering' ? (d.leaseUntil ?? 0) : d.nextAttemptAt);
}

const UNDELIVERED: Filter<FeedbackRecord> = { 'delivery.state': { $in: ['pending', 'delivering'] } };

/** The delivery outbox inside the feedback collection. */
export class FeedbackOutbox {
  constructor(private readonly col: Collection<FeedbackRecord>) {}

  /** Create the indexes the worker's queries use (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex(
      { 'delivery.state': 1, 'delivery.nextAttemptAt': 1 },
      { name: 'delivery_due' },
    );
    await this.col.createIndex(
      { agencyId: 1, 'delivery.state': 1, createdAt: 1, _id: 1 },
      { name: 'delivery_lane' },
    );
  }

  /** Agencies that have items not yet delivered nor dead (pending, or delivering under a lease), minus `exclude`. */
  async agenciesWithWork(exclude: string[]): Promise<(string | null)[]> {
    const filter: Filter<FeedbackRecord> = { 'delivery.state': { $in: ['pending', 'delivering'] } };
    if (exclude.length) filter.agencyId = { $nin: exclude };
    return (await this.col.distinct('agencyId', filter)) as (string | null)[];
  }

  /** The oldest `limit` undelivered items of one agency, in delivery order (createdAt, then reference). */
  async laneSnapshot(agencyId: string | null, limit: number): Promise<QueuedItem[]> {
    return (await this.col
      .find(
        { agencyId, 'delivery.state': { $in: ['pending', 'delivering'] } },
        {
          projection: { _id: 1, 'delivery.state': 1, 'delivery.nextAttemptAt': 1, 'delivery.leaseUntil': 1 },
        },
      )
      .sort({ createdAt: 1, _id: 1 })
      .limit(limit)
      .toArray()) as QueuedItem[];
  }

  /**
   * Atomically lease one item by reference if it is due (pending and due, or delivering with an expired lease):
   * state `delivering`, a lease until `now + leaseMs` owned by `owner`, and one more attempt counted (so a poison item
   * that kills workers still reaches the attempt limit). Null when someone else has it or it is not due.
   */
  async claim(
    reference: string,
    input: { owner: string; leaseMs: number; now: Date },
  ): Promise<OutboxRecord | null> {
    const { now } = input;
    const doc = await this.col.findOneAndUpdate(
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
  async markDelivered(
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
      const r = await this.col.updateOne(
        { ...guard, status: 'received' },
        {
          ...base,
          $set: { ...set, status: 'sent' },
          $push: { 'delivery.history': { $each: [attempt], $slice: -HISTORY_LIMIT }, statusHistory: sent },
        },
      );
      if (r.modifiedCount === 1) return true;
    }
    const r = await this.col.updateOne(guard, {
      ...base,
      $set: set,
      $push: { 'delivery.history': { $each: [attempt], $slice: -HISTORY_LIMIT } },
    });
    return r.modifiedCount === 1;
  }

  /** Record a failed attempt: back to `pending` at `nextAttemptAt`, or `dead` when `dead` is true. */
  async markFailed(
    rec: OutboxRecord,
    owner: string,
    attempt: DeliveryAttempt,
    outcome: { dead: boolean; nextAttemptAt: Date; lastError: string },
  ): Promise<boolean> {
    const r = await this.col.updateOne(
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

  /** Dead letters, oldest first, optionally for one agency. */
  async listDeadLetters(opts: { agencyId?: string; limit?: number } = {}): Promise<DeadLetterView[]> {
    const filter: Filter<FeedbackRecord> = { 'delivery.state': 'dead' };
    if (opts.agencyId) filter.agencyId = opts.agencyId;
    const docs = await this.col
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
  async redrive(reference: string, opts: { agencyId?: string; now?: Date } = {}): Promise<boolean> {
    const now = opts.now ?? new Date();
    const filter: Filter<FeedbackRecord> = { _id: reference, 'delivery.state': 'dead' };
    if (opts.agencyId) filter.agencyId = opts.agencyId;
    const r = await this.col.updateOne(filter, {
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

  /** Delivery state and attempts of one record (no personal data), for `npm run deliveries -- show`. */
  async deliveryOf(
    reference: string,
  ): Promise<Pick<FeedbackRecord, '_id' | 'agencyId' | 'status' | 'delivery'> | null> {
    return this.col.findOne({ _id: reference }, { projection: { agencyId: 1, status: 1, delivery: 1 } });
  }

  /** Items not yet delivered (pending or being delivered), for the outbox depth gauge. */
  async depth(): Promise<number> {
    return this.col.countDocuments(UNDELIVERED);
  }

  /** When the oldest undelivered item was filed; null when none. */
  async oldestUndeliveredAt(): Promise<Date | null> {
    const oldest = await this.col
      .find(UNDELIVERED, { projection: { createdAt: 1 } })
      .sort({ createdAt: 1 })
      .limit(1)
      .next();
    return oldest ? new Date(oldest.createdAt) : null;
  }
}
