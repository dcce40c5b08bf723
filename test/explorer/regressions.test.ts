/**
 * Conversations the explorer (and people) found broken, as plain scripted tests named after what the citizen saw.
 * Real bot, dialogs and MongoDB; staff actions go through the StatusService and notifier the dashboard uses.
 */
import type { Core } from '../../bots/compose/core';
import { createNotifier } from '../../bots/compose/deliveryWiring';
import type { OutboundMessage } from '../../services/notifications/types';
import { LOCATION_CONTENT_TYPE } from '../../dialogs/prompts/parsers';
import { StatusService } from '../../services/status/statusService';
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;
const text = TestCitizen.text;
const buttons = TestCitizen.buttons;

let t: TestDb;
let core: Core;
let inbox: OutboundMessage[];
let staff: StatusService;

beforeAll(async () => {
  t = await testDb('regressions');
  core = (await createTestBot(t.db)).core;
  inbox = [];
  const channel = { channelId: 'test', send: async (_r: unknown, m: OutboundMessage) => void inbox.push(m) };
  staff = new StatusService(core.feedbackRepo, createNotifier(core, [channel]));
});
afterAll(async () => t.close());

function citizen(locale: string): TestCitizen {
  return new TestCitizen(core.bot, core.pipeline, { locale });
}

/** File a complaint in Malay; returns the reference. Ends at "Adakah perkara lain…". */
async function fileInMalay(c: TestCitizen): Promise<string> {
  await c.open();
  await c.say('Aduan');
  await c.say('Sampah tidak dikutip di Jalan Raja Laut sudah dua minggu');
  await c.say('Ya, betul');
  const where = await c.say('50350');
  // The tests before filed the same thing here: "me too" offers it first, and this citizen files their own.
  if (buttons(where).includes('Teruskan aduan baharu')) await c.say('Teruskan aduan baharu');
  await c.say('Langkau');
  await c.say('Kekal tanpa nama');
  const done = await c.say('Hantar');
  expect(text(done)).toMatch(/Adakah perkara lain yang boleh saya bantu/);
  return REF.exec(text(done))![0];
}

async function resolve(reference: string): Promise<void> {
  const r = await staff.apply({ reference, status: 'resolved', by: 'staff:test' });
  expect(r).toMatchObject({ ok: true, changed: true });
}

function noApology(replies: Parameters<typeof text>[0]): void {
  expect(text(replies)).not.toMatch(/berlaku masalah|something went wrong/);
}

test('"semak <reference>" right after filing shows the status and asks "anything else?", no apology', async () => {
  const c = citizen('ms-MY');
  const reference = await fileInMalay(c);
  const replies = await c.say(`semak ${reference}`);
  noApology(replies);
  expect(text(replies)).toContain(reference);
  expect(text(replies)).toMatch(/Status: Diterima/);
  expect(text(replies)).toMatch(/Adakah perkara lain yang boleh saya bantu/);
  expect(buttons(replies)).toEqual(expect.arrayContaining(['Aduan', 'Semak status']));
});

test('typing English right after filing switches to English and asks "anything else?" in English', async () => {
  const c = citizen('ms-MY');
  await fileInMalay(c);
  const replies = await c.say('English');
  noApology(replies);
  expect(text(replies)).toMatch(/Is there anything else I can help you with\?/);
  expect(buttons(replies)).toEqual(expect.arrayContaining(['Complaint', 'Check status']));
  const back = await c.say('BM');
  expect(text(back)).toMatch(/Adakah perkara lain yang boleh saya bantu/);
});

test('"bantuan" right after filing explains and repeats "anything else?"', async () => {
  const c = citizen('ms-MY');
  await fileInMalay(c);
  const replies = await c.say('bantuan');
  noApology(replies);
  expect(text(replies)).toMatch(/Anda boleh memaklumkan masalah/);
  expect(text(replies)).toMatch(/Adakah perkara lain yang boleh saya bantu/);
});

test('"help" while editing from the summary repeats the edit question instead of failing', async () => {
  const c = citizen('en-US');
  await c.open();
  await c.say('Suggestion');
  await c.say('Please add more recycling bins in Taman Tasik Titiwangsa');
  await c.say('Other categories');
  await c.say('Parks and trees');
  await c.say('Skip');
  await c.say('Skip');
  await c.say('Stay anonymous');
  await c.say('Edit');
  expect(text(await c.say('Photo'))).toMatch(/photo/i);
  const help = await c.say('help');
  noApology(help);
  expect(text(help)).toMatch(/Would you like to add a photo/);
});

test('the summary asks one question, with Submit / Edit / Wrong place / Cancel', async () => {
  const c = citizen('ms-MY');
  await c.open();
  await c.say('Aduan');
  await c.say('Longkang tersumbat depan rumah saya di Taman Melawati');
  await c.say('Ya, betul');
  await c.say('Taman Melawati');
  await c.say('Langkau');
  const summary = await c.say('Kekal tanpa nama');
  const questions = text(summary).match(/\?/g) ?? [];
  expect(questions).toHaveLength(1);
  expect(text(summary)).toMatch(/Bolehkah saya hantar sekarang\?/);
  expect(buttons(summary)).toEqual(['Hantar', 'Ubah', '📍 Tukar tempat', 'Batal']);
});

test('a staff reply after "resolved" keeps the rating buttons, and a typed 4 is a rating, not menu option 4', async () => {
  const c = citizen('en-US');
  const reference = await fileInMalay(c);
  await c.say('English');
  await resolve(reference);
  await staff.reply({ reference, text: 'The rubbish was collected this morning.', by: 'staff:test' });
  const reply = inbox.at(-1)!;
  expect(reply.text).toMatch(/Reply from .* about your feedback/);
  expect((reply.suggestedActions ?? []).map((a) => a.value)).toContain(`rate:${reference}:4`);
  const rated = await c.say('4');
  expect(text(rated)).toMatch(/Thank you for rating 4\/5/);
  expect(text(rated)).not.toMatch(/What would you like to ask/);
  expect(text(await c.say('Skip'))).toMatch(/Your rating helps/);
  expect((await core.feedbackRepo.get(reference))?.rating?.score).toBe(4);
});

test('a citizen can rate a resolved item later, from the status answer ("Nilai")', async () => {
  const c = citizen('ms-MY');
  const reference = await fileInMalay(c);
  await resolve(reference);
  await c.say('menu');
  const status = await c.say(`semak ${reference}`);
  expect(text(status)).toMatch(/memberikan penilaian tentang pengendaliannya/);
  expect(buttons(status)).toEqual(['Nilai', 'Bukan sekarang']);
  const scores = await c.say('Nilai');
  expect(buttons(scores)).toEqual(['1 ★', '2 ★', '3 ★', '4 ★', '5 ★']);
  await c.say('5 ★');
  await c.say('Sangat cepat, terima kasih');
  expect((await core.feedbackRepo.get(reference))?.rating).toMatchObject({
    score: 5,
    comment: 'Sangat cepat, terima kasih',
  });
  // Someone else checking the same reference is not offered the rating.
  const other = citizen('ms-MY');
  await other.open();
  expect(buttons(await other.say(`semak ${reference}`))).not.toContain('Nilai');
});

test('status updates arrive in the language the citizen switched to, not the language they filed in', async () => {
  const c = citizen('ms-MY');
  const reference = await fileInMalay(c);
  await c.say('English');
  await staff.apply({ reference, status: 'in_progress', by: 'staff:test' });
  expect(inbox.at(-1)?.text).toMatch(/is now working on your feedback/);
  await c.say('BM');
  await staff.reply({ reference, text: 'Pasukan kami akan ke sana esok.', by: 'staff:test' });
  expect(inbox.at(-1)?.text).toMatch(/Balasan daripada|maklum balas/i);
});

test('the third answer the menu cannot read gets a clear message and the menu again, never silence', async () => {
  const c = citizen('en-US');
  await c.open();
  await c.say('xyz');
  await c.say('xyz');
  const third = await c.say('xyz');
  expect(third.length).toBeGreaterThan(0);
  expect(text(third)).toMatch(/having trouble understanding/);
  expect(buttons(third)).toEqual(expect.arrayContaining(['Complaint', 'Check status']));
});

test('the third unreadable language choice is answered, not met with silence', async () => {
  const c = citizen('en-US');
  await c.open();
  await c.say('language');
  await c.say('xyz');
  await c.say('xyz');
  const third = await c.say('xyz');
  expect(third.length).toBeGreaterThan(0);
  expect(buttons(third).length).toBeGreaterThan(0);
});

test('after erasing their data the citizen is offered the way back to the menu', async () => {
  const c = citizen('en-US');
  await c.open();
  await c.say('Privacy');
  await c.say('Erase my data');
  const done = await c.say('Yes, erase');
  expect(text(done)).toMatch(/erased/);
  expect(buttons(done)).toEqual(['Back to the menu']);
  expect(buttons(await c.say('Back to the menu'))).toEqual(expect.arrayContaining(['Complaint']));
});

test('typing "bahasa" twice and choosing English asks for the language once, then goes back to the question', async () => {
  const c = citizen('ms-MY');
  await c.open();
  await c.say('Aduan');
  await c.say('bahasa');
  await c.say('bahasa');
  const chosen = await c.say('English');
  expect(text(chosen)).not.toMatch(/Which language would you like to use/);
  expect(text(chosen)).toMatch(/describe the problem/i);
});

test('an English citizen who shares a pin in Kuala Lumpur reads where it goes in English, with no Malay council name', async () => {
  const c = citizen('en-US');
  await c.open();
  await c.say('Complaint');
  await c.say('The street light outside my house has been off for a week');
  await c.say('Yes');
  await c.say({
    text: '',
    attachments: [{ contentType: LOCATION_CONTENT_TYPE, content: { lat: 3.1579, lng: 101.7116 } }],
  });
  await c.say('Skip');
  const summary = await c.say('Stay anonymous');
  expect(text(summary)).toMatch(/It will go to Kuala Lumpur City Hall/);
  expect(text(summary)).not.toMatch(/Dewan Bandaraya/);
});
