/** Many workers, one queue: two workers racing on 500 due items, and a worker process killed with SIGKILL mid-batch. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Collection } from 'mongodb';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { startWorker } from '../../services/delivery/worker';
import type { Logger } from '../../services/log';
import { startWebhookAgency, type FakeAgency } from '../support/fakeAgency';
import { testDb, testMongoUri, type TestDb } from '../support/mongo';
import { countState, insertMany, waitFor } from './helpers';

const SECRET = 'race-secret';
const ROOT = path.resolve(__dirname, '..', '..');
let t: TestDb;
let col: Collection<FeedbackRecord>;
let repo: FeedbackRepository;
let agency: FakeAgency;

beforeEach(async () => {
  t = await testDb('delivery_race');
  col = t.db.collection<FeedbackRecord>('feedback');
  repo = new FeedbackRepository(t.db);
  agency = await startWebhookAgency(SECRET);
});

afterEach(async () => {
  await agency.close();
  await t.close();
});

function counting(): Logger & { delivered: number } {
  const l = {
    delivered: 0,
    debug() {},
    info: (msg: string) => void (msg === 'delivery.delivered' && l.delivered++),
    warn() {},
    error() {},
  };
  return l;
}

test('two workers (two connections) racing on 500 due items: each delivered exactly once, order kept per agency', async () => {
  const agencies = Array.from({ length: 10 }, (_, i) => `agency${i}`);
  const refs = new Map<string, string[]>();
  const t0 = Date.now() - 60_000;
  for (const [i, a] of agencies.entries()) refs.set(a, await insertMany(col, 50, a, t0 + i * 100));
  const other = new MongoClient(testMongoUri());
  await other.connect();
  const endpointFor = async (id: string) =>
    ({ kind: 'webhook', url: `${agency.url}/in/${id}`, secretEnv: 'RACE_SECRET' }) as const;
  const opts = { pollIntervalMs: 20, concurrency: 6, leaseMs: 30_000, backoffBaseMs: 20 };
  const logs = [counting(), counting()];
  const workers = [
    startWorker({ feedback: repo, endpointFor, env: { RACE_SECRET: SECRET }, logger: logs[0] }, opts),
    startWorker(
      {
        feedback: new FeedbackRepository(other.db(t.db.databaseName)),
        endpointFor,
        env: { RACE_SECRET: SECRET },
        logger: logs[1],
      },
      opts,
    ),
  ];
  try {
    await waitFor('500 delivered', async () => (await countState(col, 'delivered')) === 500, 55_000);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await other.close();
  }
  expect(agency.received).toHaveLength(500);
  expect(agency.accepted.size).toBe(500);
  expect([...agency.accepted.values()].every((n) => n === 1)).toBe(true);
  expect(agency.duplicates).toBe(0);
  expect(logs[0]!.delivered + logs[1]!.delivered).toBe(500);
  expect(logs[0]!.delivered).toBeGreaterThan(0);
  expect(logs[1]!.delivered).toBeGreaterThan(0);
  for (const a of agencies) {
    const mine = new Set(refs.get(a));
    expect(agency.inbox.map((m) => m.key).filter((k) => mine.has(k))).toEqual(refs.get(a));
  }
  expect(await col.countDocuments({ 'delivery.attempts': { $ne: 1 } })).toBe(0);
}, 60_000);

function spawnWorker(dbName: string, agenciesFile: string): ChildProcess {
  const child = spawn('npx', ['tsx', path.join(ROOT, 'bin', 'worker.ts')], {
    cwd: ROOT,
    detached: true,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: dbName,
      SUARA_AGENCIES_FILE: agenciesFile,
      KILL_TEST_SECRET: SECRET,
      DELIVERY_LEASE_MS: '1500',
      DELIVERY_POLL_MS: '20',
      DELIVERY_BACKOFF_BASE_MS: '20',
      DELIVERY_CONCURRENCY: '8',
      DELIVERY_TIMEOUT_MS: '5000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

/** Signal the whole process group (npx → tsx → node) and wait for the leader to exit. */
async function killGroup(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid!, signal);
  } catch {
    return;
  }
  await exited;
}

test('a worker process killed with SIGKILL mid-batch: after a restart everything is delivered, no key accepted twice', async () => {
  const ids = ['kill1', 'kill2', 'kill3', 'kill4', 'kill5'];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'suara-kill-'));
  const file = path.join(dir, 'agencies.json');
  writeFileSync(
    file,
    JSON.stringify(
      ids.map((id) => ({
        id,
        name: { en: id, ms: id },
        level: 'local',
        categories: ['roads'],
        endpoint: { kind: 'webhook', url: `${agency.url}/in/${id}`, secretEnv: 'KILL_TEST_SECRET' },
      })),
    ),
  );
  const all: string[] = [];
  for (const id of ids) all.push(...(await insertMany(col, 8, id)));
  // Every answer is slow, so at the kill some requests have been received (and stored) but not yet answered.
  agency.lateAnswerMs = 400;
  const first = spawnWorker(t.db.databaseName, file);
  try {
    await waitFor('the first worker to be mid-batch', () => agency.received.length >= 6, 30_000);
    await killGroup(first, 'SIGKILL');
  } finally {
    await killGroup(first, 'SIGKILL');
  }
  const unfinished = await col.countDocuments({ 'delivery.state': { $ne: 'delivered' } });
  expect(unfinished).toBeGreaterThan(0);
  expect(await col.countDocuments({ 'delivery.state': 'delivering' })).toBeGreaterThan(0);
  agency.lateAnswerMs = 0;
  const second = spawnWorker(t.db.databaseName, file);
  try {
    await waitFor(
      'all delivered after restart',
      async () => (await countState(col, 'delivered')) === all.length,
      45_000,
    );
  } finally {
    await killGroup(second, 'SIGTERM');
  }
  expect(agency.accepted.size).toBe(all.length);
  expect(new Set(agency.accepted.keys())).toEqual(new Set(all));
  expect([...agency.accepted.values()].every((n) => n === 1)).toBe(true);
  // The items in flight at the kill were resent with the same key and recognised as duplicates.
  expect(agency.duplicates).toBeGreaterThan(0);
  const keysSeen = agency.received.map((r) => String(r.headers['idempotency-key']));
  expect(keysSeen.every((k) => all.includes(k))).toBe(true);
  for (const [i] of ids.entries()) {
    const refs = all.slice(i * 8, i * 8 + 8);
    expect(agency.inbox.map((m) => m.key).filter((k) => refs.includes(k))).toEqual(refs);
  }
}, 90_000);
