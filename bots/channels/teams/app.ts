/**
 * The staff app: a teams-ai `Application` (no LLM; used for its routing). Typed commands in English or Malay,
 * Adaptive Card submits, and a search message extension, all for the linked staff member's agency only.
 */
import { Application, type TurnState } from '@microsoft/teams-ai';
import {
  CardFactory,
  TeamsInfo,
  type MessagingExtensionResult,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { Db } from 'mongodb';
import { z } from 'zod';
import { FEEDBACK_STATUSES, type FeedbackStatus, type Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import { silentLogger, type Logger } from '../../../services/log';
import { FeedbackNotFoundError, FeedbackRepository } from '../../../services/feedback/repository';
import { StaffFeedback } from '../../../services/staff/feedbackQueries';
import { StaffActions, type ActionDeps, type Reply } from './actions';
import { shareCard } from './cards';
import {
  afterVerb,
  BARE_REFERENCE,
  statusAliases,
  type StatusAliases,
  takeReference,
  takeStatus,
  verbPattern,
  VERBS,
} from './commands';
import { ChannelLinking } from './channelCommands';
import { TeamsChannelLinks } from './channelLinks';
import { TeamsError } from './errors';
import { TeamsStaffLinks, type TeamsStaff } from './links';

/** Looks up the Teams user's email (from Teams) for linking by email; undefined when unknown. */
export type MemberEmail = (context: TurnContext) => Promise<string | undefined>;

/** What the Teams app needs from the composition root. */
export interface TeamsAppDeps extends Omit<ActionDeps, 'log' | 'feedback'> {
  /** The database the Teams links and the scoped staff queries live in. */
  db: Db;
  storage: Storage;
  log?: ActionDeps['log'];
  /** Link unlinked users of this tenant whose Teams email matches a staff account (off when absent). */
  linkByEmail?: { tenantId: string; memberEmail?: MemberEmail };
}

const STAFF = Symbol('suara.teams.staff');

/** Finds the staff member behind a Teams user. */
type Identify = (context: TurnContext) => Promise<TeamsStaff | null>;

/** The staff member's language: the Teams client locale (`ms-*` → Malay, else English). */
export function teamsLanguage(context: TurnContext): Language {
  const a = context.activity;
  const clientInfo = (a.entities ?? []).find((e) => e.type === 'clientInfo') as
    { locale?: unknown } | undefined;
  const locale = a.locale || (typeof clientInfo?.locale === 'string' ? clientInfo.locale : '');
  return /^ms(\b|[-_])/i.test(locale) ? 'ms' : 'en';
}

/** Default email look-up: the member's profile from the Teams connector. */
export const teamsMemberEmail: MemberEmail = async (context) => {
  const m = await TeamsInfo.getMember(context, context.activity.from.id);
  return m.email || m.userPrincipalName || undefined;
};

const openSchema = z.object({ verb: z.literal('open'), reference: z.string().max(40) });
const statusSchema = z.object({
  verb: z.literal('setStatus'),
  reference: z.string().max(40),
  status: z.string().max(40).optional(),
  note: z.string().max(10_000).optional(),
});
/** Card data, validated; anything else (an old or tampered card) is an unknown command. */
function cardData<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new TeamsError('UNKNOWN_COMMAND');
  return r.data;
}
const assignSchema = z.object({ verb: z.literal('assignMe'), reference: z.string().max(40) });
const noteSchema = z.object({
  verb: z.literal('note'),
  reference: z.string().max(40),
  internalNote: z.string().max(10_000).optional(),
});
const replySchema = z.object({
  verb: z.literal('reply'),
  reference: z.string().max(40),
  reply: z.string().max(10_000).optional(),
});

/** Runs one action for the identified staff member (errors become localized messages, never a crash). */
type Run = (
  fn: (staff: TeamsStaff, lang: Language, context: TurnContext) => Promise<Reply | undefined>,
) => (context: TurnContext) => Promise<void>;

/** The linked staff member, linking by Teams email first when that is enabled and the tenant matches. */
function staffIdentifier(deps: TeamsAppDeps, links: TeamsStaffLinks, log: Logger) {
  return async (context: TurnContext): Promise<TeamsStaff | null> => {
    const aad = context.activity.from?.aadObjectId;
    const linked = await links.resolve(aad);
    const byEmail = deps.linkByEmail;
    if (linked || !aad || !byEmail || context.activity.conversation?.tenantId !== byEmail.tenantId)
      return linked;
    try {
      const email = await (byEmail.memberEmail ?? teamsMemberEmail)(context);
      const staff = email ? await links.staffByEmail(email) : null;
      if (!staff) return null;
      await links.link(aad, staff.email, 'teams-email');
      log.info('teams user linked by email', { staff: staff.staffId });
      return staff;
    } catch (e) {
      log.warn('teams email look-up failed', { code: (e as { code?: string }).code ?? (e as Error).name });
      return null;
    }
  };
}

/** The one mapping of failures to staff messages; "not found / not yours" is the same answer for both. */
function actionRunner(t: Translate, log: Logger): Run {
  return (fn) => async (context) => {
    const lang = teamsLanguage(context);
    const staff = context.turnState.get(STAFF) as TeamsStaff;
    let reply: Reply | undefined;
    try {
      reply = await fn(staff, lang, context);
    } catch (caught) {
      const e =
        caught instanceof FeedbackNotFoundError
          ? new TeamsError('NOT_FOUND', { reference: caught.reference })
          : caught;
      if (!(e instanceof TeamsError) || e.code === 'LINK_INVALID') {
        log.error('teams action failed', {
          staff: staff.staffId,
          code: (e as { code?: string }).code ?? (e as Error).name,
        });
        reply = { text: t(lang, 'teams:errors.INTERNAL') };
      } else {
        reply = { text: t(lang, `teams:errors.${e.code}`, { reference: 'SRA-ABCD-EFGH', ...e.vars }) };
      }
    }
    if (reply) await context.sendActivity(reply);
  };
}

/** Gate: typed messages and card submits only from linked staff. */
function addGate(app: Application<TurnState>, identify: Identify, t: Translate, log: Logger): void {
  app.turn('beforeTurn', async (context) => {
    if (context.activity.type !== 'message') return true;
    const staff = await identify(context);
    if (staff) {
      context.turnState.set(STAFF, staff);
      return true;
    }
    log.info('teams user not linked', { channel: context.activity.channelId });
    await context.sendActivity(
      t(teamsLanguage(context), 'teams:notLinked', { id: context.activity.from?.aadObjectId ?? '-' }),
    );
    return false;
  });
}

/** What a card submit does, given the staff member, their language, the card's reference and its checked data. */
type CardAct<T> = (
  staff: TeamsStaff,
  lang: Language,
  reference: string,
  data: T,
) => Promise<Reply | undefined>;

/** Answers the card submits of `verb`: their data checked against `schema`, the card's reference read, then `act`. */
function onCardSubmit<T extends { reference: string }>(
  app: Application<TurnState>,
  run: Run,
  verb: string,
  schema: z.ZodType<T>,
  act: CardAct<T>,
): void {
  app.adaptiveCards.actionSubmit(
    verb,
    run(async (staff, lang, ctx) => {
      const d = cardData(schema, ctx.activity.value);
      return act(staff, lang, takeReference(d.reference).reference, d);
    }),
  );
}

/** Adaptive Card submits (Action.Submit data carries `verb`). */
function addCardSubmits(
  app: Application<TurnState>,
  run: Run,
  actions: StaffActions,
  aliases: StatusAliases,
) {
  const on = <T extends { reference: string }>(verb: string, schema: z.ZodType<T>, act: CardAct<T>) =>
    onCardSubmit(app, run, verb, schema, act);
  on('open', openSchema, (staff, lang, reference) => actions.show(staff, lang, reference));
  on('setStatus', statusSchema, async (staff, lang, reference, d) => {
    const found = takeStatus(d.status ?? '', aliases);
    if (!found || found.rest) throw new TeamsError('STATUS_INVALID', { statuses: actions.settable(lang) });
    return actions.setStatus(staff, lang, reference, found.status, d.note);
  });
  on('reply', replySchema, (staff, lang, reference, d) =>
    actions.reply(staff, lang, reference, d.reply ?? ''),
  );
  on('assignMe', assignSchema, (staff, lang, reference) => actions.assignToMe(staff, lang, reference));
  on('note', noteSchema, (staff, lang, reference, d) =>
    actions.addNote(staff, lang, reference, d.internalNote ?? ''),
  );
}

const text = (ctx: TurnContext) => afterVerb(ctx.activity.text ?? '');

/** Typed commands that read: help, list, show (or a bare reference). */
function addReadCommands(
  app: Application<TurnState>,
  run: Run,
  actions: StaffActions,
  aliases: StatusAliases,
) {
  app.message(
    verbPattern(VERBS.help, true),
    run(async (staff, lang) => actions.help(staff, lang)),
  );
  app.message(
    verbPattern(VERBS.list),
    run(async (staff, lang, ctx) => {
      const args = text(ctx);
      let status: FeedbackStatus | undefined;
      if (args) {
        const found = takeStatus(args, aliases);
        if (!found || found.rest)
          throw new TeamsError('STATUS_INVALID', { statuses: FEEDBACK_STATUSES.join(', ') });
        status = found.status;
      }
      return actions.list(staff, lang, status);
    }),
  );
  app.message(
    verbPattern(VERBS.show),
    run(async (staff, lang, ctx) => actions.show(staff, lang, takeReference(text(ctx)).reference)),
  );
  app.message(
    BARE_REFERENCE,
    run(async (staff, lang, ctx) =>
      actions.show(staff, lang, takeReference(ctx.activity.text ?? '').reference),
    ),
  );
}

/** `link` / `unlink` a body's channel (first: "link mbpj" also looks like a bare reference). */
function addChannelCommands(app: Application<TurnState>, run: Run, channels: ChannelLinking): void {
  app.message(
    verbPattern(VERBS.link),
    run(async (staff, lang, ctx) => channels.link(staff, lang, ctx, text(ctx))),
  );
  app.message(
    verbPattern(VERBS.unlink),
    run(async (staff, lang, ctx) => channels.unlink(staff, lang, text(ctx))),
  );
}

/** Typed commands that change something: status, reply; anything else is unknown. */
function addWriteCommands(
  app: Application<TurnState>,
  run: Run,
  actions: StaffActions,
  aliases: StatusAliases,
) {
  app.message(
    verbPattern(VERBS.status),
    run(async (staff, lang, ctx) => {
      const { reference, rest } = takeReference(text(ctx));
      if (!rest) throw new TeamsError('STATUS_MISSING', { reference });
      const found = takeStatus(rest, aliases);
      if (!found) throw new TeamsError('STATUS_INVALID', { statuses: actions.settable(lang) });
      return actions.setStatus(staff, lang, reference, found.status, found.rest);
    }),
  );
  app.message(
    verbPattern(VERBS.reply),
    run(async (staff, lang, ctx) => {
      const { reference, rest } = takeReference(text(ctx));
      return actions.reply(staff, lang, reference, rest);
    }),
  );
  app.activity(
    'message',
    run(async () => {
      throw new TeamsError('UNKNOWN_COMMAND');
    }),
  );
}

/** Search message extension: staff find a record and share its identifying card into a chat. */
function addSearch(
  app: Application<TurnState>,
  identify: Identify,
  feedback: StaffFeedback,
  deps: TeamsAppDeps,
) {
  const { t } = deps.l10n;
  app.messageExtensions.query(
    'searchFeedback',
    async (context, _state, query): Promise<MessagingExtensionResult> => {
      const lang = teamsLanguage(context);
      const staff = await identify(context);
      if (!staff) return { type: 'message', text: t(lang, 'teams:search.notLinked') };
      const q = String(query.parameters.query ?? '').slice(0, 100);
      const page = await feedback.list(staff, { page: 1, ...(q.trim() ? { q } : {}) });
      const x = { t, lang, agencyName: deps.agencyName };
      return {
        type: 'result',
        attachmentLayout: 'list',
        attachments: page.items.slice(0, query.count || 10).map((r) => ({
          ...CardFactory.adaptiveCard(shareCard(x, r)),
          preview: CardFactory.thumbnailCard(
            r.reference,
            `${t(lang, `teams:status.${r.status}`)} · ${r.excerpt}`,
          ),
        })),
      };
    },
  );
}

/** Greeting when the app is added to a chat or team. */
function addGreeting(app: Application<TurnState>, t: Translate): void {
  app.conversationUpdate('membersAdded', async (context) => {
    const me = context.activity.recipient?.id;
    if ((context.activity.membersAdded ?? []).some((m) => m.id === me)) {
      await context.sendActivity({
        text: t(teamsLanguage(context), 'teams:welcome'),
        textFormat: 'markdown',
      });
    }
  });
}

/** Build the staff app. Call `prepareTeams` once at start-up for indexes and seeded links. */
export function createTeamsApp(deps: TeamsAppDeps): Application<TurnState> {
  const log = deps.log ?? silentLogger;
  const { t } = deps.l10n;
  const feedback = new StaffFeedback(new FeedbackRepository(deps.db));
  const actions = new StaffActions({ ...deps, feedback, log });
  const channels = new ChannelLinking({
    links: new TeamsChannelLinks(deps.db),
    agencyName: deps.agencyName,
    l10n: deps.l10n,
    log,
  });
  const aliases = statusAliases(deps.l10n);
  const identify = staffIdentifier(deps, new TeamsStaffLinks(deps.db), log);
  const run = actionRunner(t, log);
  const app = new Application<TurnState>({
    storage: deps.storage,
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  addGate(app, identify, t, log);
  addCardSubmits(app, run, actions, aliases);
  addChannelCommands(app, run, channels);
  addReadCommands(app, run, actions, aliases);
  addWriteCommands(app, run, actions, aliases);
  addSearch(app, identify, feedback, deps);
  addGreeting(app, t);
  return app;
}
