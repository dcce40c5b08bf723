/**
 * Conversation and user state in MongoDB `botState`, shaped as botbuilder's `Storage` (read/write/delete of plain
 * objects keyed by string) without importing botbuilder, so this module survives a move to another bot SDK.
 *
 * eTag rules (optimistic concurrency):
 * - `eTag: '*'`      → unconditional write (last writer wins), as botbuilder defines it.
 * - `eTag: '<value>'` → write only if the stored eTag is still that value; otherwise StateConflictError.
 * - no eTag          → create only; if the key already exists, StateConflictError.
 * After a successful write the new eTag is set on the written object, so a caller can write it again.
 */
import { randomUUID } from 'node:crypto';
import type { AnyBulkWriteOperation, Collection, Db } from 'mongodb';

/** A stored item: any plain object, with its eTag. */
export interface StateItem {
  eTag?: string;
  [key: string]: unknown;
}

interface StateDoc {
  _id: string;
  eTag: string;
  state: Record<string, unknown>;
  updatedAt: Date;
}

/** A write lost a race: someone changed the item since it was read. Safe to retry the whole turn. */
export class StateConflictError extends Error {
  readonly code = 'STATE_CONFLICT';
  constructor(readonly key: string) {
    super(`State for "${key}" was changed by another turn (eTag conflict).`);
    this.name = 'StateConflictError';
  }
}

const DUPLICATE_KEY = 11000;

/** MongoDB-backed key/value state with eTags; pass it wherever botbuilder wants a `Storage`. */
export class MongoStateStore {
  private readonly col: Collection<StateDoc>;

  constructor(db: Db, collectionName = 'botState') {
    this.col = db.collection<StateDoc>(collectionName);
  }

  /** Create indexes (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ updatedAt: 1 });
  }

  /**
   * Read several keys in one round trip; missing keys are absent from the result. While a read is in flight, the
   * reads asked for meanwhile (other turns) are served together by the next one (group read: fewer round trips
   * under load, no waiting when idle). Each item carries the eTag it was read with, so a write still detects any
   * change made after the read.
   */
  async read(keys: string[]): Promise<Record<string, StateItem>> {
    if (keys.length === 0) return {};
    const docs = await new Promise<Map<string, StateDoc>>((resolve, reject) => {
      this.readers.push({ keys, resolve, reject });
      if (!this.reading) void this.readWaiting();
    });
    const out: Record<string, StateItem> = {};
    for (const key of keys) {
      const d = docs.get(key);
      if (d) out[key] = { ...structuredClone(d.state), eTag: d.eTag };
    }
    return out;
  }

  private readers: {
    keys: string[];
    resolve: (d: Map<string, StateDoc>) => void;
    reject: (e: Error) => void;
  }[] = [];
  private reading = false;

  /** One find for every key waiting, then again while reads keep arriving. */
  private async readWaiting(): Promise<void> {
    this.reading = true;
    while (this.readers.length > 0) {
      const group = this.readers.splice(0);
      const keys = [...new Set(group.flatMap((g) => g.keys))];
      try {
        const docs = await this.col.find({ _id: { $in: keys } }).toArray();
        const byId = new Map(docs.map((d) => [d._id, d]));
        for (const g of group) g.resolve(byId);
      } catch (err) {
        for (const g of group) g.reject(err as Error);
      }
    }
    this.reading = false;
  }

  /**
   * Write items, honouring eTags (see module comment), in one round trip: several items (a turn's conversation and
   * user state) go in one bulkWrite. If any conditional write lost its race, StateConflictError (the others may
   * have been written; the turn fails and is sent again, as with separate writes).
   */
  async write(changes: Record<string, StateItem>): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 1) return this.writeOne(entries[0][0], entries[0][1]);
    if (entries.length === 0) return;
    const now = new Date();
    const planned = entries.map(([key, item]) => {
      const { eTag, ...rest } = item;
      const doc = {
        eTag: randomUUID(),
        state: JSON.parse(JSON.stringify(rest)) as StateDoc['state'],
        updatedAt: now,
      };
      return { key, item, eTag, doc };
    });
    const ops = planned.map(({ key, eTag, doc }): AnyBulkWriteOperation<StateDoc> => {
      if (eTag === undefined) return { insertOne: { document: { _id: key, ...doc } } };
      const filter = eTag === '*' ? { _id: key } : { _id: key, eTag };
      return { replaceOne: { filter, replacement: doc, upsert: eTag === '*' } };
    });
    let result: { matchedCount: number; upsertedCount: number };
    try {
      result = await this.col.bulkWrite(ops, { ordered: false });
    } catch (err) {
      const dup = (err as { writeErrors?: { index: number; code: number }[] }).writeErrors?.find(
        (w) => w.code === DUPLICATE_KEY,
      );
      if (dup) throw new StateConflictError(planned[dup.index].key);
      throw err;
    }
    const replaces = planned.filter((p) => p.eTag !== undefined);
    if (result.matchedCount + result.upsertedCount < replaces.length) {
      throw new StateConflictError(replaces.map((p) => p.key).join(', '));
    }
    for (const p of planned) p.item.eTag = p.doc.eTag;
  }

  /** Delete keys (missing keys are fine). */
  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.col.deleteMany({ _id: { $in: keys } });
  }

  private async writeOne(key: string, item: StateItem): Promise<void> {
    const { eTag, ...rest } = item;
    const state = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
    const newTag = randomUUID();
    const now = new Date();
    if (eTag === '*') {
      await this.col.replaceOne({ _id: key }, { eTag: newTag, state, updatedAt: now }, { upsert: true });
    } else if (eTag === undefined) {
      try {
        await this.col.insertOne({ _id: key, eTag: newTag, state, updatedAt: now });
      } catch (err) {
        if ((err as { code?: number }).code === DUPLICATE_KEY) throw new StateConflictError(key);
        throw err;
      }
    } else {
      const res = await this.col.replaceOne({ _id: key, eTag }, { eTag: newTag, state, updatedAt: now });
      if (res.matchedCount === 0) throw new StateConflictError(key);
    }
    item.eTag = newTag;
  }
}
