/** Remembers used request signatures for the replay window, in MongoDB (so it holds across processes). */
import type { Collection, Db } from 'mongodb';

/** One used signature; removed by a TTL index after `expireAt`. */
export interface UsedSignature {
  _id: string;
  expireAt: Date;
}

/** Rejects a signature seen before within its window. */
export class ReplayGuard {
  readonly col: Collection<UsedSignature>;

  constructor(db: Db, collectionName = 'usedSignatures') {
    this.col = db.collection<UsedSignature>(collectionName);
  }

  /** TTL index (idempotent). Expired entries may linger ~60 s (TTL monitor); `firstUse` ignores them correctly. */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expireAt: 1 }, { expireAfterSeconds: 0, name: 'used_signature_ttl' });
  }

  /** True the first time `key` is used; false if it was already used and has not expired. */
  async firstUse(key: string, windowMs: number, now: Date = new Date()): Promise<boolean> {
    const expireAt = new Date(now.getTime() + windowMs * 2);
    try {
      await this.col.insertOne({ _id: key, expireAt });
      return true;
    } catch (e) {
      if ((e as { code?: number }).code !== 11000) throw e;
      // An entry the TTL monitor has not removed yet does not count once past its time.
      const r = await this.col.updateOne({ _id: key, expireAt: { $lte: now } }, { $set: { expireAt } });
      return r.modifiedCount === 1;
    }
  }
}
