/**
 * Consultation results for staff over real HTTP (JSON and streamed CSV), held to the publishing body; and the public
 * results page, which shows counts per option only — never free text.
 */
import restify from 'restify';
import { mountConsultationResults } from '../../bots/http/consultations/resultsPage';
import { listen } from '../../bots/http/server';
import { ConsultationRepository, loadConsultations, type Answer } from '../../services/consultations';
import { createLocalizer } from '../../services/i18n';
import { silentLogger } from '../../services/log';
import {
  agencyName,
  loggedIn,
  startDashboard,
  type Client,
  type DashboardHarness,
} from '../dashboard/harness';

const DBKL = 'dbkl-walkable-kl';
const KPKT = 'kpkt-waste-separation';
const SECRET_TEXT = 'Jalan Tun Perak, depan Masjid Jamek — lubang besar';
let h: DashboardHarness;
let repo: ConsultationRepository;
let dbkl: Client;
let mbpj: Client;
let admin: Client;

async function answer(id: string, key: string, language: 'en' | 'ms', answers: Answer[]): Promise<void> {
  await repo.submit({ consultationId: id, citizenKey: key, language, answers, submittedAt: new Date() });
}

beforeAll(async () => {
  h = await startDashboard();
  repo = new ConsultationRepository(h.db);
  await repo.seed(loadConsultations());
  const walk = (commute: string, safety: number, first: string, spot?: string): Answer[] => [
    { questionId: 'commute', kind: 'choice', value: commute },
    { questionId: 'safety', kind: 'scale', value: safety },
    { questionId: 'first', kind: 'choice', value: first },
    ...(spot ? [{ questionId: 'spot', kind: 'text' as const, value: spot }] : []),
  ];
  await answer(DBKL, 'c1', 'ms', walk('car', 2, 'covered', SECRET_TEXT));
  await answer(DBKL, 'c2', 'en', walk('car', 4, 'crossings'));
  await answer(DBKL, 'c3', 'en', walk('public_transport', 5, 'covered', '=HYPERLINK("x")'));
  await answer(DBKL, 'c2', 'en', walk('walk_cycle', 4, 'crossings')); // c2 changed their mind: still one set
  await answer(KPKT, 'c1', 'ms', [
    { questionId: 'separate_now', kind: 'choice', value: 'always' },
    { questionId: 'schedule', kind: 'scale', value: 3 },
    { questionId: 'help_most', kind: 'choice', value: 'bins' },
  ]);
  [dbkl, mbpj, admin] = await Promise.all([
    loggedIn(h.base, 'dbkl'),
    loggedIn(h.base, 'mbpj'),
    loggedIn(h.base, 'admin'),
  ]);
});
afterAll(async () => h?.close());

test('staff see their own body’s consultations with counts per option and the free-text answers', async () => {
  const list = await dbkl.request('GET', '/dashboard/api/consultations');
  expect(list.status).toBe(200);
  expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual(['dbkl-ptkl2040', DBKL]);
  expect(list.body.items.find((i: { id: string }) => i.id === DBKL)).toMatchObject({
    responses: 3,
    state: 'open',
  });

  const r = await dbkl.request('GET', `/dashboard/api/consultations/${DBKL}/results`);
  expect(r.status).toBe(200);
  expect(r.body.results.responses).toBe(3);
  const commute = r.body.results.questions.find((q: { questionId: string }) => q.questionId === 'commute');
  expect(commute.counts).toMatchObject({ car: 1, public_transport: 1, walk_cycle: 1, motorcycle: 0 });
  expect(r.body.texts.map((x: { text: string }) => x.text).sort()).toEqual(
    ['=HYPERLINK("x")', SECRET_TEXT].sort(),
  );
  expect(JSON.stringify(r.body)).not.toMatch(/citizenKey|conversationReference|"c1"/);

  const all = await admin.request('GET', '/dashboard/api/consultations');
  expect(all.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([DBKL, KPKT]));
});

test('the results CSV streams one row per citizen, header in the staff member’s language, formulas neutralised', async () => {
  const res = await fetch(`${h.base}/dashboard/api/consultations/${DBKL}/results.csv?lang=ms`, {
    headers: { cookie: [...dbkl.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
  expect(res.headers.get('content-disposition')).toMatch(
    /attachment; filename="suara-consultation-dbkl-walkable-kl-/,
  );
  const lines = (await res.text())
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toMatch(/^Pertama dijawab,Terakhir diubah,Bahasa,Kali dijawab,Bagaimanakah anda/);
  expect(lines).toHaveLength(4);
  expect(lines.some((l) => l.includes('Berjalan kaki atau berbasikal') && l.includes(',en,2,'))).toBe(true);
  expect(lines.some((l) => l.includes(`"'=HYPERLINK(""x"")"`))).toBe(true);
});

test('staff of another body get 404 for the results and CSV', async () => {
  const missing = await mbpj.request('GET', '/dashboard/api/consultations/no-such-thing/results');
  expect(missing.status).toBe(404);
  for (const path of [
    `/dashboard/api/consultations/${DBKL}/results`,
    `/dashboard/api/consultations/${DBKL}/results.csv`,
  ]) {
    const r = await mbpj.request('GET', path);
    expect(r.status).toBe(404);
    expect(r.body).toEqual(missing.body);
  }
  for (const path of [
    `/dashboard/api/consultations/${KPKT}/results`,
    `/dashboard/api/consultations/${KPKT}/results.csv`,
  ]) {
    expect((await dbkl.request('GET', path)).status).toBe(404);
    expect((await admin.request('GET', path)).status).toBe(200);
  }
  expect((await mbpj.request('GET', '/dashboard/api/consultations')).body.items).toEqual([]);
  expect(
    (await new (dbkl.constructor as typeof Client)(h.base).request('GET', '/dashboard/api/consultations'))
      .status,
  ).toBe(401);
});

test('the public results page shows counts per option in both languages after closing, never free text', async () => {
  const server = restify.createServer();
  const l10n = createLocalizer();
  let now = new Date();
  mountConsultationResults(server, {
    consultations: repo,
    t: l10n.t,
    agencyName,
    log: silentLogger,
    now: () => now,
  });
  const port = await listen(server, 0, '127.0.0.1');
  const get = (path: string) => fetch(`http://127.0.0.1:${port}${path}`);
  try {
    const open = await (await get(`/consultations/${DBKL}/results?lang=en`)).text();
    expect(open).toMatch(/still open\. The results will be published here after it closes/);
    expect(open).not.toMatch(/<table/);

    now = new Date('2028-01-05T00:00:00Z');
    const res = await get(`/consultations/${DBKL}/results?lang=ms`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-/);
    const ms = await res.text();
    expect(ms).toMatch(/<html lang="ms">/);
    expect(ms).toMatch(/Seramai 3 orang telah mengambil bahagian/);
    expect(ms).toMatch(/<th scope="row">Kereta<\/th><td class="n">1<\/td><td class="n">33%<\/td>/);
    expect(ms).toMatch(/<th scope="row">Laluan berbumbung<\/th><td class="n">2<\/td>/);
    expect(ms).toMatch(/Seramai 2 orang turut menulis ulasan sendiri/);
    expect(ms).not.toContain('Jalan Tun Perak');
    expect(ms).not.toContain('HYPERLINK');
    const en = await (await get(`/consultations/${DBKL}/results?lang=en`)).text();
    expect(en).toMatch(/<th scope="row">Car<\/th><td class="n">1<\/td>/);
    expect((await get('/consultations/nope/results')).status).toBe(404);
  } finally {
    server.close();
  }
});
