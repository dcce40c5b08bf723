import type { FeedbackRecord } from '../../services/feedback/types';
/** Filing feedback end to end through the real bot, dialogs and MongoDB (TestAdapter as the channel). */
import type { Activity } from 'botbuilder';
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import type { Core } from '../../bots/compose/core';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('filing');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

function citizen(locale = 'en-US', conversationId?: string): TestCitizen {
  return new TestCitizen(core.bot, core.pipeline, { locale, ...(conversationId ? { conversationId } : {}) });
}

const text = TestCitizen.text;

test('a citizen files a complaint in English and gets a reference only after it is stored', async () => {
  const c = citizen('en-US');
  const hello = await c.open();
  expect(text(hello)).toMatch(/Welcome to Suara/);
  expect(TestCitizen.buttons(hello)).toEqual(
    expect.arrayContaining(['Complaint', 'Suggestion', 'Check status']),
  );

  expect(text(await c.say('Complaint'))).toMatch(/describe the problem/i);
  const category = await c.say(
    'There is a big pothole on Jalan Kuching near Kepong and cars keep hitting it',
  );
  expect(text(category)).toMatch(/Roads/i);
  expect(text(await c.say("Yes, that's right"))).toMatch(/Where is it/);
  expect(text(await c.say('Jalan Kuching, Kepong'))).toMatch(/photo/i);
  expect(text(await c.say('Skip'))).toMatch(/anonymous/i);
  const summary = text(await c.say('Stay anonymous'));
  expect(summary).toMatch(/Here is your complaint/);
  expect(summary).toMatch(/Kuala Lumpur City Hall|DBKL/);
  const done = text(await c.say('Submit'));
  expect(done).toMatch(/Your complaint has been received/);
  const reference = REF.exec(done)?.[0];
  expect(reference).toBeDefined();

  const record = await core.feedbackRepo.get(reference!);
  expect(record).toMatchObject({
    type: 'complaint',
    category: 'roads',
    agencyId: 'dbkl',
    anonymous: true,
    status: 'received',
    language: 'en',
    delivery: { state: 'pending', attempts: 0 },
  });
  expect(record?.contact).toBeUndefined();
  expect(record?.channel.conversationReference).toMatchObject({ conversation: { id: c.conversationId } });
});

test('a citizen files a complaint in Malay, with contact details given after PDPA consent', async () => {
  const c = citizen('ms-MY');
  expect(text(await c.open())).toMatch(/Selamat datang ke Suara/);
  expect(text(await c.say('aduan'))).toMatch(/terangkan masalah/);
  await c.say('Longkang tersumbat depan rumah saya di Taman Tun Dr Ismail, air naik bila hujan');
  const loc = await c.say('Ya, betul');
  expect(text(loc)).toMatch(/Di manakah lokasinya/);
  expect(loc.at(-1)?.channelData).toEqual({ suara: { ask: 'location' } });
  const photo = await c.say({
    attachments: [
      { contentType: 'application/vnd.suara.location+json', content: { lat: 3.1466, lng: 101.6297 } },
    ],
  });
  expect(text(photo)).toMatch(/foto/);
  expect(
    text(
      await c.say({
        attachments: [{ contentType: 'image/jpeg', contentUrl: 'https://example.test/p.jpg', name: 'p.jpg' }],
      }),
    ),
  ).toMatch(/tanpa nama/);
  expect(text(await c.say('Beri butiran hubungan'))).toMatch(/Akta Perlindungan Data Peribadi 2010/);
  expect(text(await c.say('Saya bersetuju'))).toMatch(/nama anda/);
  expect(text(await c.say('Siti Aminah'))).toMatch(/nombor telefon atau alamat e-mel/);
  expect(text(await c.say('012-345 6789'))).toMatch(/Berikut ialah aduan anda/);
  const done = text(await c.say('Hantar'));
  expect(done).toMatch(/Terima kasih. Aduan anda telah diterima. Nombor rujukan: SRA-/);
  const record = await core.feedbackRepo.get(REF.exec(done)![0]);
  expect(record).toMatchObject({
    category: 'drainage',
    language: 'ms',
    anonymous: false,
    contact: { name: 'Siti Aminah', phone: '+60123456789' },
    consent: { contact: true },
    attachments: [{ contentType: 'image/jpeg', url: 'https://example.test/p.jpg' }],
    location: { point: { type: 'Point', coordinates: [101.6297, 3.1466] } },
  });
});

test('switching language mid-flow re-asks the same question in the new language', async () => {
  const c = citizen('en-US');
  await c.open();
  expect(text(await c.say('Suggestion'))).toMatch(/What would you like to suggest/);
  const switched = text(await c.say('BM'));
  expect(switched).toMatch(/Bahasa Melayu/);
  expect(switched).toMatch(/Apakah cadangan anda/);
  const back = text(await c.say('English'));
  expect(back).toMatch(/What would you like to suggest/);
});

test('cancel mid-flow stores nothing and offers the menu again', async () => {
  const c = citizen('ms-MY');
  await c.open();
  await c.say('Aduan');
  await c.say('Lampu jalan rosak di Jalan Ipoh sudah seminggu');
  const before = await core.db.collection<FeedbackRecord>('feedback').countDocuments();
  const cancelled = await c.say('batal');
  expect(text(cancelled)).toMatch(/membatalkannya/);
  expect(TestCitizen.buttons(cancelled)).toContain('Aduan');
  expect(await core.db.collection<FeedbackRecord>('feedback').countDocuments()).toBe(before);
});

test('a first message that describes a problem starts a complaint with it', async () => {
  const c = citizen('en-US');
  const replies = await c.say('The street lights on Jalan Ampang have been off for a week');
  expect(text(replies)).toMatch(/Welcome to Suara/);
  expect(text(replies)).toMatch(/Street ?lights/i);
});

describe('bad input gets a polite, localized answer and the question again', () => {
  const cases: [string, string | Partial<Activity>, RegExp][] = [
    ['empty text', '   ', /didn't receive any text/],
    ['5,000 characters', 'a '.repeat(2500), /more than 2000 characters/],
    ['emoji only', '😡😡😡', /only read words/],
  ];
  test.each(cases)('%s', async (_name, input, expected) => {
    const c = citizen('en-US');
    await c.open();
    await c.say('Complaint');
    const replies = await c.say(input);
    expect(text(replies)).toMatch(expected);
    expect(text(replies)).toMatch(/describe the problem/);
  });

  test('after three bad answers the bot gives up gracefully and shows the menu', async () => {
    const c = citizen('en-US');
    await c.open();
    await c.say('Complaint');
    await c.say('🙂');
    await c.say('🙂');
    const replies = await c.say('🙂');
    expect(text(replies)).toMatch(/start again from the menu/);
    expect(TestCitizen.buttons(replies)).toContain('Complaint');
  });

  test('a MongoDB operator typed as text is stored literally, never interpreted', async () => {
    const c = citizen('en-US');
    await c.open();
    await c.say('Question');
    await c.say('{"$gt": ""}');
    // Whatever category is suggested, pick "Other categories" → "Other".
    await c.say('Other categories');
    await c.say('Other');
    await c.say('Skip');
    await c.say('Skip');
    await c.say('Stay anonymous');
    const done = text(await c.say('Submit'));
    const record = await core.feedbackRepo.get(REF.exec(done)![0]);
    expect(record?.text).toBe('{"$gt": ""}');
  });
});

test('on the DBKL site, a KL road named in the description routes to DBKL without asking where', async () => {
  const c = citizen('en-US');
  const site = { suara: { site: { id: 'dbkl', defaultAgencyId: 'dbkl', defaultArea: 'Kuala Lumpur' } } };
  await c.say({ text: 'Complaint', channelData: site });
  await c.say({ text: 'Big pothole on Jalan Raja Laut in front of the bank', channelData: site });
  const next = text(await c.say({ text: "Yes, that's right", channelData: site }));
  expect(next).toMatch(/photo/i);
  expect(next).not.toMatch(/Where is it/);
  await c.say({ text: 'Skip', channelData: site });
  const summary = text(await c.say({ text: 'Stay anonymous', channelData: site }));
  expect(summary).toMatch(/Location: Jalan Raja Laut/);
  expect(summary).toMatch(/Kuala Lumpur City Hall/);
});
