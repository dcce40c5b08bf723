/**
 * MongoDB `teamsCards`: the durable queue of Teams channel cards, one document per feedback item. A document is
 * `dirty` while Teams has not yet shown its latest `version` (new item: not posted; changed item: not updated).
 * Workers lease a due document, post or update the card, then record the outcome guarded by the lease, so two
 * servers never post the same card and a failure (Teams down) leaves it due again after a backoff.
 */
import type { Collection, Db } from 'mongodb';
import type { Language } from '../../../services/feedback/types';

/** Where a posted card lives in Teams. */
export interface PostedCard {
  serviceUrl: string;
  /** The thread's conversation id (`19:…;messageid=…`). */
  conversationId: string;
  activityId: string;
  tenantId?: string;
  botId: string;
  /** The language the card is written in (the channel's, when it was posted). */
  language: Language;
}

/** One queued card. `_id` is the feedback reference. */
export interface TeamsCardDoc {
  _id: string;
  agencyId: string;
  /** `active` (being kept up to date), `failed` (Teams refused for good) or `skipped` (no channel when it came). */
  state: 'active' | 'failed' | 'skipped';
  /** Bumped on every change of the item. */
  version: number;
  /** The version Teams shows (0: not posted). */
  shownVersion: number;
  dirty: boolean;
  post?: PostedCard;
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil?: Date;
  leaseOwner?: string;
  lastError?: string;
  createdAt: Date;
  updatedAt: Date;
}

/** The Teams card queue. */
export class TeamsCardQueue {
  private readonly col: Collection<TeamsCardDoc>;

  constructor(db: Db) {
    this.col = db.collection<TeamsCardDoc>('teamsCards');
  }

  /** The due-work index (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ dirty: 1, nextAttemptAt: 1 }, { name: 'teams_cards_due' });
  }

  /** Queue the card of a new item (once: a second call changes nothing). True when it was new. */
  async enqueue(reference: string, agencyId: string, now = new Date()): Promise<boolean> {
    const r = await this.col.updateOne(
      { _id: reference },
      {
        $setOnInsert: {
          agencyId,
          state: 'active',
          version: 1,
          shownVersion: 0,
          dirty: true,
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        },
      },
      { upsert: true },
    );
    return r.upsertedCount === 1;
  }

  /** Which of these references are queued already. */
  async known(references: string[]): Promise<Set<string>> {
    const docs = await this.col.find({ _id: { $in: references } }, { projection: { _id: 1 } }).toArray();
    return new Set(docs.map((d) => d._id));
  }

  /** The item changed: its card must be drawn again. False when it has no card. */
  async changed(reference: string, now = new Date()): Promise<boolean> {
    const r = await this.col.updateOne(
      { _id: reference, state: 'active' },
      { $inc: { version: 1 }, $set: { dirty: true, updatedAt: now } },
    );
    return r.matchedCount === 1;
  }

  /** Lease one due card (dirty, due, not leased by a live worker), oldest due first; null when none. */
  async claim(owner: string, leaseMs: number, now = new Date()): Promise<TeamsCardDoc | null> {
    return this.col.findOneAndUpdate(
      {
        dirty: true,
        state: 'active',
        nextAttemptAt: { $lte: now },
        $or: [{ leaseUntil: { $exists: false } }, { leaseUntil: { $lte: now } }],
      },
      { $set: { leaseUntil: new Date(now.getTime() + leaseMs), leaseOwner: owner } },
      { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
    );
  }

  /** Teams shows `version` now (posted at `post`, or updated). Clean unless it changed again meanwhile. */
  async shown(doc: TeamsCardDoc, owner: string, version: number, post: PostedCard): Promise<void> {
    const now = new Date();
    const set = { shownVersion: version, post, attempts: 0, nextAttemptAt: now, updatedAt: now };
    const guard = { _id: doc._id, leaseOwner: owner };
    const unset = { leaseUntil: '', leaseOwner: '', lastError: '' } as const;
    const clean = await this.col.updateOne(
      { ...guard, version },
      { $set: { ...set, dirty: false }, $unset: unset },
    );
    if (clean.modifiedCount === 0) await this.col.updateOne(guard, { $set: set, $unset: unset });
  }

  /** A failed attempt: due again at `retryAt`, or given up (`failed`, or `skipped` when nothing was posted). */
  async failed(
    doc: TeamsCardDoc,
    owner: string,
    outcome: { retryAt?: Date; error: string; state?: 'failed' | 'skipped' },
  ): Promise<void> {
    const now = new Date();
    await this.col.updateOne(
      { _id: doc._id, leaseOwner: owner },
      {
        $set: {
          lastError: outcome.error,
          updatedAt: now,
          ...(outcome.retryAt ? { nextAttemptAt: outcome.retryAt } : { state: outcome.state ?? 'failed' }),
        },
        $inc: { attempts: 1 },
        $unset: { leaseUntil: '', leaseOwner: '' },
      },
    );
  }

  /** One card's queue state (for tests and tools). */
  async get(reference: string): Promise<TeamsCardDoc | null> {
    return this.col.findOne({ _id: reference });
  }
}
