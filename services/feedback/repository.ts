/**
 * MongoDB `feedback` collection: the record and its pending delivery are one document, so one insert is atomic.
 * This module is the only one that touches the collection: every other module calls a named method here (or on
 * `outbox`, the delivery queue in the same documents).
 */
import type { Collection, Db, Filter } from 'mongodb';
import { FeedbackAggregates } from './aggregates';
import { escapeRegex, FeedbackInbox, scopeFilter, type FeedbackScope } from './inboxStore';
import { CitizenRecords } from './citizenRecords';
import { FeedbackNearby } from './nearby';
import { FeedbackOutbox } from './outbox';
import { FeedbackSupporters } from './supporters';
import type { FeedbackRecord, FeedbackStatus, StatusChange } from './types';

const DUPLICATE_KEY = 11000;

/** Raised when a generated reference already exists (astronomically rare; the caller draws another). */
export class ReferenceTakenError extends Error {
  readonly code = 'REFERENCE_TAKEN';
}

/** Raised when the same inbound message was already filed (a redelivered turn); carries the existing reference. */
export class AlreadyFiledError extends Error {
  readonly code = 'ALREADY_FILED';
  constructor(
    readonly reference: string,
    readonly agencyId: string | null,
  ) {
    super(`Already filed as ${reference}`);
  }
}

/** Raised when a record does not exist or is not the caller's to see or change (one answer for both). */
export class FeedbackNotFoundError extends Error {
  readonly code = 'FEEDBACK_NOT_FOUND';
  constructor(readonly reference: string) {
    super(`Feedback ${reference} not found`);
  }
}

export type { FeedbackScope } from './inboxStore';

/** Staff list filters (all optional) and the page wanted. */
export interface StaffListQuery {
  status?: FeedbackStatus;
  category?: string;
  /** Case-insensitive text matched against reference, text and place. */
  q?: string;
  page: number;
  pageSize: number;
}

/** Open311 `GET requests` filters: by references, or by categories, creation window and open/closed. */
export interface PublicRequestQuery {
  references?: string[];
  categories?: string[];
  createdFrom?: Date;
  createdTo?: Date;
  statusIn?: readonly FeedbackStatus[];
  statusNotIn?: readonly FeedbackStatus[];
  limit: number;
}

/** A staff reply as stored on the record. */
export interface StoredReply {
  text: string;
  at: Date;
  by: string;
}

/** Notification state fields the notifier keeps on a record. */
export type NotificationField = 'unreachable' | 'lastFailure';

/** Data access for feedback records. */
export class FeedbackRepository {
  private readonly col: Collection<FeedbackRecord>;
  /** The delivery outbox (lease, complete, retry, dead letters) over the same documents. */
  readonly outbox: FeedbackOutbox;
  /** Read-only, non-personal facts for reports and open data (aggregates.ts). */
  readonly aggregates: FeedbackAggregates;
  /** The staff inbox (filtered pages, counts, export cursor, assignee, notes, merge) over the same documents. */
  readonly inbox: FeedbackInbox;
  /** A citizen's own data in the collection (PDPA export and erasure). */
  readonly citizens: CitizenRecords;
  /** "Me too" look-ups: open items near a pin or on the same street. */
  readonly nearby: FeedbackNearby;
  /** Citizens who added their voice to an item. */
  readonly supporters: FeedbackSupporters;

  constructor(db: Db) {
    this.col = db.collection<FeedbackRecord>('feedback');
    this.outbox = new FeedbackOutbox(this.col);
    this.aggregates = new FeedbackAggregates({
      filterOf: (scope) => scopeFilter(scope) as Record<string, unknown>,
      find: (filter, projection) => this.col.find(filter as Filter<FeedbackRecord>, { projection }),
    });
    this.inbox = new FeedbackInbox(this.col);
    this.citizens = new CitizenRecords(this.col);
    this.nearby = new FeedbackNearby(this.col);
    this.supporters = new FeedbackSupporters(this.col);
  }

  /** Indexes for staff lists, the delivery worker and citizen look-ups (idempotent). */
  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.col.createIndex({ agencyId: 1, createdAt: -1 }),
      this.col.createIndex({ 'delivery.state': 1, 'delivery.nextAttemptAt': 1 }),
      this.col.createIndex({ citizenKey: 1 }),
      this.col.createIndex({ status: 1, updatedAt: -1 }),
      this.col.createIndex({ sourceKey: 1 }, { unique: true, sparse: true, name: 'sourceKey_unique' }),
      this.col.createIndex({ 'confirmation.state': 1, createdAt: 1 }),
      this.inbox.ensureIndexes(),
      this.nearby.ensureIndexes(),
    ]);
  }

  /**
   * Insert a new record durably (majority write concern). Throws AlreadyFiledError when a record with the same
   * sourceKey exists (the same message delivered twice), ReferenceTakenError on a reference clash.
   */
  async insert(record: FeedbackRecord): Promise<void> {
    try {
      await this.col.insertOne(record, { writeConcern: { w: 'majority', j: true } });
    } catch (err) {
      if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
      if (record.sourceKey) {
        const existing = await this.col.findOne(
          { sourceKey: record.sourceKey },
          { projection: { agencyId: 1 } },
        );
        if (existing) throw new AlreadyFiledError(existing._id, existing.agencyId);
      }
      throw new ReferenceTakenError(record._id);
    }
  }

  /** Record that the citizen's conversation got the confirmation (by the filing turn, or `late` by the sweeper). */
  async markConfirmed(reference: string, late: boolean): Promise<void> {
    await this.finishConfirmation(reference, 'sent', late);
  }

  /** One record by reference. */
  async get(reference: string): Promise<FeedbackRecord | null> {
    return this.col.findOne({ _id: reference });
  }

  /** One record by reference, only when it belongs to `agencyId` (any agency when undefined). */
  async getForAgency(reference: string, agencyId?: string): Promise<FeedbackRecord | null> {
    return this.col.findOne(agencyId === undefined ? { _id: reference } : { _id: reference, agencyId });
  }

  /**
   * Append a status change, guarded by the version read (`updatedAt` and `status`): false when someone changed the
   * record in between (the caller reads again and retries).
   */
  async appendStatus(
    read: Pick<FeedbackRecord, '_id' | 'updatedAt' | 'status'>,
    change: StatusChange,
  ): Promise<boolean> {
    const r = await this.col.updateOne(
      { _id: read._id, updatedAt: read.updatedAt, status: read.status },
      { $set: { status: change.status, updatedAt: change.at }, $push: { statusHistory: change } },
    );
    return r.modifiedCount === 1;
  }

  /** Store a staff reply (scoped to `agencyId` when given); the record after the write, or null when not found. */
  async addReply(reference: string, reply: StoredReply, agencyId?: string): Promise<FeedbackRecord | null> {
    const filter: Filter<FeedbackRecord> = { _id: reference };
    if (agencyId !== undefined) filter.agencyId = agencyId;
    return this.col.findOneAndUpdate(
      filter,
      { $push: { replies: reply }, $set: { updatedAt: reply.at } },
      { returnDocument: 'after' },
    );
  }

  /** Note that a channel could not reach the citizen (`unreachable`: never try again) or failed once. */
  async markNotification(
    reference: string,
    field: NotificationField,
    value: { at: Date; channelId: string; code: string },
  ): Promise<void> {
    await this.col.updateOne({ _id: reference }, { $set: { [`notifications.${field}`]: value } });
  }

  /**
   * Lease the oldest chat filing whose confirmation is still pending after `filedBefore` (one process sends each);
   * null when there is none.
   */
  async leaseOverdueConfirmation(
    filedBefore: Date,
    now: Date,
    leaseUntil: Date,
  ): Promise<FeedbackRecord | null> {
    return this.col.findOneAndUpdate(
      {
        'confirmation.state': 'pending',
        createdAt: { $lte: filedBefore },
        $or: [{ 'confirmation.leaseUntil': { $exists: false } }, { 'confirmation.leaseUntil': { $lt: now } }],
      },
      { $set: { 'confirmation.leaseUntil': leaseUntil } },
      { sort: { createdAt: 1 }, returnDocument: 'after' },
    );
  }

  /** Finish a pending confirmation as `sent` or `unreachable` (`late`: by the sweeper, not the filing turn). */
  async finishConfirmation(reference: string, state: 'sent' | 'unreachable', late: boolean): Promise<void> {
    await this.col.updateOne(
      { _id: reference, 'confirmation.state': 'pending' },
      {
        $set: { 'confirmation.state': state, 'confirmation.at': new Date(), 'confirmation.late': late },
        $unset: { 'confirmation.leaseUntil': '' },
      },
    );
  }

  /** Leave a pending confirmation alone until `until` (it could not be sent now). */
  async retryConfirmationAt(reference: string, until: Date): Promise<void> {
    await this.col.updateOne(
      { _id: reference, 'confirmation.state': 'pending' },
      { $set: { 'confirmation.leaseUntil': until } },
    );
  }

  /** Delivered records with a remote id whose status is not final, least recently updated first (for polling). */
  async awaitingRemoteStatus(
    finalStatuses: readonly FeedbackStatus[],
    limit: number,
  ): Promise<FeedbackRecord[]> {
    return this.col
      .find({
        'delivery.state': 'delivered',
        'delivery.remoteId': { $exists: true },
        status: { $nin: [...finalStatuses] },
      })
      .sort({ updatedAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** Record the id the receiving system gave the record (e.g. an Open311 token resolved to its request id). */
  async setRemoteId(reference: string, remoteId: string): Promise<void> {
    await this.col.updateOne({ _id: reference }, { $set: { 'delivery.remoteId': remoteId } });
  }

  /** Records for the public Open311 `GET requests`, newest first (the caller maps them to the public view). */
  async publicRequests(q: PublicRequestQuery): Promise<FeedbackRecord[]> {
    const filter: Filter<FeedbackRecord> = {};
    if (q.references) filter._id = { $in: q.references };
    if (q.categories) filter.category = { $in: q.categories as FeedbackRecord['category'][] };
    if (q.createdFrom || q.createdTo) {
      filter.createdAt = {
        ...(q.createdFrom ? { $gte: q.createdFrom } : {}),
        ...(q.createdTo ? { $lte: q.createdTo } : {}),
      };
    }
    if (q.statusIn) filter.status = { $in: [...q.statusIn] };
    else if (q.statusNotIn) filter.status = { $nin: [...q.statusNotIn] };
    return this.col.find(filter).sort({ createdAt: -1 }).limit(q.limit).toArray();
  }

  /** One page of the records in `scope` matching the staff filters, newest first, with only `fields`. */
  async staffPage(
    scope: FeedbackScope,
    query: StaffListQuery,
    fields: Record<string, 1>,
  ): Promise<{ docs: FeedbackRecord[]; total: number }> {
    const parts: Filter<FeedbackRecord>[] = [scopeFilter(scope)];
    if (query.status) parts.push({ status: query.status });
    if (query.category) parts.push({ category: query.category as FeedbackRecord['category'] });
    const q = query.q?.trim();
    if (q) {
      const rx = { $regex: escapeRegex(q), $options: 'i' };
      parts.push({ $or: [{ _id: rx }, { text: rx }, { 'location.place': rx }, { 'location.text': rx }] });
    }
    const filter: Filter<FeedbackRecord> = parts.length === 1 ? parts[0]! : { $and: parts };
    const total = await this.col.countDocuments(filter);
    const docs = await this.col
      .find(filter, { projection: fields })
      .sort({ createdAt: -1, _id: 1 })
      .skip((query.page - 1) * query.pageSize)
      .limit(query.pageSize)
      .toArray();
    return { docs, total };
  }

  /**
   * Records in `scope` whose status is not one of `finished`, with only what deadlines need, as a cursor (the
   * caller counts; nothing is held in memory). Uses the { agencyId, createdAt } index for one agency.
   */
  openInScope(
    scope: FeedbackScope,
    finished: readonly FeedbackStatus[],
  ): AsyncIterable<Pick<FeedbackRecord, '_id' | 'agencyId' | 'category' | 'createdAt' | 'statusHistory'>> {
    return this.col.find(
      { $and: [scopeFilter(scope), { status: { $nin: [...finished] } }] },
      { projection: { _id: 1, agencyId: 1, category: 1, createdAt: 1, statusHistory: 1 } },
    );
  }

  /** One record if it is in `scope`, else null. */
  async findInScope(scope: FeedbackScope, reference: string): Promise<FeedbackRecord | null> {
    return this.col.findOne({ $and: [{ _id: reference }, scopeFilter(scope)] });
  }

  /**
   * Give a record of the "could not route" queue to an agency and queue its delivery, in one guarded write. False
   * when it is not in the queue any more (or does not exist).
   */
  async assignUnrouted(reference: string, agencyId: string, reason: string, now: Date): Promise<boolean> {
    const r = await this.col.updateOne(
      { $and: [{ _id: reference }, scopeFilter({ kind: 'unrouted' })] },
      {
        $set: {
          agencyId,
          routing: { state: 'routed', reason },
          'delivery.state': 'pending',
          'delivery.attempts': 0,
          'delivery.nextAttemptAt': now,
          updatedAt: now,
        },
      },
    );
    return r.modifiedCount === 1;
  }

  /** Records filed by one citizen, newest first. */
  async byCitizen(citizenKey: string, limit = 5): Promise<FeedbackRecord[]> {
    return this.col.find({ citizenKey }).sort({ createdAt: -1 }).limit(limit).toArray();
  }

  /** Store a rating, only for the citizen who filed it and only once the matter is resolved or closed. */
  async setRating(reference: string, citizenKey: string, score: number, comment?: string): Promise<boolean> {
    const rating = { score, at: new Date(), ...(comment ? { comment } : {}) };
    const res = await this.col.updateOne(
      { _id: reference, citizenKey, status: { $in: ['resolved', 'closed'] } },
      { $set: { rating, updatedAt: new Date() } },
    );
    return res.matchedCount === 1;
  }

  /**
   * PDPA erasure of a citizen's items (see CitizenRecords.erase) and of their "me too" entries on others' items
   * (the supporter count follows); returns how many of their own items were anonymised.
   */
  async eraseCitizen(citizenKey: string): Promise<number> {
    await this.supporters.eraseCitizen(citizenKey);
    return (await this.citizens.erase(citizenKey)).items.length;
  }
}
