/**
 * Login attempt limit per email + IP, in MongoDB `loginAttempts`: one counter document per pair, incremented
 * atomically (findOneAndUpdate, upsert) BEFORE the password is checked, so N simultaneous attempts cannot all be
 * checked — at most `maxFailures` are, the rest are refused. The counter window starts at the first attempt and the
 * document is removed by a TTL index after it. Keys are hashed: no email or IP is stored in clear.
 */
import type { Collection, Db } from 'mongodb';
import { sha256 } from './sessions';

/** One email+IP counter. */
interface AttemptDoc {
  _id: string;
  count: number;
  since: Date;
  expireAt: Date;
}

/** Limit settings. */
export interface LimitOptions {
  maxFailures: number;
  windowMs: number;
}

/** Default: 5 failures per 15 minutes. */
export const DEFAULT_LIMIT: LimitOptions = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** Counts login attempts and says which may be checked. */
export class LoginLimiter {
  readonly col: Collection<AttemptDoc>;

  constructor(
    db: Db,
    readonly options: LimitOptions = DEFAULT_LIMIT,
  ) {
    this.col = db.collection<AttemptDoc>('loginAttempts');
  }

  /** TTL index (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0, name: 'login_attempt_ttl' });
  }

  /**
   * Count one attempt, atomically, and say whether it may be checked: true for the first `maxFailures` attempts
   * in the window, false after. Call before verifying the password; call `reset` after a success.
   */
  async attempt(email: string, ip: string, now = new Date()): Promise<boolean> {
    const _id = keyOf(email, ip);
    // A counter whose window is over (the TTL monitor runs about once a minute) no longer counts.
    await this.col.deleteOne({ _id, expireAt: { $lte: now } });
    for (let tries = 0; ; tries++) {
      try {
        const doc = await this.col.findOneAndUpdate(
          { _id },
          {
            $inc: { count: 1 },
            $setOnInsert: { since: now, expireAt: new Date(now.getTime() + this.options.windowMs) },
          },
          { upsert: true, returnDocument: 'after' },
        );
        return (doc?.count ?? Infinity) <= this.options.maxFailures;
      } catch (e) {
        // Two first attempts raced to insert the counter: the loser increments the winner's document.
        if ((e as { code?: number }).code !== 11000 || tries >= 3) throw e;
      }
    }
  }

  /** True while the pair has used up its attempts in the window (does not count an attempt). */
  async blocked(email: string, ip: string, now = new Date()): Promise<boolean> {
    const doc = await this.col.findOne({ _id: keyOf(email, ip), expireAt: { $gt: now } });
    return (doc?.count ?? 0) >= this.options.maxFailures;
  }

  /** Forget the attempts after a successful login. */
  async reset(email: string, ip: string): Promise<void> {
    await this.col.deleteOne({ _id: keyOf(email, ip) });
  }
}

function keyOf(email: string, ip: string): string {
  return sha256(`${email.trim().toLowerCase()}\n${ip}`);
}
