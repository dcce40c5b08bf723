/**
 * Choosing another category on a phone: "Other categories" shows a short list of areas, then that area's
 * categories with a way back — never the 26 categories at once — and typing a category's name works at either list.
 * Real bot, dialogs and MongoDB (TestAdapter as the channel).
 */
import { CATEGORY_IDS } from '../../services/agencies/types';
import { CATEGORY_GROUPS } from '../../dialogs/categoryPicker';
import type { Core } from '../../bots/compose/core';
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;
let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('catpicker');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

const { text, buttons } = TestCitizen;

/** A citizen who has described a suggestion and asked for the other categories; returns the area list. */
async function atAreas(locale: string, more: string) {
  const c = new TestCitizen(core.bot, core.pipeline, { locale });
  await c.open();
  await c.say(locale.startsWith('ms') ? 'Cadangan' : 'Suggestion');
  await c.say('Please add more recycling bins in Taman Tasik Titiwangsa');
  return { c, areas: await c.say(more) };
}

/** Skip photo (and location where asked), stay anonymous, submit; the stored record. */
async function finish(c: TestCitizen, skip: string, anonymous: string, submit: string) {
  let last = await c.say(skip);
  if (buttons(last).includes(skip)) last = await c.say(skip);
  await c.say(anonymous);
  const reference = REF.exec(text(await c.say(submit)))![0];
  return core.feedbackRepo.get(reference);
}

test('every category but "Something else" belongs to exactly one area', () => {
  const grouped = CATEGORY_GROUPS.flatMap((g) => g.categories);
  expect([...grouped].sort()).toEqual(CATEGORY_IDS.filter((c) => c !== 'other').sort());
  for (const g of CATEGORY_GROUPS) expect(g.categories.length).toBeLessThanOrEqual(6);
});

test('an English citizen picks an area, goes back, picks another and files with the category chosen', async () => {
  const { c, areas } = await atAreas('en-US', 'Other categories');
  expect(text(areas)).toMatch(/What is it about\? Choose an area/);
  expect(buttons(areas)).toEqual([
    'Roads and transport',
    'Rubbish, drains, noise and pollution',
    'Parks, trees and animals',
    'Water, electricity, phone and internet',
    'Safety, crime and health',
    'Housing, business and licences',
    'IC, passports, schools, jobs and welfare',
    'Something else',
  ]);
  const streets = await c.say('Roads and transport');
  expect(text(streets)).toMatch(/^Roads and transport: which of these fits best\?/);
  expect(buttons(streets)).toEqual([
    'Roads and footpaths',
    'Street lights',
    'Parking',
    'Vehicles and public transport',
    'Back to all areas',
  ]);
  expect(buttons(await c.say('Back to all areas'))).toHaveLength(8);
  expect(buttons(await c.say('3'))).toEqual([
    'Parks and trees',
    'Stray and domestic animals',
    'Wild animals',
    'Back to all areas',
  ]);
  await c.say('Parks and trees');
  const record = await finish(c, 'Skip', 'Stay anonymous', 'Submit');
  expect(record).toMatchObject({ type: 'suggestion', category: 'parks' });
});

test('a Malay citizen types the category by name at the area list and is not asked again', async () => {
  const { c, areas } = await atAreas('ms-MY', 'Kategori lain');
  expect(text(areas)).toMatch(/Perkara ini berkenaan apa\? Pilih satu bidang/);
  expect(buttons(areas)).toContain('Air, elektrik, telefon dan internet');
  expect(buttons(areas)).toContain('Lain-lain');
  const next = await c.say('bekalan air');
  expect(text(next)).not.toMatch(/bidang|paling sesuai/);
  const record = await finish(c, 'Langkau', 'Kekal tanpa nama', 'Hantar');
  expect(record).toMatchObject({ category: 'water', language: 'ms' });
});

test('inside an area, a category of another area typed by name is still understood', async () => {
  const { c } = await atAreas('en-US', 'Other categories');
  await c.say('Safety, crime and health');
  const next = await c.say('Street lights');
  expect(text(next)).not.toMatch(/which of these fits best/);
  const record = await finish(c, 'Skip', 'Stay anonymous', 'Submit');
  expect(record).toMatchObject({ category: 'streetlights' });
});
