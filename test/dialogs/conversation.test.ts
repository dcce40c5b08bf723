/** Status checks, transcripts, restarts and interruptions through the real bot on MongoDB. */
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import type { Core } from '../../bots/compose/core';
import { newReference } from '../../services/feedback/reference';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;
const text = TestCitizen.text;

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('conversation');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

async function fileOne(c: TestCitizen): Promise<string> {
  await c.say('Complaint');
  await c.say('Rubbish has not been collected on Jalan Raja Laut for two weeks');
  await c.say("Yes, that's right");
  await c.say('50350');
  await c.say('Skip');
  await c.say('Stay anonymous');
  const done = text(await c.say('Submit'));
  return REF.exec(done)![0];
}

test('a status check shows status and dates of an existing reference, and no personal data', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US' });
  await c.open();
  const reference = await fileOne(c);
  const other = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US', userId: 'someone-else' });
  await other.open();
  const shown = text(await other.say(`status ${reference.toLowerCase()}`));
  expect(shown).toContain(reference);
  expect(shown).toMatch(/Status: Received/);
  expect(shown).toMatch(/Status history:/);
  expect(shown).not.toMatch(/Jalan Raja Laut|two weeks/);
});

test('a made-up but well-formed reference is reported as not found', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY' });
  await c.open();
  expect(text(await c.say('Semak status'))).toMatch(/nombor rujukan/);
  const ref = newReference();
  expect(text(await c.say(ref))).toMatch(new RegExp(`tidak menemui.*${ref}`));
});

test('a reference with a typo is caught by its check character', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US' });
  await c.open();
  await c.say('Check status');
  const ref = newReference();
  const last = ref.at(-1)!;
  const typo = ref.slice(0, -1) + (last === 'A' ? 'B' : 'A');
  expect(text(await c.say(typo))).toMatch(/typo/);
  expect(text(await c.say('hello there'))).toMatch(/doesn't look like a reference/);
});

test('the transcript holds both directions of the conversation, in order', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US', conversationId: 'transcript-1' });
  await c.open();
  await c.say('Question');
  await c.say('When is the next public hearing on the KL structure plan?');
  const page = await core.transcripts.getTranscriptActivities('test', 'transcript-1');
  const messages = page.items.filter((a) => a.type === 'message');
  const fromCitizen = messages.filter((a) => (a.from as { id: string }).id !== 'suara').map((a) => a.text);
  const fromBot = messages.filter((a) => (a.from as { id: string }).id === 'suara').map((a) => a.text);
  expect(fromCitizen).toEqual(['Question', 'When is the next public hearing on the KL structure plan?']);
  expect(fromBot.join('\n')).toMatch(/Welcome to Suara[\s\S]*What would you like to ask/);
});

test('after a restart the bot continues a half-finished conversation from MongoDB', async () => {
  const first = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US', conversationId: 'restart-1' });
  await first.open();
  await first.say('Complaint');
  await first.say('Noise from a construction site in Bangsar every night after midnight');

  // A brand-new core (as a new process would build) on the same database.
  const fresh = (await createTestBot(t.db)).core;
  const second = new TestCitizen(fresh.bot, fresh.pipeline, { locale: 'en-US', conversationId: 'restart-1' });
  const replies = await second.say("Yes, that's right");
  expect(text(replies)).toMatch(/Where is it/);
});

test('help answers and repeats the current question; menu starts over', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY' });
  await c.open();
  await c.say('Pertanyaan');
  const help = text(await c.say('bantuan'));
  expect(help).toMatch(/Anda boleh memaklumkan masalah/);
  expect(help).toMatch(/Apakah yang ingin anda tanyakan/);
  const menu = await c.say('menu');
  expect(TestCitizen.buttons(menu)).toEqual(expect.arrayContaining(['Aduan', 'Semak status']));
});

test('a failing turn gets a localized apology and the citizen message is still in the transcript', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY', conversationId: 'failing-1' });
  await c.open();
  await c.say('Semak status');
  const original = core.deps.feedback.status;
  core.deps.feedback.status = async () => {
    throw new Error('database unavailable');
  };
  try {
    const replies = await c.say(newReference());
    expect(text(replies)).toMatch(/berlaku masalah di pihak kami/);
  } finally {
    core.deps.feedback.status = original;
  }
  const page = await core.transcripts.getTranscriptActivities('test', 'failing-1');
  const typed = page.items.filter((a) => (a.from as { id: string }).id !== 'suara').map((a) => a.text);
  expect(typed.at(-1)).toMatch(REF);
  const last = page.items.at(-1) as { text?: string };
  expect(last.text).toMatch(/berlaku masalah di pihak kami/);
});
