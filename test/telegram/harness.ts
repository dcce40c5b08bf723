/** Shared set-up for Telegram channel tests: fake Bot API, test database, channel, and a recording echo bot. */
import { type Activity, ActivityHandler, type TurnContext } from 'botbuilder';
import type { Db } from 'mongodb';
import type { TelegramChannel, TelegramChannelOptions } from '../../bots/channels/telegram/channel';
import type { PipelineDeps } from '../../bots/bot/pipeline';
import { createLocalizer } from '../../services/i18n';
import { silentLogger } from '../../services/log';
import { FakeTelegram } from '../support/fakeTelegram';
import { testDb, type TestDb } from '../support/mongo';
import { fakeTelegramChannel } from '../support/telegramBot';

process.env.SUARA_TELEGRAM_SILENT = '1';

/** An echo bot that records what it received; replies can be customised per text. */
export class RecordingBot extends ActivityHandler {
  readonly received: Partial<Activity>[] = [];
  constructor(
    private readonly reply: (ctx: TurnContext) => Promise<void> = async (ctx) => {
      await ctx.sendActivity(`echo: ${ctx.activity.text ?? ''}`);
    },
  ) {
    super();
    this.onMessage(async (ctx, next) => {
      this.received.push(JSON.parse(JSON.stringify(ctx.activity)));
      await this.reply(ctx);
      await next();
    });
  }
}

/** An in-memory transcript sink (the pipeline's TranscriptSink). */
export class MemoryTranscripts {
  readonly items: Partial<Activity>[] = [];
  async logActivities(activities: Record<string, unknown>[]): Promise<void> {
    this.items.push(...(activities as Partial<Activity>[]));
  }
  /** Activities of one conversation. */
  of(conversationId: string): Partial<Activity>[] {
    return this.items.filter((a) => a.channelId === 'telegram' && a.conversation?.id === conversationId);
  }
}

/** Everything a test needs. */
export interface Harness {
  fake: FakeTelegram;
  transcripts: MemoryTranscripts;
  tdb: TestDb;
  db: Db;
  channel: TelegramChannel;
  close(): Promise<void>;
}

/** Start a fake Bot API and a channel bound to it. */
export async function startHarness(
  bot: TelegramChannelOptions['bot'],
  extra: Partial<TelegramChannelOptions> = {},
): Promise<Harness> {
  const fake = await FakeTelegram.start();
  const tdb = await testDb('telegram');
  const transcripts = new MemoryTranscripts();
  const pipeline: PipelineDeps = { transcripts, l10n: createLocalizer(), log: silentLogger };
  const channel = fakeTelegramChannel(fake, { bot, pipeline, db: tdb.db, ...extra });
  return {
    fake,
    transcripts,
    tdb,
    db: tdb.db,
    channel,
    close: async () => {
      await channel.stop();
      await fake.close();
      await tdb.close();
    },
  };
}
