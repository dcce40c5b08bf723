/** Per-turn helpers every dialog uses: the citizen's language and sending localized messages. */
import { ActivityTypes, type Activity, type TurnContext } from 'botbuilder';
import type { Language } from '../services/feedback/types';
import type { Translate } from '../services/i18n';

const LANG_KEY = Symbol('suara.language');

/** The language to answer in this turn (set by the bot from the user's profile before dialogs run). */
export function turnLanguage(context: TurnContext): Language {
  return languageSetForTurn(context) ?? 'ms';
}

/** The language the bot set for this turn, or undefined when none was set (e.g. a proactive send). */
export function languageSetForTurn(context: TurnContext): Language | undefined {
  return context.turnState.get(LANG_KEY) as Language | undefined;
}

/** The turn's language if the bot decided it (undefined outside a citizen's turn, e.g. proactive sends). */
export function decidedLanguage(context: TurnContext): Language | undefined {
  return context.turnState.get(LANG_KEY) as Language | undefined;
}

/** Set the language for the rest of this turn. */
export function setTurnLanguage(context: TurnContext, lang: Language): void {
  context.turnState.set(LANG_KEY, lang);
}

/** A button: what it shows and the text the bot receives when it is tapped. */
export interface Button {
  title: string;
  value: string;
}

/** What a channel should offer besides buttons (Telegram: share-location keyboard; widget: geolocation/upload). */
export type Ask = 'location' | 'photo' | 'contact';

/** Build a plain message activity with optional buttons; dialogs never know the channel. */
export function message(text: string, buttons: Button[] = [], ask?: Ask): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text, inputHint: 'expectingInput' };
  if (buttons.length > 0) {
    activity.suggestedActions = {
      to: [],
      actions: buttons.map((b) => ({ type: 'imBack', title: b.title, value: b.value })),
    };
  }
  if (ask) activity.channelData = { suara: { ask } };
  return activity;
}

/** Send a localized message in the turn's language. */
export async function say(
  context: TurnContext,
  t: Translate,
  key: string,
  vars?: Record<string, unknown>,
  buttons: Button[] = [],
): Promise<void> {
  await context.sendActivity(message(t(turnLanguage(context), key, vars), buttons));
}

/** The web site (tenant) or deep link the conversation came from, if any. */
export interface SiteContext {
  id?: string;
  defaultAgencyId?: string;
  defaultArea?: string;
}

const SITE_KEY = Symbol('suara.site');

/** Site context for this turn (set by the bot from channelData or a deep link). */
export function turnSite(context: TurnContext): SiteContext {
  return (context.turnState.get(SITE_KEY) as SiteContext | undefined) ?? {};
}

/** Set the site context for this turn. */
export function setTurnSite(context: TurnContext, site: SiteContext): void {
  context.turnState.set(SITE_KEY, site);
}
