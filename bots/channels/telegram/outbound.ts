/**
 * Bot Framework message activity → Telegram `sendMessage` payloads: HTML-escaped text split under 4,096
 * characters, suggested actions as an inline keyboard on the last part, and a reply-keyboard button when the
 * dialog asks for a location (`channelData.suara.ask === 'location'`) or a contact (`'contact'`).
 */
import type { Activity, CardAction } from 'botbuilder';
import type {
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';
import { splitForTelegram } from './format';

/** Reply markup we send. */
export type Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove;

/** One message to send, already HTML-escaped. */
export interface OutgoingMessage {
  text: string;
  reply_markup?: Markup;
}

/** Adapter-owned strings this renderer needs. */
export type RenderKey =
  'shareLocation' | 'shareLocationPrompt' | 'shareContact' | 'shareContactPrompt' | 'chooseOption';

/** What rendering needs from outside. */
export interface RenderDeps {
  /** Callback data for a button value (≤ 64 bytes). */
  encode(value: string): Promise<string>;
  /** Localized adapter string. */
  t(locale: 'en' | 'ms', key: RenderKey): string;
}

/** Per-chat keyboard state the adapter keeps between turns. */
export interface ChatUi {
  /** A reply keyboard (share location/contact) is showing and should be removed once no longer asked for. */
  replyKeyboardOpen: boolean;
}

const MAX_ROW_CHARS = 30;

/** Arrange buttons in rows: up to 3 per row (5 when every title is tiny, e.g. ratings), within ~30 chars. */
export function layoutRows<T extends { text: string }>(buttons: T[]): T[][] {
  const tiny = buttons.every((b) => Array.from(b.text).length <= 3);
  const perRow = tiny ? 5 : 3;
  const rows: T[][] = [];
  let row: T[] = [];
  let chars = 0;
  for (const b of buttons) {
    const len = Array.from(b.text).length;
    if (row.length > 0 && (row.length >= perRow || chars + len > MAX_ROW_CHARS)) {
      rows.push(row);
      row = [];
      chars = 0;
    }
    row.push(b);
    chars += len;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

async function inlineKeyboard(
  actions: CardAction[],
  deps: RenderDeps,
): Promise<InlineKeyboardMarkup | undefined> {
  const buttons: InlineKeyboardButton[] = [];
  for (const a of actions) {
    const title = String(a.title ?? a.value ?? '').trim();
    if (!title) continue;
    if (a.type === 'openUrl' && typeof a.value === 'string' && /^https:\/\//.test(a.value)) {
      buttons.push({ text: title, url: a.value });
      continue;
    }
    const value = typeof a.value === 'string' ? a.value : title;
    buttons.push({ text: title, callback_data: await deps.encode(value) });
  }
  return buttons.length > 0 ? { inline_keyboard: layoutRows(buttons) } : undefined;
}

function requestButton(
  kind: 'location' | 'contact',
  locale: 'en' | 'ms',
  deps: RenderDeps,
): ReplyKeyboardMarkup {
  const button =
    kind === 'location'
      ? { text: deps.t(locale, 'shareLocation'), request_location: true }
      : { text: deps.t(locale, 'shareContact'), request_contact: true };
  return { keyboard: [[button]], resize_keyboard: true, one_time_keyboard: true };
}

/** Locale of an outgoing activity for adapter strings. */
export function outgoingLocale(activity: Partial<Activity>): 'en' | 'ms' {
  return (activity.locale ?? '').toLowerCase().startsWith('ms') ? 'ms' : 'en';
}

/** The `channelData.suara.ask` of an activity, if it asks for something the channel can render. */
export function askOf(activity: Partial<Activity>): 'location' | 'contact' | 'photo' | undefined {
  const ask = (activity.channelData as { suara?: { ask?: unknown } } | undefined)?.suara?.ask;
  return ask === 'location' || ask === 'contact' || ask === 'photo' ? ask : undefined;
}

/** Render one message activity into the messages to send, updating the chat's keyboard state. */
export async function renderMessage(
  activity: Partial<Activity>,
  deps: RenderDeps,
  ui: ChatUi,
): Promise<OutgoingMessage[]> {
  const locale = outgoingLocale(activity);
  const ask = askOf(activity);
  const keyboard = await inlineKeyboard(activity.suggestedActions?.actions ?? [], deps);
  let texts = splitForTelegram(activity.text ?? '');
  if (texts.length === 0 && keyboard) texts = [deps.t(locale, 'chooseOption')];
  const out: OutgoingMessage[] = texts.map((text) => ({ text }));
  const request = ask === 'location' || ask === 'contact' ? requestButton(ask, locale, deps) : undefined;

  if (keyboard && out.length > 0) out[out.length - 1].reply_markup = keyboard;
  if (request) {
    if (out.length === 0 || keyboard) {
      const prompt = ask === 'location' ? 'shareLocationPrompt' : 'shareContactPrompt';
      out.push({ text: deps.t(locale, prompt), reply_markup: request });
    } else out[out.length - 1].reply_markup = request;
    ui.replyKeyboardOpen = true;
  } else if (ui.replyKeyboardOpen && out.length > 0 && !out[out.length - 1].reply_markup) {
    out[out.length - 1].reply_markup = { remove_keyboard: true };
    ui.replyKeyboardOpen = false;
  }
  return out;
}
