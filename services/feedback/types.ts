/** The feedback record as stored in MongoDB `feedback`. Plain data shared by every layer. */
import type { CategoryId } from '../agencies/types';

/** What the citizen is telling us. */
export const FEEDBACK_TYPES = ['complaint', 'suggestion', 'compliment', 'question'] as const;
/** One of the feedback kinds. */
export type FeedbackType = (typeof FEEDBACK_TYPES)[number];

/** Lifecycle of a record as citizens and staff see it. */
export const FEEDBACK_STATUSES = [
  'received',
  'sent',
  'acknowledged',
  'in_progress',
  'resolved',
  'rejected',
  'duplicate',
  'closed',
] as const;
/** One of the lifecycle statuses. */
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** The two languages Suara speaks. */
export type Language = 'en' | 'ms';

/** GeoJSON point, [longitude, latitude]. */
export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

/** Where the matter is. Any subset may be known. */
export interface FeedbackLocation {
  text?: string;
  postcode?: string;
  point?: GeoPoint;
  /** Place name the gazetteer resolved it to, if any. */
  place?: string;
}

/** A photo or other file the citizen attached. */
export interface FeedbackAttachment {
  contentType: string;
  /** Public or internal URL of the file, when the channel gives one. */
  url?: string;
  /** Channel-specific file id (e.g. Telegram file_id). */
  channelFileId?: string;
  name?: string;
  size?: number;
}

/** Contact details, only present when the citizen consented. */
export interface FeedbackContact {
  name?: string;
  phone?: string;
  email?: string;
}

/** How to reach the citizen again on the channel they used. Opaque to services. */
export interface CitizenChannel {
  channelId: string;
  /** botbuilder ConversationReference as plain JSON. */
  conversationReference: Record<string, unknown>;
}

/** One delivery attempt, as recorded by the outbox worker. */
export interface DeliveryAttempt {
  at: Date;
  durationMs: number;
  /** HTTP status, or the SMTP reply code for email. */
  statusCode?: number;
  error?: string;
  /** Why a successful attempt went another way than the endpoint says (e.g. email without SMTP → inbox). */
  note?: string;
}

/** How a record reached its agency. */
export type DeliveryChannel = 'webhook' | 'open311' | 'email' | 'inbox';

/** The transactional-outbox sub-document, written with the record in one insert. */
export interface DeliveryState {
  state: 'pending' | 'delivering' | 'delivered' | 'dead' | 'unrouted';
  attempts: number;
  nextAttemptAt: Date;
  leaseUntil?: Date;
  leaseOwner?: string;
  lastError?: string;
  history: DeliveryAttempt[];
  deliveredAt?: Date;
  /** Id the receiving system gave it (e.g. Open311 service_request_id; the Message-ID for email). */
  remoteId?: string;
  /** How it was delivered (set with `delivered`). */
  via?: DeliveryChannel;
  /** When staff last re-drove it from the dead letters. */
  redrivenAt?: Date;
}

/** Confirmation of a chat filing: `pending` until the turn's replies were written, or the sweeper sent it. */
export interface ConfirmationState {
  state: 'pending' | 'sent' | 'unreachable';
  at?: Date;
  /** Sent by the sweeper, not by the filing turn. */
  late?: boolean;
  /** The sweeper process holding it. */
  leaseUntil?: Date;
}

/** One entry in the status history. */
export interface StatusChange {
  status: FeedbackStatus;
  at: Date;
  note?: string;
  by?: string;
}

/** The router's decision as plain data (services/routing RouteWhy), stored at filing time to explain it later. */
export interface StoredRouteWhy {
  rule: string;
  ruleKey: string;
  place: { text: string; name: string; state: string | null } | null;
  how: string | null;
  approximate?: boolean;
}

/** An internal note by staff on a record. `by` is the staff id (names are looked up when read). */
export interface StaffNote {
  id: string;
  at: Date;
  by: string;
  text: string;
}

/** A feedback record. `_id` is the reference number. */
export interface FeedbackRecord {
  _id: string;
  type: FeedbackType;
  category: CategoryId;
  text: string;
  language: Language;
  location?: FeedbackLocation;
  attachments: FeedbackAttachment[];
  agencyId: string | null;
  /** Why it went where it went ("could not route" is visible to staff, never dropped); `why` from filing time on. */
  routing: { state: 'routed' | 'unrouted'; reason: string; why?: StoredRouteWhy };
  status: FeedbackStatus;
  statusHistory: StatusChange[];
  channel: CitizenChannel;
  /** Citizen id on the channel (hashed), for "my feedback" and erasure. */
  citizenKey: string;
  anonymous: boolean;
  consent: { contact: boolean; at?: Date };
  contact?: FeedbackContact;
  rating?: { score: number; comment?: string; at: Date };
  createdAt: Date;
  updatedAt: Date;
  delivery: DeliveryState;
  /**
   * Idempotency key of the submission: the dialog's pending-submission id (kept in conversation state before the
   * insert), else channel + conversation + message id. A retried or re-run submission finds this record instead of
   * filing a second.
   */
  sourceKey?: string;
  /** Whether the citizen's conversation got the "received, reference …" confirmation (chat filings only). */
  confirmation?: ConfirmationState;
  /** Replies written by agency staff (also sent to the citizen). */
  replies?: { text: string; at: Date; by: string }[];
  /** The officer of the body who works on it (staff id; the name is looked up when read). */
  assignee?: { staffId: string; at: Date; by: string };
  /** Internal staff notes: never sent to the citizen, never in any citizen-facing or Open311 output. */
  notes?: StaffNote[];
  /** Closed as a duplicate of this reference (same body); its citizen follows that record's status updates. */
  mergedInto?: string;
  /** References merged into this one as duplicates (their citizens are told of this record's status changes). */
  duplicates?: string[];
  /** Proactive-notification state: a channel that can no longer reach the citizen is not tried again. */
  notifications?: {
    unreachable?: { at: Date; channelId: string; code: string };
    lastFailure?: { at: Date; channelId: string; code: string };
  };
}
