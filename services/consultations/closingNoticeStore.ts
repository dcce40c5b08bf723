/**
 * The "results are out" message to each participant of a closed consultation, made durable and idempotent on the
 * response document itself: a sweeper leases one response at a time with an atomic findOneAndUpdate (so two
 * processes never take the same one), sends, and records `sent` / `unreachable` / `retry`. A process that dies
 * after leasing leaves a lease that expires, and the next sweep takes the response again.
 */
import type { Collection } from 'mongodb';
import type { Language } from '../feedback/types';
import type { ResponseChannel } from './types';

/** The state of one participant's closing message. */
export interface ClosingNotice {
  state: 'leased' | 'sent' | 'unreachable' | 'retry';
  /** Until when the lease holds (state `leased`) or when to try again (state `retry`). */
  until?: Date;
  at: Date;
  attempts: number;
}

/** A leased participant: who to tell, where, in which language. */
export interface ClosingRecipient {
  id: string;
  consultationId: string;
  language: Language;
  channel: ResponseChannel;
  /** How many times it was leased, this time included. */
  attempts: number;
}

interface NoticeDoc {
  _id: string;
  consultationId: string;
  language: Language;
  channel?: ResponseChannel;
  closingNotice?: ClosingNotice;
}

/** Stored state of the closing messages (part of ConsultationRepository: `repo.closing`). */
export class ClosingNoticeStore {
  constructor(private readonly responses: Collection<NoticeDoc>) {}

  /** Index for the sweep query (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.responses.createIndex(
      { consultationId: 1, 'closingNotice.state': 1, 'closingNotice.until': 1 },
      { name: 'closingNotice' },
    );
  }

  /** Lease the next participant of `consultationIds` still to be told (none yet, lease expired, retry due). */
  async lease(
    consultationIds: readonly string[],
    now: Date,
    leaseMs: number,
  ): Promise<ClosingRecipient | null> {
    if (consultationIds.length === 0) return null;
    const doc = await this.responses.findOneAndUpdate(
      {
        consultationId: { $in: [...consultationIds] },
        channel: { $exists: true },
        $or: [
          { closingNotice: { $exists: false } },
          { 'closingNotice.state': { $in: ['leased', 'retry'] }, 'closingNotice.until': { $lt: now } },
        ],
      },
      {
        $set: {
          'closingNotice.state': 'leased',
          'closingNotice.until': new Date(now.getTime() + leaseMs),
          'closingNotice.at': now,
        },
        $inc: { 'closingNotice.attempts': 1 },
      },
      { returnDocument: 'after' },
    );
    if (!doc?.channel) return null;
    return {
      id: doc._id,
      consultationId: doc.consultationId,
      language: doc.language,
      channel: doc.channel,
      attempts: doc.closingNotice?.attempts ?? 1,
    };
  }

  /** Record the outcome of a leased participant's message (`retry` with the time to try again). */
  async finish(id: string, state: 'sent' | 'unreachable' | 'retry', retryAt?: Date): Promise<void> {
    const set = { 'closingNotice.state': state, 'closingNotice.at': new Date() };
    await this.responses.updateOne(
      { _id: id, 'closingNotice.state': 'leased' },
      state === 'retry'
        ? { $set: { ...set, 'closingNotice.until': retryAt ?? new Date() } }
        : { $set: set, $unset: { 'closingNotice.until': '' } },
    );
  }
}
