/** Webhook mode on a real restify server: secret checks, exactly-once, and storage failures → redelivery. */
import { MongoClient } from 'mongodb';
import restify from 'restify';
import type { AddressInfo } from 'node:net';
import { SECRET_HEADER } from '../../bots/channels/telegram/restifyWebhook';
import { textMessage } from '../support/fakeTelegram';
import { createTelegramChannel } from '../../bots/channels/telegram/channel';
import { createLocalizer } from '../../services/i18n';
import { silentLogger } from '../../services/log';
import { MemoryTranscripts, RecordingBot, startHarness, type Harness } from './harness';

const CITIZEN = { id: 555, languageCode: 'ms' };

async function listen(h: Harness): Promise<{ server: restify.Server; url: string }> {
  const server = restify.createServer();
  h.channel.mountWebhook(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook` };
}

function post(url: string, body: unknown, secret?: string): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(secret !== undefined ? { [SECRET_HEADER]: secret } : {}),
    },
    body: JSON.stringify(body),
  });
}

describe('Telegram webhook', () => {
  let h: Harness;
  let bot: RecordingBot;
  let server: restify.Server;
  let url: string;

  beforeAll(async () => {
    bot = new RecordingBot();
    h = await startHarness(bot, { publicUrl: 'https://suara.example.my', webhookSecret: 'test_secret-123' });
    ({ server, url } = await listen(h));
  });
  afterAll(async () => {
    server.close();
    await h.close();
  });

  it('registers the webhook URL with the secret token', async () => {
    await h.channel.setWebhook();
    const call = h.fake.callsOf('setWebhook').pop()!;
    expect(call.payload).toMatchObject({
      url: 'https://suara.example.my/telegram/webhook',
      secret_token: 'test_secret-123',
      allowed_updates: ['message', 'callback_query'],
    });
    expect(h.fake.callsOf('setMyCommands').length).toBeGreaterThanOrEqual(2);
  });

  it('processes an update with the right secret', async () => {
    const update = { update_id: h.fake.newUpdateId(), ...textMessage(CITIZEN, 'Sampah tidak dikutip') };
    const res = await post(url, update, 'test_secret-123');
    expect(res.status).toBe(200);
    expect(h.fake.textsTo(555)).toContain('echo: Sampah tidak dikutip');
  });

  it.each([
    ['a wrong', 'not-the-secret'],
    ['a missing', undefined],
  ])('rejects %s secret with 401 and processes nothing', async (_label, secret) => {
    const before = bot.received.length;
    const res = await post(url, { update_id: h.fake.newUpdateId(), ...textMessage(CITIZEN, 'x') }, secret);
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('UNAUTHORIZED');
    expect(bot.received.length).toBe(before);
  });

  it('rejects a body that is not an update with 400', async () => {
    const res = await post(url, { hello: 'world' }, 'test_secret-123');
    expect(res.status).toBe(400);
  });

  it('processes a redelivered update once (sequential and concurrent duplicates)', async () => {
    const update = { update_id: h.fake.newUpdateId(), ...textMessage(CITIZEN, 'Aduan sekali sahaja') };
    const count = () => bot.received.filter((a) => a.text === 'Aduan sekali sahaja').length;
    expect((await post(url, update, 'test_secret-123')).status).toBe(200);
    expect((await post(url, update, 'test_secret-123')).status).toBe(200);
    expect(count()).toBe(1);

    const again = { update_id: h.fake.newUpdateId(), ...textMessage(CITIZEN, 'Serentak') };
    const statuses = await Promise.all(
      [1, 2, 3].map(() => post(url, again, 'test_secret-123').then((r) => r.status)),
    );
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(bot.received.filter((a) => a.text === 'Serentak')).toHaveLength(1);
    expect(h.fake.textsTo(555).filter((t) => t === 'echo: Serentak')).toHaveLength(1);
  });

  it('derives a URL-safe secret from the token when none is configured', async () => {
    const other = await startHarness(new RecordingBot(), { publicUrl: 'https://x.example' });
    try {
      expect(other.channel.webhookSecret).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
      expect(other.channel.webhookSecret).not.toContain(other.fake.token.split(':')[1]);
    } finally {
      await other.close();
    }
  });
});

describe('Telegram webhook with storage down', () => {
  const deadUri =
    'mongodb://127.0.0.1:1/?directConnection=true&serverSelectionTimeoutMS=300&connectTimeoutMS=300';

  it('answers 503 when the ledger cannot be reached, sends nothing, and processes the redelivery later', async () => {
    const bot = new RecordingBot();
    const h = await startHarness(bot, { webhookSecret: 's3cret' });
    const dead = new MongoClient(deadUri);
    // Same fake Bot API, and a channel whose database is unreachable.
    const downChannel = createTelegramChannel({
      token: h.fake.token,
      apiRoot: h.fake.apiRoot,
      botInfo: h.fake.botInfo,
      bot,
      db: dead.db('suara'),
      pipeline: { transcripts: new MemoryTranscripts(), l10n: createLocalizer(), log: silentLogger },
      webhookSecret: 's3cret',
      flood: { limit: 1000, windowMs: 1000 },
    });
    const server = restify.createServer();
    downChannel.mountWebhook(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const downUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
    try {
      const update = {
        update_id: h.fake.newUpdateId(),
        ...textMessage(CITIZEN, 'Semasa pangkalan data mati'),
      };
      const res = await post(downUrl, update, 's3cret');
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(bot.received.some((a) => a.text === 'Semasa pangkalan data mati')).toBe(false);
      expect(h.fake.callsOf('sendMessage')).toHaveLength(0);

      // Telegram redelivers to a healthy instance: processed exactly once.
      const up = await listen(h);
      expect((await post(up.url, update, 's3cret')).status).toBe(200);
      expect((await post(up.url, update, 's3cret')).status).toBe(200);
      expect(bot.received.filter((a) => a.text === 'Semasa pangkalan data mati')).toHaveLength(1);
      up.server.close();
    } finally {
      server.close();
      await dead.close();
      await h.close();
    }
  });

  it('answers 503 when storage fails mid-turn, leaves no record, and the redelivery files it once', async () => {
    // The bot files a "complaint" in its storage; the storage is unreachable for the first delivery.
    const dead = new MongoClient(deadUri);
    let storage = dead.db('suara');
    const bot = new RecordingBot(async (ctx) => {
      await storage
        .collection('feedback')
        .insertOne({ _id: `u${ctx.activity.id}` as never, text: ctx.activity.text });
      await ctx.sendActivity('Aduan diterima');
    });
    const h = await startHarness(bot, { webhookSecret: 's3cret' });
    const { server, url } = await listen(h);
    try {
      const update = {
        update_id: h.fake.newUpdateId(),
        ...textMessage(CITIZEN, 'Longkang tersumbat di Jalan Ampang'),
      };
      const res = await post(url, update, 's3cret');
      expect(res.status).toBe(503);
      expect(await h.db.collection('processedUpdates').countDocuments({ updateId: update.update_id })).toBe(
        0,
      );
      expect(h.fake.textsTo(555)).not.toContain('Aduan diterima');
      // No apology either: the update will be redelivered and answered properly.
      expect(h.fake.callsOf('sendMessage')).toHaveLength(0);

      storage = h.db; // storage is back
      expect((await post(url, update, 's3cret')).status).toBe(200);
      expect((await post(url, update, 's3cret')).status).toBe(200);
      expect(await h.db.collection('feedback').countDocuments({})).toBe(1);
      expect(h.fake.textsTo(555).filter((t) => t === 'Aduan diterima')).toHaveLength(1);
      const ledger = await h.db.collection('processedUpdates').findOne({ updateId: update.update_id });
      expect(ledger?.state).toBe('done');
    } finally {
      server.close();
      await dead.close();
      await h.close();
    }
  });
});
