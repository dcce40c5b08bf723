/** PDPA: a citizen can see what is kept and erase their data from every report and the transcript. */
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import type { Core } from '../../bots/compose/core';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;
const text = TestCitizen.text;

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('privacy');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

test('erasing my data removes contact details and descriptions from my reports and deletes the conversation', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'ms-MY', conversationId: 'erase-1' });
  await c.open();
  await c.say('Cadangan');
  // Not clear-cut, so the bot asks for the area; "jalan raya" starts the label of the roads and transport area.
  expect(text(await c.say('Sila tambah laluan basikal di sepanjang Jalan Tun Razak'))).toMatch(
    /Pilih satu bidang/,
  );
  expect(text(await c.say('jalan raya'))).toMatch(/^Jalan raya dan pengangkutan: yang manakah paling sesuai/);
  await c.say('Jalan dan laluan pejalan kaki');
  await c.say('Langkau');
  await c.say('Langkau');
  await c.say('Beri butiran hubungan');
  await c.say('Saya bersetuju');
  await c.say('Ahmad');
  await c.say('ahmad@example.my');
  const reference = REF.exec(text(await c.say('Hantar')))![0];
  expect(await core.feedbackRepo.get(reference)).toMatchObject({
    category: 'roads',
    contact: { name: 'Ahmad', email: 'ahmad@example.my' },
  });

  expect(text(await c.say('Privasi'))).toMatch(/Akta Perlindungan Data Peribadi 2010/);
  expect(text(await c.say('Padam data saya'))).toMatch(/Padam sekarang\?/);
  expect(text(await c.say('Ya, padam'))).toMatch(
    /telah dipadam\.\nDipadam: keterangan, foto dan butiran hubungan anda daripada 1 maklum balas/,
  );

  const record = await core.feedbackRepo.get(reference);
  expect(record?.contact).toBeUndefined();
  expect(record?.text).not.toMatch(/basikal/);
  expect(record?.anonymous).toBe(true);
  const transcript = await core.transcripts.getTranscriptActivities('test', 'erase-1');
  expect(transcript.items.map((a) => a.text).join('\n')).not.toMatch(/basikal|ahmad@example/);
});

test('saying no to erasure keeps everything', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US' });
  await c.open();
  await c.say('Privacy');
  await c.say('Erase my data');
  expect(text(await c.say('No, keep it'))).toMatch(/nothing was erased/);
});
