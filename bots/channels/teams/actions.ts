/**
 * What staff can do, independent of how they asked (typed command or card button): list, show, change status,
 * reply. Lists go through the staff service's scoped queries; show, status and reply go through the one
 * StaffActionService (scope, change, audit, notify) shared with the dashboard and the agency API, so another
 * agency's reference is "not found" exactly like one that does not exist (mapped once, in app.ts `run`).
 */
import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { FeedbackStatus, Language } from '../../../services/feedback/types';
import type { Localizer } from '../../../services/i18n';
import type { Logger } from '../../../services/log';
import {
  MAX_INTERNAL_NOTE,
  StaffActionInputError,
  staffActor,
  type StaffActionService,
} from '../../../services/staff/actionService';
import type { StaffFeedback } from '../../../services/staff/feedbackQueries';
import { AGENCY_STATUSES, MAX_NOTE } from '../../../services/status/statusService';
import { detailCard, listCard, MAX_REPLY, type CardText } from './cards';
import { isAgencyStatus } from './commands';
import { TeamsError } from './errors';
import type { TeamsStaff } from './links';

/** The staff-action service's input errors as Teams errors (the staff member can act on them). */
async function inputErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof StaffActionInputError)) throw e;
    throw new TeamsError(e.code === 'TEXT_REQUIRED' ? 'NOTE_REQUIRED' : 'ASSIGNEE_INVALID');
  }
}

/** How many records `list` shows. */
export const LIST_SIZE = 10;

/** What the actions need. */
export interface ActionDeps {
  /** The one action path (shared with the dashboard and the agency API). */
  actions: StaffActionService;
  /** Scoped staff queries (for the list). */
  feedback: StaffFeedback;
  agencyName(id: string, lang: Language): string;
  l10n: Localizer;
  log: Logger;
}

/** A reply to send. */
export type Reply = Partial<Activity>;

/** The four staff actions. */
export class StaffActions {
  constructor(private readonly deps: ActionDeps) {}

  private text(lang: Language): CardText {
    return { t: this.deps.l10n.t, lang, agencyName: this.deps.agencyName };
  }

  private scopeName(staff: TeamsStaff, lang: Language): string {
    return staff.agencyId
      ? this.deps.agencyName(staff.agencyId, lang)
      : this.deps.l10n.t(lang, 'teams:help.allAgencies');
  }

  /** The newest records of the staff member's agency (optionally of one status), as a card. */
  async list(staff: TeamsStaff, lang: Language, status?: FeedbackStatus): Promise<Reply> {
    const { t } = this.deps.l10n;
    const page = await this.deps.feedback.list(staff, { page: 1, ...(status ? { status } : {}) });
    if (!page.items.length) return MessageFactory.text(t(lang, 'teams:list.empty'));
    const agency = this.scopeName(staff, lang);
    const title = status
      ? t(lang, 'teams:list.titleStatus', { agency, status: t(lang, `teams:status.${status}`) })
      : t(lang, 'teams:list.title', { agency });
    const card = listCard(this.text(lang), title, page.items.slice(0, LIST_SIZE));
    return MessageFactory.attachment(CardFactory.adaptiveCard(card));
  }

  /** One record as a card with its forms; NOT_FOUND unless the staff member may see it. */
  async show(staff: TeamsStaff, lang: Language, reference: string): Promise<Reply> {
    const detail = await this.deps.actions.detail(staffActor(staff, 'teams'), reference);
    return MessageFactory.attachment(CardFactory.adaptiveCard(detailCard(this.text(lang), detail)));
  }

  /** Change the status of a visible record through the staff-action service (which audits it). */
  async setStatus(
    staff: TeamsStaff,
    lang: Language,
    reference: string,
    status: FeedbackStatus,
    note?: string,
  ): Promise<Reply> {
    const { t } = this.deps.l10n;
    if (!isAgencyStatus(status)) throw new TeamsError('STATUS_INVALID', { statuses: this.settable(lang) });
    const clean = note?.trim() || undefined;
    if (clean && clean.length > MAX_NOTE) throw new TeamsError('TOO_LONG', { max: MAX_NOTE });
    const label = t(lang, `teams:status.${status}`);
    const done = await this.deps.actions.setStatus(staffActor(staff, 'teams'), {
      reference,
      status,
      ...(clean ? { note: clean } : {}),
    });
    if (!done.changed)
      return MessageFactory.text(t(lang, 'teams:done.statusUnchanged', { reference, status: label }));
    this.deps.log.info('teams status changed', { staff: staff.staffId, reference, status });
    return MessageFactory.text(t(lang, 'teams:done.status', { reference, status: label }));
  }

  /** Send a message to the citizen of a visible record through the staff-action service (which audits it). */
  async reply(staff: TeamsStaff, lang: Language, reference: string, text: string): Promise<Reply> {
    const clean = text.trim();
    if (!clean) throw new TeamsError('TEXT_REQUIRED', { reference });
    if (clean.length > MAX_REPLY) throw new TeamsError('TOO_LONG', { max: MAX_REPLY });
    await this.deps.actions.reply(staffActor(staff, 'teams'), reference, clean);
    this.deps.log.info('teams reply sent', { staff: staff.staffId, reference });
    return MessageFactory.text(this.deps.l10n.t(lang, 'teams:done.reply', { reference }));
  }

  /** Take a visible record: assign it to the staff member (an officer of its body). */
  async assignToMe(staff: TeamsStaff, lang: Language, reference: string): Promise<Reply> {
    await inputErrors(() =>
      this.deps.actions.assignOfficer(staffActor(staff, 'teams'), reference, staff.staffId),
    );
    this.deps.log.info('teams item assigned', { staff: staff.staffId, reference });
    return MessageFactory.text(this.deps.l10n.t(lang, 'teams:done.assigned', { reference }));
  }

  /** Add an internal note (never sent to the citizen) to a visible record. */
  async addNote(staff: TeamsStaff, lang: Language, reference: string, text: string): Promise<Reply> {
    const clean = text.trim();
    if (!clean) throw new TeamsError('NOTE_REQUIRED');
    if (clean.length > MAX_INTERNAL_NOTE) throw new TeamsError('TOO_LONG', { max: MAX_INTERNAL_NOTE });
    await inputErrors(() => this.deps.actions.addNote(staffActor(staff, 'teams'), reference, clean));
    this.deps.log.info('teams note added', { staff: staff.staffId, reference });
    return MessageFactory.text(this.deps.l10n.t(lang, 'teams:done.note', { reference }));
  }

  /** The help text for this staff member. */
  help(staff: TeamsStaff, lang: Language): Reply {
    const { t } = this.deps.l10n;
    const lines = [
      `**${t(lang, 'teams:help.title')}**`,
      t(lang, 'teams:help.signedIn', { email: staff.email, agency: this.scopeName(staff, lang) }),
      '',
      t(lang, 'teams:help.commands'),
      ...['list', 'show', 'status', 'reply', 'link', 'help'].map(
        (k) => `- ${t(lang, `teams:help.${k}`, { count: LIST_SIZE })}`,
      ),
      '',
      t(lang, 'teams:help.statuses', { statuses: this.settable(lang) }),
    ];
    return { ...MessageFactory.text(lines.join('\n')), textFormat: 'markdown' };
  }

  /** The statuses staff may set, as "in_progress (In progress), ..." in the staff member's language. */
  settable(lang: Language): string {
    const { t } = this.deps.l10n;
    return AGENCY_STATUSES.map((s) => `${s} (${t(lang, `teams:status.${s}`)})`).join(', ');
  }
}
