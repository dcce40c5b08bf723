/**
 * The one path for an action on a feedback record, whoever asks — the dashboard, the Teams app or an agency's
 * signed status API: scope check (another agency's record is "not found", exactly like a missing one), the change
 * through the StatusService (guarded write, history, the citizen notified), then the audit entry. "Not found / not
 * yours" is always a FeedbackNotFoundError; each surface maps it once (HTTP 404, a Teams message, the API's code).
 */
import { randomBytes } from 'node:crypto';
import type { FeedbackInbox } from '../feedback/inboxStore';
import { FeedbackNotFoundError } from '../feedback/repository';
import type { FeedbackRecord, FeedbackStatus, Language } from '../feedback/types';
import type {
  ApplyResult,
  FeedbackChangeListener,
  ReplyResult,
  StatusService,
} from '../status/statusService';
import type { AuditLog } from './audit';
import { scopeOf, type StaffFeedback, type Viewer } from './feedbackQueries';
import type { FeedbackDetail } from './feedbackView';
import type { StaffRepository } from './repository';

/** Where an action came from (kept in the audit entry). */
export type ActionSurface = 'dashboard' | 'teams' | 'api';

/** Who acts: whose records they may touch (`viewer`), how the change is signed (`by`), and from where. */
export interface Actor {
  viewer: Viewer;
  by: string;
  via: ActionSurface;
}

/** A staff member acting from the dashboard or Teams. */
export function staffActor(viewer: Viewer, via: Exclude<ActionSurface, 'api'>): Actor {
  return { viewer, by: `staff:${viewer.staffId}`, via };
}

/** An agency's system acting through the signed status API: held to that agency's records. */
export function agencyActor(agencyId: string): Actor {
  const id = `agency:${agencyId}`;
  return { viewer: { role: 'staff', agencyId, staffId: id }, by: id, via: 'api' };
}

/** Raised when the change could not be applied because the record kept changing under us (try again). */
export class FeedbackConflictError extends Error {
  readonly code = 'CONFLICT';
  constructor(readonly reference: string) {
    super(`Feedback ${reference} changed concurrently`);
  }
}

/** Why an inbox action was refused (the caller's input, not the record's visibility): HTTP 400 on the dashboard. */
export class StaffActionInputError extends Error {
  constructor(readonly code: 'ASSIGNEE_INVALID' | 'MERGE_INVALID' | 'TEXT_REQUIRED') {
    super(code);
    this.name = 'StaffActionInputError';
  }
}

/** Longest internal note. */
export const MAX_INTERNAL_NOTE = 2000;

/** A status change as an actor asks for it. */
export interface StatusRequest {
  reference: string;
  status: FeedbackStatus;
  note?: string;
  /** The language the note is written in (agencies may say). */
  noteLanguage?: Language;
  at?: Date;
}

/** What a successful status change did. */
export type StatusDone = Extract<ApplyResult, { ok: true }>;
/** What a successful reply did. */
export type ReplyDone = Extract<ReplyResult, { ok: true }>;

/** What the service needs. */
export interface StaffActionDeps {
  feedback: Pick<StaffFeedback, 'find' | 'detail' | 'assign'>;
  status: Pick<StatusService, 'apply' | 'reply'>;
  audit: Pick<AuditLog, 'record'>;
  /** The inbox writes (assignee, notes, merge); required for those actions. */
  inbox?: Pick<FeedbackInbox, 'setAssignee' | 'addNote' | 'merge'>;
  /** Staff accounts (to check an assignee is an officer of the record's body). */
  staff?: Pick<StaffRepository, 'get'>;
  /** Told after an assignment or a note (status changes and replies tell it through the StatusService). */
  changes?: FeedbackChangeListener;
}

/** Scope check, change, audit, notify — for every surface. */
export class StaffActionService {
  constructor(private readonly deps: StaffActionDeps) {}

  /** The agency a write is held to: undefined for an admin (all records); not found for an account with none. */
  private writeScope(actor: Actor, reference: string): string | undefined {
    const scope = scopeOf(actor.viewer);
    if (scope.kind === 'agency') return scope.agencyId;
    if (scope.kind === 'all') return undefined;
    throw new FeedbackNotFoundError(reference);
  }

  private async audit(
    actor: Actor,
    action: 'status' | 'reply' | 'assign' | 'assignee' | 'note' | 'merge',
    reference: string,
    detail = {},
  ) {
    await this.deps.audit.record({
      staffId: actor.viewer.staffId,
      agencyId: actor.viewer.agencyId,
      action,
      reference,
      detail: { ...detail, via: actor.via },
    });
  }

  /** The record as staff see it; FeedbackNotFoundError unless the actor may see it. */
  async detail(actor: Actor, reference: string): Promise<FeedbackDetail> {
    const d = await this.deps.feedback.detail(actor.viewer, reference);
    if (!d) throw new FeedbackNotFoundError(reference);
    return d;
  }

  /** The raw record; FeedbackNotFoundError unless the actor may see it. */
  async record(actor: Actor, reference: string): Promise<FeedbackRecord> {
    const r = await this.deps.feedback.find(actor.viewer, reference);
    if (!r) throw new FeedbackNotFoundError(reference);
    return r;
  }

  /**
   * Set a status within the actor's scope (the write itself is scoped). Audited only when something changed;
   * repeating the current status changes nothing and notifies no one.
   */
  async setStatus(actor: Actor, req: StatusRequest): Promise<StatusDone> {
    const agencyId = this.writeScope(actor, req.reference);
    const result = await this.deps.status.apply({
      reference: req.reference,
      status: req.status,
      by: actor.by,
      ...(req.note ? { note: req.note } : {}),
      ...(req.noteLanguage ? { noteLanguage: req.noteLanguage } : {}),
      ...(agencyId !== undefined ? { agencyId } : {}),
      ...(req.at ? { at: req.at } : {}),
    });
    if (!result.ok) throw new FeedbackConflictError(req.reference);
    if (result.changed) await this.audit(actor, 'status', req.reference, { status: req.status });
    return result;
  }

  /** Store a reply on a record within the actor's scope and send it to the citizen, then audit it. */
  async reply(actor: Actor, reference: string, text: string): Promise<ReplyDone> {
    const agencyId = this.writeScope(actor, reference);
    const result = await this.deps.status.reply({
      reference,
      text,
      by: actor.by,
      ...(agencyId !== undefined ? { agencyId } : {}),
    });
    if (!result.ok) throw Object.assign(new Error('reply text is empty'), { code: result.code });
    await this.audit(actor, 'reply', reference);
    return result;
  }

  /**
   * Admin only: give an unrouted record to an agency. FeedbackNotFoundError when the actor cannot see it; false
   * when it is not in the unrouted queue any more.
   */
  async assign(actor: Actor, reference: string, agencyId: string): Promise<boolean> {
    await this.record(actor, reference);
    if (!(await this.deps.feedback.assign(actor.viewer, reference, agencyId))) return false;
    await this.audit(actor, 'assign', reference, { agencyId });
    return true;
  }

  private inboxDeps(): Required<Pick<StaffActionDeps, 'inbox' | 'staff'>> {
    const { inbox, staff } = this.deps;
    if (!inbox || !staff) throw new Error('StaffActionService was built without the inbox');
    return { inbox, staff };
  }

  /**
   * Give a record to an officer of its body (`staffId`), or to nobody (null). The officer must be an active staff
   * account of the record's body (StaffActionInputError otherwise). Internal: the citizen is not told.
   */
  async assignOfficer(
    actor: Actor,
    reference: string,
    staffId: string | null,
    now = new Date(),
  ): Promise<void> {
    const { inbox, staff } = this.inboxDeps();
    const record = await this.record(actor, reference);
    if (staffId !== null) {
      const officer = await staff.get(staffId);
      if (!officer || officer.disabled || officer.role !== 'staff' || officer.agencyId !== record.agencyId)
        throw new StaffActionInputError('ASSIGNEE_INVALID');
    }
    const assignee = staffId === null ? null : { staffId, at: now, by: actor.by };
    if (!(await inbox.setAssignee(scopeOf(actor.viewer), reference, assignee, now)))
      throw new FeedbackNotFoundError(reference);
    await this.audit(actor, 'assignee', reference, { staffId: staffId ?? 'none' });
    this.deps.changes?.feedbackChanged(reference);
  }

  /** Add an internal note (never sent to the citizen, never in citizen-facing or Open311 output). */
  async addNote(actor: Actor, reference: string, text: string, now = new Date()): Promise<void> {
    const { inbox } = this.inboxDeps();
    const clean = text.trim().slice(0, MAX_INTERNAL_NOTE);
    if (!clean) throw new StaffActionInputError('TEXT_REQUIRED');
    const note = { id: randomBytes(6).toString('hex'), at: now, by: actor.by, text: clean };
    if (!(await inbox.addNote(scopeOf(actor.viewer), reference, note)))
      throw new FeedbackNotFoundError(reference);
    await this.audit(actor, 'note', reference);
    this.deps.changes?.feedbackChanged(reference);
  }

  /**
   * Merge a duplicate into an original of the same body: the duplicate points at the original and is closed as a
   * duplicate (its citizen is told, with the original's reference), and from then on its citizen is told of the
   * original's status changes (Notifier). Both must be visible to the actor (else not found); merging into
   * itself, across bodies, into a merged record or a record that has duplicates of its own is refused.
   */
  async merge(actor: Actor, duplicate: string, original: string): Promise<void> {
    const { inbox } = this.inboxDeps();
    const dup = await this.record(actor, duplicate);
    const orig = await this.record(actor, original);
    const agencyId = dup.agencyId;
    if (
      dup._id === orig._id ||
      !agencyId ||
      orig.agencyId !== agencyId ||
      orig.mergedInto ||
      orig.status === 'duplicate' ||
      dup.mergedInto ||
      (dup.duplicates?.length ?? 0) > 0
    )
      throw new StaffActionInputError('MERGE_INVALID');
    if (!(await inbox.merge(dup._id, orig._id, agencyId, new Date())))
      throw new StaffActionInputError('MERGE_INVALID');
    await this.deps.status.apply({ reference: dup._id, status: 'duplicate', by: actor.by, agencyId });
    await this.audit(actor, 'merge', dup._id, { into: orig._id });
    this.deps.changes?.feedbackChanged(orig._id);
  }
}
