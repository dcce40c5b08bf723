/**
 * The "results are out" message to each participant of a closed consultation, kept apart from the pseudonymous
 * answers: `consultationNotices` holds, per citizen and consultation, the conversation to write to (written when
 * they answer) and the notice's state. A sweeper leases one at a time with an atomic findOneAndUpdate (so two
 * processes never take the same one), sends, and records `sent` / `unreachable` / `retry`; once the message is sent
 * or given up, the conversation reference is deleted. A process that dies after leasing leaves a lease that expires,
 * and the next sweep takes it again. PDPA erasure deletes the citizen's documents here too.
 */
import type { Collection, Db } from 'mongodb';
import type { Language } from '../feedback/types';
import type { ResponseChannel } from './types';

/** A leased participant: who to tell, where, in which language. */
export interface ClosingRecipient {
  id: string;
  consultationId: string;
  language: Language;
  channel: ResponseChannel;
  /** How many times it was leased, this time included. */
  attempts: number;
}

/** One participant's notice: where to write (until told) and what happened. */
export interface ClosingNoticeDoc {
  _id: string;
  consultationId: string;
  citizenKey: string;
  language: Language;
  channel?: ResponseChannel;
  state?: 'leased' | 'sent' | 'unreachable' | 'retry';
  /** Until when the lease holds (`leased`) or when to try again (`retry`). */
  until?: Date;
  at?: Date;
  attempts: number;
}

/** Stored state of the closing messages (part of ConsultationRepository: `repo.closing`). */
export class ClosingNoticeStore {
  private readonly col: Collection<ClosingNoticeDoc>;

  constructor(db: Db) {
    this.col = db.collection<ClosingNoticeDoc>('consultationNotices');
  }

  /** Indexes for the sweep and for erasure (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ consultationId: 1, state: 1, until: 1 }, { name: 'sweep' });
    await this.col.createIndex({ citizenKey: 1 }, { name: 'citizen' });
  }

  /** Remember where to tell this citizen when the consultation closes (their latest conversation and language). */
  async remember(
    consultationId: string,
    citizenKey: string,
    language: Language,
    channel: ResponseChannel,
  ): Promise<void> {
    await this.col.updateOne(
      { _id: `${consultationId}:${citizenKey}` },
      { $set: { consultationId, citizenKey, language, channel }, $setOnInsert: { attempts: 0 } },
      { upsert: true },
    );
  }

  /** Lease the next participant of `consultationIds` still to be told (none yet, lease expired, retry due). */
  async lease(
    consultationIds: readonly string[],
    now: Date,
    leaseMs: number,
  ): Promise<ClosingRecipient | null> {
    if (consultationIds.length === 0) return null;
    const doc = await this.col.findOneAndUpdate(
      {
        consultationId: { $in: [...consultationIds] },
        channel: { $exists: true },
        $or: [{ state: { $exists: false } }, { state: { $in: ['leased', 'retry'] }, until: { $lt: now } }],
      },
      { $set: { state: 'leased', until: new Date(now.getTime() + leaseMs), at: now }, $inc: { attempts: 1 } },
      { returnDocument: 'after' },
    );
    if (!doc?.channel) return null;
    const { _id, consultationId, language, channel, attempts } = doc;
    return { id: _id, consultationId, language, channel, attempts };
  }

  /** Record a leased participant's outcome; `sent`/`unreachable` also forget the conversation reference. */
  async finish(id: string, state: 'sent' | 'unreachable' | 'retry', retryAt?: Date): Promise<void> {
    const set = { state, at: new Date() };
    await this.col.updateOne(
      { _id: id, state: 'leased' },
      state === 'retry'
        ? { $set: { ...set, until: retryAt ?? new Date() } }
        : { $set: set, $unset: { until: '', channel: '' } },
    );
  }

  /** The notice state of one participant (tests, "my data"). */
  async get(consultationId: string, citizenKey: string): Promise<ClosingNoticeDoc | null> {
    return this.col.findOne({ _id: `${consultationId}:${citizenKey}` });
  }

  /** PDPA access: where this citizen is to be told of results, per consultation (the channel address included). */
  async exportCitizen(citizenKey: string): Promise<Omit<ClosingNoticeDoc, '_id'>[]> {
    const docs = await this.col.find({ citizenKey }, { projection: { _id: 0 } }).toArray();
    return docs as Omit<ClosingNoticeDoc, '_id'>[];
  }

  /** PDPA erasure: delete every notice of this citizen; returns how many. */
  async eraseCitizen(citizenKey: string): Promise<number> {
    return (await this.col.deleteMany({ citizenKey })).deletedCount;
  }
}
