/**
 * The inbox as staff query it: filters, sorts, counts per status, pages, the export cursor and the officers to
 * assign to. Every query is held to `scopeOf(viewer)` (staff: their own body, whatever they ask for; admins: all,
 * one body, or the "could not route" queue).
 */
import type { CategoryId } from '../agencies/types';
import type { FeedbackInbox, InboxFilter, InboxSort } from '../feedback/inboxStore';
import type { FeedbackRecord, FeedbackStatus } from '../feedback/types';
import { defaultDeadlineOf, type DeadlineOf, type DeadlineView } from './deadlineView';
import { defaultDueFilterDeps, dueFilter, type DueFilterDeps } from './dueFilter';
import { PAGE_SIZE, scopeOf, type Viewer } from './feedbackQueries';
import { SUMMARY_PROJECTION, toSummary, type FeedbackSummary } from './feedbackView';
import type { StaffRepository } from './repository';

/** Someone named: an id and the name to show. */
export interface Named {
  id: string;
  name: string;
}

/** Where a record stands against its deadlines, in one word, with both due dates. */
export interface DueView {
  state: 'overdue' | 'soon' | 'ok' | 'done';
  ackBy: Date;
  resolveBy: Date;
}

/** A list row of the inbox. */
export interface InboxSummary extends FeedbackSummary {
  assignee: Named | null;
  supporters: number;
  lastActivityAt: Date;
  due: DueView;
}

/** The inbox filters as the API takes them (`assigned`: me | none | a staff id). */
export interface InboxQuery {
  status?: FeedbackStatus;
  category?: CategoryId;
  from?: Date;
  to?: Date;
  due?: 'overdue' | 'soon';
  assigned?: string;
  place?: string;
  q?: string;
  agency?: string;
  sort?: InboxSort;
  page?: number;
}

/** One page of the inbox with the counts per status (same filters minus the status). */
export interface InboxPage {
  items: InboxSummary[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
  counts: Record<string, number>;
}

/** The projection of a list row. */
export const INBOX_PROJECTION: Record<string, 1> = {
  ...SUMMARY_PROJECTION,
  assignee: 1,
  updatedAt: 1,
  supporters: 1,
  mergedInto: 1,
};

/** How many citizens support a record ("me too", added by services/feedback/supporters): a count or a list. */
export function supportersOf(r: object): number {
  const s = (r as { supporters?: unknown; supporterCount?: unknown }).supporters;
  if (typeof s === 'number' && Number.isFinite(s)) return s;
  if (Array.isArray(s)) return s.length;
  const n = (r as { supporterCount?: unknown }).supporterCount;
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/** The one-word deadline state of a record's deadline view. */
export function dueView(d: DeadlineView): DueView {
  const state =
    d.flag === 'overdue'
      ? 'overdue'
      : d.flag === 'dueSoon'
        ? 'soon'
        : d.resolve === 'met' || d.resolve === 'missed'
          ? 'done'
          : 'ok';
  return { state, ackBy: d.acknowledgeBy, resolveBy: d.resolveBy };
}

/** What the inbox needs. */
export interface StaffInboxDeps {
  inbox: Pick<FeedbackInbox, 'page' | 'countsByStatus' | 'cursor'>;
  staff: Pick<StaffRepository, 'namesOf' | 'officers'>;
  deadlineOf?: DeadlineOf;
  due?: DueFilterDeps;
}

/** Reads the inbox on behalf of staff. */
export class StaffInbox {
  private readonly deadlineOf: DeadlineOf;
  private readonly due: DueFilterDeps;

  constructor(private readonly deps: StaffInboxDeps) {
    this.deadlineOf = deps.deadlineOf ?? defaultDeadlineOf();
    this.due = deps.due ?? defaultDueFilterDeps();
  }

  /** The repository filter for a viewer's query (staff are held to their body; `assigned=me` is the viewer). */
  filterOf(viewer: Viewer, q: InboxQuery, now: Date): InboxFilter {
    const scope = scopeOf(viewer, viewer.role === 'admin' ? q.agency : undefined);
    const assigned =
      q.assigned === undefined
        ? undefined
        : q.assigned === 'none'
          ? ({ kind: 'none' } as const)
          : ({ kind: 'staff', staffId: q.assigned === 'me' ? viewer.staffId : q.assigned } as const);
    return {
      ...(q.status ? { status: q.status } : {}),
      ...(q.category ? { category: q.category } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      ...(assigned ? { assigned } : {}),
      ...(q.place ? { place: q.place } : {}),
      ...(q.q ? { q: q.q } : {}),
      ...(q.due ? { due: dueFilter(this.due, scope, q.due, now) } : {}),
    };
  }

  /** One page of the viewer's inbox with counts per status. */
  async list(viewer: Viewer, q: InboxQuery, now = new Date()): Promise<InboxPage> {
    const page = Math.max(1, Math.floor(q.page ?? 1));
    const scope = scopeOf(viewer, viewer.role === 'admin' ? q.agency : undefined);
    const filter = this.filterOf(viewer, q, now);
    const [{ docs, total }, counts] = await Promise.all([
      this.deps.inbox.page(
        scope,
        { filter, sort: q.sort ?? 'age', page, pageSize: PAGE_SIZE },
        INBOX_PROJECTION,
      ),
      this.deps.inbox.countsByStatus(scope, filter),
    ]);
    const names = await this.deps.staff.namesOf(
      docs.flatMap((d) => (d.assignee ? [d.assignee.staffId] : [])),
    );
    return {
      items: docs.map((d) => this.summary(d, names, now)),
      total,
      page,
      pageSize: PAGE_SIZE,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
      counts,
    };
  }

  /** A list row with its deadline, assignee name, supporters and last activity. */
  summary(d: FeedbackRecord, names: Map<string, string>, now: Date): InboxSummary {
    const deadline = this.deadlineOf(d, now);
    const id = d.assignee?.staffId;
    return {
      ...toSummary(d),
      deadline,
      due: dueView(deadline),
      assignee: id ? { id, name: names.get(id) ?? id } : null,
      supporters: supportersOf(d),
      lastActivityAt: d.updatedAt ?? d.createdAt,
    };
  }

  /**
   * Every record of the viewer's query as a cursor (exports): `fields` only, in the query's order. The caller
   * must close it when the client goes away.
   */
  cursor(viewer: Viewer, q: InboxQuery, fields: Record<string, 1>, now = new Date()) {
    const scope = scopeOf(viewer, viewer.role === 'admin' ? q.agency : undefined);
    return this.deps.inbox.cursor(scope, this.filterOf(viewer, q, now), q.sort ?? 'age', fields);
  }

  /** Officers the viewer may assign to: active staff of the viewer's body (an admin: of `agency`, if given). */
  async officers(viewer: Viewer, agency?: string): Promise<Named[]> {
    const scope = scopeOf(viewer, viewer.role === 'admin' ? agency : undefined);
    return scope.kind === 'agency' ? this.deps.staff.officers(scope.agencyId) : [];
  }

  /** Display names for ids (for CSV rows and history). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    return this.deps.staff.namesOf(ids);
  }

  /** The deadline of a record now. */
  deadline(r: FeedbackRecord, now = new Date()): DeadlineView {
    return this.deadlineOf(r, now);
  }
}
