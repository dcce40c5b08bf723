/**
 * The one path for an action on a feedback record, whoever asks — the dashboard, the Teams app or an agency's
 * signed status API: scope check (another agency's record is "not found", exactly like a missing one), the change
 * through the StatusService (guarded write, history, the citizen notified), then the audit entry. "Not found / not
 * yours" is always a FeedbackNotFoundError; each surface maps it once (HTTP 404, a Teams message, the API's code).
 */
import { FeedbackNotFoundError } from '../feedback/repository';
import type { FeedbackRecord, FeedbackStatus, Language } from '../feedback/types';
import type { ApplyResult, ReplyResult, StatusService } from '../status/statusService';
import type { AuditLog } from './audit';
import { scopeOf, type StaffFeedback, type Viewer } from './feedbackQueries';
import type { FeedbackDetail } from './feedbackView';

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

  private async audit(actor: Actor, action: 'status' | 'reply' | 'assign', reference: string, detail = {}) {
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
}
