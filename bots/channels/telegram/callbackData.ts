/**
 * Button values ↔ Telegram callback data (at most 64 bytes). Short values travel inline (`v:<value>`); longer
 * ones are replaced by a short stable id (`k:<hash>`) remembered in memory and in MongoDB `telegramCallbacks`
 * (so any instance, or this one after a restart, can resolve a tap). If MongoDB is down when encoding, the
 * in-memory entry still serves this process.
 */
import { createHash } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { describeError } from './errors';
import { log } from './log';

/** Days a stored button payload is kept after its last use. */
export const CALLBACK_RETENTION_DAYS = 90;

/** Telegram's callback_data limit in bytes. */
export const CALLBACK_DATA_LIMIT = 64;

interface CallbackDoc {
  _id: string;
  value: string;
  lastUsedAt: Date;
}

/** Encodes button values into callback data and back. */
export class CallbackCodec {
  private readonly col?: Collection<CallbackDoc>;
  private readonly memory = new Map<string, string>();

  constructor(
    db?: Db,
    private readonly maxMemoryEntries = 10_000,
    private readonly retentionDays = CALLBACK_RETENTION_DAYS,
  ) {
    this.col = db?.collection<CallbackDoc>('telegramCallbacks');
  }

  /** Create the TTL index (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col?.createIndex(
      { lastUsedAt: 1 },
      { expireAfterSeconds: this.retentionDays * 86_400, name: 'last_used_ttl' },
    );
  }

  /** Callback data for a button value; always within 64 bytes. */
  async encode(value: string): Promise<string> {
    const inline = `v:${value}`;
    if (Buffer.byteLength(inline, 'utf8') <= CALLBACK_DATA_LIMIT) return inline;
    const id = createHash('sha256').update(value, 'utf8').digest('base64url').slice(0, 22);
    this.remember(id, value);
    try {
      await this.col?.updateOne({ _id: id }, { $set: { value, lastUsedAt: new Date() } }, { upsert: true });
    } catch (err) {
      log('warn', 'callback_store_unavailable', describeError(err));
    }
    return `k:${id}`;
  }

  /** The button value behind callback data, or undefined if unknown/expired. Throws if storage is down and needed. */
  async decode(data: string): Promise<string | undefined> {
    if (data.startsWith('v:')) return data.slice(2);
    if (!data.startsWith('k:')) return undefined;
    const id = data.slice(2);
    const known = this.memory.get(id);
    if (known !== undefined) return known;
    const doc = await this.col?.findOne({ _id: id });
    if (doc) this.remember(id, doc.value);
    return doc?.value;
  }

  /**
   * PDPA access: stored button values that contain any of `needles` (a citizen's references, words or contact
   * details; payloads carry no chat or user id, so this is how a citizen's entries are found).
   */
  async findContaining(needles: string[]): Promise<{ id: string; value: string; lastUsedAt: Date }[]> {
    const filter = containing(needles);
    if (!this.col || !filter) return [];
    const docs = await this.col.find(filter).toArray();
    return docs.map((d) => ({ id: d._id, value: d.value, lastUsedAt: d.lastUsedAt }));
  }

  /** PDPA erasure: forget stored button values containing any of `needles` (here and in this process's memory). */
  async eraseContaining(needles: string[]): Promise<number> {
    const filter = containing(needles);
    if (!this.col || !filter) return 0;
    for (const [id, value] of this.memory)
      if (needles.some((n) => n && value.includes(n))) this.memory.delete(id);
    return (await this.col.deleteMany(filter)).deletedCount;
  }

  private remember(id: string, value: string): void {
    this.memory.delete(id);
    this.memory.set(id, value);
    if (this.memory.size > this.maxMemoryEntries) {
      const oldest = this.memory.keys().next().value;
      if (oldest !== undefined) this.memory.delete(oldest);
    }
  }
}

function containing(needles: string[]): { $or: { value: { $regex: string } }[] } | null {
  const usable = needles.filter((n) => n.trim().length >= 4);
  if (usable.length === 0) return null;
  return { $or: usable.map((n) => ({ value: { $regex: n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') } })) };
}
