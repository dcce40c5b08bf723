/**
 * The one bot every channel talks to. Per turn it decides the language (the citizen's choice, else the first
 * message, else the channel's locale), remembers the site or deep link the conversation came from, handles
 * interruptions, runs the dialogs, and saves state with optimistic concurrency.
 */
import {
  ActivityHandler,
  ActivityTypes,
  type Activity,
  type ConversationState,
  type StatePropertyAccessor,
  type Storage,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import { MAIN_DIALOG, RATING_DIALOG } from '../../dialogs/ids';
import { consultationLink, START_EVENT } from '../../dialogs/deepLink';
import { interrupt, startOver } from '../../dialogs/interruptions';
import { LanguageDialog, type UserProfile } from '../../dialogs/languageDialog';
import { MainDialog, type MainOptions } from '../../dialogs/mainDialog';
import type { DialogDeps } from '../../dialogs/ports';
import { PrivacyDialog } from '../../dialogs/privacyDialog';
import { RatingDialog, type RatingOptions } from '../../dialogs/ratingDialog';
import { StatusDialog } from '../../dialogs/statusDialog';
import { prefetchStates, saveStates } from './strictState';
import { setTurnLanguage, setTurnSite, turnLanguage, type SiteContext } from '../../dialogs/turn';
import type { Language } from '../../services/feedback/types';
import { detectLanguage, languageFromLocale } from '../../services/language/detect';
import { awaitsRating } from '../../services/notifications/notifier';

/** Options of the bot beyond the dialogs' dependencies. */
export interface SuaraBotOptions {
  defaultLanguage: Language;
}

interface ConversationData {
  site?: SiteContext;
  started?: boolean;
  /** When the citizen last wrote (ISO time): a rating request newer than this is the one they are answering. */
  lastTurnAt?: string;
}

/** Suara's ActivityHandler. */
export class SuaraBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  private readonly profile: StatePropertyAccessor<UserProfile>;
  private readonly conversationData: StatePropertyAccessor<ConversationData>;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly deps: DialogDeps,
    private readonly options: SuaraBotOptions,
    private readonly storage: Storage,
  ) {
    super();
    this.profile = userState.createProperty<UserProfile>('profile');
    this.conversationData = conversationState.createProperty<ConversationData>('conversation');
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog(deps, this.profile));
    this.dialogs.add(new LanguageDialog(deps, this.profile));
    this.dialogs.add(new StatusDialog(deps));
    this.dialogs.add(new RatingDialog(deps));
    this.dialogs.add(new PrivacyDialog(deps));

    this.onMessage(async (context, next) => {
      await this.onCitizenMessage(context);
      await next();
    });
    this.onEvent(async (context, next) => {
      await this.onStartEvent(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some(
        (m) => m.id !== context.activity.recipient?.id,
      );
      if (joined) await this.greet(context);
      await next();
    });
  }

  /** Run the turn, then save state (a lost eTag race throws StateConflictError to the pipeline). */
  override async run(context: TurnContext): Promise<void> {
    await prefetchStates(context, this.storage, [this.conversationState, this.userState]);
    await this.prepare(context);
    await super.run(context);
    if (context.activity.type === ActivityTypes.Message) {
      const data = await this.conversationData.get(context, {});
      await this.conversationData.set(context, { ...data, lastTurnAt: new Date().toISOString() });
    }
    await saveStates(context, this.storage, [this.conversationState, this.userState]);
  }

  private async prepare(context: TurnContext): Promise<void> {
    const profile = await this.profile.get(context, {});
    const a = context.activity;
    let lang = profile.language;
    const fromText = a.type === ActivityTypes.Message && a.text ? detectLanguage(a.text) : null;
    if (!lang || (profile.languageSource !== 'chosen' && profile.languageSource !== 'text' && fromText)) {
      const fromLocale = languageFromLocale(a.locale);
      lang = fromText ?? fromLocale ?? this.options.defaultLanguage;
      await this.profile.set(context, {
        ...profile,
        language: lang,
        languageSource: fromText ? 'text' : fromLocale ? 'locale' : 'default',
      });
    }
    setTurnLanguage(context, lang);

    const data = await this.conversationData.get(context, {});
    const site = siteFrom(a.channelData, a.value);
    if (site) await this.conversationData.set(context, { ...data, site });
    setTurnSite(context, site ?? data.site ?? {});
  }

  private async greet(context: TurnContext): Promise<void> {
    const data = await this.conversationData.get(context, {});
    if (data.started) return;
    await this.conversationData.set(context, { ...data, started: true });
    const dc = await this.dialogs.createContext(context);
    if (!dc.activeDialog) await dc.beginDialog(MAIN_DIALOG, { greet: true } satisfies MainOptions);
  }

  /** A web client's start payload (`event` named `start`, e.g. the widget's data-consultation): open what it links. */
  private async onStartEvent(context: TurnContext): Promise<void> {
    const consultationId = consultationLink(context.activity);
    if (context.activity.name !== START_EVENT || !consultationId) return;
    const data = await this.conversationData.get(context, {});
    await this.conversationData.set(context, { ...data, started: true });
    const dc = await this.dialogs.createContext(context);
    await dc.cancelAllDialogs();
    await dc.beginDialog(MAIN_DIALOG, { greet: !data.started, consultationId } satisfies MainOptions);
  }

  private async onCitizenMessage(context: TurnContext): Promise<void> {
    let last: Partial<Activity> | undefined;
    context.onSendActivities(async (_ctx, activities, next) => {
      last = activities.filter((a) => a.type === ActivityTypes.Message).at(-1) ?? last;
      return next();
    });
    const dc = await this.dialogs.createContext(context);
    await this.dispatch(context, dc);
    if (dc.activeDialog) return;
    // Nothing is waiting for an answer: never leave the citizen in silence or at a dead end.
    if (!context.responded) await context.sendActivity(t(this.deps, context, 'gaveUp'));
    if (!last || (last.suggestedActions?.actions ?? []).length === 0)
      await dc.beginDialog(MAIN_DIALOG, { again: context.responded } satisfies MainOptions);
  }

  private async dispatch(context: TurnContext, dc: DialogContext): Promise<void> {
    const rating = await this.typedRating(context);
    if (rating) {
      await startOver(dc, RATING_DIALOG, rating satisfies RatingOptions);
      return;
    }
    if (await interrupt(dc, this.deps, this.profile)) return;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      const data = await this.conversationData.get(context, {});
      await this.conversationData.set(context, { ...data, started: true });
      const text = (context.activity.text ?? '').trim();
      const describes = text.split(/\s+/).length >= 4;
      await dc.beginDialog(MAIN_DIALOG, {
        greet: !data.started,
        ...(describes ? { text } : {}),
      } satisfies MainOptions);
    }
  }

  /**
   * "4" typed (or "4 ★") right after a rating request: the citizen is rating, not choosing menu item 4. It counts
   * as a rating when one of their resolved, unrated items changed (resolved, or a staff reply) since their last turn.
   */
  private async typedRating(context: TurnContext): Promise<RatingOptions | null> {
    const m = /^([1-5])\s*(?:★|⭐|\*)?$/u.exec((context.activity.text ?? '').trim());
    if (!m) return null;
    const data = await this.conversationData.get(context, {});
    const a = context.activity;
    const recent = await this.deps.feedback.recent(
      this.deps.feedback.citizenKey(a.channelId, a.from?.id ?? ''),
    );
    const since = data.lastTurnAt ? new Date(data.lastTurnAt) : new Date(0);
    const waiting = recent.find((r) => awaitsRating(r) && r.updatedAt > since);
    return waiting ? { reference: waiting._id, score: Number(m[1]) } : null;
  }
}

function t(deps: DialogDeps, context: TurnContext, key: string): string {
  return deps.l10n.t(turnLanguage(context), key);
}

/** Site or deep-link context from channelData.suara.site (web chat) or value.suara.start (Telegram /start dbkl). */
function siteFrom(channelData: unknown, value: unknown): SiteContext | null {
  const cd = (channelData as { suara?: { site?: SiteContext } } | undefined)?.suara?.site;
  if (cd && typeof cd === 'object') {
    return {
      ...(typeof cd.id === 'string' ? { id: cd.id } : {}),
      ...(typeof cd.defaultAgencyId === 'string' ? { defaultAgencyId: cd.defaultAgencyId } : {}),
      ...(typeof cd.defaultArea === 'string' ? { defaultArea: cd.defaultArea } : {}),
    };
  }
  const start = (value as { suara?: { start?: unknown } } | undefined)?.suara?.start;
  // `c-<id>` opens a consultation (dialogs/deepLink.ts); it names no agency or area.
  if (typeof start === 'string' && /^[a-z0-9_-]{1,32}$/i.test(start) && !start.startsWith('c-'))
    return { id: start, defaultAgencyId: start.toLowerCase() };
  return null;
}
