/** Applying a status change to a record: one guarded atomic write (status + history), then the citizen is told. */
import {
  FEEDBACK_STATUSES,
  type FeedbackRecord,
  type FeedbackStatus,
  type Language,
  type StatusChange,
} from '../feedback/types';
import { FeedbackNotFoundError, type FeedbackRepository } from '../feedback/repository';
import type { NotifyOutcome, StatusNotice } from '../notifications/notifier';

/** Statuses an agency (or agency staff) may set; `received` and `sent` belong to Suara. */
export const AGENCY_STATUSES = FEEDBACK_STATUSES.filter((s) => s !== 'received' && s !== 'sent') as Exclude<
  FeedbackStatus,
  'received' | 'sent'
>[];

/** Longest note we keep. */
export const MAX_NOTE = 2000;

/** A requested change. `agencyId` scopes it: records of other agencies are "not found". */
export interface StatusChangeInput {
  reference: string;
  status: FeedbackStatus;
  note?: string;
  noteLanguage?: Language;
  by: string;
  agencyId?: string;
  at?: Date;
}

/** Outcome of applying a change (a record missing or outside the scope throws FeedbackNotFoundError). */
export type ApplyResult =
  | { ok: true; changed: boolean; status: FeedbackStatus; notified: NotifyOutcome | 'unchanged' }
  | { ok: false; code: 'CONFLICT' };

/** Anything that can tell a citizen (the Notifier). */
export interface StatusNotifier {
  notifyStatusChange(record: FeedbackRecord, change: StatusNotice): Promise<NotifyOutcome>;
  notifyReply(record: FeedbackRecord, text: string): Promise<NotifyOutcome>;
}

/**
 * Told after a record changed (a status or a reply), whoever changed it — dashboard, Teams, an agency's API or the
 * Open311 poller — so views kept elsewhere (the Teams channel card) can follow. Must not throw or block.
 */
export interface FeedbackChangeListener {
  feedbackChanged(reference: string): void;
}

/** Longest staff reply we keep and send. */
export const MAX_REPLY = 2000;

/** A reply from agency staff to the citizen. `agencyId` scopes it like a status change. */
export interface ReplyInput {
  reference: string;
  text: string;
  by: string;
  agencyId?: string;
}

/** Outcome of sending a reply (a record missing or outside the scope throws FeedbackNotFoundError). */
export type ReplyResult =
  { ok: true; notified: NotifyOutcome | 'not_notified' } | { ok: false; code: 'EMPTY' };

/** Applies status changes coming from agencies (webhook updates, Open311 polling) and staff. */
export class StatusService {
  constructor(
    private readonly feedback: Pick<FeedbackRepository, 'getForAgency' | 'appendStatus' | 'addReply'>,
    private readonly notifier?: StatusNotifier,
    private readonly changes?: FeedbackChangeListener,
  ) {}

  /**
   * Apply a change. Repeating the current status with the same (or no) note changes nothing and notifies no one,
   * so pollers and retrying agencies are harmless.
   */
  async apply(input: StatusChangeInput): Promise<ApplyResult> {
    const note = input.note?.trim().slice(0, MAX_NOTE) || undefined;
    for (let tries = 0; tries < 5; tries++) {
      const rec = await this.feedback.getForAgency(input.reference, input.agencyId);
      if (!rec) throw new FeedbackNotFoundError(input.reference);
      const last = rec.statusHistory.at(-1);
      if (rec.status === input.status && (!note || last?.note === note)) {
        return { ok: true, changed: false, status: rec.status, notified: 'unchanged' };
      }
      const at = input.at ?? new Date();
      const change: StatusChange = { status: input.status, at, by: input.by, ...(note ? { note } : {}) };
      if (!(await this.feedback.appendStatus(rec, change))) continue;
      this.changes?.feedbackChanged(rec._id);
      const updated = {
        ...rec,
        status: input.status,
        updatedAt: at,
        statusHistory: [...rec.statusHistory, change],
      };
      const notified = this.notifier
        ? await this.notifier.notifyStatusChange(updated, {
            ...change,
            ...(input.noteLanguage ? { noteLanguage: input.noteLanguage } : {}),
          })
        : 'not_notified';
      return { ok: true, changed: true, status: input.status, notified };
    }
    return { ok: false, code: 'CONFLICT' };
  }

  /** Store a staff reply on the record (`replies`), then send it to the citizen on their channel. */
  async reply(input: ReplyInput): Promise<ReplyResult> {
    const text = input.text.trim().slice(0, MAX_REPLY);
    if (!text) return { ok: false, code: 'EMPTY' };
    const rec = await this.feedback.addReply(
      input.reference,
      { text, at: new Date(), by: input.by },
      input.agencyId,
    );
    if (!rec) throw new FeedbackNotFoundError(input.reference);
    this.changes?.feedbackChanged(rec._id);
    const notified = this.notifier ? await this.notifier.notifyReply(rec, text) : 'not_notified';
    return { ok: true, notified };
  }
}
