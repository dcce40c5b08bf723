/**
 * "Me too" for suggestions (real bot, dialogs, MongoDB; TestAdapter as the channel; the web chat over Direct Line
 * for the supporter's update): a citizen suggesting the same thing near the same place is offered to support the
 * open suggestion, worded as a suggestion; complaints and suggestions are never offered to each other.
 */
import type { Core } from '../../bots/compose/core';
import { toSummary } from '../../services/staff/feedbackView';
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import { north, pinAttachment, PIN, seedComplaint } from './support';

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('metoosug');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());
beforeEach(async () => {
  await t.db.collection('feedback').deleteMany({});
});

const text = TestCitizen.text;
const buttons = TestCitizen.buttons;

function citizen(locale = 'ms-MY', userId?: string): TestCitizen {
  return new TestCitizen(core.bot, core.pipeline, { locale, ...(userId ? { userId } : {}) });
}

const SHELTER_MS =
  'Sila bina pondok bas berbumbung di hentian bas ini, penumpang menunggu di bawah panas terik';

/** Menu → suggestion → description → confirm the category; returns the "where is it?" replies. */
async function startShelter(c: TestCitizen) {
  await c.open();
  await c.say('Cadangan');
  await c.say(SHELTER_MS);
  return c.say('Ya, betul');
}

/** Menu → complaint about a pothole → confirm the category; returns the "where is it?" replies. */
async function startPothole(c: TestCitizen) {
  await c.open();
  await c.say('Aduan');
  await c.say('Ada lubang besar di jalan, penunggang motosikal terpaksa mengelak');
  return c.say('Ya, betul');
}

test('a citizen suggesting the same bus shelter near the same pin is offered to support it, in Malay, and supporting counts once', async () => {
  const ref = await seedComplaint(core, {
    type: 'suggestion',
    text: 'Cadangan pondok bas berbumbung di hentian bas Jalan Raja Laut',
    at: PIN,
  });
  // Someone already supports it: two people are behind it.
  const first = await core.feedbackRepo.supporters.add(ref, {
    citizenKey: 'early-supporter',
    channel: { channelId: 'nowhere', conversationReference: {} },
    language: 'ms',
    at: new Date(),
  });
  expect(first.outcome).toBe('added');

  for (const round of [1, 2]) {
    const c = citizen('ms-MY', 'shelter-citizen');
    expect(text(await startShelter(c))).toMatch(/Di manakah lokasinya/);
    const offer = await c.say(pinAttachment(north(100)));
    const shown = text(offer);
    if (round === 1) {
      expect(shown).toMatch(/2 orang telah mencadangkan perkara yang sama berhampiran:/);
      expect(shown).toMatch(/1\. Jalan dan laluan pejalan kaki · lebih kurang 100 m dari pin lokasi anda/);
      expect(shown).toMatch(
        /Adakah anda mahu menyokong cadangan itu dan bukannya menghantar cadangan baharu\?/,
      );
      expect(shown).not.toMatch(/aduan|melaporkan|suara/i);
      expect(buttons(offer)).toEqual(['Tambah sokongan saya', 'Teruskan cadangan baharu']);
    }
    const reply = text(await c.say('Tambah sokongan saya'));
    expect(reply).toContain(ref);
    if (round === 1)
      expect(reply).toMatch(
        /Sokongan anda telah ditambah pada cadangan .* \(status: Diterima\)\. Cadangan ini kini disokong oleh 3 orang\./,
      );
    else
      expect(reply).toMatch(
        /Anda sudah pun menyokong cadangan .*; sokongan anda dikira sekali sahaja\. Cadangan ini disokong oleh 3 orang\./,
      );
    expect(reply).not.toMatch(/aduan/i);
  }
  const record = await core.feedbackRepo.get(ref);
  expect(record?.supporterCount).toBe(2);
  expect(record?.supporters?.map((s) => s.citizenKey)).toEqual([
    'early-supporter',
    core.feedback.citizenKey('test', 'shelter-citizen'),
  ]);
  expect(await t.db.collection('feedback').countDocuments()).toBe(1);
  // Staff see the count as for complaints.
  expect(toSummary(record!).supporters).toBe(2);
});

test('a complaint is never offered to a suggestion filer', async () => {
  await seedComplaint(core, { text: 'Pondok bas di hentian bas ini rosak dan bocor', at: PIN });
  const c = citizen('ms-MY');
  await startShelter(c);
  const next = text(await c.say(pinAttachment(north(50))));
  expect(next).not.toMatch(/perkara yang sama berhampiran/);
  expect(next).toMatch(/foto/i);
});

test('nor a suggestion to a complaint filer', async () => {
  await seedComplaint(core, {
    type: 'suggestion',
    text: 'Cadangan tampal semua lubang di jalan ini',
    at: PIN,
  });
  const c = citizen('ms-MY');
  await startPothole(c);
  const next = text(await c.say(pinAttachment(north(50))));
  expect(next).not.toMatch(/perkara yang sama berhampiran/);
  expect(next).toMatch(/foto/i);
});

test('a suggestion filer who skips the (optional) place is offered nothing', async () => {
  await seedComplaint(core, {
    type: 'suggestion',
    category: 'transport',
    text: 'Tambah kekerapan bas awam',
    place: 'Jalan Raja Laut',
  });
  const c = citizen('ms-MY');
  await c.open();
  await c.say('Cadangan');
  const category = await c.say('Tambah kekerapan bas awam dan tren LRT pada waktu puncak');
  expect(text(category)).toMatch(/Kenderaan dan pengangkutan awam/);
  const where = await c.say('Ya, betul');
  expect(buttons(where)).toContain('Langkau');
  const next = text(await c.say('Langkau'));
  expect(next).not.toMatch(/perkara yang sama berhampiran/);
  expect(next).toMatch(/foto/i);
});
