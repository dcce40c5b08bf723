/**
 * PDPA, as two citizens live it: one on Telegram in Malay, one on the web chat in English. Each files feedback with
 * contact details and answers a consultation through the real flows, staff reply and write notes on their items;
 * then each asks "data saya" / "my data", downloads the file through the one-time link, and erases everything.
 * Every check that something is gone scans every collection in the database.
 */
import { agencyActor } from '../../services/staff/actionService';
import { buildCore } from '../../bots/compose/core';
import type { CitizenExport } from '../../services/privacy';
import { staffActions } from '../support/staffActions';
import {
  PNG,
  answerConsultation,
  fileWithContact,
  scanAll,
  startPrivacyEnv,
  telegramCitizen,
  webCitizen,
  type ChatCitizen,
  type PrivacyEnv,
} from './harness';

let env: PrivacyEnv;

/** One seeded citizen: who they are and every string of theirs that must not outlive erasure. */
interface Person {
  chat: ChatCitizen;
  reference: string;
  citizenKey: string;
  name: string;
  reach: string;
  words: string[];
}

let siti: Person;
let quill: Person;

async function seed(
  chat: ChatCitizen,
  p: { text: string; name: string; reach: string; answer: string; photo: string },
) {
  const reference = await fileWithContact(env, chat, p);
  await answerConsultation(env, chat, p.answer);
  return { chat, reference, name: p.name, reach: p.reach, words: [p.text, p.answer, p.photo] };
}

/** Staff reply on the item and change its status with a note, as the agency's system would. */
async function staffWrite(
  reference: string,
  reply: string,
  note: string,
  status: 'in_progress' | 'resolved',
) {
  const record = await env.core.feedbackRepo.get(reference);
  const actions = staffActions(env.t.db);
  const actor = agencyActor(record!.agencyId!);
  await actions.reply(actor, reference, reply);
  await actions.setStatus(actor, { reference, status, note });
}

beforeAll(async () => {
  env = await startPrivacyEnv('privacy_citizen');
  const s = await seed(telegramCitizen(env, 880011223344, 'ms'), {
    text: 'Sampah tidak dikutip di kawasan rumah Zarkonvale saya sudah dua minggu',
    name: 'Siti Zarkonvale',
    reach: '0127770001',
    answer: 'Laluan teduh di Zarkonvale sangat diperlukan',
    photo: 'ZarkonvalePhoto01',
  });
  const q = await seed(await webCitizen(env, 'en'), {
    text: 'Rubbish has not been collected near Quillhaven flats for two weeks',
    name: 'Quill Havenford',
    reach: 'quill.havenford@example.my',
    answer: 'Quillhaven needs covered walkways first',
    photo: 'quillhaven-drain',
  });
  await staffWrite(
    s.reference,
    'Pasukan Zarkonvale akan datang esok',
    'Lori Zarkonvale dijadualkan',
    'in_progress',
  );
  await staffWrite(
    q.reference,
    'Our Quillhaven crew cleared it today',
    'Quillhaven bins emptied',
    'resolved',
  );
  const key = (c: ChatCitizen) => env.core.feedback.citizenKey(c.channelId, c.userId);
  siti = {
    ...s,
    citizenKey: key(s.chat),
    words: [...s.words, 'Pasukan Zarkonvale akan datang esok', 'Lori Zarkonvale dijadualkan'],
  };
  quill = {
    ...q,
    citizenKey: key(q.chat),
    words: [...q.words, 'Our Quillhaven crew cleared it today', 'Quillhaven bins emptied'],
  };
}, 240_000);
afterAll(async () => env.close());

/** Everything that identifies a person or is theirs. */
function identifiers(p: Person): string[] {
  return [p.citizenKey, p.chat.userId, p.chat.conversationId, p.name, p.reach, ...p.words];
}

/** The personal strings erasure must remove (contact details and free text). */
function personal(p: Person): string[] {
  return [p.name, p.reach, ...p.words];
}

async function download(url: string): Promise<Response> {
  return fetch(url, { method: 'POST' });
}

async function linkFor(p: Person): Promise<string> {
  const mine = await p.chat.say(p.chat.lang === 'ms' ? 'data saya' : 'my data');
  const seen = await p.chat.say(mine.buttons[0]!);
  const url = /https?:\/\/\S+/.exec(seen.text)?.[0];
  if (!url) throw new Error(`no link in: ${seen.text}`);
  return url;
}

test('"data saya" on Telegram lists my items, masked contact details and consultation answers, and nothing of another citizen\'s', async () => {
  const seen = await siti.chat.say('data saya');
  expect(seen.text).toContain('Berikut ialah data peribadi anda yang disimpan oleh Suara:');
  expect(seen.text).toContain(`${siti.reference} — Aduan, Dalam tindakan`);
  expect(seen.text).toContain('Butiran hubungan yang anda berikan: S*** Z******, +60*******01');
  expect(seen.text).toContain('Kuala Lumpur mesra pejalan kaki dan berbasikal — 4 jawapan');
  expect(seen.text).toContain('Foto: 1.');
  expect(seen.text).toContain('Perbualan: 365 hari.');
  expect(seen.text).toContain('Mesej dan foto sembang web: 30 hari.');
  expect(seen.buttons).toEqual(['Muat turun data saya', 'Padam data saya', 'Kembali ke menu']);
  for (const s of [...identifiers(quill), quill.reference, 'q********@example.my', 'Q**** H******']) {
    expect(seen.text).not.toContain(s);
  }
  // Not a copy of the contact details in clear either (the transcript keeps this reply).
  for (const s of [siti.name, siti.reach]) expect(seen.text).not.toContain(s);
});

test('"my data" on the web chat lists my items, masked contact details and consultation answers, and nothing of another citizen\'s', async () => {
  const seen = await quill.chat.say('my data');
  expect(seen.text).toContain('This is what Suara holds about you:');
  expect(seen.text).toContain(`${quill.reference} — Complaint, Resolved`);
  expect(seen.text).toContain('Contact details you gave: Q**** H******, q********@example.my');
  expect(seen.text).toContain('Walkable and bicycle-friendly Kuala Lumpur — 4 answer(s)');
  expect(seen.text).toContain('Photos: 1.');
  expect(seen.text).toContain('Conversations: 365 days.');
  expect(seen.buttons).toEqual(['Download my data', 'Erase my data', 'Back to the menu']);
  for (const s of [...identifiers(siti), siti.reference, '+60*******01', 'S*** Z******']) {
    expect(seen.text).not.toContain(s);
  }
});

test('the export link works once, is not spent by a link preview, and answers an attachment no cache keeps', async () => {
  const url = await linkFor(siti);
  expect(url.startsWith(`${env.base}/privacy/export/`)).toBe(true);
  // A preview (GET) shows the download page and leaves the link usable.
  const preview = await fetch(url);
  expect(preview.status).toBe(200);
  expect(await preview.text()).toContain('<form method="post">');
  const first = await download(url);
  expect(first.status).toBe(200);
  expect(first.headers.get('content-disposition')).toMatch(
    /^attachment; filename="suara-data-\d{4}-\d{2}-\d{2}\.json"$/,
  );
  expect(first.headers.get('cache-control')).toContain('no-store');
  expect(first.headers.get('content-type')).toContain('application/json');
  const file = (await first.json()) as CitizenExport;
  expect(file.format).toBe('suara.citizen-data.v1');
  const again = await download(url);
  expect(again.status).toBe(410);
  expect(await again.text()).toContain('Pautan ini telah tamat tempoh atau sudah digunakan.');
  expect((await fetch(url)).status).toBe(410);
});

test.each([
  ['Telegram, Malay', () => siti, [] as string[]],
  // The web chat's own feed is the citizen's chat window: it must hold the link to show it to them.
  ['web chat, English', () => quill, ['dlActivities']],
])(
  'the download link (%s) is shown to the citizen but kept out of the transcript staff can read',
  async (_name, me, holders) => {
    const url = await linkFor(me());
    const token = url.split('/').pop()!;
    expect(Object.keys(await scanAll(env, [token]))).toEqual(holders);
    const kept = await env.t.db
      .collection('transcripts')
      .countDocuments({ json: { $regex: '/privacy/export/…' } });
    expect(kept).toBeGreaterThan(0);
    expect((await download(url)).status).toBe(200);
  },
);

test('the web chat export holds the photo itself, not only its name', async () => {
  const file = (await (await download(await linkFor(quill))).json()) as CitizenExport;
  const uploads = file.collections.dlUploads as { contentType: string; dataBase64?: string }[];
  expect(uploads).toHaveLength(1);
  expect(uploads[0]).toMatchObject({ contentType: 'image/png', dataBase64: PNG.toString('base64') });
});

test('an export link that was not used in time has expired', async () => {
  const quick = await buildCore(env.t.db, { exportLinkMinutes: 0.01 });
  quick.privacy.useBaseUrl(env.base);
  const link = await quick.privacy.exportLink(siti.chat);
  await new Promise((r) => setTimeout(r, 1200));
  const late = await download(link!.url);
  expect(late.status).toBe(410);
});

const HOLDERS = ['feedback', 'consultationResponses', 'transcripts', 'botState'];

test.each([
  ['Telegram, Malay', () => siti, () => quill, HOLDERS],
  [
    'web chat, English',
    () => quill,
    () => siti,
    [...HOLDERS, 'dlConversations', 'dlActivities', 'dlUploads'],
  ],
])(
  "an export (%s) contains every collection that holds the citizen's data and nothing of anyone else's",
  async (_name, me, other, holders) => {
    const url = await linkFor(me());
    const file = (await (await download(url)).json()) as CitizenExport;
    const exported = JSON.stringify(file);
    // Every collection in which the database holds something of mine is in the file, with my data in it.
    const holding = await scanAll(env, identifiers(me()));
    expect(Object.keys(holding)).toEqual(expect.arrayContaining(holders));
    for (const [collection, hits] of Object.entries(holding)) {
      expect([collection, collection in file.collections]).toEqual([collection, true]);
      const part = JSON.stringify(file.collections[collection]);
      expect([collection, hits.some((h) => part.includes(h))]).toEqual([collection, true]);
    }
    for (const s of [me().reference, me().name, me().reach, ...me().words]) expect(exported).toContain(s);
    for (const s of [...identifiers(other()), other().reference]) expect(exported).not.toContain(s);
  },
);

test.each([
  [
    'Telegram, Malay',
    () => siti,
    () => quill,
    'Padam data saya',
    'Ya, padam',
    /Yang masih disimpan, dan sebabnya:\n• SRA-\S+: agensi masih perlu menjawabnya\. Kategori, kawasan, tarikh dan status disimpan tanpa keterangan atau butiran hubungan anda\./,
  ],
  [
    'web chat, English',
    () => quill,
    () => siti,
    'Erase my data',
    'Yes, erase',
    /What was kept, and why:\n• SRA-\S+: finished\. Kept without your name \(category, area, dates and status\) for the agency's records and public statistics\./,
  ],
])(
  'after erasure (%s) no collection holds my contact details or my words, and I am told what was kept and why',
  async (_name, me, other, erase, yes, kept) => {
    const before = await scanAll(env, personal(me()));
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining(['feedback', 'consultationResponses', 'transcripts']),
    );
    const asked = await me().chat.say(erase);
    expect(asked.buttons).toEqual([
      me().chat.lang === 'ms' ? 'Ya, padam' : 'Yes, erase',
      me().chat.lang === 'ms' ? 'Tidak, simpan' : 'No, keep it',
    ]);
    const done = await me().chat.say(yes);
    expect(done.text).toMatch(kept);
    expect(done.text).toContain(me().reference);
    if (me() === siti)
      expect(done.text).toContain(
        'Foto yang anda hantar melalui Telegram masih ada dalam sembang Telegram anda',
      );
    expect(done.buttons).toEqual([me().chat.lang === 'ms' ? 'Kembali ke menu' : 'Back to the menu']);
    expect(await scanAll(env, personal(me()))).toEqual({});
    // The item stays, anonymised, for the agency; the other citizen's data is untouched.
    const record = await env.core.feedbackRepo.get(me().reference);
    expect(record).toMatchObject({ anonymous: true, category: expect.any(String), citizenKey: 'erased' });
    expect(record?.statusHistory.length).toBeGreaterThan(1);
    if (me() === siti) {
      // The first to erase: the other citizen's data is all still there.
      const others = await scanAll(env, personal(other()));
      expect(Object.keys(others)).toEqual(
        expect.arrayContaining(['feedback', 'consultationResponses', 'transcripts']),
      );
    }
    // After erasure the conversation goes on: the menu is one tap away, in my language.
    const menu = await me().chat.say(done.buttons[0]!);
    expect(menu.buttons.length).toBeGreaterThan(3);
  },
);
