/**
 * "Has update N of channel C been processed?" — the exactly-once ledger for channel updates (Telegram update ids),
 * in MongoDB `processedUpdates`. One document per update, `_id = "<channel>:<updateId>"`, unique on
 * (channel, updateId), removed by a TTL index once the channel can no longer redeliver it.
 *
 * Protocol (single-document atomicity only; no transactions needed):
 * 1. `claim()` inserts `{state: 'processing', leaseUntil}` — the unique index lets exactly one worker win.
 *    A claim whose lease expired (its worker crashed) can be taken over.
 * 2. The caller runs the turn.
 * 3. Success → `markDone()` (`state: 'done'`); transient failure → `release()` so a redelivery runs it again.
 * Crash window: a crash after the turn committed but before `markDone()` leaves a stale claim; after the lease
 * expires a redelivery runs the turn again (at-least-once in that window only). We accept that window rather
 * than mark before the turn (which would lose updates on every crash); the update id is handed to the bot as the
 * activity id so a submit step can use it as an idempotency key.
 */
import { randomUUID } from 'node:crypto';
import type { Collection, Db } from 'mongodb';

/** Outcome of a claim attempt. */
export type ClaimResult =
  /** This caller owns the update now and must process it, then `markDone` or `release`. */
  | { kind: 'claimed'; owner: string }
  /** Processed before: acknowledge and skip. */
  | { kind: 'done' }
  /** Another worker holds a live claim: try again later (e.g. answer non-2xx to the webhook). */
  | { kind: 'busy'; leaseUntil: Date };

interface ProcessedUpdateDoc {
  _id: string;
  channel: string;
  updateId: number;
  state: 'processing' | 'done';
  owner: string;
  leaseUntil: Date;
  claimedAt: Date;
  doneAt?: Date;
  /** TTL anchor: the document disappears after this time. */
  expiresAt: Date;
}

/** Options for the ledger. */
export interface ProcessedUpdatesOptions {
  /** Collection name (default `processedUpdates`). */
  collectionName?: string;
  /** How long a claim protects an update from other workers (default 2 minutes). */
  leaseMs?: number;
  /** How long a record is kept (default 3 days; Telegram keeps undelivered updates for 24 hours). */
  retentionMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

const DUPLICATE_KEY = 11000;

/** MongoDB repository of processed channel updates (claim → done, with lease and TTL). */
export class ProcessedUpdates {
  private readonly col: Collection<ProcessedUpdateDoc>;
  private readonly leaseMs: number;
  private readonly retentionMs: number;
  private readonly now: () => Date;

  constructor(db: Db, opts: ProcessedUpdatesOptions = {}) {
    this.col = db.collection<ProcessedUpdateDoc>(opts.collectionName ?? 'processedUpdates');
    this.leaseMs = opts.leaseMs ?? 2 * 60_000;
    this.retentionMs = opts.retentionMs ?? 3 * 24 * 3_600_000;
    this.now = opts.now ?? (() => new Date());
  }

  /** Create the unique and TTL indexes (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ channel: 1, updateId: 1 }, { unique: true, name: 'channel_update_unique' });
    await this.col.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'expires_ttl' });
  }

  /** Try to take ownership of update `updateId` of `channel` (e.g. "telegram:123456"). */
  async claim(channel: string, updateId: number): Promise<ClaimResult> {
    const now = this.now();
    const owner = randomUUID();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    const id = `${channel}:${updateId}`;
    try {
      await this.col.insertOne({
        _id: id,
        channel,
        updateId,
        state: 'processing',
        owner,
        leaseUntil,
        claimedAt: now,
        expiresAt: new Date(now.getTime() + this.retentionMs),
      });
      return { kind: 'claimed', owner };
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    const taken = await this.col.findOneAndUpdate(
      { _id: id, state: 'processing', leaseUntil: { $lt: now } },
      { $set: { owner, leaseUntil, claimedAt: now } },
      { returnDocument: 'after' },
    );
    if (taken && taken.owner === owner) return { kind: 'claimed', owner };
    const existing = await this.col.findOne({ _id: id });
    if (!existing) return this.claim(channel, updateId); // released between our two reads
    if (existing.state === 'done') return { kind: 'done' };
    return { kind: 'busy', leaseUntil: existing.leaseUntil };
  }

  /** Record that the claimed update was processed successfully. */
  async markDone(channel: string, updateId: number, owner: string): Promise<void> {
    const now = this.now();
    await this.col.updateOne(
      { _id: `${channel}:${updateId}`, owner },
      { $set: { state: 'done', doneAt: now, expiresAt: new Date(now.getTime() + this.retentionMs) } },
    );
  }

  /** Give a claim back after a failed turn, so a redelivery processes the update again. */
  async release(channel: string, updateId: number, owner: string): Promise<void> {
    await this.col.deleteOne({ _id: `${channel}:${updateId}`, owner, state: 'processing' });
  }

  /** Whether the update is recorded as processed (for tests and diagnostics). */
  async isDone(channel: string, updateId: number): Promise<boolean> {
    const doc = await this.col.findOne({ _id: `${channel}:${updateId}` });
    return doc?.state === 'done';
  }
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === DUPLICATE_KEY;
}
