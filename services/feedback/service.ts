/** Filing feedback and reading it back for citizens: the only way a record comes into being. */
import { createHmac } from 'node:crypto';
import type { CategoryId } from '../agencies/types';
import { newReference } from './reference';
import { AlreadyFiledError, FeedbackRepository, ReferenceTakenError } from './repository';
import type {
  CitizenChannel,
  FeedbackAttachment,
  FeedbackContact,
  FeedbackLocation,
  FeedbackRecord,
  FeedbackStatus,
  FeedbackType,
  Language,
  StoredRouteWhy,
} from './types';

/** What a channel or the Open311 server gives us to file. */
export interface NewFeedback {
  type: FeedbackType;
  category: CategoryId;
  text: string;
  language: Language;
  location?: FeedbackLocation;
  attachments?: FeedbackAttachment[];
  /** Routing result; when absent the service routes itself with its route function. */
  agencyId?: string | null;
  routingReason?: string;
  /** The router's decision (why it went there), kept so staff can read it in plain words later. */
  routingWhy?: StoredRouteWhy;
  channel: CitizenChannel;
  citizenKey: string;
  anonymous: boolean;
  contact?: FeedbackContact;
  /**
   * Idempotency key: the dialog's pending-submission id, else the submitting message (channel:conversation:activity
   * id, Telegram update id). Filing twice with one key returns the first record.
   */
  sourceKey?: string;
  /** The citizen waits for a confirmation in their conversation (chat filings): tracked until confirmed. */
  awaitsConfirmation?: boolean;
}

/** Result of filing: the reference is only returned once the record is durably stored. */
export interface Filed {
  reference: string;
  agencyId: string | null;
}

/** What a status check may show: status and dates, never personal data. */
export interface StatusView {
  reference: string;
  type: FeedbackType;
  category: CategoryId;
  agencyId: string | null;
  status: FeedbackStatus;
  createdAt: Date;
  updatedAt: Date;
  history: { status: FeedbackStatus; at: Date }[];
  rating?: number;
  /** The asking citizen filed it and can still rate it (resolved or closed, not yet rated). */
  canRate?: boolean;
}

/** Routing as the feedback service needs it (implemented by services/routing). */
export type RouteFn = (input: {
  category: CategoryId;
  text?: string;
  locationText?: string;
  point?: { lat: number; lng: number };
}) => { agencyId: string | null; reason: string; why?: StoredRouteWhy };

const MAX_TEXT = 4000;

/** Files feedback atomically with its pending delivery, and answers status checks. */
export class FeedbackService {
  constructor(
    readonly repo: FeedbackRepository,
    private readonly route: RouteFn,
    private readonly citizenSalt: string,
  ) {}

  /** A stable pseudonymous key for a citizen on a channel (no raw user ids stored with records). */
  citizenKey(channelId: string, userId: string): string {
    return createHmac('sha256', this.citizenSalt).update(`${channelId}:${userId}`).digest('hex').slice(0, 32);
  }

  /** Store a new record and its pending delivery in one write, then return its reference. */
  async file(input: NewFeedback): Promise<Filed> {
    const now = new Date();
    let agencyId = input.agencyId;
    let reason = input.routingReason ?? 'chosen';
    let why = input.routingWhy;
    if (agencyId === undefined) {
      const decision = this.route({
        category: input.category,
        text: input.text,
        locationText: input.location?.text ?? input.location?.postcode,
        point: input.location?.point
          ? { lng: input.location.point.coordinates[0], lat: input.location.point.coordinates[1] }
          : undefined,
      });
      agencyId = decision.agencyId;
      reason = decision.reason;
      why = decision.why;
    }
    const base: Omit<FeedbackRecord, '_id'> = {
      type: input.type,
      category: input.category,
      text: input.text.slice(0, MAX_TEXT),
      language: input.language,
      ...(input.location ? { location: input.location } : {}),
      attachments: input.attachments ?? [],
      agencyId,
      routing: { state: agencyId ? 'routed' : 'unrouted', reason, ...(agencyId && why ? { why } : {}) },
      status: 'received',
      statusHistory: [{ status: 'received', at: now }],
      channel: input.channel,
      citizenKey: input.citizenKey,
      anonymous: input.anonymous,
      consent: input.anonymous ? { contact: false } : { contact: true, at: now },
      ...(!input.anonymous && input.contact ? { contact: input.contact } : {}),
      createdAt: now,
      updatedAt: now,
      delivery: { state: agencyId ? 'pending' : 'unrouted', attempts: 0, nextAttemptAt: now, history: [] },
      ...(input.sourceKey ? { sourceKey: input.sourceKey } : {}),
      ...(input.awaitsConfirmation ? { confirmation: { state: 'pending' as const } } : {}),
    };
    for (let attempt = 0; ; attempt++) {
      const reference = newReference();
      try {
        await this.repo.insert({ _id: reference, ...base });
        return { reference, agencyId };
      } catch (err) {
        if (err instanceof AlreadyFiledError) return { reference: err.reference, agencyId: err.agencyId };
        if (!(err instanceof ReferenceTakenError) || attempt >= 4) throw err;
      }
    }
  }

  /** The citizen's conversation has the confirmation of `reference` (written by the filing turn). */
  async confirmed(reference: string): Promise<void> {
    await this.repo.markConfirmed(reference, false);
  }

  /** Status of a record for anyone holding its reference: no personal data. */
  async status(reference: string, citizenKey?: string): Promise<StatusView | null> {
    const r = await this.repo.get(reference);
    if (!r) return null;
    const rateable = (r.status === 'resolved' || r.status === 'closed') && !r.rating;
    return {
      reference: r._id,
      type: r.type,
      category: r.category,
      agencyId: r.agencyId,
      status: r.status,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      history: r.statusHistory.map((h) => ({ status: h.status, at: h.at })),
      ...(r.rating ? { rating: r.rating.score } : {}),
      ...(rateable && citizenKey !== undefined && citizenKey === r.citizenKey ? { canRate: true } : {}),
    };
  }
}
