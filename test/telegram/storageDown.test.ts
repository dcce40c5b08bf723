/** The real bot on Telegram's webhook when MongoDB goes away just before "Submit": non-2xx, nothing half-written. */
import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import restify from 'restify';
import { createTelegramChannel } from '../../bots/channels/telegram/channel';
import { SECRET_HEADER } from '../../bots/channels/telegram/restifyWebhook';
import { createTestBot } from '../support/app';
import { buttonTap, FakeTelegram, textMessage } from '../support/fakeTelegram';
import { testDb, testMongoUri, type TestDb } from '../support/mongo';

process.env.SUARA_TELEGRAM_SILENT = '1';

test('storage down during a webhook turn → 503, no feedback record, no apology, update not marked done', async () => {
  const fake = await FakeTelegram.start();
  const ledgerDb: TestDb = await testDb('tgdown');
  // The bot has its own client to the same database, which we close mid-conversation.
  const botClient = new MongoClient(testMongoUri(), { serverSelectionTimeoutMS: 500 });
  await botClient.connect();
  const botDb = botClient.db(ledgerDb.db.databaseName);
  const app = await createTestBot(botDb);
  const channel = createTelegramChannel({
    token: fake.token,
    apiRoot: fake.apiRoot,
    botInfo: fake.botInfo,
    bot: app.bot,
    pipeline: app.pipeline,
    db: ledgerDb.db,
    webhookSecret: 'sekret',
    flood: { limit: 1000, windowMs: 1000 },
    throttle: { perChatBurst: 100, perChatPerSecond: 100 },
  });
  const server = restify.createServer();
  channel.mountWebhook(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram/webhook`;
  const post = (u: object) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: 'sekret' },
      body: JSON.stringify({ update_id: fake.newUpdateId(), ...u }),
    }).then((r) => r.status);
  const c = { id: 7001, languageCode: 'en' };
  const lastKeyboard = () =>
    fake
      .callsOf('sendMessage')
      .filter((x) => x.payload.reply_markup?.inline_keyboard)
      .pop()!;
  const tap = (title: RegExp) => {
    const m = lastKeyboard();
    const b = m.payload.reply_markup.inline_keyboard.flat().find((x: { text: string }) => title.test(x.text));
    return post(buttonTap(c, b.callback_data, (m.result as { message_id: number }).message_id));
  };
  try {
    expect(await post(textMessage(c, '/start'))).toBe(200);
    expect(await tap(/^Complaint$/)).toBe(200);
    expect(
      await post(textMessage(c, 'A broken streetlight on Jalan Ampang near the mosque, dark every night')),
    ).toBe(200);
    expect(await tap(/^Yes/)).toBe(200);
    expect(await post(textMessage(c, 'Jalan Ampang, Kuala Lumpur'))).toBe(200);
    expect(await tap(/Skip/)).toBe(200);
    expect(await tap(/anonymous/i)).toBe(200);
    expect(fake.textsTo(7001).slice(-3).join('\n')).toMatch(/Here is your complaint/);

    const sentBefore = fake.callsOf('sendMessage').length;
    await botClient.close(); // storage goes away
    const update = (() => {
      const m = lastKeyboard();
      const b = m.payload.reply_markup.inline_keyboard
        .flat()
        .find((x: { text: string }) => /^Submit$/.test(x.text));
      return {
        update_id: fake.newUpdateId(),
        ...buttonTap(c, b.callback_data, (m.result as { message_id: number }).message_id),
      };
    })();
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SECRET_HEADER]: 'sekret' },
      body: JSON.stringify(update),
    });
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await ledgerDb.db.collection('feedback').countDocuments({})).toBe(0);
    expect(
      await ledgerDb.db.collection('processedUpdates').countDocuments({ updateId: update.update_id }),
    ).toBe(0);
    // No "received" and no apology went to the citizen: Telegram will redeliver.
    expect(fake.callsOf('sendMessage').length).toBe(sentBefore);
  } finally {
    server.close();
    await channel.stop();
    await botClient.close();
    await fake.close();
    await ledgerDb.close();
  }
});
