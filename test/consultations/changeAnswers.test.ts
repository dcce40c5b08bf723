/**
 * A citizen can change their answers until the consultation closes (one stored answer set, updated); after it
 * closes, their answers are shown read-only. The real bot and dialogs on MongoDB; opened by the deep-link start
 * payload every channel passes the same way.
 */
import type { Core } from '../../bots/compose/core';
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';

const ID = 'dbkl-walkable-kl';
let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('consult_change');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

/** Open the consultation by its deep link (`/start c-<id>`) as the given citizen. */
function openLink(c: TestCitizen, id = ID) {
  return c.say({ text: '/start', value: { suara: { start: `c-${id}` } } });
}

async function answerAll(c: TestCitizen, answers: string[]): Promise<string> {
  let last = '';
  for (const a of answers) last = TestCitizen.text(await c.say(a));
  return last;
}

const responses = () =>
  t.db.collection<{ consultationId: string; answers: { value: unknown }[]; revision: number }>(
    'consultationResponses',
  );

test('changing an answer before closing keeps one answer set', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US', userId: 'changer' });
  const opened = await openLink(c);
  expect(TestCitizen.text(opened)).toMatch(/Walkable and bicycle-friendly Kuala Lumpur/);
  expect(TestCitizen.text(opened)).toMatch(/Question 1 of 4/);
  expect(await answerAll(c, ['Car', '2', 'Safer crossings', 'Skip', 'Send'])).toMatch(/Receipt: DBKL-/);

  // Coming back: the earlier answers are shown, and the citizen may change them.
  const back = await openLink(c);
  expect(TestCitizen.text(back)).toMatch(/You have already answered/);
  expect(TestCitizen.text(back)).toMatch(/Car/);
  expect(TestCitizen.text(back)).toMatch(/2 \/ 5/);
  expect(TestCitizen.buttons(back)).toEqual(['Change my answers', 'Keep them']);
  const first = await c.say('Change my answers');
  expect(TestCitizen.buttons(first)).toContain('Keep my earlier answer');
  // Keep the commute, change the safety score, keep the priority, skip the comment.
  const done = await answerAll(c, ['Keep my earlier answer', '5', 'Keep my earlier answer', 'Skip', 'Send']);
  expect(done).toMatch(/new answers .* have replaced your earlier ones/);

  const key = core.feedback.citizenKey('test', 'changer');
  const stored = await responses()
    .find({ consultationId: ID, _id: `${ID}:${key}` } as never)
    .toArray();
  expect(stored).toHaveLength(1);
  expect(stored[0]!.revision).toBe(2);
  expect(stored[0]!.answers.map((a) => a.value)).toEqual(['car', 5, 'crossings']);
  expect(await responses().countDocuments({ consultationId: ID })).toBe(1);
});

test('after closing, answers are read-only', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY', userId: 'late' });
  await openLink(c, 'kpkt-waste-separation');
  const sent = await answerAll(c, ['Ya, sentiasa', '4', 'Panduan yang jelas', 'Langkau', 'Hantar']);
  expect(sent).toMatch(/Resit: KPKT-/);

  await t.db.collection('consultations').updateOne({ _id: 'kpkt-waste-separation' } as never, {
    $set: { closesAt: new Date(Date.now() - 60_000) },
  });
  const after = await openLink(c, 'kpkt-waste-separation');
  const text = TestCitizen.text(after);
  expect(text).toMatch(/telah ditutup pada .* jawapan anda tidak boleh diubah lagi/);
  expect(text).toMatch(/Ya, sentiasa/);
  expect(TestCitizen.buttons(after)).not.toContain('Ubah jawapan saya');
  // …and the citizen is back at the menu.
  expect(TestCitizen.buttons(after)).toContain('Konsultasi awam');
  const key = core.feedback.citizenKey('test', 'late');
  expect((await core.consultations.previous('kpkt-waste-separation', key))?.revision).toBe(1);
});

test('a link to an unknown or closed consultation says so politely and shows the menu', async () => {
  const en = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US', userId: 'nolink' });
  const unknown = await openLink(en, 'no-such-consultation');
  expect(TestCitizen.text(unknown)).toMatch(/couldn't find that consultation/);
  expect(TestCitizen.buttons(unknown)).toContain('Public consultation');

  const ms = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY', userId: 'closedlink' });
  const closed = await openLink(ms, 'dbkl-ptkl2040');
  expect(TestCitizen.text(closed)).toMatch(/telah ditutup pada/);
  expect(TestCitizen.buttons(closed)).toContain('Konsultasi awam');
});
