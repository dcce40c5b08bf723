/** Long polling with @grammyjs/runner against the fake Bot API: delivery, per-chat order, 429 retry, duplicates. */
import type { TurnContext } from 'botbuilder';
import type { Update } from 'grammy/types';
import { textMessage } from '../support/fakeTelegram';
import { RecordingBot, startHarness, type Harness } from './harness';

describe('Telegram long polling', () => {
  let h: Harness;
  let bot: RecordingBot;
  const inFlight = new Map<string, number>();
  let maxPerChat = 0;

  beforeAll(async () => {
    bot = new RecordingBot(async (ctx: TurnContext) => {
      const chat = ctx.activity.conversation.id;
      const n = (inFlight.get(chat) ?? 0) + 1;
      inFlight.set(chat, n);
      maxPerChat = Math.max(maxPerChat, n);
      if (ctx.activity.text?.startsWith('slow')) await new Promise((r) => setTimeout(r, 150));
      await ctx.sendActivity(`echo: ${ctx.activity.text}`);
      inFlight.set(chat, (inFlight.get(chat) ?? 1) - 1);
    });
    h = await startHarness(bot, { pollTimeoutSeconds: 1 });
    h.fake.queueUpdate(textMessage({ id: 1 }, 'before start'));
    await h.channel.startPolling();
  });
  afterAll(async () => h.close());

  it('deletes any webhook, then fetches and answers queued updates', async () => {
    expect(h.fake.callsOf('deleteWebhook')).toHaveLength(1);
    await h.fake.waitFor(() => h.fake.textsTo(1).includes('echo: before start'), 15_000, 'first reply');
    const fetches = h.fake.callsOf('getUpdates');
    expect(fetches[0].payload.allowed_updates).toEqual(['message', 'callback_query']);
  });

  it("never interleaves one chat's turns, and keeps their order", async () => {
    const texts = ['slow 1', 'slow 2', 'slow 3', 'slow 4'];
    for (const t of texts) h.fake.queueUpdate(textMessage({ id: 2 }, t));
    h.fake.queueUpdate(textMessage({ id: 3 }, 'slow other chat'));
    await h.fake.waitFor(
      () => h.fake.textsTo(2).length === 4 && h.fake.textsTo(3).length === 1,
      15_000,
      'replies',
    );
    expect(h.fake.textsTo(2)).toEqual(texts.map((t) => `echo: ${t}`));
    expect(maxPerChat).toBe(1);
  });

  it('retries a send after 429 with retry_after (auto-retry), and the citizen gets one reply', async () => {
    h.fake.fail(
      'sendMessage',
      { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 },
      1,
      (p) => p.chat_id === 4,
    );
    h.fake.queueUpdate(textMessage({ id: 4 }, 'during a flood'));
    await h.fake.waitFor(() => h.fake.textsTo(4).length === 2, 15_000, 'retried send');
    // Two attempts recorded by the fake (429, then success) — one message for the citizen.
    expect(h.fake.textsTo(4)).toEqual(['echo: during a flood', 'echo: during a flood']);
    expect(bot.received.filter((a) => a.text === 'during a flood')).toHaveLength(1);
  });

  it('processes an update delivered twice (e.g. after a restart) only once', async () => {
    const update = h.fake.queueUpdate(textMessage({ id: 5 }, 'once only'));
    await h.fake.waitFor(() => h.fake.textsTo(5).length === 1, 15_000, 'first delivery');
    // Telegram hands the same update out again (offset not confirmed before a crash).
    await h.channel.handleUpdate(update as Update);
    h.fake.queueUpdate(textMessage({ id: 5 }, 'next'));
    await h.fake.waitFor(() => h.fake.textsTo(5).length === 2, 15_000, 'next reply');
    expect(h.fake.textsTo(5)).toEqual(['echo: once only', 'echo: next']);
  });
});

describe('Telegram polling, storage failing mid-turn', () => {
  it('retries the update in-process until storage is back, then answers once', async () => {
    let failures = 2;
    const bot = new RecordingBot(async (ctx) => {
      if (failures-- > 0) {
        const err = new Error('connect ECONNREFUSED 127.0.0.1:27017');
        err.name = 'MongoNetworkError';
        throw err;
      }
      await ctx.sendActivity('saved');
    });
    const h = await startHarness(bot, { pollTimeoutSeconds: 1, pollingRetryDelaysMs: [50, 50, 50] });
    try {
      await h.channel.startPolling();
      h.fake.queueUpdate(textMessage({ id: 6 }, 'file it'));
      await h.fake.waitFor(() => h.fake.textsTo(6).length === 1, 15_000, 'reply after retries');
      expect(h.fake.textsTo(6)).toEqual(['saved']);
      expect(bot.received.filter((a) => a.text === 'file it')).toHaveLength(3);
    } finally {
      await h.close();
    }
  });
});
