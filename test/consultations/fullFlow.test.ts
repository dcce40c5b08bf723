/** A public consultation through the real bot and its main menu (needs the menu entry wired in mainDialog.ts). */
import type { Core } from '../../bots/compose/core';
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('consultation_full');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

test.each([
  [
    'en-US',
    'Public consultation',
    'Walkable and bicycle-friendly Kuala Lumpur',
    ['Car', '4', 'Safer crossings', 'Skip', 'Send'],
    /Receipt: DBKL-/,
    /anything else/,
  ],
  [
    'ms-MY',
    'Konsultasi awam',
    'Kuala Lumpur mesra pejalan kaki dan berbasikal',
    ['Kereta', '4', 'Lintasan yang lebih selamat', 'Langkau', 'Hantar'],
    /Resit: DBKL-/,
    /Adakah perkara lain yang boleh saya bantu/,
  ],
] as const)(
  'from the %s menu a citizen answers a consultation and returns to the menu',
  async (locale, entry, title, answers, receipt, again) => {
    const userId = `menu-${locale}`;
    const c = new TestCitizen(core.bot, core.pipeline, { locale, userId });
    const menu = await c.open();
    expect(TestCitizen.buttons(menu)).toContain(entry);
    expect(TestCitizen.buttons(await c.say(entry))).toContain(title);
    await c.say(title);
    let last = '';
    for (const a of answers) last = TestCitizen.text(await c.say(a));
    expect(last).toMatch(receipt);
    expect(last).toMatch(again);
    const key = core.feedback.citizenKey('test', userId);
    expect(await core.consultations.hasResponded('dbkl-walkable-kl', key)).toBe(true);
  },
);

test('cancel in the middle of a consultation stores nothing and shows the menu', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US', userId: 'cancel-me' });
  await c.open();
  await c.say('Public consultation');
  await c.say('Separating household waste at source');
  const cancelled = TestCitizen.text(await c.say('cancel'));
  expect(cancelled).toMatch(/anything else/i);
  expect(
    await core.consultations.hasResponded(
      'kpkt-waste-separation',
      core.feedback.citizenKey('test', 'cancel-me'),
    ),
  ).toBe(false);
});
