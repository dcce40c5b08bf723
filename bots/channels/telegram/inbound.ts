/**
 * Telegram update → Bot Framework activity (what the one bot understands). Commands become the plain words the
 * dialogs already know ("/bahasa" → "bahasa"), button taps become the button's value, a pin becomes the location
 * attachment of the contract, a photo becomes an image attachment with its Telegram file id.
 */
import type { Activity, Attachment } from 'botbuilder';
import type { Chat, Message, Update, User, UserFromGetMe } from 'grammy/types';

/** The channel id Suara uses for Telegram everywhere (activities, conversation references, notifier). */
export const TELEGRAM_CHANNEL_ID = 'telegram';
/** Content type of a shared location (contract with the dialogs). */
export const LOCATION_CONTENT_TYPE = 'application/vnd.suara.location+json';
/** Content type of a shared contact (contract with the dialogs; the bot decides whether consent allows use). */
export const CONTACT_CONTENT_TYPE = 'application/vnd.suara.contact+json';
/** Largest file the public Bot API lets a bot download. */
export const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

/** What the adapter should do with an update. */
export type Inbound =
  | {
      kind: 'activity';
      activity: Partial<Activity>;
      chatId: number;
      /** Present for button taps: the query to answer and the message whose keyboard to remove. */
      callback?: { id: string; messageId?: number };
    }
  | { kind: 'ignore'; reason: string }
  | {
      kind: 'notice';
      chatId: number;
      key: 'unsupported' | 'buttonExpired';
      locale?: 'en' | 'ms';
      callbackQueryId?: string;
    };

/** What translation needs from outside (storage and the Bot API). */
export interface InboundDeps {
  botInfo: UserFromGetMe;
  apiRoot: string;
  /** Button value behind callback data (undefined: unknown or expired). */
  decodeCallback(data: string): Promise<string | undefined>;
  /** Download URL of a file, or undefined if it cannot be fetched (too big, Telegram said no). */
  resolveFileUrl(fileId: string, size: number | undefined): Promise<string | undefined>;
}

/** Telegram `language_code` → Suara locale: Malay → 'ms', any other → 'en', unknown → undefined (bot default). */
export function localeFromLanguageCode(code: string | undefined): 'en' | 'ms' | undefined {
  if (!code) return undefined;
  return code.toLowerCase().startsWith('ms') ? 'ms' : 'en';
}

const COMMAND = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{3,64}))?(?:\s+([\s\S]*))?$/;
const START_PAYLOAD = /^[A-Za-z0-9_-]{1,64}$/;

/** Slash commands and the text the dialogs understand for them. */
const COMMAND_TEXT: Record<string, (arg: string) => string> = {
  bahasa: () => 'bahasa',
  language: () => 'bahasa',
  status: (arg) => (arg ? `status ${arg}` : 'status'),
  help: () => 'help',
  bantuan: () => 'help',
  menu: () => 'menu',
  cancel: () => 'cancel',
  batal: () => 'cancel',
};

function baseActivity(
  update: Update,
  chat: Chat,
  from: User,
  deps: InboundDeps,
  date?: number,
): Partial<Activity> {
  const locale = localeFromLanguageCode(from.language_code);
  return {
    type: 'message',
    id: String(update.update_id),
    channelId: TELEGRAM_CHANNEL_ID,
    serviceUrl: deps.apiRoot,
    timestamp: date ? new Date(date * 1000) : new Date(),
    from: { id: String(from.id), name: '', role: 'user' },
    recipient: { id: String(deps.botInfo.id), name: deps.botInfo.username, role: 'bot' },
    conversation: { id: String(chat.id), name: '', isGroup: false, conversationType: 'personal' },
    ...(locale ? { locale } : {}),
    channelData: { telegram: { updateId: update.update_id, chatId: chat.id } },
  };
}

function withTelegramData(activity: Partial<Activity>, extra: Record<string, unknown>): void {
  const cd = activity.channelData as { telegram: Record<string, unknown> };
  Object.assign(cd.telegram, extra);
}

async function photoAttachment(msg: Message, deps: InboundDeps): Promise<Attachment | undefined> {
  if (msg.photo && msg.photo.length > 0) {
    const largest = msg.photo.reduce((a, b) =>
      (b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a,
    );
    const contentUrl = await deps.resolveFileUrl(largest.file_id, largest.file_size);
    return {
      contentType: 'image/jpeg',
      ...(contentUrl ? { contentUrl } : {}),
      name: `telegram-photo-${largest.file_unique_id}.jpg`,
      content: {
        fileId: largest.file_id,
        fileUniqueId: largest.file_unique_id,
        size: largest.file_size,
        width: largest.width,
        height: largest.height,
        ...(contentUrl ? {} : { downloadable: false }),
      },
    };
  }
  const doc = msg.document;
  if (doc && /^image\/(jpeg|png|webp)$/.test(doc.mime_type ?? '')) {
    const contentUrl = await deps.resolveFileUrl(doc.file_id, doc.file_size);
    return {
      contentType: doc.mime_type as string,
      ...(contentUrl ? { contentUrl } : {}),
      name: `telegram-file-${doc.file_unique_id}`,
      content: {
        fileId: doc.file_id,
        fileUniqueId: doc.file_unique_id,
        size: doc.file_size,
        ...(contentUrl ? {} : { downloadable: false }),
      },
    };
  }
  return undefined;
}

/** Fill text/attachments of a message activity; false when the message kind is not supported. */
async function fillMessage(activity: Partial<Activity>, msg: Message, deps: InboundDeps): Promise<boolean> {
  withTelegramData(activity, { messageId: msg.message_id });
  if (msg.text !== undefined) {
    const m = COMMAND.exec(msg.text.trim());
    const toUs = !m?.[2] || m[2].toLowerCase() === deps.botInfo.username.toLowerCase();
    if (m && toUs) {
      const name = m[1].toLowerCase();
      const arg = (m[3] ?? '').trim();
      if (name === 'start') {
        const start = START_PAYLOAD.test(arg) ? arg : '';
        activity.text = '/start';
        activity.value = { suara: { start } };
        (activity.channelData as Record<string, unknown>).suara = { start };
        return true;
      }
      const mapped = Object.hasOwn(COMMAND_TEXT, name) ? COMMAND_TEXT[name] : undefined;
      activity.text = mapped ? mapped(arg) : msg.text;
      return true;
    }
    activity.text = msg.text;
    return true;
  }
  const location = msg.location ?? msg.venue?.location;
  if (location) {
    const { latitude, longitude } = location;
    activity.text = '';
    activity.attachments = [
      {
        contentType: LOCATION_CONTENT_TYPE,
        content: {
          lat: latitude,
          lng: longitude,
          ...(msg.venue ? { title: msg.venue.title, address: msg.venue.address } : {}),
        },
      },
    ];
    activity.entities = [{ type: 'GeoCoordinates', latitude, longitude }];
    return true;
  }
  const photo = await photoAttachment(msg, deps);
  if (photo) {
    activity.text = msg.caption ?? '';
    activity.attachments = [photo];
    return true;
  }
  if (msg.contact) {
    const c = msg.contact;
    activity.text = '';
    activity.attachments = [
      {
        contentType: CONTACT_CONTENT_TYPE,
        content: {
          phone: c.phone_number,
          name: [c.first_name, c.last_name].filter(Boolean).join(' '),
          /** True when the citizen shared their own number (Telegram's "share my contact" button). */
          own: c.user_id !== undefined && c.user_id === msg.from?.id,
        },
      },
    ];
    return true;
  }
  return false;
}

/** Translate one update. Only private chats are served; everything else is acknowledged and ignored. */
export async function toInbound(update: Update, deps: InboundDeps): Promise<Inbound> {
  const cq = update.callback_query;
  if (cq) {
    const chat = cq.message?.chat;
    if (!chat || chat.type !== 'private') return { kind: 'ignore', reason: 'callback_without_private_chat' };
    const locale = localeFromLanguageCode(cq.from.language_code);
    const value = cq.data === undefined ? undefined : await deps.decodeCallback(cq.data);
    if (value === undefined) {
      return { kind: 'notice', chatId: chat.id, key: 'buttonExpired', locale, callbackQueryId: cq.id };
    }
    const activity = baseActivity(update, chat, cq.from, deps);
    activity.text = value;
    withTelegramData(activity, { callbackQueryId: cq.id, messageId: cq.message?.message_id });
    return {
      kind: 'activity',
      activity,
      chatId: chat.id,
      callback: { id: cq.id, messageId: cq.message?.message_id },
    };
  }
  const msg = update.message;
  if (!msg) return { kind: 'ignore', reason: 'update_kind' };
  if (msg.chat.type !== 'private' || !msg.from) return { kind: 'ignore', reason: 'not_private_chat' };
  const activity = baseActivity(update, msg.chat, msg.from, deps, msg.date);
  if (!(await fillMessage(activity, msg, deps))) {
    return {
      kind: 'notice',
      chatId: msg.chat.id,
      key: 'unsupported',
      locale: localeFromLanguageCode(msg.from.language_code),
    };
  }
  return { kind: 'activity', activity, chatId: msg.chat.id };
}
