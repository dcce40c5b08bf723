/**
 * TelegramAdapter: a botbuilder BotAdapter over grammY's Bot API client, so the one Suara bot and its dialogs
 * run unchanged on Telegram. Inbound updates are translated by `inbound.ts`, outbound activities rendered by
 * `outbound.ts`; this class runs turns (with the middleware the pipeline installed), answers button taps, removes
 * used keyboards and shows "typing…" during slow turns.
 */
import {
  type Activity,
  ActivityTypes,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { ProactiveAdapter } from '../../bot/proactiveAdapter';
import type { Api } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import type { CallbackCodec } from './callbackData';
import { describeError, isRecipientUnreachable, isRetryableTurnError } from './errors';
import { escapeHtml, MAX_MESSAGE_LENGTH } from './format';
import { MAX_DOWNLOAD_BYTES, toInbound } from './inbound';
import { log } from './log';
import { type ChatUi, renderMessage, type RenderKey } from './outbound';

/** Adapter-owned strings (namespace `telegram`). */
export type TelegramStringKey = RenderKey | 'unsupported' | 'buttonExpired' | 'flood';

/** Everything the adapter needs; built by `createTelegramChannel`. */
export interface TelegramAdapterOptions {
  api: Api;
  /** The bot's own user (known after grammY's init). */
  botInfo: () => UserFromGetMe;
  apiRoot: string;
  /** Only used to build Telegram file URLs when no signer is given; never logged. */
  token: string;
  /** Token-free photo URLs (recommended): without it contentUrl is Telegram's token-bearing file URL. */
  fileUrls?: { url(fileId: string): string };
  codec: CallbackCodec;
  /** Localized adapter string. */
  t(locale: 'en' | 'ms', key: TelegramStringKey): string;
  /** The bot's turn handler, usually `(context) => bot.run(context)`. */
  logic: (context: TurnContext) => Promise<void>;
  /** Show "typing…" when a turn runs longer than this (default 1,000 ms). */
  typingDelayMs?: number;
}

/** A chat id that is not a Telegram chat id. */
export class TelegramChatIdError extends Error {
  readonly code = 'TELEGRAM_BAD_CHAT_ID';
}

const MAX_DELAY_MS = 5000;
const TYPING_REPEAT_MS = 4500;
const MAX_CHATS_REMEMBERED = 10_000;

interface ChatMemory extends ChatUi {
  locale?: 'en' | 'ms';
}

/** BotAdapter for Telegram private chats. */
export class TelegramAdapter extends ProactiveAdapter {
  private readonly chats = new Map<number, ChatMemory>();

  constructor(private readonly o: TelegramAdapterOptions) {
    super();
  }

  /** Translate one Telegram update and run the bot's turn for it. Throws only when the update must be redelivered. */
  async processUpdate(update: Update): Promise<void> {
    const inbound = await toInbound(update, {
      botInfo: this.o.botInfo(),
      apiRoot: this.o.apiRoot,
      decodeCallback: (data) => this.o.codec.decode(data),
      resolveFileUrl: (fileId, size) => this.fileUrl(fileId, size),
    });
    if (inbound.kind === 'ignore') {
      log('debug', 'update_ignored', { reason: inbound.reason });
      return;
    }
    if (inbound.kind === 'notice') {
      if (inbound.callbackQueryId) await this.answerCallback(inbound.callbackQueryId);
      await this.notify(inbound.chatId, inbound.key, inbound.locale);
      return;
    }
    const { activity, chatId, callback } = inbound;
    if (callback) {
      await this.answerCallback(callback.id);
      if (callback.messageId !== undefined) await this.removeInlineKeyboard(chatId, callback.messageId);
    }
    const typing = this.startTyping(chatId);
    try {
      await this.runMiddleware(new TurnContext(this, activity), this.o.logic);
    } catch (err) {
      if (!isRecipientUnreachable(err)) throw err;
      log('info', 'recipient_unreachable_during_turn', describeError(err));
    } finally {
      typing.stop();
    }
  }

  /** Send a localized adapter notice (unsupported message, expired button, flood) to a chat; best effort. */
  async notify(chatId: number, key: TelegramStringKey, locale?: 'en' | 'ms'): Promise<void> {
    const lng = this.chats.get(chatId)?.locale ?? locale ?? 'en';
    try {
      await this.o.api.sendMessage(chatId, escapeHtml(this.o.t(lng, key)), { parse_mode: 'HTML' });
    } catch (err) {
      log('warn', 'notice_failed', describeError(err));
    }
  }

  /** Send the bot's activities to the chat: messages (split, escaped, with keyboards), typing and delays. */
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      const chatId = toChatId(activity.conversation?.id ?? context.activity.conversation?.id);
      if (activity.type === 'delay') {
        const ms = typeof activity.value === 'number' ? Math.min(activity.value, MAX_DELAY_MS) : 1000;
        await new Promise((r) => setTimeout(r, ms));
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Typing) {
        await this.o.api.sendChatAction(chatId, 'typing');
        responses.push({ id: '' });
      } else if (activity.type === ActivityTypes.Message) {
        const chat = this.memory(chatId);
        if (activity.locale) chat.locale = activity.locale.toLowerCase().startsWith('ms') ? 'ms' : 'en';
        const messages = await renderMessage(
          activity,
          { encode: (v) => this.o.codec.encode(v), t: (l, k) => this.o.t(l, k) },
          chat,
        );
        let id = '';
        for (const m of messages) {
          const sent = await this.o.api.sendMessage(chatId, m.text, {
            parse_mode: 'HTML',
            link_preview_options: { is_disabled: true },
            ...(m.reply_markup ? { reply_markup: m.reply_markup } : {}),
          });
          id = `${chatId}:${sent.message_id}`;
        }
        responses.push({ id });
      } else {
        responses.push({ id: '' });
      }
    }
    return responses;
  }

  /** Edit a sent message's text (activity.id is "<chatId>:<messageId>" as returned by sendActivities). */
  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const [chat, message] = (activity.id ?? '').split(':');
    const text = escapeHtml(activity.text ?? '').slice(0, MAX_MESSAGE_LENGTH);
    await this.o.api.editMessageText(toChatId(chat), Number(message), text, { parse_mode: 'HTML' });
  }

  /** Delete a sent message (reference.activityId is "<chatId>:<messageId>"). */
  async deleteActivity(_context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const [chat, message] = (reference.activityId ?? '').split(':');
    await this.o.api.deleteMessage(toChatId(chat), Number(message));
  }

  /**
   * Like BotAdapter's, but errors that must not be apologised for — storage unavailable / eTag race (the update
   * will be redelivered) and an unreachable recipient — bypass `onTurnError` and reach the caller.
   */
  protected async runMiddleware(
    context: TurnContext,
    next: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    if (context.activity?.locale) context.locale = context.activity.locale;
    try {
      await this.middleware.run(context, () => next(context));
    } catch (err) {
      const handler = this.onTurnError;
      if (!handler || isRetryableTurnError(err) || isRecipientUnreachable(err)) throw err;
      await handler(context, err as Error);
    }
  }

  private memory(chatId: number): ChatMemory {
    let m = this.chats.get(chatId);
    if (!m) {
      m = { replyKeyboardOpen: false };
      this.chats.set(chatId, m);
      if (this.chats.size > MAX_CHATS_REMEMBERED) {
        const oldest = this.chats.keys().next().value;
        if (oldest !== undefined) this.chats.delete(oldest);
      }
    }
    return m;
  }

  private async fileUrl(fileId: string, size: number | undefined): Promise<string | undefined> {
    if (size !== undefined && size > MAX_DOWNLOAD_BYTES) return undefined;
    try {
      const file = await this.o.api.getFile(fileId);
      if (!file.file_path || (file.file_size ?? 0) > MAX_DOWNLOAD_BYTES) return undefined;
      if (this.o.fileUrls) return this.o.fileUrls.url(fileId);
      return `${this.o.apiRoot}/file/bot${this.o.token}/${file.file_path}`;
    } catch (err) {
      log('warn', 'get_file_failed', describeError(err));
      return undefined;
    }
  }

  private async answerCallback(id: string): Promise<void> {
    try {
      await this.o.api.answerCallbackQuery(id);
    } catch (err) {
      log('debug', 'answer_callback_failed', describeError(err)); // e.g. "query is too old" on redelivery
    }
  }

  private async removeInlineKeyboard(chatId: number, messageId: number): Promise<void> {
    try {
      await this.o.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } });
    } catch (err) {
      log('debug', 'remove_keyboard_failed', describeError(err)); // "message is not modified" on redelivery
    }
  }

  private startTyping(chatId: number): { stop(): void } {
    let repeat: NodeJS.Timeout | undefined;
    const send = (): void => {
      this.o.api.sendChatAction(chatId, 'typing').catch(() => undefined);
    };
    const first = setTimeout(() => {
      send();
      repeat = setInterval(send, TYPING_REPEAT_MS);
      repeat.unref();
    }, this.o.typingDelayMs ?? 1000);
    first.unref();
    return {
      stop: () => {
        clearTimeout(first);
        if (repeat) clearInterval(repeat);
      },
    };
  }
}

function toChatId(id: string | undefined): number {
  const n = Number(id);
  if (!id || !Number.isSafeInteger(n)) throw new TelegramChatIdError('Not a Telegram chat id');
  return n;
}
