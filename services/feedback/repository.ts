/** MongoDB `feedback` collection: the record and its pending delivery are one document, so one insert is atomic. */
import type { Collection, Db } from 'mongodb';
import type { FeedbackRecord } from './types';

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

/** Data access for feedback records. */
export class FeedbackRepository {
  readonly col: Collection<FeedbackRecord>;

  constructor(db: Db) {
    this.col = db.collection<FeedbackRecord>('feedback');
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
    await this.col.updateOne(
      { _id: reference, 'confirmation.state': 'pending' },
      {
        $set: { 'confirmation.state': 'sent', 'confirmation.at': new Date(), 'confirmation.late': late },
        $unset: { 'confirmation.leaseUntil': '' },
      },
    );
  }

  /** One record by reference. */
  async get(reference: string): Promise<FeedbackRecord | null> {
    return this.col.findOne({ _id: reference });
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

  /** PDPA erasure: remove personal data from every record of a citizen; returns how many were changed. */
  async eraseCitizen(citizenKey: string): Promise<number> {
    const res = await this.col.updateMany(
      { citizenKey },
      {
        $set: {
          text: '[erased at the citizen’s request]',
          attachments: [],
          anonymous: true,
          consent: { contact: false },
          channel: { channelId: 'erased', conversationReference: {} },
          citizenKey: 'erased',
          updatedAt: new Date(),
        },
        $unset: { contact: '', 'rating.comment': '' },
      },
    );
    return res.modifiedCount;
  }
}
