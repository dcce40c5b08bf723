/**
 * "Me too" on Telegram (real bot, dialogs, MongoDB; the fake Bot API on 127.0.0.1): a pin 100 m from an open pothole
 * complaint offers inline buttons; "Tambah suara saya" makes the citizen a supporter, who is told on Telegram, in
 * their language, when the original is resolved (and when staff reply, without the reply's text).
 */
import { createNotifier } from '../../bots/compose/deliveryWiring';
import type { Core } from '../../bots/compose/core';
import type { TelegramChannel } from '../../bots/channels/telegram/channel';
import { StatusService } from '../../services/status/statusService';
import { locationMessage, type FakeTelegram } from '../support/fakeTelegram';
import { buttonsOf, startTelegramBot, textsOf, type TelegramBot } from '../support/telegramBot';
import { north, PIN, seedComplaint } from './support';

let bot: TelegramBot;
let fake: FakeTelegram;
let core: Core;
let channel: TelegramChannel;

beforeAll(async () => {
  bot = await startTelegramBot('metootg');
  ({ fake, core, channel } = bot);
});
afterAll(() => bot.close());

test('a citizen with a pin 100 m from an open pothole report is offered to add their voice (Telegram)', async () => {
  const ref = await seedComplaint(core, { text: 'Lubang besar di jalan', at: PIN, language: 'en' });
  const siti = bot.citizen({ id: 7101, languageCode: 'ms' });
  await siti.say('/start');
  await siti.tap(/^Aduan$/);
  await siti.say('Ada lubang besar di jalan ini, motosikal terpaksa mengelak');
  await siti.tap(/^Ya/);
  const offer = await siti.send(
    locationMessage({ id: 7101, languageCode: 'ms' }, north(100).lat, north(100).lng),
  );
  expect(textsOf(offer)).toMatch(/Seorang telah melaporkan perkara yang sama berhampiran/);
  expect(textsOf(offer)).toMatch(/lebih kurang 100 m dari pin lokasi anda/);
  expect(buttonsOf(offer)).toEqual(['Tambah suara saya', 'Teruskan aduan baharu']);

  const added = textsOf(await siti.tap(/^Tambah suara saya$/));
  expect(added).toContain(ref);
  expect(added).toMatch(/Suara anda telah ditambah pada aduan .* \(status: Diterima\)/);
  const record = await core.feedbackRepo.get(ref);
  expect(record?.supporters?.[0]).toMatchObject({
    language: 'ms',
    channel: { channelId: 'telegram', conversationReference: { conversation: { id: '7101' } } },
  });

  // Staff resolve the original: the supporter hears it on Telegram, in Malay, without the filer's rating buttons.
  const status = new StatusService(core.feedbackRepo, createNotifier(core, [channel.proactive]));
  const before = fake.textsTo(7101).length;
  await status.apply({
    reference: ref,
    status: 'resolved',
    by: 'officer@dbkl',
    note: 'Dah tampal, Encik Tan',
  });
  const told = fake.textsTo(7101).slice(before);
  expect(told).toHaveLength(1);
  expect(told[0]).toMatch(new RegExp(`telah menandakan aduan ${ref} yang anda sokong sebagai selesai`));
  expect(told[0]).not.toMatch(/Encik Tan/);
  const last = fake
    .callsOf('sendMessage')
    .filter((x) => Number(x.payload.chat_id) === 7101)
    .pop();
  expect(JSON.stringify(last?.payload.reply_markup ?? {})).not.toMatch(/rate:/);

  // A staff reply is for the filer: the supporter is told there was one, not what it says.
  await status.reply({
    reference: ref,
    text: 'Encik Tan, kami akan hubungi anda di 012-3456789',
    by: 'officer@dbkl',
  });
  const replied = fake.textsTo(7101).slice(before + 1);
  expect(replied).toHaveLength(1);
  expect(replied[0]).toMatch(/telah membalas kepada pengadu asal aduan/);
  expect(replied[0]).not.toMatch(/012-3456789|Encik Tan/);
});
