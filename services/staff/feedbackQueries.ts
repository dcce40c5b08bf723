/**
 * Feedback as staff may query it, through the feedback repository. Every query is held to `scopeOf(viewer)`: staff are held to their agency (another
 * agency's record is simply "not found"); admins see all, one agency, or the "could not route" queue.
 */
import type { CategoryId } from '../agencies/types';
import { FINISHED } from '../deadlines/dueDates';
import type { FeedbackRepository, FeedbackScope } from '../feedback/repository';
import type { FeedbackRecord, FeedbackStatus } from '../feedback/types';
import {
  SUMMARY_PROJECTION,
  toDetail,
  toSummary,
  type FeedbackDetail,
  type FeedbackSummary,
} from './feedbackView';
import { defaultDeadlineOf, type DeadlineOf } from './deadlineView';
import type { StaffSession } from './types';

/** Rows per page. */
export const PAGE_SIZE = 20;

/** The admin's pseudo-agency for the "could not route" queue. */
export const UNROUTED = 'unrouted';

/** Who is asking: the session's role and agency. */
export type Viewer = Pick<StaffSession, 'role' | 'agencyId' | 'staffId'>;

/** Records a viewer may see; `requested` is an admin's agency filter (ignored for staff). */
export function scopeOf(viewer: Viewer, requested?: string): FeedbackScope {
  if (viewer.role === 'admin') {
    if (!requested) return { kind: 'all' };
    if (requested === UNROUTED) return { kind: 'unrouted' };
    return { kind: 'agency', agencyId: requested };
  }
  // A staff account always has an agency; if one somehow has none it sees nothing (never the unrouted queue).
  if (!viewer.agencyId) return { kind: 'nothing' };
  return { kind: 'agency', agencyId: viewer.agencyId };
}

/** Filters of the list. */
export interface ListQuery {
  status?: FeedbackStatus;
  category?: CategoryId;
  q?: string;
  agency?: string;
  page: number;
}

/** One page of the list. */
export interface ListPage {
  items: FeedbackSummary[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** Open records by deadline state: overdue, due soon (within a working day), open (all not finished). */
export interface DeadlineTally {
  overdue: number;
  dueSoon: number;
  open: number;
}

/** Today's tally in total and per body. */
export interface DeadlineCounts extends DeadlineTally {
  byAgency: Record<string, DeadlineTally>;
}

/** Reads (and, for admins, assigns) feedback on behalf of staff, through the feedback repository. */
export class StaffFeedback {
  constructor(
    private readonly repo: Pick<
      FeedbackRepository,
      'staffPage' | 'findInScope' | 'assignUnrouted' | 'openInScope'
    >,
    private readonly deadlineOf: DeadlineOf = defaultDeadlineOf(),
  ) {}

  /** The viewer's records, newest first, one page. */
  async list(viewer: Viewer, query: ListQuery): Promise<ListPage> {
    const page = Math.max(1, Math.floor(query.page));
    const now = new Date();
    const { docs, total } = await this.repo.staffPage(
      scopeOf(viewer, query.agency),
      {
        ...(query.status ? { status: query.status } : {}),
        ...(query.category ? { category: query.category } : {}),
        ...(query.q ? { q: query.q } : {}),
        page,
        pageSize: PAGE_SIZE,
      },
      SUMMARY_PROJECTION,
    );
    return {
      items: docs.map((d) => ({ ...toSummary(d), deadline: this.deadlineOf(d, now) })),
      total,
      page,
      pageSize: PAGE_SIZE,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    };
  }

  /** The raw record if the viewer may see it, else null. */
  async find(viewer: Viewer, reference: string): Promise<FeedbackRecord | null> {
    return this.repo.findInScope(scopeOf(viewer), reference);
  }

  /** The staff view of a record the viewer may see, else null. */
  async detail(viewer: Viewer, reference: string): Promise<FeedbackDetail | null> {
    const r = await this.find(viewer, reference);
    return r ? { ...toDetail(r), deadline: this.deadlineOf(r, new Date()) } : null;
  }

  /**
   * Today's deadline counts of the viewer's open records (one agency, or an admin's filter): overdue, due soon and
   * open, in total and per body (`unrouted` for records with none). Streams the open records' dates and history
   * (never the whole record, never all in memory).
   */
  async deadlineCounts(viewer: Viewer, agency?: string, now = new Date()): Promise<DeadlineCounts> {
    const zero = () => ({ overdue: 0, dueSoon: 0, open: 0 });
    const counts: DeadlineCounts = { ...zero(), byAgency: {} };
    for await (const r of this.repo.openInScope(scopeOf(viewer, agency), FINISHED)) {
      const body = (counts.byAgency[r.agencyId ?? UNROUTED] ??= zero());
      counts.open += 1;
      body.open += 1;
      const flag = this.deadlineOf(r, now).flag;
      if (flag) {
        counts[flag] += 1;
        body[flag] += 1;
      }
    }
    return counts;
  }

  /**
   * Admin only: give an unrouted record to an agency and queue its delivery. False when the record is not in the
   * unrouted queue any more (or does not exist). One guarded single-document write.
   */
  async assign(viewer: Viewer, reference: string, agencyId: string, now = new Date()): Promise<boolean> {
    if (viewer.role !== 'admin') return false;
    return this.repo.assignUnrouted(reference, agencyId, `assigned by staff ${viewer.staffId}`, now);
  }
}
