/**
 * `npm run test:faults`: Suara under fire, with the app, the delivery worker and MongoDB (the stand-in) as separate
 * processes and a fake agency receiver that verifies signatures and counts every delivery.
 *  A. SIGKILL the app during 100+ concurrent Direct Line submissions, restart, cut citizens resume.
 *  D. The agency endpoint fails for FAULT_AGENCY_DOWN_SECONDS (default 60; CI sets 10) → all delivered once, in order.
 *  E. Two app instances on one MongoDB serve one conversation alternately.
 *  B. MongoDB stopped → no reference for unsaved items, non-2xx to Telegram, a clear message to citizens.
 *  C. MongoDB back, empty → service resumes without a restart.
 * Prints its figures as a table. Knobs: FAULT_CITIZENS (default 120), FAULT_AGENCY_DOWN_SECONDS.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { loadAgencies } from '../../services/agencies/directory';
import { type FakeAgency, startWebhookAgency } from '../support/fakeAgency';
import { FakeTelegram, FAKE_TOKEN, textMessage } from '../support/fakeTelegram';
import { CitizenHttpError, DirectLineCitizen, FILING_STEPS } from '../support/dlCitizen';
import { freePort, type Proc, ROOT, startApp, startStandin, startWorker, until } from './processes';

const CITIZENS = Number(process.env.FAULT_CITIZENS ?? 120);
const AGENCY_DOWN_S = Number(process.env.FAULT_AGENCY_DOWN_SECONDS ?? 60);
const AGENCY_SECRET = 'fault-agency-secret-0123456789abcdef';
const TG_SECRET = 'fault-telegram-webhook-secret';
const DB = `faults_${Date.now()}`;

const figures: [string, string, string][] = [];
const figure = (phase: string, what: string, value: unknown) => figures.push([phase, what, String(value)]);

let mongoPort: number;
let mongo: Proc;
let uri: string;
let client: MongoClient;
let db: Db;
let agency: FakeAgency;
let telegram: FakeTelegram;
let worker: Proc;
let app1: Proc;
let app2: Proc | undefined;
let port1: number;
let base1: string;
let port2: number;
let sitesFile: string;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'suara-faults-'));

function appEnv(port: number, withTelegram: boolean): NodeJS.ProcessEnv {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    MONGODB_URI: uri,
    MONGODB_DB: DB,
    SUARA_DATA_DIR: path.join(dataDir, `app-${port}`),
    OPEN311_POLL_MINUTES: '0',
    DELIVERY_WORKER: 'false',
    LOG_LEVEL: 'warn',
    DIRECTLINE_TOKEN_SECRET: 'fault-directline-secret-0123456789abcdefghij',
    CITIZEN_KEY_SALT: 'fault-salt',
    WEBCHAT_SITES_FILE: sitesFile,
    WEBCHAT_RATE_PER_IP_PER_MIN: '0',
    WEBCHAT_RATE_PER_SITE_PER_MIN: '0',
    WEBCHAT_RATE_PER_CONVERSATION_PER_MIN: '0',
    WEBCHAT_TURN_TIMEOUT_MS: '8000',
    SUARA_CONFIRM_GRACE_SECONDS: '5',
    SUARA_CONFIRM_SWEEP_SECONDS: '2',
    SUARA_SEED_CHECK_SECONDS: '2',
    ...(withTelegram
      ? {
          TELEGRAM_BOT_TOKEN: FAKE_TOKEN,
          TELEGRAM_API_ROOT: telegram.apiRoot,
          TELEGRAM_MODE: 'webhook',
          TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
          PUBLIC_URL: `http://127.0.0.1:${port}`,
        }
      : {}),
  };
}

/** The directory (data/bodies + data/delivery.json) as an agencies file with every endpoint pointed at the fake receiver (what the separate worker reads). */
function agenciesFile(): string {
  const agencies = loadAgencies() as unknown as Record<string, unknown>[];
  const endpoint = (id: string) => ({
    kind: 'webhook',
    url: `${agency.url}/agency/${id}`,
    secretEnv: 'FAULT_AGENCY_SECRET',
  });
  const rewritten = agencies.map((a) => {
    const out: Record<string, unknown> = { ...a, endpoint: endpoint(String(a.id)) };
    if (a.categoryEndpoints) {
      out.categoryEndpoints = Object.fromEntries(
        Object.keys(a.categoryEndpoints as object).map((k) => [k, endpoint(String(a.id))]),
      );
    }
    return out;
  });
  const file = path.join(dataDir, 'agencies.json');
  writeFileSync(file, JSON.stringify(rewritten));
  return file;
}

/**
 * data/sites.json with the demo site allowing both instances' origins: instances on different ports would otherwise
 * each seed the site with their own port (`${PORT}`), and the last one started would lock the other out.
 */
function sharedSitesFile(ports: number[]): string {
  const file = JSON.parse(readFileSync(path.join(ROOT, 'data', 'sites.json'), 'utf8')) as {
    sites: { id: string; allowedOrigins: string[] }[];
  };
  for (const s of file.sites) {
    if (s.id === 'demo') s.allowedOrigins = ports.map((p) => `http://127.0.0.1:${p}`);
  }
  const out = path.join(dataDir, 'sites.json');
  writeFileSync(out, JSON.stringify(file));
  return out;
}

interface Rec {
  _id: string;
  createdAt: Date;
  agencyId: string | null;
  delivery: { state: string; attempts: number };
  confirmation?: { state: string; late?: boolean };
  channel: { conversationReference: { conversation?: { id?: string } } };
}
const records = () => db.collection<Rec>('feedback').find({}).toArray();
const convOf = (r: Rec) => r.channel.conversationReference.conversation?.id ?? '';

/** Walk citizens to the summary, all at once; a post cut by a connection reset is re-sent (same clientActivityID). */
async function toSummary(cs: DirectLineCitizen[]): Promise<void> {
  await Promise.all(
    cs.map(async (c) => {
      await retry(() => c.open());
      while (c.step < FILING_STEPS.length - 1) {
        await c.next().catch(() => retry(() => c.resend()));
      }
    }),
  );
}

async function retry<T>(fn: () => Promise<T>, times = 3): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= times || e instanceof CitizenHttpError) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/** Re-read a citizen's whole feed. */
async function reread(c: DirectLineCitizen): Promise<void> {
  c.feed.splice(0);
  c.watermark = '';
  for (let i = 0; i < 20; i++) if ((await c.read()).length === 0) break;
}

async function status(url: string, init?: RequestInit): Promise<{ status: number; body: string }> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
    return { status: res.status, body: await res.text() };
  } catch (e) {
    return { status: 0, body: (e as Error).message };
  }
}

let updateId = 5000;
const telegramUpdate = (base: string, text: string) =>
  status(`${base}/telegram/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET },
    body: JSON.stringify({ update_id: ++updateId, ...textMessage({ id: 424242, languageCode: 'ms' }, text) }),
  });

beforeAll(async () => {
  mongoPort = await freePort();
  mongo = await startStandin(mongoPort);
  uri = `mongodb://127.0.0.1:${mongoPort}/?replicaSet=rs0`;
  client = new MongoClient(uri, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  db = client.db(DB);
  agency = await startWebhookAgency(AGENCY_SECRET);
  telegram = await FakeTelegram.start();
  port1 = await freePort();
  port2 = await freePort();
  base1 = `http://127.0.0.1:${port1}`;
  sitesFile = sharedSitesFile([port1, port2]);
  [app1, worker] = await Promise.all([
    startApp('app1', appEnv(port1, true)),
    startWorker({
      MONGODB_URI: uri,
      MONGODB_DB: DB,
      SUARA_AGENCIES_FILE: agenciesFile(),
      FAULT_AGENCY_SECRET: AGENCY_SECRET,
      DELIVERY_POLL_MS: '200',
      // Short backoff so the suite is quick, long enough that a 60 s outage stays within the default 15 attempts.
      DELIVERY_BACKOFF_BASE_MS: '2000',
      DELIVERY_BACKOFF_MAX_MS: '10000',
      DELIVERY_TIMEOUT_MS: '3000',
      DELIVERY_LEASE_MS: '10000',
    }),
  ]);
}, 300_000);

afterAll(async () => {
  for (const p of [app1, app2, worker, mongo]) await p?.kill('SIGKILL').catch(() => undefined);
  await client?.close().catch(() => undefined);
  await agency?.close();
  await telegram?.close();
  const w = [6, 58, 14];
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(w[i]!)).join(' | ')} |`;
  process.stdout.write(
    `\nFault suite figures (${CITIZENS} citizens, agency down ${AGENCY_DOWN_S} s)\n` +
      [line(['phase', 'figure', 'value']), line(w.map((n) => '-'.repeat(n))), ...figures.map(line)].join(
        '\n',
      ) +
      '\n\n',
  );
});

test('A. SIGKILL during 100+ concurrent submissions: every stored item reaches its conversation, none lost, none twice, each delivered once', async () => {
  const cs = Array.from({ length: CITIZENS }, (_, i) => new DirectLineCitizen(base1, `a${i}`));
  await toSummary(cs);
  const cut = new Set<DirectLineCitizen>();
  const submits = cs.map((c) =>
    c.next().catch(() => {
      cut.add(c);
    }),
  );
  await until(
    'a third of the submissions stored',
    async () => (await records()).length >= CITIZENS / 3,
    120_000,
    20,
  );
  const storedAtKill = (await records()).length;
  await app1.kill('SIGKILL');
  await Promise.all(submits);
  figure('A', 'citizens submitting at once', CITIZENS);
  figure('A', 'records stored when the app was SIGKILLed', storedAtKill);
  figure('A', 'submissions cut by the kill (no HTTP answer)', cut.size);

  app1 = await startApp('app1', appEnv(port1, true));
  await Promise.all([...cut].map((c) => c.resend()));
  // The late-confirmation sweeper (grace 5 s) finishes what no turn confirmed.
  await until(
    'no confirmation pending',
    async () => (await records()).every((r) => r.confirmation?.state !== 'pending'),
    90_000,
  );
  await Promise.all(cs.map(reread));
  const recs = await records();
  const byConv = new Map<string, Rec[]>();
  for (const r of recs) byConv.set(convOf(r), [...(byConv.get(convOf(r)) ?? []), r]);
  const twice = cs.filter((c) => (byConv.get(c.conversationId)?.length ?? 0) > 1).length;
  const none = cs.filter((c) => !byConv.get(c.conversationId)?.length).length;
  const unconfirmed = recs.filter((r) => {
    const c = cs.find((x) => x.conversationId === convOf(r));
    return !c?.references().includes(r._id);
  }).length;
  const shownNotStored = cs.filter((c) =>
    c.references().some((ref) => !recs.find((r) => r._id === ref)),
  ).length;
  const late = recs.filter((r) => r.confirmation?.late).length;
  figure('A', 'records after restart and resume', recs.length);
  figure('A', 'citizens with two or more records (filed twice)', twice);
  figure('A', 'citizens with no record (lost)', none);
  figure('A', 'references shown but not stored (lost)', shownNotStored);
  figure('A', 'stored items whose reference never reached the conversation', unconfirmed);
  figure('A', 'confirmations sent late by the sweeper', late);

  await until(
    'every record delivered',
    async () => (await records()).every((r) => r.delivery.state === 'delivered'),
    180_000,
  );
  const refs = recs.map((r) => r._id);
  const onceEach = refs.filter((ref) => agency.inbox.filter((m) => m.key === ref).length === 1).length;
  figure('A', 'records delivered to the agency exactly once', `${onceEach}/${refs.length}`);
  figure('A', 'repeated deliveries the receiver deduplicated', agency.duplicates);

  expect(recs.length).toBe(CITIZENS);
  expect(twice).toBe(0);
  expect(none).toBe(0);
  expect(shownNotStored).toBe(0);
  expect(unconfirmed).toBe(0);
  expect(onceEach).toBe(refs.length);
});

test(`D. agency endpoint failing for a while: everything delivered once, in order`, async () => {
  const before = agency.inbox.length;
  await agency.down();
  const downAt = Date.now();
  const cs = Array.from({ length: 20 }, (_, i) => new DirectLineCitizen(base1, `d${i}`));
  await toSummary(cs);
  for (const c of cs) await c.next(); // one after another: a known filing order
  const mine = (await records()).filter((r) => cs.some((c) => c.conversationId === convOf(r)));
  await new Promise((r) => setTimeout(r, Math.max(0, AGENCY_DOWN_S * 1000 - (Date.now() - downAt))));
  await agency.up();
  figure('D', 'agency endpoint down (seconds)', Math.round((Date.now() - downAt) / 1000));
  await until(
    'the backlog delivered or dead-lettered',
    async () => {
      const now = await records();
      return mine.every((m) =>
        ['delivered', 'dead'].includes(now.find((r) => r._id === m._id)?.delivery.state ?? ''),
      );
    },
    180_000,
  );
  const delivered = (await records()).filter((r) => mine.some((m) => m._id === r._id));
  const failedAttempts = delivered.reduce((n, r) => n + r.delivery.attempts - 1, 0);
  const dead = delivered.filter((r) => r.delivery.state === 'dead').length;
  figure('D', 'dead-lettered', dead);
  const arrived = agency.inbox.slice(before).map((m) => m.key);
  const expected = [...mine].sort((a, b) => +a.createdAt - +b.createdAt || a._id.localeCompare(b._id));
  const inOrder = new Map<string, string[]>();
  for (const r of expected)
    inOrder.set(String(r.agencyId), [...(inOrder.get(String(r.agencyId)) ?? []), r._id]);
  const ordered = [...inOrder.values()].every(
    (refs) => JSON.stringify(arrived.filter((k) => refs.includes(k))) === JSON.stringify(refs),
  );
  const onceEach = mine.filter((m) => arrived.filter((k) => k === m._id).length === 1).length;
  figure('D', 'items filed while the agency was down', mine.length);
  figure('D', 'delivery attempts that failed while it was down', failedAttempts);
  figure('D', 'delivered exactly once after it came back', `${onceEach}/${mine.length}`);
  figure('D', 'each agency received its items in filing order', ordered ? 'yes' : 'NO');
  expect(mine).toHaveLength(20);
  expect(dead).toBe(0);
  expect(onceEach).toBe(20);
  expect(ordered).toBe(true);
});

test('E. two app instances on one MongoDB serve one conversation alternately without losing or duplicating state', async () => {
  app2 = await startApp('app2', appEnv(port2, false));
  const base2 = `http://127.0.0.1:${port2}`;
  const cs = Array.from({ length: 10 }, (_, i) => new DirectLineCitizen(base1, `e${i}`));
  let turns = 0;
  await Promise.all(
    cs.map(async (c) => {
      await c.open();
      while (!c.finished) {
        c.base = c.base === base1 ? base2 : base1;
        await c.next();
        turns++;
      }
    }),
  );
  await Promise.all(cs.map(reread));
  const recs = await records();
  const perAction = cs.map((c) => recs.filter((r) => convOf(r) === c.conversationId).length);
  // A turn run twice shows as the same bot message twice in a row with no citizen message between.
  const dupReplies = cs
    .map((c) => {
      const msgs = c.feed.filter((a) => a.type === 'message');
      return msgs.filter(
        (a, i) =>
          i > 0 &&
          a.from?.role !== 'user' &&
          msgs[i - 1]!.from?.role !== 'user' &&
          msgs[i - 1]!.text === a.text,
      ).length;
    })
    .reduce((a, b) => a + b, 0);
  figure('E', 'bot replies duplicated', dupReplies);
  const refShownOnce = cs.filter(
    (c) => c.feed.filter((a) => a.from?.role !== 'user' && /SRA-/.test(a.text ?? '')).length === 1,
  ).length;
  figure('E', 'conversations alternating between two instances', cs.length);
  figure('E', 'turns served alternately', turns);
  figure(
    'E',
    'conversations with exactly one record',
    `${perAction.filter((n) => n === 1).length}/${cs.length}`,
  );
  figure('E', 'conversations whose reference was shown exactly once', `${refShownOnce}/${cs.length}`);
  expect(perAction.every((n) => n === 1)).toBe(true);
  expect(refShownOnce).toBe(cs.length);
  expect(dupReplies).toBe(0);
});

test('B+C. MongoDB stopped: no reference for unsaved items, non-2xx to Telegram, a clear message; back empty: resumes without a restart', async () => {
  const c = new DirectLineCitizen(base1, 'b0');
  await toSummary([c]);
  const tgBefore = await telegramUpdate(base1, 'hello');
  await mongo.kill('SIGKILL');
  const stoppedAt = Date.now();

  let submit: { status: number; body: string };
  try {
    await c.next();
    submit = { status: 200, body: JSON.stringify(c.feed) };
  } catch (e) {
    submit = e instanceof CitizenHttpError ? { status: e.status, body: e.body } : { status: 0, body: '' };
  }
  const tg = await telegramUpdate(base1, 'Ada lubang besar di Jalan Raja Laut');
  const health = await status(`${base1}/healthz`);
  const ready = await status(`${base1}/readyz`);
  figure('B', 'Direct Line submit while MongoDB is down: HTTP status', submit.status);
  figure('B', 'reference number shown for the unsaved item', /SRA-/.test(submit.body) ? 'YES' : 'no');
  figure(
    'B',
    'message the citizen sees',
    JSON.parse(submit.body || '{}')?.error?.message?.slice(0, 14) ?? '-',
  );
  figure('B', 'Telegram webhook (before / during outage): HTTP status', `${tgBefore.status} / ${tg.status}`);
  figure('B', '/healthz and /readyz during the outage', `${health.status} / ${ready.status}`);
  expect(submit.status).toBeGreaterThanOrEqual(500);
  expect(submit.body).not.toMatch(/SRA-/);
  expect(submit.body).toMatch(/Berlaku masalah|Something went wrong/);
  expect(tg.status).toBeGreaterThanOrEqual(300);
  expect(health.status).toBe(200);
  expect(ready.status).toBe(503);

  mongo = await startStandin(mongoPort);
  const back = Date.now();
  await until('ready again', async () => (await status(`${base1}/readyz`)).status === 200, 120_000, 200);
  figure('C', 'MongoDB outage (seconds)', Math.round((back - stoppedAt) / 1000));
  figure('C', 'seconds from MongoDB back (empty) to /readyz 200', ((Date.now() - back) / 1000).toFixed(1));
  const fresh = new DirectLineCitizen(base1, 'c0');
  await toSummary([fresh]);
  await fresh.next();
  const [ref] = fresh.references();
  const stored = ref ? await db.collection('feedback').countDocuments({ _id: ref } as never) : 0;
  const tgAfter = await telegramUpdate(base1, 'menu');
  figure('C', 'new web chat filing after the restart (no app restart)', ref && stored ? 'filed' : 'FAILED');
  figure('C', 'Telegram webhook after recovery: HTTP status', tgAfter.status);
  figure('C', 'app processes restarted for recovery', 0);
  expect(ref).toBeDefined();
  expect(stored).toBe(1);
  expect(tgAfter.status).toBe(200);
});
