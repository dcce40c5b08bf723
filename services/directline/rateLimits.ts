/**
 * Fixed-window rate counters in MongoDB `dlRateLimits`, shared by every process using the database.
 * One document per (key, window): `{_id: "<key>|<windowStart>", count, expiresAt}`, bumped with one atomic
 * upsert; a TTL index on `expiresAt` removes old windows. Fixed windows allow up to twice the limit across a
 * window boundary; that is accepted for abuse limits (they stop floods, not bursts).
 */
import { type Collection, type Db, MongoServerError } from 'mongodb';

interface CounterDoc {
  _id: string;
  count: number;
  expiresAt: Date;
}

/** The outcome of counting one event. */
export interface RateDecision {
  /** False when this event is over the limit. */
  allowed: boolean;
  /** Events counted in the current window, this one included. */
  count: number;
  /** Seconds until the current window ends (at least 1). */
  retryAfterSeconds: number;
}

/** Counts events per key in fixed windows. */
export class RateCounter {
  readonly col: Collection<CounterDoc>;

  constructor(
    db: Db,
    /** Window length in milliseconds. */
    readonly windowMs = 60_000,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.col = db.collection<CounterDoc>('dlRateLimits');
  }

  /** Idempotent index creation: windows are deleted by MongoDB once `expiresAt` has passed. */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expiresAt: 1 }, { name: 'expiry', expireAfterSeconds: 0 });
  }

  /** Count one event for `key`; `limit` ≤ 0 means unlimited (nothing is stored). */
  async hit(key: string, limit: number): Promise<RateDecision> {
    const t = this.now();
    const start = t - (t % this.windowMs);
    const retryAfterSeconds = Math.max(1, Math.ceil((start + this.windowMs - t) / 1000));
    if (limit <= 0) return { allowed: true, count: 0, retryAfterSeconds };
    const count = await this.increment(`${key}|${start}`, new Date(start + 2 * this.windowMs));
    return { allowed: count <= limit, count, retryAfterSeconds };
  }

  private async increment(id: string, expiresAt: Date, retried = false): Promise<number> {
    try {
      const doc = await this.col.findOneAndUpdate(
        { _id: id },
        { $inc: { count: 1 }, $setOnInsert: { expiresAt } },
        { upsert: true, returnDocument: 'after', projection: { count: 1 } },
      );
      return doc?.count ?? 1;
    } catch (e) {
      // Two first hits of a window raced on the upsert: the loser retries once as a plain increment.
      if (!retried && e instanceof MongoServerError && e.code === 11000) {
        return this.increment(id, expiresAt, true);
      }
      throw e;
    }
  }

  /** PDPA: the counters kept for one key (e.g. `conversation:<id>`), each with its window and count. */
  async exportKey(key: string): Promise<{ id: string; count: number; expiresAt: Date }[]> {
    const docs = await this.col.find({ _id: { $regex: `^${escapeRegex(key)}\\|` } }).toArray();
    return docs.map((d) => ({ id: d._id, count: d.count, expiresAt: d.expiresAt }));
  }

  /** PDPA erasure: drop the counters of one key. */
  async eraseKey(key: string): Promise<number> {
    return (await this.col.deleteMany({ _id: { $regex: `^${escapeRegex(key)}\\|` } })).deletedCount;
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
