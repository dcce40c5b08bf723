/**
 * A bot on Telegram for tests: a Telegram channel on the fake Bot API (127.0.0.1) with limits no test reaches, the
 * real Suara bot on it with a fresh database, and citizens in private chats who send updates and read what the bot
 * sent back to their chat.
 */
import type { Update } from 'grammy/types';
import {
  createTelegramChannel,
  type TelegramChannel,
  type TelegramChannelOptions,
} from '../../bots/channels/telegram/channel';
import type { Core } from '../../bots/compose/core';
import { createTestBot } from './app';
import { buttonTap, FakeTelegram, textMessage, type Citizen, type RecordedCall } from './fakeTelegram';
import { testDb, type TestDb } from './mongo';

process.env.SUARA_TELEGRAM_SILENT = '1';

/** A Telegram channel for `bot` on the fake Bot API; flood and send limits high enough never to slow a test. */
export function fakeTelegramChannel(
  fake: FakeTelegram,
  opts: Pick<TelegramChannelOptions, 'bot' | 'pipeline' | 'db'> & Partial<TelegramChannelOptions>,
): TelegramChannel {
  return createTelegramChannel({
    token: fake.token,
    apiRoot: fake.apiRoot,
    botInfo: fake.botInfo,
    flood: { limit: 1000, windowMs: 1000 },
    throttle: { perChatBurst: 100, perChatPerSecond: 100, globalPerSecond: 1000 },
    ...opts,
  });
}

/** A citizen in a private chat with the bot (chat id = user id). */
export interface TelegramCitizen {
  /** Every message the bot sent to this chat so far. */
  sent(): RecordedCall[];
  /** Sends one update; the messages the bot sent to this chat since the previous step. */
  send(update: Omit<Update, 'update_id'>): Promise<RecordedCall[]>;
  /** Sends a text message. */
  say(text: string): Promise<RecordedCall[]>;
  /** Taps a button (a string: that exact title) on the latest message with an inline keyboard. */
  tap(title: RegExp | string): Promise<RecordedCall[]>;
}

/** Citizen `c` talking to `channel` (whose Bot API is `fake`). */
export function telegramCitizen(fake: FakeTelegram, channel: TelegramChannel, c: Citizen): TelegramCitizen {
  let seen = 0;
  const sent = () => fake.callsOf('sendMessage').filter((x) => Number(x.payload.chat_id) === c.id);
  const send = async (u: Omit<Update, 'update_id'>) => {
    await channel.handleUpdate({ update_id: fake.newUpdateId(), ...u } as Update);
    const mine = sent().slice(seen);
    seen = sent().length;
    return mine;
  };
  const tap = async (title: RegExp | string) => {
    const withKb = sent()
      .filter((x) => x.payload.reply_markup?.inline_keyboard)
      .at(-1);
    const buttons = (withKb?.payload.reply_markup.inline_keyboard.flat() ?? []) as {
      text: string;
      callback_data: string;
    }[];
    const b = buttons.find((x) => (typeof title === 'string' ? x.text === title : title.test(x.text)));
    if (!withKb || !b) throw new Error(`no button ${title} among ${buttons.map((x) => x.text).join(' | ')}`);
    return send(buttonTap(c, b.callback_data, (withKb.result as { message_id: number }).message_id));
  };
  return { sent, send, say: (text) => send(textMessage(c, text)), tap };
}

/** The texts of sent messages, one a line. */
export function textsOf(calls: RecordedCall[]): string {
  return calls.map((x) => String(x.payload.text)).join('\n');
}

/** The button titles of the last inline keyboard among sent messages (none: empty). */
export function buttonsOf(calls: RecordedCall[]): string[] {
  const keyboard = calls
    .map((x) => x.payload.reply_markup?.inline_keyboard as { text: string }[][] | undefined)
    .filter(Boolean)
    .at(-1);
  return (keyboard ?? []).flat().map((b) => b.text);
}

/** The real Suara bot on Telegram (fake Bot API) with its own test database. */
export interface TelegramBot {
  fake: FakeTelegram;
  tdb: TestDb;
  core: Core;
  channel: TelegramChannel;
  /** A citizen in a private chat with this bot. */
  citizen(c: Citizen): TelegramCitizen;
  /** Stops the channel, lets the transcript logger's last writes land, closes the fake and the database. */
  close(): Promise<void>;
}

/** Starts the real bot on the fake Bot API with database `dbName`; `extra` adds channel options (e.g. fileBaseUrl). */
export async function startTelegramBot(
  dbName: string,
  extra: Partial<TelegramChannelOptions> = {},
): Promise<TelegramBot> {
  const fake = await FakeTelegram.start();
  const tdb = await testDb(dbName);
  const app = await createTestBot(tdb.db);
  const channel = fakeTelegramChannel(fake, { bot: app.bot, pipeline: app.pipeline, db: tdb.db, ...extra });
  return {
    fake,
    tdb,
    core: app.core,
    channel,
    citizen: (c) => telegramCitizen(fake, channel, c),
    close: async () => {
      await channel.stop();
      await new Promise((r) => setTimeout(r, 200));
      await fake.close();
      await tdb.close();
    },
  };
}
