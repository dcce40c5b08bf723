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
import { type AnyBulkWriteOperation, type Collection, type Db, MongoBulkWriteError } from 'mongodb';
import { GroupCommit, failed, ok, perCaller, writeErrorsOf, type Outcome } from '../batching/groupCommit';

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

/** One item of a write, ready to go. */
interface Planned {
  key: string;
  item: StateItem;
  /** The eTag it was read with ('*' or undefined: see the module comment). */
  eTag: string | undefined;
  doc: Omit<StateDoc, '_id'>;
}

/**
 * The outcome of one write (its items at `start`.. in the group): a conflict if an insert met an existing key or a
 * conditional replace did not store its new eTag, another write error as itself, else written.
 */
function outcomeOf(
  items: Planned[],
  start: number,
  errors: Map<number, { code?: number; errmsg?: string }>,
  stored: Map<string, string> | undefined,
): Outcome<void> {
  for (const [i, p] of items.entries()) {
    const e = errors.get(start + i);
    if (e?.code === DUPLICATE_KEY) return failed(new StateConflictError(p.key));
    if (e) return failed(new Error(`state write failed: ${e.errmsg ?? e.code}`));
    if (stored && p.eTag !== undefined && stored.get(p.key) !== p.doc.eTag)
      return failed(new StateConflictError(p.key));
  }
  return ok(undefined);
}

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
   * Read several keys in one round trip; missing keys are absent from the result. Reads asked for while one is in
   * flight (other turns) are served together by the next one (group commit). Each item carries the eTag it was read
   * with, so a write still detects any change made after the read.
   */
  async read(keys: string[]): Promise<Record<string, StateItem>> {
    if (keys.length === 0) return {};
    const docs = await this.reads.submit(keys);
    const out: Record<string, StateItem> = {};
    for (const key of keys) {
      const d = docs.get(key);
      if (d) out[key] = { ...structuredClone(d.state), eTag: d.eTag };
    }
    return out;
  }

  private readonly reads = new GroupCommit<string[], Map<string, StateDoc>>(async (groups) => {
    const keys = [...new Set(groups.flat())];
    const docs = await this.col.find({ _id: { $in: keys } }).toArray();
    const byId = new Map(docs.map((d) => [d._id, d]));
    return groups.map(() => ok(byId));
  });

  /**
   * Write items, honouring eTags (see module comment). A turn's items (conversation and user state) go in one
   * bulkWrite, shared with the other turns ending meanwhile (group commit; a key is never twice in one group). If any
   * conditional write of this call lost its race, StateConflictError (its other items may have been written; the
   * turn fails and is sent again, as with separate writes); other turns of the group are not affected.
   */
  async write(changes: Record<string, StateItem>): Promise<void> {
    const entries = Object.entries(changes);
    if (entries.length === 0) return;
    const now = new Date();
    const planned = entries.map(([key, item]): Planned => {
      const { eTag, ...rest } = item;
      const doc = {
        eTag: randomUUID(),
        state: JSON.parse(JSON.stringify(rest)) as StateDoc['state'],
        updatedAt: now,
      };
      return { key, item, eTag, doc };
    });
    await this.writes.submit(planned);
    for (const p of planned) p.item.eTag = p.doc.eTag;
  }

  private readonly writes = new GroupCommit<Planned[], void>((groups) => this.writeGroup(groups), {
    fits: (taken, next) => !next.some((p) => taken.some((t) => t.some((q) => q.key === p.key))),
  });

  /** One unordered bulkWrite for every waiting write; each write's own outcome (see `outcomeOf`). */
  private async writeGroup(groups: Planned[][]): Promise<Outcome<void>[]> {
    const all = groups.flat();
    const ops = all.map(({ key, eTag, doc }): AnyBulkWriteOperation<StateDoc> => {
      if (eTag === undefined) return { insertOne: { document: { _id: key, ...doc } } };
      const filter = eTag === '*' ? { _id: key } : { _id: key, eTag };
      return { replaceOne: { filter, replacement: doc, upsert: eTag === '*' } };
    });
    const errors = new Map<number, { code?: number; errmsg?: string }>();
    let written: number;
    try {
      const r = await this.col.bulkWrite(ops, { ordered: false });
      written = r.matchedCount + r.upsertedCount;
    } catch (err) {
      if (!(err instanceof MongoBulkWriteError)) throw err;
      for (const w of writeErrorsOf(err)) errors.set(w.index, w);
      written = err.result.matchedCount + err.result.upsertedCount;
    }
    const replaces = all.filter((p, i) => p.eTag !== undefined && !errors.has(i));
    // Some conditional replace matched nothing: find which, by the eTags now stored (each write's eTag is new).
    const stored =
      written < replaces.length
        ? new Map(
            (
              await this.col
                .find({ _id: { $in: replaces.map((p) => p.key) } }, { projection: { eTag: 1 } })
                .toArray()
            ).map((d) => [d._id, d.eTag]),
          )
        : undefined;
    return perCaller(groups, (g, start) => outcomeOf(g, start, errors, stored));
  }

  /** Delete keys (missing keys are fine). */
  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.col.deleteMany({ _id: { $in: keys } });
  }
}
