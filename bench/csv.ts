/**
 * `npm run bench:csv -- [--n 100000]`
 * Seeds N feedback records, starts the dashboard on a real HTTP server in this process, and downloads the CSV export
 * of every record (as an administrator) and of one body (as its officer), while sampling this process's memory
 * (RSS and heap) every 100 ms, and the live heap after a full GC every second (run with --expose-gc). A streamed export keeps memory flat: the peak stays near the baseline whatever N is.
 * The process holds both the server and the client (which counts and drops each chunk), so the figures are an
 * upper bound for the server. Uses MONGODB_URI when set, else the embedded server like `npm start`. Not a test.
 */
import type { Db } from 'mongodb';
import restify from 'restify';
import { mountDashboard } from '../bots/http/dashboard';
import { listen } from '../bots/http/server';
import { loadAgencies } from '../services/agencies/directory';
import { FeedbackRepository } from '../services/feedback/repository';
import { createLogger } from '../services/log';
import { createStaffActionService } from '../services/staff';
import { StaffRepository } from '../services/staff/repository';
import { StatusService } from '../services/status/statusService';
import { arg, runBench, withBenchDb } from './benchRun';
import { seedInbox } from './inboxSeed';

const N = Number(arg('n', '100000'));
const MB = (b: number) => (b / 1024 / 1024).toFixed(1);

/** Log in over HTTP and return the cookie header. */
async function login(base: string, email: string, password: string): Promise<string> {
  const first = await fetch(`${base}/dashboard/api/me`);
  const csrf = first.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const token = csrf.find((c) => c.startsWith('suara_csrf='))!.split('=')[1]!;
  const r = await fetch(`${base}/dashboard/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: csrf.join('; ') },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status}`);
  return [...csrf, ...r.headers.getSetCookie().map((c) => c.split(';')[0]!)].join('; ');
}

/** Download one CSV while sampling memory; print rows, bytes, time and RSS/heap baseline, samples and peak. */
async function measure(label: string, url: string, cookie: string): Promise<void> {
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakHeap = base.heapUsed;
  const samples: number[] = [];
  const live: number[] = [];
  let tick = 0;
  const timer = setInterval(() => {
    // Every second, a full GC first: the live heap (what streaming keeps) rather than garbage not yet collected.
    if (++tick % 10 === 0 && global.gc) {
      global.gc();
      live.push(process.memoryUsage().heapUsed);
    }
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    samples.push(m.rss);
  }, 100);
  const started = Date.now();
  const res = await fetch(url, { headers: { cookie } });
  let bytes = 0;
  let rows = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) rows++;
  }
  clearInterval(timer);
  const secs = (Date.now() - started) / 1000;
  const every = Math.max(1, Math.floor(samples.length / 12));
  process.stdout.write(
    `${label}: HTTP ${res.status}, ${rows - 1} rows, ${MB(bytes)} MB in ${secs.toFixed(1)} s\n` +
      `  RSS baseline ${MB(base.rss)} MB, peak ${MB(peakRss)} MB (+${MB(peakRss - base.rss)} MB); ` +
      `heap baseline ${MB(base.heapUsed)} MB, peak ${MB(peakHeap)} MB\n` +
      `  RSS samples (MB): ${samples
        .filter((_, i) => i % every === 0)
        .map(MB)
        .join(' ')}\n` +
      `  live heap after GC, each second (MB): ${live.map(MB).join(' ')}; max ${MB(Math.max(0, ...live))}\n`,
  );
}

// Long timeouts: the single-threaded stand-in answers nothing (not even heartbeats) while it sorts 100,000 records.
const CLIENT_OPTIONS = {
  serverSelectionTimeoutMS: 300_000,
  connectTimeoutMS: 300_000,
  heartbeatFrequencyMS: 120_000,
};

/** Seeds the staff and N records, serves the dashboard, and measures three downloads. */
async function benchCsv(db: Db): Promise<void> {
  const server = restify.createServer({ name: 'bench-csv', handleUncaughtExceptions: false });
  try {
    const staff = new StaffRepository(db);
    await staff.ensureIndexes();
    const officer = await staff.add({
      email: 'officer@dbkl.bench.test',
      password: 'bench-password-1',
      agencyId: 'dbkl',
      role: 'staff',
      name: 'Bench Officer',
    });
    await staff.add({
      email: 'admin@bench.test',
      password: 'bench-password-2',
      agencyId: null,
      role: 'admin',
    });
    const t = Date.now();
    await seedInbox(db, N, [officer._id]);
    process.stdout.write(`seeded ${N} records in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    const agencies = new Map(loadAgencies().map((a) => [a.id, a]));
    await mountDashboard(server, {
      db,
      actions: createStaffActionService(db, new StatusService(new FeedbackRepository(db))),
      agencyName: (id, lang) => agencies.get(id)?.name[lang] ?? id,
      log: createLogger('warn', (l) => process.stderr.write(`${l}\n`)),
      env: { STAFF_DEMO_ACCOUNTS: 'false' },
    });
    const port = await listen(server, 0, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    await measure(
      'warm-up (one body, one category)',
      `${base}/dashboard/api/feedback.csv?category=parks`,
      await login(base, 'officer@dbkl.bench.test', 'bench-password-1'),
    );
    await measure(
      'administrator, every record',
      `${base}/dashboard/api/feedback.csv?lang=ms`,
      await login(base, 'admin@bench.test', 'bench-password-2'),
    );
    await measure(
      'DBKL officer, own body',
      `${base}/dashboard/api/feedback.csv`,
      await login(base, 'officer@dbkl.bench.test', 'bench-password-1'),
    );
  } finally {
    server.close();
  }
}

async function main(): Promise<void> {
  await withBenchDb('bench_csv', N, CLIENT_OPTIONS, benchCsv);
}

runBench(main);
