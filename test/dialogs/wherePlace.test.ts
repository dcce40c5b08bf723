/**
 * Where a complaint goes, as the citizen sees it: one line with the body and why before submitting, a question with
 * both councils as buttons when a place fits two, and "Tukar tempat" to correct the place. Real bot and MongoDB.
 */
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import type { Core } from '../../bots/compose/core';

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('whereplace');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

const text = TestCitizen.text;

async function toLocation(c: TestCitizen, complaint: string, confirm: string): Promise<void> {
  await c.open();
  await c.say(confirm === 'Ya, betul' ? 'aduan' : 'Complaint');
  await c.say(complaint);
  await c.say(confirm);
}

test('a Malay citizen sees where it goes and why in one line before submitting (Georgetown → MBPP)', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY' });
  await toLocation(c, 'Lampu jalan rosak di Georgetown, Pulau Pinang, gelap waktu malam', 'Ya, betul');
  await c.say('Georgetown, Pulau Pinang');
  await c.say('Langkau');
  const summary = text(await c.say('Tanpa nama'));
  expect(summary).toContain(
    'Akan dihantar kepada Majlis Bandaraya Pulau Pinang — lampu jalan ialah urusan majlis tempatan di Georgetown, Pulau Pinang.',
  );
});

test('a place in two states asks which one with both councils as buttons, and the pick decides the body', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US' });
  await toLocation(
    c,
    'The road surface is badly broken and full of potholes near the school',
    "Yes, that's right",
  );
  const which = await c.say('Klebang');
  expect(text(which)).toMatch(/"Klebang" could be in more than one council area/);
  const buttons = TestCitizen.buttons(which);
  expect(buttons).toEqual(
    expect.arrayContaining([expect.stringMatching(/Melaka/), expect.stringMatching(/Ipoh/)]),
  );
  await c.say(buttons.find((b) => /Ipoh/.test(b)) as string);
  await c.say('Skip');
  const summary = text(await c.say('Stay anonymous'));
  expect(summary).toMatch(
    /It will go to Ipoh City Council — the local council looks after roads and footpaths in Klebang\./,
  );
  const done = text(await c.say('Submit'));
  const reference = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/.exec(done)?.[0];
  expect((await core.feedbackRepo.get(reference as string))?.agencyId).toBe('mbi');
});

test('"Tukar tempat" re-asks the place and the body follows the new place', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY' });
  await toLocation(c, 'Jalan berlubang besar, motor hampir terbabas', 'Ya, betul');
  await c.say('Taman Molek, Johor Bahru');
  await c.say('Langkau');
  const summary = await c.say('Tanpa nama');
  expect(text(summary)).toMatch(/Majlis Bandaraya Johor Bahru/);
  expect(TestCitizen.buttons(summary)).toContain('📍 Tukar tempat');
  expect(text(await c.say('📍 Tukar tempat'))).toMatch(/Di manakah lokasinya/);
  const again = text(await c.say('Kota Kinabalu'));
  expect(again).toMatch(/Dewan Bandaraya Kota Kinabalu/);
  expect(again).toMatch(/di Kota Kinabalu/);
});

test('a state name alone is not enough for a council matter: the bot asks which town in that state', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY' });
  await toLocation(c, 'Longkang tersumbat depan rumah, air bertakung', 'Ya, betul');
  expect(text(await c.say('Johor'))).toMatch(/Di bandar atau kawasan mana di Johor\?/);
  await c.say('Taman Molek');
  await c.say('Langkau');
  expect(text(await c.say('Tanpa nama'))).toMatch(
    /Akan dihantar kepada Majlis Bandaraya Johor Bahru — .* di Taman Molek\./,
  );
});
