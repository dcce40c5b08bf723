/** "Me too" through the real bot, dialogs and MongoDB (TestAdapter as the channel). */
import type { Core } from '../../bots/compose/core';
import { toSummary } from '../../services/staff/feedbackView';
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import { north, pinAttachment, PIN, REF, seedComplaint } from './support';

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('metoo');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());
beforeEach(async () => {
  await t.db.collection('feedback').deleteMany({});
});

const text = TestCitizen.text;
const buttons = TestCitizen.buttons;

function citizen(locale = 'en-US', userId?: string): TestCitizen {
  return new TestCitizen(core.bot, core.pipeline, { locale, ...(userId ? { userId } : {}) });
}

/** Menu → complaint → description → confirm the category; returns the "where is it?" replies. */
async function startPothole(c: TestCitizen, lang: 'en' | 'ms' = 'en') {
  await c.open();
  await c.say(lang === 'en' ? 'Complaint' : 'Aduan');
  await c.say(
    lang === 'en'
      ? 'There is a deep pothole in the road, motorcycles keep swerving around it'
      : 'Ada lubang besar di jalan, penunggang motosikal terpaksa mengelak',
  );
  return c.say(lang === 'en' ? "Yes, that's right" : 'Ya, betul');
}

test('a citizen with a pin 100 m from an open pothole report is offered to add their voice', async () => {
  const ref = await seedComplaint(core, { text: 'Lubang besar di jalan, bahaya', at: PIN });
  const c = citizen('en-US');
  expect(text(await startPothole(c))).toMatch(/Where is it/);
  const offer = await c.say(pinAttachment(north(100)));
  const shown = text(offer);
  expect(shown).toMatch(/Someone has already reported the same thing nearby/);
  expect(shown).toMatch(/1\. Roads and footpaths · about 100 m from your pin · \d+ \w+ 20\d\d · Received/);
  expect(shown).toMatch(/Received/);
  // Anonymised: no reference, no text of the other citizen's complaint before they choose.
  expect(shown).not.toMatch(REF);
  expect(shown).not.toMatch(/bahaya/);
  expect(buttons(offer)).toEqual(['Add my voice', 'File mine anyway']);

  const added = text(await c.say('Add my voice'));
  expect(added).toContain(ref);
  expect(added).toMatch(
    /Your voice has been added to complaint .* \(status: Received\)\. It now concerns 2 people/,
  );
  expect(added).toMatch(/We will tell you here when it changes/);
  expect(added).toMatch(/anything else/i);

  const record = await core.feedbackRepo.get(ref);
  expect(record?.supporterCount).toBe(1);
  expect(record?.supporters).toEqual([
    expect.objectContaining({
      citizenKey: core.feedback.citizenKey('test', c.adapter.conversation.user!.id),
      language: 'en',
      channel: expect.objectContaining({ channelId: 'test' }),
    }),
  ]);
  expect(await t.db.collection('feedback').countDocuments()).toBe(1);
  // The body sees the count.
  expect(toSummary(record!).supporters).toBe(1);
});

test('text-only: same street, same category → offered (in Malay)', async () => {
  await seedComplaint(core, { text: 'Jalan berlubang teruk', place: 'Jalan Raja Laut' });
  const c = citizen('ms-MY');
  expect(text(await startPothole(c, 'ms'))).toMatch(/Di manakah lokasinya/);
  const offer = await c.say('Jln. Raja Laut, Kuala Lumpur');
  expect(text(offer)).toMatch(/Seorang telah melaporkan perkara yang sama berhampiran/);
  expect(text(offer)).toMatch(/Jalan Raja Laut/);
  expect(buttons(offer)).toEqual(['Tambah suara saya', 'Teruskan aduan baharu']);
});

test('250 m+ away or resolved or another category → not offered', async () => {
  await seedComplaint(core, { text: 'Lubang besar di jalan', at: north(300) });
  await seedComplaint(core, { text: 'Lubang besar di jalan', at: north(50), status: 'resolved' });
  await seedComplaint(core, { text: 'Lampu jalan padam', category: 'streetlights', at: PIN });
  await seedComplaint(core, { text: 'Sampah tidak dikutip', category: 'waste', place: 'Jalan Raja Laut' });
  const c = citizen('en-US');
  await startPothole(c);
  const next = await c.say(pinAttachment(PIN));
  expect(text(next)).not.toMatch(/reported the same thing/);
  expect(text(next)).toMatch(/photo/i);
});

test('several matches: the count covers everyone, up to three are shown, each with its own button', async () => {
  for (const m of [20, 60, 120, 200]) await seedComplaint(core, { text: 'Lubang di jalan', at: north(m) });
  const c = citizen('en-US');
  await startPothole(c);
  const offer = await c.say(pinAttachment(PIN));
  expect(text(offer)).toMatch(/4 people have reported the same thing nearby/);
  expect(text(offer)).toMatch(/\n3\. /);
  expect(text(offer)).not.toMatch(/\n4\. /);
  expect(buttons(offer)).toEqual([
    'Add my voice to 1',
    'Add my voice to 2',
    'Add my voice to 3',
    'File mine anyway',
  ]);
});

test('adding my voice twice counts once', async () => {
  const ref = await seedComplaint(core, { text: 'Lubang besar di jalan', at: PIN });
  for (const round of [1, 2]) {
    const c = citizen('en-US', 'same-citizen');
    await startPothole(c);
    await c.say(pinAttachment(north(100)));
    const reply = text(await c.say('Add my voice'));
    expect(reply).toContain(ref);
    if (round === 2)
      expect(reply).toMatch(/You have already added your voice .* it counts once\. It concerns 2 people/);
  }
  const record = await core.feedbackRepo.get(ref);
  expect(record?.supporterCount).toBe(1);
  expect(record?.supporters).toHaveLength(1);
  // And directly through the repository: the same key again, and the filer on their own item.
  const again = await core.feedbackRepo.supporters.add(ref, { ...record!.supporters![0]!, at: new Date() });
  expect(again.outcome).toBe('already');
  const own = await core.feedbackRepo.supporters.add(ref, {
    ...record!.supporters![0]!,
    citizenKey: record!.citizenKey,
    at: new Date(),
  });
  expect(own.outcome).toBe('own');
  expect((await core.feedbackRepo.get(ref))?.supporterCount).toBe(1);
});

test('my own complaint is never offered back to me', async () => {
  const c = citizen('en-US', 'filer-1');
  await seedComplaint(core, {
    text: 'Lubang besar di jalan',
    at: PIN,
    citizen: core.feedback.citizenKey('test', 'filer-1'),
  });
  await startPothole(c);
  expect(text(await c.say(pinAttachment(PIN)))).toMatch(/photo/i);
});

test('File mine anyway files a new item as before', async () => {
  const ref = await seedComplaint(core, { text: 'Lubang besar di jalan', at: PIN });
  const c = citizen('en-US');
  await startPothole(c);
  await c.say(pinAttachment(north(100)));
  expect(text(await c.say('File mine anyway'))).toMatch(/photo/i);
  expect(text(await c.say('Skip'))).toMatch(/anonymous/i);
  expect(text(await c.say('Stay anonymous'))).toMatch(/Here is your complaint/);
  const done = text(await c.say('Submit'));
  expect(done).toMatch(/Your complaint has been received/);
  const mine = REF.exec(done)?.[0];
  expect(mine).toBeDefined();
  expect(mine).not.toBe(ref);
  expect(await core.feedbackRepo.get(mine!)).toMatchObject({ category: 'roads', status: 'received' });
  expect((await core.feedbackRepo.get(ref))?.supporterCount ?? 0).toBe(0);
});

test('erasing my data removes my supporter entries too (PDPA)', async () => {
  const ref = await seedComplaint(core, { text: 'Lubang besar di jalan', at: PIN });
  const c = citizen('en-US', 'erasing-citizen');
  await startPothole(c);
  await c.say(pinAttachment(north(100)));
  await c.say('Add my voice');
  const key = core.feedback.citizenKey('test', 'erasing-citizen');
  expect((await core.feedbackRepo.get(ref))?.supporters?.[0]?.citizenKey).toBe(key);
  await core.feedbackRepo.eraseCitizen(key);
  const after = await core.feedbackRepo.get(ref);
  expect(after?.supporters).toEqual([]);
  expect(after?.supporterCount).toBe(0);
  const raw = JSON.stringify(await t.db.collection('feedback').find({}).toArray());
  expect(raw).not.toContain(key);
  expect(raw).not.toContain(c.conversationId);
});

test('switching language at the "me too" question asks it again in the new language, with its buttons', async () => {
  const ref = await seedComplaint(core, { text: 'Lubang besar di jalan', at: PIN });
  const c = citizen('en-US');
  await startPothole(c);
  expect(buttons(await c.say(pinAttachment(north(100))))).toEqual(['Add my voice', 'File mine anyway']);
  const again = await c.say('BM');
  expect(text(again)).toMatch(/Adakah anda mahu menambah suara anda pada aduan itu/);
  expect(buttons(again)).toEqual(['Tambah suara saya', 'Teruskan aduan baharu']);
  const added = text(await c.say('Tambah suara saya'));
  expect(added).toContain(ref);
  expect(added).toMatch(/Suara anda telah ditambah/);
  expect(added).toMatch(/Adakah perkara lain yang boleh saya bantu/);
});
