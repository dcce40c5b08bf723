/**
 * Failed-login limit per email + IP, in MongoDB `loginFailures` (one document per failure, removed by a TTL index),
 * so the limit holds across processes and restarts. Keys are hashed: no email or IP is stored in clear.
 */
import type { Collection, Db } from 'mongodb';
import { sha256 } from './sessions';

/** One failed attempt. */
interface FailureDoc {
  key: string;
  at: Date;
  expireAt: Date;
}

/** Limit settings. */
export interface LimitOptions {
  maxFailures: number;
  windowMs: number;
}

/** Default: 5 failures per 15 minutes. */
export const DEFAULT_LIMIT: LimitOptions = { maxFailures: 5, windowMs: 15 * 60 * 1000 };

/** Counts failed logins and says when an email+IP pair must wait. */
export class LoginLimiter {
  readonly col: Collection<FailureDoc>;

  constructor(
    db: Db,
    readonly options: LimitOptions = DEFAULT_LIMIT,
  ) {
    this.col = db.collection<FailureDoc>('loginFailures');
  }

  /** TTL and key indexes (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0, name: 'login_failure_ttl' });
    await this.col.createIndex({ key: 1, at: -1 }, { name: 'login_failure_key' });
  }

  /** True while the pair has reached the limit within the window. */
  async blocked(email: string, ip: string, now = new Date()): Promise<boolean> {
    const since = new Date(now.getTime() - this.options.windowMs);
    const n = await this.col.countDocuments({ key: keyOf(email, ip), at: { $gt: since } });
    return n >= this.options.maxFailures;
  }

  /** Record one failure. */
  async fail(email: string, ip: string, now = new Date()): Promise<void> {
    await this.col.insertOne({
      key: keyOf(email, ip),
      at: now,
      expireAt: new Date(now.getTime() + this.options.windowMs),
    });
  }

  /** Forget failures after a successful login. */
  async reset(email: string, ip: string): Promise<void> {
    await this.col.deleteMany({ key: keyOf(email, ip) });
  }
}

function keyOf(email: string, ip: string): string {
  return sha256(`${email.trim().toLowerCase()}\n${ip}`);
}
