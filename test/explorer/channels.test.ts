import type { FeedbackRecord } from '../../services/feedback/types';
/**
 * The same scripted conversations on every channel — the terminal adapter, Direct Line over HTTP and Telegram
 * through the fake Bot API — with the real bot on one MongoDB database: the replies (text and offered actions,
 * normalised for each channel's rendering) must be the same everywhere, so no channel can drift from the others.
 */
import type { Activity } from 'botbuilder';
import type { Update } from 'grammy/types';
import type { Core } from '../../bots/compose/core';
import type { TelegramChannel } from '../../bots/channels/telegram/channel';
import { createTestBot } from '../support/app';
import { FakeTelegram, textMessage, type RecordedCall } from '../support/fakeTelegram';
import { buttonsOf, fakeTelegramChannel, telegramCitizen } from '../support/telegramBot';
import { testDb, type TestDb } from '../support/mongo';
import { terminalChat, type TerminalReplies } from '../support/terminalChat';
import { call, startConversation, startHarness, type Harness } from '../webchat/harness';

process.env.SUARA_TELEGRAM_SILENT = '1';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/g;

/** What a citizen saw after one step: every reply's text, and the actions offered last. */
interface Seen {
  text: string;
  actions: string[];
}

/** One step of a script: type text, or tap an offered action by its title; `{ref}` is the last reference seen. */
type ScriptStep = { say: string } | { tap: string } | { staff: 'resolve' };

/** A channel as a citizen uses it. */
interface Driver {
  open(): Promise<Seen>;
  say(text: string): Promise<Seen>;
  tap(title: string): Promise<Seen>;
  close(): Promise<void>;
}

/** Normalise one channel's rendering: whitespace, HTML escaping, and the (per-channel) reference numbers. */
function seen(texts: string[], actions: string[]): Seen {
  const text = texts
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(REF, 'SRA-····-····')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, actions: actions.map((a) => a.replace(REF, 'SRA-····-····')) };
}

let t: TestDb;
let core: Core;
let fake: FakeTelegram;
let telegram: TelegramChannel;
let web: Harness;
let chatIds = 7100;

beforeAll(async () => {
  t = await testDb('channels');
  core = (await createTestBot(t.db)).core;
  fake = await FakeTelegram.start();
  telegram = fakeTelegramChannel(fake, { bot: core.bot, pipeline: core.pipeline, db: t.db });
  web = await startHarness({ bot: core.bot, pipeline: core.pipeline, tdb: t });
});
afterAll(async () => {
  await telegram.stop();
  await web.close();
  await new Promise((r) => setTimeout(r, 200));
  await fake.close();
  await t.close();
});

function terminal(locale: string): Driver {
  // The same site context the web chat's demo site and Telegram's `/start dbkl` deep link give.
  const chat = terminalChat(core, locale, `citizen-${chatIds++}`, (ctx) => {
    ctx.activity.channelData = { suara: { site: { id: 'dbkl', defaultAgencyId: 'dbkl' } } };
  });
  const step = async (replies: Promise<TerminalReplies>): Promise<Seen> => {
    const { texts, buttons } = await replies;
    return seen(texts, buttons);
  };
  return {
    open: () => step(chat.open()),
    say: (text) => step(chat.say(text)),
    tap: (title) => step(chat.say(title)),
    close: async () => {},
  };
}

async function directLine(locale: string): Promise<Driver> {
  const c = await startConversation(web, locale);
  let watermark = '';
  const feed = async (): Promise<Seen> => {
    const r = await call(
      `${web.base}/v3/directline/conversations/${c.conversationId}/activities?watermark=${watermark}`,
      { token: c.token },
    );
    watermark = r.body.watermark;
    const replies = (r.body.activities as Partial<Activity>[]).filter(
      (a) => a.type === 'message' && !String(a.from?.id).startsWith('dl_'),
    );
    const last = replies.filter((a) => (a.suggestedActions?.actions ?? []).length > 0).at(-1);
    return seen(
      replies.map((a) => a.text ?? ''),
      (last?.suggestedActions?.actions ?? []).map((a) => String(a.title)),
    );
  };
  const post = async (text: string) => {
    const r = await call(`${web.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      token: c.token,
      body: { type: 'message', text, from: { id: 'citizen' }, locale },
    });
    if (r.status !== 200) throw new Error(`post failed: ${r.status}`);
    return feed();
  };
  return { open: feed, say: post, tap: post, close: async () => {} };
}

function telegramChat(languageCode: string): Driver {
  const citizen = telegramCitizen(fake, telegram, { id: chatIds++, languageCode });
  const step = async (sent: Promise<RecordedCall[]>): Promise<Seen> => {
    const mine = await sent;
    return seen(
      mine.map((x) => String(x.payload.text)),
      buttonsOf(mine),
    );
  };
  return {
    open: () => step(citizen.say('/start dbkl')),
    say: (text) => step(citizen.say(text)),
    tap: (title) => step(citizen.tap(title)),
    close: async () => {},
  };
}

/** Run a script on one channel; returns what the citizen saw at every step. */
async function run(driver: Driver, script: ScriptStep[]): Promise<Seen[]> {
  const out: Seen[] = [await driver.open()];
  let reference = '';
  for (const step of script) {
    let s: Seen;
    if ('staff' in step) {
      await core.db
        .collection<FeedbackRecord>('feedback')
        .updateOne(
          { _id: reference },
          { $set: { status: 'resolved' }, $push: { statusHistory: { status: 'resolved', at: new Date() } } },
        );
      continue;
    }
    if ('say' in step) s = await driver.say(step.say.replace('{ref}', reference));
    else s = await driver.tap(step.tap);
    out.push(s);
    reference = await lastReference(reference);
  }
  await driver.close();
  return out;
}

/** The newest record's reference (each script files at most one, and scripts run one after another). */
async function lastReference(current: string): Promise<string> {
  const newest = await core.db
    .collection<FeedbackRecord>('feedback')
    .find({})
    .sort({ createdAt: -1 })
    .limit(1)
    .next();
  return newest?._id ?? current;
}

const FILE_IN_MALAY: ScriptStep[] = [
  { tap: 'Aduan' },
  { say: 'Sampah tidak dikutip di kawasan rumah saya sudah dua minggu' },
  { tap: 'Ya, betul' },
  { say: '50350' },
  { tap: 'Langkau' },
  { tap: 'Kekal tanpa nama' },
  { tap: 'Hantar' },
];

const SCRIPTS: [string, 'ms' | 'en', ScriptStep[]][] = [
  ['file a complaint in Malay', 'ms', FILE_IN_MALAY],
  ['check its status right after filing', 'ms', [...FILE_IN_MALAY, { say: 'semak {ref}' }]],
  ['switch language mid-flow and back', 'ms', [{ tap: 'Aduan' }, { say: 'English' }, { say: 'BM' }]],
  [
    'cancel midway',
    'en',
    [{ tap: 'Complaint' }, { say: 'Streetlight broken outside the mosque in Bangsar' }, { say: 'cancel' }],
  ],
  [
    'rate a resolved complaint from the status answer',
    'ms',
    [
      ...FILE_IN_MALAY,
      { staff: 'resolve' },
      { say: 'semak {ref}' },
      { tap: 'Nilai' },
      { tap: '4 ★' },
      { say: 'Cepat dan kemas' },
    ],
  ],
];

test.each(SCRIPTS)(
  '"%s" reads the same on the terminal, Direct Line and Telegram',
  async (_name, lang, script) => {
    const onTerminal = await run(terminal(lang === 'ms' ? 'ms-MY' : 'en-US'), script);
    const onDirectLine = await run(await directLine(lang === 'ms' ? 'ms-MY' : 'en-US'), script);
    const onTelegram = await run(telegramChat(lang), script);
    expect(onTerminal.length).toBe(script.filter((s) => !('staff' in s)).length + 1);
    expect(onTerminal.every((s) => s.text.length > 0)).toBe(true);
    expect(onDirectLine).toEqual(onTerminal);
    expect(onTelegram).toEqual(onTerminal);
  },
);

test('a Telegram citizen with a Malay phone who switches to English gets the share-location button in English', async () => {
  const citizen = { id: chatIds++, languageCode: 'ms' };
  const send = (text: string) =>
    telegram.handleUpdate({ update_id: fake.newUpdateId(), ...textMessage(citizen, text) } as Update);
  await send('/start');
  await send('English');
  await send('Complaint');
  await send('Rubbish has not been collected near my house for two weeks');
  await send("Yes, that's right");
  const mine = fake.callsOf('sendMessage').filter((x) => Number(x.payload.chat_id) === citizen.id);
  const button = mine.map((x) => x.payload.reply_markup?.keyboard?.[0]?.[0]).find(Boolean);
  expect(button).toMatchObject({ text: '📍 Share my location', request_location: true });
});
