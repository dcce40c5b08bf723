/**
 * What staff see of a feedback record: never the citizen's channel reference, citizen key or source key; contact
 * details only when the citizen consented; attachment links only when they are plain http(s) URLs.
 */
import type { FeedbackRecord, FeedbackStatus, StatusChange } from '../feedback/types';
import type { DeadlineView } from './deadlineView';

/** One row of the list. */
export interface FeedbackSummary {
  reference: string;
  type: FeedbackRecord['type'];
  category: FeedbackRecord['category'];
  status: FeedbackStatus;
  agencyId: string | null;
  excerpt: string;
  place?: string;
  createdAt: Date;
  /** Citizens who added their voice ("me too") besides the filer. */
  supporters: number;
  /** Time to acknowledge and to resolve, with the overdue / due-soon flag (services/deadlines). */
  deadline?: DeadlineView;
}

/** A reply staff sent to the citizen, if the status service stores them on the record. */
export interface StaffReply {
  text: string;
  at: Date;
  by?: string;
}

/** The full record as staff see it. */
export interface FeedbackDetail extends FeedbackSummary {
  text: string;
  language: FeedbackRecord['language'];
  location?: FeedbackRecord['location'];
  attachments: { contentType: string; name?: string; size?: number; url?: string }[];
  routing: FeedbackRecord['routing'];
  statusHistory: StatusChange[];
  anonymous: boolean;
  contact?: FeedbackRecord['contact'];
  rating?: FeedbackRecord['rating'];
  replies: StaffReply[];
  delivery: {
    state: FeedbackRecord['delivery']['state'];
    attempts: number;
    deliveredAt?: Date;
    /** How it reached the agency: its Suara inbox, email, webhook or Open311. */
    via?: FeedbackRecord['delivery']['via'];
  };
  updatedAt: Date;
}

const EXCERPT = 140;

/** Fields the list query needs (a projection that never loads personal data). */
export const SUMMARY_PROJECTION = {
  _id: 1,
  type: 1,
  category: 1,
  status: 1,
  agencyId: 1,
  text: 1,
  'location.place': 1,
  'location.text': 1,
  createdAt: 1,
  statusHistory: 1,
  supporterCount: 1,
} as const;

/** A list row from a (projected) record. */
export function toSummary(
  r: Pick<
    FeedbackRecord,
    '_id' | 'type' | 'category' | 'status' | 'agencyId' | 'text' | 'createdAt' | 'location'
  > &
    Partial<Pick<FeedbackRecord, 'supporterCount'>>,
): FeedbackSummary {
  const text = r.text ?? '';
  const place = r.location?.place ?? r.location?.text;
  return {
    reference: r._id,
    type: r.type,
    category: r.category,
    status: r.status,
    agencyId: r.agencyId ?? null,
    excerpt: text.length > EXCERPT ? `${text.slice(0, EXCERPT - 1)}…` : text,
    ...(place ? { place } : {}),
    createdAt: r.createdAt,
    supporters: Math.max(0, r.supporterCount ?? 0),
  };
}

function replies(r: FeedbackRecord): StaffReply[] {
  const raw = (r as unknown as { replies?: unknown }).replies;
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((x): x is StaffReply => !!x && typeof (x as StaffReply).text === 'string')
    .map((x) => ({ text: x.text, at: x.at, ...(typeof x.by === 'string' ? { by: x.by } : {}) }));
}

/** Plain http(s) links only, and never a Telegram Bot API file URL (it embeds the bot token). */
function safeUrl(url: string | undefined): boolean {
  return !!url && /^https?:\/\//i.test(url) && !/\/file\/bot[^/]*:/i.test(url);
}

/** The record for the detail view, with everything staff must not see removed. */
export function toDetail(r: FeedbackRecord): FeedbackDetail {
  const consented = r.consent?.contact === true && !r.anonymous;
  return {
    ...toSummary(r),
    text: r.text,
    language: r.language,
    ...(r.location ? { location: r.location } : {}),
    attachments: (r.attachments ?? []).map((a) => ({
      contentType: a.contentType,
      ...(a.name ? { name: a.name } : {}),
      ...(a.size ? { size: a.size } : {}),
      ...(safeUrl(a.url) ? { url: a.url } : {}),
    })),
    routing: r.routing,
    statusHistory: r.statusHistory ?? [],
    anonymous: r.anonymous,
    ...(consented && r.contact ? { contact: r.contact } : {}),
    ...(r.rating ? { rating: r.rating } : {}),
    replies: replies(r),
    delivery: {
      state: r.delivery?.state,
      attempts: r.delivery?.attempts ?? 0,
      ...(r.delivery?.deliveredAt ? { deliveredAt: r.delivery.deliveredAt } : {}),
      ...(r.delivery?.via ? { via: r.delivery.via } : {}),
    },
    updatedAt: r.updatedAt,
  };
}
