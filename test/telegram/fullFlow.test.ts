/** The real Suara bot and dialogs on Telegram: a complaint in Malay by buttons, with a location pin and a photo. */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Core } from '../../bots/compose/core';
import type { TelegramChannel } from '../../bots/channels/telegram/channel';
import { locationMessage, photoMessage, type FakeTelegram } from '../support/fakeTelegram';
import type { TestDb } from '../support/mongo';
import { startTelegramBot, textsOf, type TelegramBot } from '../support/telegramBot';
const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

describe('Suara on Telegram (real bot)', () => {
  let bot: TelegramBot;
  let fake: FakeTelegram;
  let tdb: TestDb;
  let core: Core;
  let channel: TelegramChannel;
  let server: restify.Server;
  let baseUrl: string;

  beforeAll(async () => {
    server = restify.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    bot = await startTelegramBot('tgflow', { fileBaseUrl: baseUrl });
    ({ fake, tdb, core, channel } = bot);
    channel.mountFiles(server);
  });
  afterAll(async () => {
    server.close();
    await bot.close();
  });

  it('files a complaint in Malay with buttons, a location pin and a photo', async () => {
    const aminah = bot.citizen({ id: 6001, languageCode: 'ms' });
    fake.addFile('tg-photo-1', {
      file_path: 'photos/file_1.jpg',
      file_size: 180_000,
      bytes: Buffer.from('JPEG-BYTES'),
    });

    const hello = await aminah.say('/start');
    expect(textsOf(hello)).toMatch(/Selamat datang ke Suara/);
    expect(textsOf(await aminah.tap(/^Aduan$/))).toMatch(/terangkan masalah/);
    await aminah.say('Longkang tersumbat depan rumah saya di Taman Tun Dr Ismail, air naik bila hujan');
    const askPlace = await aminah.tap(/^Ya/);
    expect(textsOf(askPlace)).toMatch(/Di manakah lokasinya/);
    const locButton = askPlace.map((x) => x.payload.reply_markup?.keyboard?.[0]?.[0]).find(Boolean);
    expect(locButton).toMatchObject({ request_location: true });

    const askPhoto = await aminah.send(locationMessage({ id: 6001, languageCode: 'ms' }, 3.1466, 101.6297));
    expect(textsOf(askPhoto)).toMatch(/foto/);
    const anon = await aminah.send(photoMessage({ id: 6001, languageCode: 'ms' }, 'tg-photo-1'));
    expect(textsOf(anon)).toMatch(/tanpa nama/);
    const summary = await aminah.tap(/tanpa nama/i);
    expect(textsOf(summary)).toMatch(/Berikut ialah aduan anda/);
    const done = textsOf(await aminah.tap(/^Hantar$/));
    expect(done).toMatch(/Aduan anda telah diterima/);
    const reference = REF.exec(done)?.[0];
    expect(reference).toBeDefined();

    const record = await core.feedbackRepo.get(reference!);
    expect(record).toMatchObject({
      type: 'complaint',
      category: 'drainage',
      language: 'ms',
      anonymous: true,
    });
    expect(record?.location?.point?.coordinates).toEqual([101.6297, 3.1466]);
    expect(record?.attachments[0]).toMatchObject({ contentType: 'image/jpeg' });
    // The stored photo URL is token-free (signed proxy URL) and serves the file.
    const url = String(record?.attachments[0].url);
    expect(url).not.toContain(fake.token);
    expect(url.startsWith(`${baseUrl}/telegram/files/tg-photo-1?sig=`)).toBe(true);
    expect(record?.attachments[0].channelFileId).toBe('tg-photo-1');
    const img = await fetch(url);
    expect(img.status).toBe(200);
    expect(Buffer.from(await img.arrayBuffer()).toString()).toBe('JPEG-BYTES');
    expect((await fetch(url.replace(/sig=.*/, 'sig=forged'))).status).toBe(404);
    // Nothing token-bearing in the transcripts either.
    const logged = await tdb.db.collection('transcripts').find({}).toArray();
    expect(logged.length).toBeGreaterThan(10);
    const transcripts = JSON.stringify(logged);
    expect(transcripts).toContain('tg-photo-1');
    expect(transcripts).not.toContain(fake.token);
    expect(record?.channel).toMatchObject({
      channelId: 'telegram',
      conversationReference: { conversation: { id: '6001' } },
    });

    // The stored conversation reference reaches the citizen proactively.
    await channel.proactive.send(record!.channel.conversationReference, {
      text: `Status ${reference}: sedang diambil tindakan.`,
    });
    expect(fake.textsTo(6001).pop()).toBe(`Status ${reference}: sedang diambil tindakan.`);
  });

  it('checks status with /status and switches language with /bahasa', async () => {
    const john = bot.citizen({ id: 6002, languageCode: 'en' });
    expect(textsOf(await john.say('/start'))).toMatch(/Welcome to Suara/);
    const lang = await john.say('/bahasa');
    expect(textsOf(lang)).toMatch(/Which language|Bahasa manakah/);
    const toMalay = await john.tap(/^Bahasa Melayu$/);
    expect(toMalay.length).toBeGreaterThan(0);
    const status = textsOf(await john.say('/status SRA-2222-2222'));
    expect(status).toMatch(/tidak menemui sebarang maklum balas dengan nombor rujukan SRA-2222-2222/);
  });
});
