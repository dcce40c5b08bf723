/**
 * "Me too" for a suggestion on Telegram (real bot, dialogs, MongoDB; the fake Bot API on 127.0.0.1): an English
 * speaker supports a Malay speaker's open suggestion for a bus shelter, and is told on Telegram, in English and
 * worded as a suggestion, when the body acts on it and when it replies to the proposer.
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
  bot = await startTelegramBot('metoosugtg');
  ({ fake, core, channel } = bot);
});
afterAll(() => bot.close());

test('a supporter of a suggestion is told when the body acts on it, in their language, worded as a suggestion', async () => {
  const ref = await seedComplaint(core, {
    type: 'suggestion',
    text: 'Cadangan pondok bas berbumbung di hentian bas Jalan Raja Laut',
    at: PIN,
    language: 'ms',
  });
  const amy = bot.citizen({ id: 7201, languageCode: 'en' });
  await amy.say('/start');
  await amy.tap(/^Suggestion$/);
  await amy.say('Please build a bus shelter with a roof at this bus stop, people wait in the hot sun');
  await amy.tap(/^Roads and footpaths$/);
  const offer = await amy.send(
    locationMessage({ id: 7201, languageCode: 'en' }, north(100).lat, north(100).lng),
  );
  expect(textsOf(offer)).toMatch(/Someone has already suggested the same thing nearby:/);
  expect(textsOf(offer)).toMatch(/Would you like to support it instead of making a new suggestion\?/);
  expect(buttonsOf(offer)).toEqual(['Add my support', 'Make my own suggestion']);
  const added = textsOf(await amy.tap(/^Add my support$/));
  expect(added).toMatch(
    new RegExp(
      `Your support has been added to suggestion ${ref} \\(status: Received\\)\\. It now has the support of 2 people\\.`,
    ),
  );
  expect((await core.feedbackRepo.get(ref))?.supporterCount).toBe(1);

  // The body takes it up: the supporter hears it in English, as a suggestion, without the filer's note.
  const status = new StatusService(core.feedbackRepo, createNotifier(core, [channel.proactive]));
  const before = fake.textsTo(7201).length;
  await status.apply({
    reference: ref,
    status: 'in_progress',
    by: 'officer@dbkl',
    note: 'Terima kasih Puan Siti',
  });
  const told = fake.textsTo(7201).slice(before);
  expect(told).toHaveLength(1);
  expect(told[0]).toMatch(new RegExp(`is now acting on suggestion ${ref}, which you support\\.`));
  expect(told[0]).not.toMatch(/complaint|Puan Siti/);

  await status.reply({ reference: ref, text: 'Puan Siti, kami akan hubungi anda', by: 'officer@dbkl' });
  const replied = fake.textsTo(7201).slice(before + 1);
  expect(replied).toHaveLength(1);
  expect(replied[0]).toMatch(
    new RegExp(`has replied to the person who made suggestion ${ref}, which you support`),
  );
  expect(replied[0]).not.toMatch(/complaint|Puan Siti/);
});
