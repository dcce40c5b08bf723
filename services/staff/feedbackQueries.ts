/**
 * Feedback as staff may query it. Every query goes through `scopeFilter`: staff are held to their agency (another
 * agency's record is simply "not found"); admins see all, one agency, or the "could not route" queue.
 */
import type { Collection, Db, Filter } from 'mongodb';
import type { CategoryId } from '../agencies/types';
import type { FeedbackRecord, FeedbackStatus } from '../feedback/types';
import {
  SUMMARY_PROJECTION,
  toDetail,
  toSummary,
  type FeedbackDetail,
  type FeedbackSummary,
} from './feedbackView';
import type { StaffSession } from './types';

/** Rows per page. */
export const PAGE_SIZE = 20;

/** The admin's pseudo-agency for the "could not route" queue. */
export const UNROUTED = 'unrouted';

/** Who is asking: the session's role and agency. */
export type Viewer = Pick<StaffSession, 'role' | 'agencyId' | 'staffId'>;

/** Records a viewer may see; `requested` is an admin's agency filter (ignored for staff). */
export function scopeFilter(viewer: Viewer, requested?: string): Filter<FeedbackRecord> {
  if (viewer.role === 'admin') {
    if (!requested) return {};
    if (requested === UNROUTED) return { $or: [{ agencyId: null }, { 'routing.state': 'unrouted' }] };
    return { agencyId: requested };
  }
  // A staff account always has an agency; if one somehow has none it sees nothing (never the unrouted queue).
  if (!viewer.agencyId) return { _id: { $in: [] } };
  return { agencyId: viewer.agencyId };
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

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads (and, for admins, assigns) feedback on behalf of staff. */
export class StaffFeedback {
  readonly col: Collection<FeedbackRecord>;

  constructor(db: Db) {
    this.col = db.collection<FeedbackRecord>('feedback');
  }

  /** The viewer's records, newest first, one page. */
  async list(viewer: Viewer, query: ListQuery): Promise<ListPage> {
    const parts: Filter<FeedbackRecord>[] = [scopeFilter(viewer, query.agency)];
    if (query.status) parts.push({ status: query.status });
    if (query.category) parts.push({ category: query.category });
    const q = query.q?.trim();
    if (q) {
      const rx = { $regex: escapeRegex(q), $options: 'i' };
      parts.push({ $or: [{ _id: rx }, { text: rx }, { 'location.place': rx }, { 'location.text': rx }] });
    }
    const filter: Filter<FeedbackRecord> = parts.length === 1 ? parts[0]! : { $and: parts };
    const page = Math.max(1, Math.floor(query.page));
    const total = await this.col.countDocuments(filter);
    const docs = await this.col
      .find(filter, { projection: SUMMARY_PROJECTION })
      .sort({ createdAt: -1, _id: 1 })
      .skip((page - 1) * PAGE_SIZE)
      .limit(PAGE_SIZE)
      .toArray();
    return {
      items: docs.map(toSummary),
      total,
      page,
      pageSize: PAGE_SIZE,
      pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    };
  }

  /** The raw record if the viewer may see it, else null. */
  async find(viewer: Viewer, reference: string): Promise<FeedbackRecord | null> {
    return this.col.findOne({ $and: [{ _id: reference }, scopeFilter(viewer)] });
  }

  /** The staff view of a record the viewer may see, else null. */
  async detail(viewer: Viewer, reference: string): Promise<FeedbackDetail | null> {
    const r = await this.find(viewer, reference);
    return r ? toDetail(r) : null;
  }

  /**
   * Admin only: give an unrouted record to an agency and queue its delivery. False when the record is not in the
   * unrouted queue any more (or does not exist). One guarded single-document write.
   */
  async assign(viewer: Viewer, reference: string, agencyId: string, now = new Date()): Promise<boolean> {
    if (viewer.role !== 'admin') return false;
    const r = await this.col.updateOne(
      { $and: [{ _id: reference }, scopeFilter(viewer, UNROUTED)] },
      {
        $set: {
          agencyId,
          routing: { state: 'routed', reason: `assigned by staff ${viewer.staffId}` },
          'delivery.state': 'pending',
          'delivery.attempts': 0,
          'delivery.nextAttemptAt': now,
          updatedAt: now,
        },
      },
    );
    return r.modifiedCount === 1;
  }
}
