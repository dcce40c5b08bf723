/** The consultation dialog driven turn by turn, in English and in Malay, with responses stored in MongoDB. */
import type { ConsultationResponseDoc } from '../../services/consultations';
import { testDb, type TestDb } from '../support/mongo';
import { buttons, consultationBot, type ConsultationBot } from './harness';

const AT = new Date('2026-11-23T10:00:00+08:00');
const RECEIPT = /DBKL-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

let t: TestDb;
let bot: ConsultationBot;

beforeAll(async () => {
  t = await testDb('consultation_dialog');
  bot = await consultationBot(t.db, AT);
});
afterEach(() => {
  bot.clock.now = AT;
});
afterAll(async () => t.close());

function responses(userId: string): Promise<ConsultationResponseDoc[]> {
  const citizenKey = bot.core.feedback.citizenKey('test', userId);
  return t.db.collection<ConsultationResponseDoc>('consultationResponses').find({ citizenKey }).toArray();
}

const LANGS = {
  en: {
    list: [
      'Separating household waste at source',
      'Walkable and bicycle-friendly Kuala Lumpur',
      'Back to menu',
    ],
    intro: [
      /Walkable and bicycle-friendly/,
      /By: Kuala Lumpur City Hall/,
      /Open until: 31 December 2027/,
      /Questions: 4/,
    ],
    q1: ['Question 1 of 4: How do you usually travel', 'Car'],
    q2: 'Choose a number from 1 (very unsafe) to 5 (very safe)',
    q3: ['Question 3 of 4', 'Safer crossings'],
    q4: ['Type your answer, or tap Skip.', 'Skip'],
    summary: [/Your answers to “Walkable/, /→ Car/, /→ 2 \/ 5/, /→ Safer crossings/, /→ \(skipped\)/],
    confirm: ['Send', 'Answer again', "Don't send"],
    thanks:
      /Thank you! Your answers to “Walkable and bicycle-friendly Kuala Lumpur” have been received\.\nReceipt: /,
  },
  ms: {
    list: [
      'Pengasingan sisa pepejal isi rumah di punca',
      'Kuala Lumpur mesra pejalan kaki dan berbasikal',
      'Kembali ke menu',
    ],
    intro: [
      /Kuala Lumpur mesra pejalan kaki/,
      /Oleh: Dewan Bandaraya Kuala Lumpur/,
      /Dibuka sehingga: 31 Disember 2027/,
    ],
    q1: ['Soalan 1 daripada 4: Bagaimanakah anda biasanya', 'Kereta'],
    q2: 'Pilih nombor dari 1 (sangat tidak selamat) hingga 5 (sangat selamat)',
    q3: ['Soalan 3 daripada 4', 'Lintasan yang lebih selamat'],
    q4: ['Sila taip jawapan anda, atau tekan Langkau.', 'Langkau'],
    summary: [
      /Jawapan anda bagi “Kuala Lumpur mesra/,
      /→ Kereta/,
      /→ 2 \/ 5/,
      /→ Lintasan yang lebih selamat/,
      /→ \(dilangkau\)/,
    ],
    confirm: ['Hantar', 'Jawab semula', 'Jangan hantar'],
    thanks:
      /Terima kasih! Jawapan anda bagi “Kuala Lumpur mesra pejalan kaki dan berbasikal” telah diterima\.\nResit: /,
  },
} as const;

describe.each(['en', 'ms'] as const)('in %s', (lang) => {
  const L = LANGS[lang];

  test('a citizen picks an open consultation, answers every kind of question, confirms and gets a receipt', async () => {
    const c = bot.citizen(lang);
    const list = await c.say('hi');
    expect(buttons(list)).toEqual(L.list);

    const intro = await c.say(L.list[1]);
    const introText = intro.map((r) => r.text).join('\n');
    for (const re of L.intro) expect(introText).toMatch(re);
    expect(introText).toContain(L.q1[0]);
    expect(buttons(intro)).toContain(L.q1[1]);

    const q2 = await c.say(L.q1[1]);
    expect(q2[0]?.text).toContain(L.q2);
    expect(buttons(q2)).toEqual(['1', '2', '3', '4', '5']);

    const q3 = await c.say('2');
    expect(q3[0]?.text).toContain(L.q3[0]);
    const q4 = await c.say(L.q3[1]);
    expect(q4[0]?.text).toContain(L.q4[0]);
    expect(buttons(q4)).toEqual([L.q4[1]]);

    const confirm = await c.say(L.q4[1]);
    for (const re of L.summary) expect(confirm[0]?.text).toMatch(re);
    expect(buttons(confirm)).toEqual(L.confirm);
    expect(await responses(c.userId)).toEqual([]);

    const done = await c.text(L.confirm[0]);
    expect(done).toMatch(L.thanks);
    const receipt = RECEIPT.exec(done)![0];

    const stored = await responses(c.userId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      consultationId: 'dbkl-walkable-kl',
      language: lang,
      receipt,
      answers: [
        { questionId: 'commute', kind: 'choice', value: 'car' },
        { questionId: 'safety', kind: 'scale', value: 2 },
        { questionId: 'first', kind: 'choice', value: 'crossings' },
      ],
    });
    expect(JSON.stringify(stored[0])).not.toContain(c.userId);
  });
});

test('a free-text answer is stored as typed, and options can be picked by number', async () => {
  const c = bot.citizen('en');
  await c.say('start');
  await c.say('1');
  await c.say('2');
  await c.say('4');
  await c.say('3');
  const confirm = await c.text(
    'More bins at the PPR flats in Kepong, the current ones overflow every weekend',
  );
  expect(confirm).toMatch(/→ “More bins at the PPR flats in Kepong/);
  expect(await c.text('Send')).toMatch(/Receipt: KPKT-/);
  const [stored] = await responses(c.userId);
  expect(stored?.answers).toEqual([
    { questionId: 'separate_now', kind: 'choice', value: 'sometimes' },
    { questionId: 'schedule', kind: 'scale', value: 4 },
    { questionId: 'help_most', kind: 'choice', value: 'separate_days' },
    {
      questionId: 'comments',
      kind: 'text',
      value: 'More bins at the PPR flats in Kepong, the current ones overflow every weekend',
    },
  ]);
});

const ANSWER_WALKABLE = ['Car', '3', 'Covered walkways', 'Skip'];

test.each([
  ['en', 'You have already answered', 'Keep them', /earlier answers stay as they are/],
  ['ms', 'Anda telah menjawab', 'Kekalkan', /jawapan anda yang terdahulu dikekalkan/],
] as const)(
  'in %s a second attempt says so and keeps the first answers if the citizen wishes',
  async (lang, already, keep, kept) => {
    const userId = `twice-keep-${lang}`;
    const first = bot.citizen(lang, { userId, start: { consultationId: 'dbkl-walkable-kl' } });
    await first.say('start');
    for (const a of ANSWER_WALKABLE) await first.say(a);
    await first.say('Send');
    const again = bot.citizen(lang, { userId, start: { consultationId: 'dbkl-walkable-kl' } });
    const asked = await again.say('start');
    expect(asked[0]?.text).toContain(already);
    expect(await again.text(keep)).toMatch(kept);
    const stored = await responses(userId);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.revision).toBe(1);
  },
);

test('replacing earlier answers stores the new ones in the same single response', async () => {
  const userId = 'twice-replace';
  const first = bot.citizen('ms', { userId, start: { consultationId: 'dbkl-walkable-kl' } });
  await first.say('mula');
  for (const a of ANSWER_WALKABLE) await first.say(a);
  await first.say('Hantar');
  const again = bot.citizen('ms', { userId, start: { consultationId: 'dbkl-walkable-kl' } });
  expect(await again.text('mula')).toContain(
    'Anda telah menjawab “Kuala Lumpur mesra pejalan kaki dan berbasikal”',
  );
  const restarted = await again.text('Ubah jawapan saya');
  expect(restarted).toMatch(/^Kuala Lumpur mesra pejalan kaki dan berbasikal\n/);
  expect(restarted).toContain('Soalan 1 daripada 4');
  for (const a of ['Motosikal', '1', 'Lampu jalan yang lebih terang', 'Langkau']) await again.say(a);
  expect(await again.text('Hantar')).toMatch(/telah menggantikan jawapan terdahulu\.\nResit: DBKL-/);
  const stored = await responses(userId);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({
    revision: 2,
    answers: [{ value: 'motorcycle' }, { value: 1 }, { value: 'lighting' }],
  });
});

test.each([
  [
    'en',
    /“Draft Kuala Lumpur Local Plan 2040 \(PTKL2040\)” closed on 31 March 2023 and no longer accepts answers/,
  ],
  ['ms', /“Draf Pelan Tempatan Kuala Lumpur 2040 \(PTKL2040\)” telah ditutup pada 31 Mac 2023/],
] as const)('in %s a closed consultation cannot be answered', async (lang, closed) => {
  const c = bot.citizen(lang, { start: { consultationId: 'dbkl-ptkl2040' } });
  const replies = await c.say('start');
  expect(replies.map((r) => r.text).join('\n')).toMatch(closed);
  expect(buttons(replies)).toEqual([]);
  expect(await responses(c.userId)).toEqual([]);
});

test.each([
  ['en', 'There are no public consultations open right now'],
  ['ms', 'Tiada konsultasi awam yang dibuka pada masa ini'],
] as const)('in %s the citizen is told when no consultation is open', async (lang, none) => {
  bot.clock.now = new Date('2028-02-01T09:00:00+08:00');
  const c = bot.citizen(lang);
  expect(await c.text('hi')).toContain(none);
});

test('switching language mid-consultation re-asks the same question in the new language', async () => {
  const c = bot.citizen('en', { start: { consultationId: 'kpkt-waste-separation' } });
  await c.say('start');
  await c.say('Yes, always');
  const reasked = await c.say('BM');
  expect(reasked[0]?.text).toMatch(
    /^Soalan 2 daripada 4: Jadual kutipan bahan kitar semula.*\nPilih nombor dari 1 \(sangat tidak setuju\)/,
  );
  const q3 = await c.say('5');
  expect(buttons(q3)).toEqual([
    'Tong kitar semula lebih dekat',
    'Panduan yang jelas',
    'Hari kutipan berasingan',
    'Ganjaran atau insentif',
  ]);
  expect(buttons(await c.say('Clear guidance'))).toEqual(['Langkau']);
  const english = await c.say('English');
  expect(english[0]?.text).toMatch(/^Question 4 of 4: Any other comments for KPKT\?/);
});

test.each([
  ['en', /Sorry, I didn't catch that[\s\S]*Question 2 of 4/, /Let's stop here\. Nothing has been sent/],
  ['ms', /Maaf[\s\S]*Soalan 2 daripada 4/, /Kita berhenti di sini dahulu\. Tiada apa-apa yang dihantar/],
] as const)(
  'in %s an answer outside the scale is re-asked politely, and nothing is sent after three',
  async (lang, retry, gaveUp) => {
    const c = bot.citizen(lang, { start: { consultationId: 'dbkl-walkable-kl' } });
    await c.say('start');
    await c.say('1');
    expect(await c.text('7')).toMatch(retry);
    await c.say('😀');
    expect(await c.text('banyak')).toMatch(gaveUp);
    expect(await responses(c.userId)).toEqual([]);
  },
);

test('if the consultation closes while the citizen is answering, the answers are not recorded', async () => {
  const c = bot.citizen('en', { start: { consultationId: 'kpkt-waste-separation' } });
  await c.say('start');
  for (const a of ['No', '2', 'Rewards or incentives', 'Skip']) await c.say(a);
  bot.clock.now = new Date('2027-07-01T08:00:00+08:00');
  expect(await c.text('Send')).toMatch(/closed before your answers could be sent/);
  expect(await responses(c.userId)).toEqual([]);
});

test('"Answer again" starts the questions over without asking about an earlier response', async () => {
  const c = bot.citizen('en', { start: { consultationId: 'dbkl-walkable-kl' } });
  await c.say('start');
  for (const a of ANSWER_WALKABLE) await c.say(a);
  const over = await c.text('Answer again');
  expect(over).toContain('Question 1 of 4');
  expect(over).not.toContain('already answered');
  for (const a of ['Public transport', '5', 'Protected bicycle lanes', 'Skip']) await c.say(a);
  expect(await c.text("Don't send")).toMatch(/your answers were not sent/);
  expect(await responses(c.userId)).toEqual([]);
});

test('"Back to menu" leaves without storing anything', async () => {
  const c = bot.citizen('ms');
  await c.say('hai');
  expect(await c.say('Kembali ke menu')).toEqual([]);
  expect(await responses(c.userId)).toEqual([]);
});
