/** The real Suara bot and dialogs on Telegram: a complaint in Malay by buttons, with a location pin and a photo. */
import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import restify from 'restify';
import type { Core } from '../../bots/compose/core';
import { createTelegramChannel, type TelegramChannel } from '../../bots/channels/telegram/channel';
import { createTestBot } from '../support/app';
import {
  buttonTap,
  FakeTelegram,
  locationMessage,
  photoMessage,
  textMessage,
  type Citizen,
} from '../support/fakeTelegram';
import { testDb, type TestDb } from '../support/mongo';

process.env.SUARA_TELEGRAM_SILENT = '1';
const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

describe('Suara on Telegram (real bot)', () => {
  let fake: FakeTelegram;
  let tdb: TestDb;
  let core: Core;
  let channel: TelegramChannel;
  let server: restify.Server;
  let baseUrl: string;

  beforeAll(async () => {
    fake = await FakeTelegram.start();
    tdb = await testDb('tgflow');
    const app = await createTestBot(tdb.db);
    server = restify.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    core = app.core;
    channel = createTelegramChannel({
      token: fake.token,
      apiRoot: fake.apiRoot,
      botInfo: fake.botInfo,
      bot: app.bot,
      pipeline: app.pipeline,
      db: tdb.db,
      fileBaseUrl: baseUrl,
      flood: { limit: 1000, windowMs: 1000 },
      throttle: { perChatBurst: 100, perChatPerSecond: 100 },
    });
    channel.mountFiles(server);
  });
  afterAll(async () => {
    await channel.stop();
    server.close();
    await new Promise((r) => setTimeout(r, 200)); // let the transcript logger's last writes land
    await fake.close();
    await tdb.close();
  });

  /** A citizen on Telegram: sends updates, reads what the bot sent back since the last step. */
  function citizen(c: Citizen) {
    let seen = 0;
    const sent = () => fake.callsOf('sendMessage').filter((x) => Number(x.payload.chat_id) === c.id);
    const step = async (u: Omit<Update, 'update_id'>) => {
      await channel.handleUpdate({ update_id: fake.newUpdateId(), ...u } as Update);
      const mine = sent().slice(seen);
      seen = sent().length;
      return mine;
    };
    return {
      say: (text: string) => step(textMessage(c, text)),
      send: step,
      text: (calls: { payload: { text?: unknown } }[]) => calls.map((x) => String(x.payload.text)).join('\n'),
      /** Tap the button whose title matches, on the latest message that has an inline keyboard. */
      tap: async (title: RegExp) => {
        const withKb = sent()
          .filter((x) => x.payload.reply_markup?.inline_keyboard)
          .pop();
        if (!withKb) throw new Error('no inline keyboard to tap');
        const buttons = withKb.payload.reply_markup.inline_keyboard.flat() as {
          text: string;
          callback_data: string;
        }[];
        const b = buttons.find((x) => title.test(x.text));
        if (!b) throw new Error(`no button ${title} among ${buttons.map((x) => x.text).join(' | ')}`);
        const messageId = (withKb.result as { message_id: number }).message_id;
        return step(buttonTap(c, b.callback_data, messageId));
      },
    };
  }

  it('files a complaint in Malay with buttons, a location pin and a photo', async () => {
    const aminah = citizen({ id: 6001, languageCode: 'ms' });
    fake.addFile('tg-photo-1', {
      file_path: 'photos/file_1.jpg',
      file_size: 180_000,
      bytes: Buffer.from('JPEG-BYTES'),
    });

    const hello = await aminah.say('/start');
    expect(aminah.text(hello)).toMatch(/Selamat datang ke Suara/);
    expect(aminah.text(await aminah.tap(/^Aduan$/))).toMatch(/terangkan masalah/);
    await aminah.say('Longkang tersumbat depan rumah saya di Taman Tun Dr Ismail, air naik bila hujan');
    const askPlace = await aminah.tap(/^Ya/);
    expect(aminah.text(askPlace)).toMatch(/Di manakah lokasinya/);
    const locButton = askPlace.map((x) => x.payload.reply_markup?.keyboard?.[0]?.[0]).find(Boolean);
    expect(locButton).toMatchObject({ request_location: true });

    const askPhoto = await aminah.send(locationMessage({ id: 6001, languageCode: 'ms' }, 3.1466, 101.6297));
    expect(aminah.text(askPhoto)).toMatch(/foto/);
    const anon = await aminah.send(photoMessage({ id: 6001, languageCode: 'ms' }, 'tg-photo-1'));
    expect(aminah.text(anon)).toMatch(/tanpa nama/);
    const summary = await aminah.tap(/tanpa nama/i);
    expect(aminah.text(summary)).toMatch(/Berikut ialah aduan anda/);
    const done = aminah.text(await aminah.tap(/^Hantar$/));
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
    const john = citizen({ id: 6002, languageCode: 'en' });
    expect(john.text(await john.say('/start'))).toMatch(/Welcome to Suara/);
    const lang = await john.say('/bahasa');
    expect(john.text(lang)).toMatch(/Which language|Bahasa manakah/);
    const toMalay = await john.tap(/^Bahasa Melayu$/);
    expect(toMalay.length).toBeGreaterThan(0);
    const status = john.text(await john.say('/status SRA-2222-2222'));
    expect(status).toMatch(/tidak menemui sebarang maklum balas dengan nombor rujukan SRA-2222-2222/);
  });
});
