/**
 * Consultations on Telegram with the real bot: a `t.me/<bot>?start=c-<id>` link lands in that consultation, and when
 * the consultation closes every participant is told — once, in their language, on their own channel — where the
 * results are, even with two sweepers (two instances) running at the same time.
 */
import type { TelegramChannel } from '../../bots/channels/telegram/channel';
import type { Core } from '../../bots/compose/core';
import { ConsultationClosingSweeper } from '../../services/consultations';
import { silentLogger } from '../../services/log';
import type { OutboundMessage, ProactiveChannel } from '../../services/notifications/types';
import { TestCitizen } from '../support/app';
import type { Citizen, FakeTelegram } from '../support/fakeTelegram';
import type { TestDb } from '../support/mongo';
import { startTelegramBot, textsOf, type TelegramBot } from '../support/telegramBot';

const ID = 'dbkl-walkable-kl';

let bot: TelegramBot;
let fake: FakeTelegram;
let tdb: TestDb;
let core: Core;
let channel: TelegramChannel;

beforeAll(async () => {
  bot = await startTelegramBot('consult_tg');
  ({ fake, tdb, core, channel } = bot);
});
afterAll(() => bot.close());

/** A citizen on Telegram: sends updates and reads the texts the bot sent back since the last step. */
function tgCitizen(c: Citizen) {
  const citizen = bot.citizen(c);
  return {
    say: async (text: string) => textsOf(await citizen.say(text)),
    tap: async (title: RegExp) => textsOf(await citizen.tap(title)),
  };
}

test('a Telegram citizen who opens t.me/…?start=c-<id> lands in that consultation', async () => {
  const siti = tgCitizen({ id: 7101, languageCode: 'ms' });
  const opened = await siti.say(`/start c-${ID}`);
  expect(opened).toMatch(/Kuala Lumpur mesra pejalan kaki dan berbasikal/);
  expect(opened).toMatch(/Soalan 1 daripada 4/);
  expect(opened).not.toMatch(/Apakah yang boleh saya bantu/);
  await siti.tap(/^Kereta$/);
  await siti.tap(/^4$/);
  await siti.tap(/^Laluan berbumbung$/);
  await siti.tap(/^Langkau$/);
  expect(await siti.tap(/^Hantar$/)).toMatch(/Resit: DBKL-/);

  const john = tgCitizen({ id: 7102, languageCode: 'en' });
  expect(await john.say(`/start c-${ID}`)).toMatch(/Question 1 of 4/);
  for (const b of [/^Car$/, /^2$/, /^Safer crossings$/, /^Skip$/]) await john.tap(b);
  expect(await john.tap(/^Send$/)).toMatch(/Receipt: DBKL-/);

  // The start payload names no agency: the conversation's site stays empty.
  const key = core.feedback.citizenKey('telegram', '7101');
  expect((await core.consultations.previous(ID, key))?.answers).toHaveLength(3);
});

test('when the consultation closes each participant is told once, in their language, on their channel', async () => {
  // A third participant on another channel (web chat-like), recorded by a fake proactive channel.
  const web = new TestCitizen(core.bot, core.pipeline, {
    locale: 'en-US',
    userId: 'web-1',
    channelId: 'webchat',
  });
  await web.say({ text: '/start', value: { suara: { start: `c-${ID}` } } });
  for (const a of ['Motorcycle', '3', 'Brighter street lighting', 'Skip']) await web.say(a);
  expect(TestCitizen.text(await web.say('Send'))).toMatch(/Receipt: DBKL-/);
  const webSent: { ref: Record<string, unknown>; msg: OutboundMessage }[] = [];
  const webchat: ProactiveChannel = {
    channelId: 'webchat',
    send: async (ref, msg) => void webSent.push({ ref, msg }),
  };

  const now = new Date();
  await tdb.db
    .collection('consultations')
    .updateOne({ _id: ID } as never, { $set: { closesAt: new Date(now.getTime() - 1000) } });
  const channels = new Map<string, ProactiveChannel>([
    ['telegram', channel.proactive],
    ['webchat', webchat],
  ]);
  const sweeper = () =>
    new ConsultationClosingSweeper({
      consultations: core.consultations,
      channels: { channel: (id) => channels.get(id) },
      t: core.l10n.t,
      resultsUrl: (id, lang) => `https://suara.example/consultations/${id}/results?lang=${lang}`,
      log: silentLogger,
    });
  const [a, b] = await Promise.all([sweeper().sweep(), sweeper().sweep()]);
  expect(a + b).toBe(3);
  expect(await sweeper().sweep()).toBe(0);

  const notices = (chatId: number) =>
    fake
      .callsOf('sendMessage')
      .filter(
        (x) =>
          Number(x.payload.chat_id) === chatId &&
          /consultations\/dbkl-walkable-kl\/results/.test(String(x.payload.text)),
      )
      .map((x) => String(x.payload.text));
  expect(notices(7101)).toEqual([
    expect.stringMatching(
      /^Konsultasi awam “Kuala Lumpur mesra pejalan kaki dan berbasikal” telah ditutup\..*\?lang=ms$/s,
    ),
  ]);
  expect(notices(7102)).toEqual([
    expect.stringMatching(
      /^The public consultation “Walkable and bicycle-friendly Kuala Lumpur” has closed\..*\?lang=en$/s,
    ),
  ]);
  expect(webSent).toHaveLength(1);
  expect(webSent[0]!.msg).toMatchObject({ language: 'en', text: expect.stringMatching(/has closed/) });
  expect((webSent[0]!.ref.conversation as { id: string }).id).toBe(web.conversationId);
  // Once told, the conversation reference is forgotten; the answers never held it.
  const key = core.feedback.citizenKey('telegram', '7101');
  const notice = await core.consultations.closing.get(ID, key);
  expect(notice).toMatchObject({ state: 'sent', attempts: 1 });
  expect(notice).not.toHaveProperty('channel');
  expect(JSON.stringify(await tdb.db.collection('consultationResponses').find().toArray())).not.toMatch(
    /7101|7102/,
  );
  // PDPA erasure removes the notice too.
  await core.consultations.eraseCitizen(key);
  expect(await core.consultations.closing.get(ID, key)).toBeNull();
});
