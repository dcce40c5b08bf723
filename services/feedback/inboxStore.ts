/**
 * The staff inbox over the `feedback` collection (exposed as `FeedbackRepository.inbox`): filtered, sorted pages
 * with counts per status, a cursor for exports, and the inbox's own writes (assignee, internal notes, merging a
 * duplicate). Every query starts from a FeedbackScope, so a caller never sees another body's records.
 *
 * Index plan (`INBOX_INDEXES`, created by FeedbackRepository.ensureIndexes): every staff query has `agencyId`
 * equality first, then the filter's equality field, then the sort — so a page reads only its own index entries.
 */
import type { Collection, Filter, IndexSpecification, Sort } from 'mongodb';
import type { FeedbackRecord, FeedbackStatus, StaffNote } from './types';

/** Which records a caller may see: all, one agency's, the "could not route" queue, or nothing. */
export type FeedbackScope =
  { kind: 'all' } | { kind: 'agency'; agencyId: string } | { kind: 'unrouted' } | { kind: 'nothing' };

/** The MongoDB filter of a scope. */
export function scopeFilter(scope: FeedbackScope): Filter<FeedbackRecord> {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'agency':
      return { agencyId: scope.agencyId };
    case 'unrouted':
      return { $or: [{ agencyId: null }, { 'routing.state': 'unrouted' }] };
    default:
      return { _id: { $in: [] } };
  }
}

/** Regex-safe text. */
export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One group of records sharing a deadline rule (same bodies' calendar, same working days per category), with the
 * creation times at which its deadlines pass: a record created at or before `ack` is past its time to acknowledge,
 * at or before `resolve` past its time to resolve; `ackSoon`/`resolveSoon` likewise for "due soon".
 */
export interface DueGroup {
  /** Bodies of the group (null = records with no body); null = any body. */
  agencyIds: (string | null)[] | null;
  /** Categories of the group; null = any category. */
  categories: string[] | null;
  ack: Date;
  resolve: Date;
  ackSoon: Date;
  resolveSoon: Date;
}

/** The due filter: overdue, or due soon (and not overdue), per group. */
export interface DueFilter {
  kind: 'overdue' | 'soon';
  groups: DueGroup[];
  /** Statuses that end the matter (never due). */
  finished: readonly FeedbackStatus[];
  /** Statuses that mean "not acknowledged yet". */
  unacknowledged: readonly FeedbackStatus[];
}

/** Inbox filters (all optional). */
export interface InboxFilter {
  status?: FeedbackStatus;
  category?: string;
  /** Filed at or after. */
  from?: Date;
  /** Filed before. */
  to?: Date;
  /** `none`: nobody; else the officer's staff id. */
  assigned?: { kind: 'none' } | { kind: 'staff'; staffId: string };
  /** Case-insensitive text in the stored place (resolved name or the citizen's words). */
  place?: string;
  /** Case-insensitive text in the reference, text or place. */
  q?: string;
  due?: DueFilter;
}

/** Sort orders: newest first, oldest first, deadline (earliest first), last activity first. */
export type InboxSort = 'age' | 'oldest' | 'deadline' | 'activity';

/**
 * The sort of each order, with `_id` last so pages are stable and the index still provides the order. Deadline:
 * within one body and category rule a deadline only grows with the filing time, so the earliest deadline is the
 * oldest filing (exact while data/deadlines.json gives every category of a body the same working days).
 */
export const INBOX_SORTS: Record<InboxSort, Sort & Record<string, 1 | -1>> = {
  age: { createdAt: -1, _id: 1 },
  oldest: { createdAt: 1, _id: -1 },
  deadline: { createdAt: 1, _id: -1 },
  activity: { updatedAt: -1, _id: 1 },
};

/** Indexes for the inbox queries (agency first, then the filter's equality field, then the sort). */
export const INBOX_INDEXES: { key: IndexSpecification & Record<string, 1 | -1>; name: string }[] = [
  { key: { agencyId: 1, createdAt: -1, _id: 1 }, name: 'inbox_age' },
  { key: { agencyId: 1, status: 1, createdAt: -1, _id: 1 }, name: 'inbox_status' },
  { key: { agencyId: 1, category: 1, createdAt: -1, _id: 1 }, name: 'inbox_category' },
  { key: { agencyId: 1, 'assignee.staffId': 1, createdAt: -1, _id: 1 }, name: 'inbox_assignee' },
  { key: { agencyId: 1, updatedAt: -1, _id: 1 }, name: 'inbox_activity' },
  { key: { createdAt: -1, _id: 1 }, name: 'inbox_all_age' },
];

function dueGroupFilter(g: DueGroup): Filter<FeedbackRecord> {
  const f: Filter<FeedbackRecord> = {};
  if (g.agencyIds) f.agencyId = { $in: g.agencyIds };
  if (g.categories) f.category = { $in: g.categories as FeedbackRecord['category'][] };
  return f;
}

function dueClause(due: DueFilter, g: DueGroup): Filter<FeedbackRecord> {
  const unacked = { status: { $in: [...due.unacknowledged] } };
  const acked = { status: { $nin: [...due.unacknowledged] } };
  const base = { ...dueGroupFilter(g), status: { $nin: [...due.finished] } };
  if (due.kind === 'overdue') {
    return {
      $and: [base, { $or: [{ ...unacked, createdAt: { $lte: g.ack } }, { createdAt: { $lte: g.resolve } }] }],
    };
  }
  return {
    $and: [
      base,
      { createdAt: { $gt: g.resolve } },
      { $or: [acked, { createdAt: { $gt: g.ack } }] },
      { $or: [{ ...unacked, createdAt: { $lte: g.ackSoon } }, { createdAt: { $lte: g.resolveSoon } }] },
    ],
  };
}

/** The MongoDB filter of a scope and inbox filters (exported for the index check and the explain bench). */
export function inboxFilter(
  scope: FeedbackScope,
  f: InboxFilter,
  opts: { withStatus?: boolean } = {},
): Filter<FeedbackRecord> {
  const parts: Filter<FeedbackRecord>[] = [scopeFilter(scope)];
  if (f.status && opts.withStatus !== false) parts.push({ status: f.status });
  if (f.category) parts.push({ category: f.category as FeedbackRecord['category'] });
  if (f.from || f.to)
    parts.push({ createdAt: { ...(f.from ? { $gte: f.from } : {}), ...(f.to ? { $lt: f.to } : {}) } });
  if (f.assigned) parts.push({ 'assignee.staffId': f.assigned.kind === 'none' ? null : f.assigned.staffId });
  const place = f.place?.trim();
  if (place) {
    const rx = { $regex: escapeRegex(place), $options: 'i' };
    parts.push({ $or: [{ 'location.place': rx }, { 'location.text': rx }] });
  }
  const q = f.q?.trim();
  if (q) {
    const rx = { $regex: escapeRegex(q), $options: 'i' };
    parts.push({ $or: [{ _id: rx }, { text: rx }, { 'location.place': rx }, { 'location.text': rx }] });
  }
  if (f.due) {
    const groups = f.due.groups.map((g) => dueClause(f.due!, g));
    parts.push(groups.length ? { $or: groups } : { _id: { $in: [] } });
  }
  return parts.length === 1 ? parts[0]! : { $and: parts };
}

/** A page request. */
export interface InboxPageRequest {
  filter: InboxFilter;
  sort: InboxSort;
  page: number;
  pageSize: number;
}

/** The inbox's queries and writes. */
export class FeedbackInbox {
  constructor(private readonly col: Collection<FeedbackRecord>) {}

  /** Create the inbox indexes (idempotent). */
  async ensureIndexes(): Promise<void> {
    for (const ix of INBOX_INDEXES) await this.col.createIndex(ix.key, { name: ix.name });
  }

  /** One page of records in `scope` matching the filters, with only `fields`, and the total. */
  async page(
    scope: FeedbackScope,
    req: InboxPageRequest,
    fields: Record<string, 1>,
  ): Promise<{ docs: FeedbackRecord[]; total: number }> {
    const filter = inboxFilter(scope, req.filter);
    const [total, docs] = await Promise.all([
      this.col.countDocuments(filter),
      this.col
        .find(filter, { projection: fields })
        .sort(INBOX_SORTS[req.sort])
        .skip((req.page - 1) * req.pageSize)
        .limit(req.pageSize)
        .toArray(),
    ]);
    return { docs, total };
  }

  /** How many records per status match the filters (the status filter itself left out). */
  async countsByStatus(scope: FeedbackScope, filter: InboxFilter): Promise<Record<string, number>> {
    const rows = await this.col
      .aggregate<{ _id: string; n: number }>([
        { $match: inboxFilter(scope, filter, { withStatus: false }) },
        { $group: { _id: '$status', n: { $sum: 1 } } },
      ])
      .toArray();
    return Object.fromEntries(rows.map((r) => [r._id, r.n]));
  }

  /** Every matching record as a cursor (for streaming exports: nothing is held in memory), in `sort` order. */
  cursor(
    scope: FeedbackScope,
    filter: InboxFilter,
    sort: InboxSort,
    fields: Record<string, 1>,
  ): AsyncIterable<FeedbackRecord> & { close(): Promise<void> } {
    return this.col
      .find(inboxFilter(scope, filter), { projection: fields })
      .sort(INBOX_SORTS[sort])
      .batchSize(500);
  }

  /** Set (or clear, with null) the officer of a record in scope; the record after the write, or null. */
  async setAssignee(
    scope: FeedbackScope,
    reference: string,
    assignee: FeedbackRecord['assignee'] | null,
    now: Date,
  ): Promise<FeedbackRecord | null> {
    const update = assignee
      ? { $set: { assignee, updatedAt: now } }
      : { $set: { updatedAt: now }, $unset: { assignee: '' as const } };
    return this.col.findOneAndUpdate({ $and: [{ _id: reference }, scopeFilter(scope)] }, update, {
      returnDocument: 'after',
    });
  }

  /** Append an internal note to a record in scope; the record after the write, or null. */
  async addNote(scope: FeedbackScope, reference: string, note: StaffNote): Promise<FeedbackRecord | null> {
    return this.col.findOneAndUpdate(
      { $and: [{ _id: reference }, scopeFilter(scope)] },
      { $push: { notes: note }, $set: { updatedAt: note.at } },
      { returnDocument: 'after' },
    );
  }

  /**
   * Point a duplicate at its original (same body; the duplicate not already merged and with no duplicates of its
   * own), then list it on the original. False when the guarded write found nothing to change.
   */
  async merge(duplicate: string, original: string, agencyId: string, now: Date): Promise<boolean> {
    const r = await this.col.updateOne(
      {
        _id: duplicate,
        agencyId,
        mergedInto: { $exists: false },
        $or: [{ duplicates: { $exists: false } }, { duplicates: { $size: 0 } }],
      },
      { $set: { mergedInto: original, updatedAt: now } },
    );
    if (r.modifiedCount !== 1) return false;
    await this.col.updateOne(
      { _id: original, agencyId },
      { $addToSet: { duplicates: duplicate }, $set: { updatedAt: now } },
    );
    return true;
  }

  /** The duplicates merged into `original` (their citizens follow its status updates). */
  async followers(original: Pick<FeedbackRecord, '_id' | 'duplicates'>): Promise<FeedbackRecord[]> {
    if (!original.duplicates?.length) return [];
    return this.col.find({ _id: { $in: original.duplicates }, mergedInto: original._id }).toArray();
  }

  /** The filing just before `record` by the same citizen in the same conversation (to cut its transcript). */
  async previousFiling(
    record: Pick<FeedbackRecord, '_id' | 'citizenKey' | 'createdAt'>,
  ): Promise<Pick<FeedbackRecord, '_id' | 'createdAt'> | null> {
    return this.col.findOne(
      { citizenKey: record.citizenKey, createdAt: { $lt: record.createdAt } },
      { projection: { _id: 1, createdAt: 1 }, sort: { createdAt: -1 } },
    );
  }
}

/**
 * The inbox index a query can walk without a blocking sort: its keys start with the query's equality fields (any
 * order), then the sort's fields in the same or the fully reversed direction. Null when none fits (for the index
 * test and the explain bench, where the server cannot explain).
 */
export function indexFor(equality: string[], sort: Record<string, 1 | -1>): string | null {
  const sortKeys = Object.entries(sort);
  for (const ix of INBOX_INDEXES) {
    const keys = Object.entries(ix.key);
    const head = keys.slice(0, equality.length).map(([k]) => k);
    if (head.length !== equality.length || !equality.every((f) => head.includes(f))) continue;
    const rest = keys.slice(equality.length, equality.length + sortKeys.length);
    if (rest.length !== sortKeys.length) continue;
    const same = rest.every(([k, d], i) => k === sortKeys[i]![0] && d === sortKeys[i]![1]);
    const reversed = rest.every(([k, d], i) => k === sortKeys[i]![0] && d === -sortKeys[i]![1]);
    if (same || reversed) return ix.name;
  }
  return null;
}
