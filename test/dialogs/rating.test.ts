import type { FeedbackRecord } from '../../services/feedback/types';
/** After the agency resolves a matter, the citizen rates it 1–5 with an optional comment, shown in status checks. */
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import type { Core } from '../../bots/compose/core';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;
const text = TestCitizen.text;

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('rating');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

async function fileAndResolve(c: TestCitizen): Promise<string> {
  await c.open();
  await c.say('Compliment');
  await c.say('The DBKL team cleared the fallen tree on Jalan Ampang within an hour, thank you');
  await c.say('Other categories');
  await c.say('Parks and trees');
  await c.say('Skip');
  await c.say('Skip');
  await c.say('Stay anonymous');
  const reference = REF.exec(text(await c.say('Submit')))![0];
  await core.db
    .collection<FeedbackRecord>('feedback')
    .updateOne(
      { _id: reference },
      { $set: { status: 'resolved' }, $push: { statusHistory: { status: 'resolved', at: new Date() } } },
    );
  return reference;
}

test('tapping a rating button stores it, asks for a comment, and the status check shows it', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US' });
  const reference = await fileAndResolve(c);
  expect(text(await c.say(`rate:${reference}:4`))).toMatch(/Thank you for rating 4\/5/);
  expect(text(await c.say('Very quick response'))).toMatch(/Your rating helps/);
  const record = await core.feedbackRepo.get(reference);
  expect(record?.rating).toMatchObject({ score: 4, comment: 'Very quick response' });
  expect(text(await c.say(`status ${reference}`))).toMatch(/You rated this 4\/5/);
});

test('a rating for someone else’s report, or before it is resolved, is refused politely', async () => {
  const owner = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US' });
  const reference = await fileAndResolve(owner);
  const stranger = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US' });
  await stranger.open();
  expect(text(await stranger.say(`rate:${reference}:1`))).toMatch(
    /only take a rating .* from the person who filed it/,
  );
  expect((await core.feedbackRepo.get(reference))?.rating).toBeUndefined();
});
