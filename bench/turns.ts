/**
 * Benchmark (not a test) of a citizen's turn over Direct Line, against one MongoDB server.
 * 1. Throughput: C concurrent citizens file a complaint (7 turns each, polling GET /activities after each post) on
 *    a server in this process, three ways: (1) echo bot, (2) full dialogs with MemoryStorage, (3) full dialogs with
 *    MongoDB state; then (4) = (3) with the citizens on the WebSocket stream instead of polling. Every MongoDB
 *    command is attributed to the request it served (POST = turn, GET /activities = poll, others = setup) or to
 *    "background" (stream timers). Plus the raw rate of the same MongoDB server for a turn's kind of reads/writes.
 * 2. Realistic load: the server runs as a CHILD process (its RSS alone is sampled): N citizens on the WebSocket
 *    stream, each pausing ~think time before every turn; p50/p99 of turn latency and the server's peak RSS.
 * 3. Open conversations: K conversations opened with their streams kept open; server RSS, and its MongoDB
 *    commands per second while they sit idle.
 * Usage: npm run bench:turns -- [--concurrency 50] [--citizens 200] [--think 3000] [--open 10000]
 *        [--greet 0] [--only throughput|load|open] [--trace]
 * (--greet 0: open conversations with tokens/generate + the stream only, skipping POST /conversations and its greeting
 * turn, so 10,000 open quickly on a slow MongoDB)   (MONGODB_URI to use a given server; else an embedded one)
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { benchMongo, configOrExit } from '../bots/compose/database';
import { citizen, openConversation, pct, reserveConversation, Stream, type Transport } from './turns/client';
import { type Mode, type Phase, startBenchServer, sum } from './turns/server';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? process.argv[i + 1] : undefined;
})();
const TRACE = process.argv.includes('--trace');
const C = arg('concurrency', 50);
const out = (s: string) => process.stdout.write(`${s}\n`);

interface Result {
  name: string;
  turns: number;
  seconds: number;
  p50: number;
  p99: number;
  /** All commands / turns (setup and reads included), the figure this bench always printed. */
  roundTrips: number;
  byPhase: Map<Phase, number>;
}

async function runMode(uri: string, name: string, mode: Mode, transport: Transport): Promise<Result> {
  const s = await startBenchServer(uri, `bench_${mode}_${Date.now()}`, mode);
  const base = `http://127.0.0.1:${s.port}`;
  const full = mode !== 'echo';
  await citizen(base, { full, transport }); // warm-up (JIT, classifier, indexes, caches), not measured
  s.reset();
  const t0 = performance.now();
  const all = await Promise.all(Array.from({ length: C }, () => citizen(base, { full, transport })));
  const seconds = (performance.now() - t0) / 1000;
  const lat = all.flat();
  const byPhase = new Map(s.counts.byPhase);
  if (TRACE) {
    out(`  ${name}: MongoDB commands per turn by phase, command and collection`);
    for (const [k, v] of [...s.counts.byKind].sort())
      out(`    ${(v / lat.length).toFixed(2).padStart(6)}  ${k}`);
  }
  await s.close();
  const roundTrips = sum(byPhase) / lat.length;
  return { name, turns: lat.length, seconds, p50: pct(lat, 0.5), p99: pct(lat, 0.99), roundTrips, byPhase };
}

/** Raw ops/s of the server for a turn's kind of work: state read + conditional replace, feed $inc + insert, reads. */
async function rawStorage(uri: string): Promise<number> {
  const client = new MongoClient(uri, { maxPoolSize: 50 });
  await client.connect();
  const db: Db = client.db(`bench_raw_${Date.now()}`);
  const state = db.collection<{ _id: string; eTag: string; v: number }>('state');
  const feed = db.collection('feed');
  let ops = 0;
  const SECONDS = 5;
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: Math.min(C, 50) }, async (_, w) => {
      for (let i = 0; performance.now() < until; i++) {
        const id = `w${w}`;
        await state.findOne({ _id: id });
        await state.replaceOne({ _id: id }, { eTag: String(i), v: i }, { upsert: true });
        await state.findOneAndUpdate({ _id: id }, { $inc: { v: 1 } }, { returnDocument: 'after' });
        await feed.insertOne({ w, i, json: 'x'.repeat(400) });
        await feed.find({ w, i: { $gt: i - 3 } }).toArray();
        ops += 5;
      }
    }),
  );
  await db.dropDatabase();
  await client.close();
  return ops / SECONDS;
}

const perTurn = (r: Result, p: Phase) => ((r.byPhase.get(p) ?? 0) / r.turns).toFixed(1);

async function throughput(uri: string): Promise<void> {
  out(`1. Throughput: ${C} concurrent citizens, 7 turns each, server in this process`);
  const results = [
    await runMode(uri, '(1) echo bot', 'echo', 'poll'),
    await runMode(uri, '(2) dialogs + MemoryStorage', 'memory', 'poll'),
    await runMode(uri, '(3) dialogs + MongoDB state', 'mongo', 'poll'),
    await runMode(uri, '(4) = (3) on the WebSocket', 'mongo', 'ws'),
  ];
  for (const r of results) {
    out(
      `${r.name.padEnd(30)} ${String(r.turns).padStart(5)} turns  ${(r.turns / r.seconds).toFixed(1).padStart(6)} turns/s  ` +
        `p50 ${r.p50.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  ${r.roundTrips.toFixed(1)} MongoDB round-trips/turn ` +
        `(turn ${perTurn(r, 'turn')}, poll ${perTurn(r, 'poll')}, stream timers ${perTurn(r, 'background')}, ` +
        `opening the conversation ${perTurn(r, 'setup')})`,
    );
  }
  const raw = await rawStorage(uri);
  const [echo, memory, mongoState] = results.map((r) => r.turns / r.seconds);
  const ceiling = raw / results[2].roundTrips;
  out(`raw storage: ${raw.toFixed(0)} ops/s (same server, same kinds of reads/writes)`);
  out(`engine = (2)/(1) = ${(memory / echo).toFixed(2)}`);
  out(
    `storage efficiency = (3) / (raw ops/s / round-trips per turn) = ${mongoState.toFixed(1)} / ${ceiling.toFixed(1)} = ${(mongoState / ceiling).toFixed(2)}`,
  );
  // What the formula allows on this machine: the echo bot does no dialog work at all, so no bot can do better; when
  // it is far below 0.7 too, the CPU (server, clients and MongoDB on the same cores), not storage, is the limit.
  const echoBound = echo / (raw / results[0].roundTrips);
  out(
    `  bound on this machine: the echo bot's own figure (1) / (raw / its round-trips) = ${echoBound.toFixed(2)}; ` +
      `(3)/(2), the throughput MongoDB state keeps of MemoryStorage's = ${(mongoState / memory).toFixed(2)}`,
  );
}

/** The server as a child process, with its RSS sampled every 100 ms. */
class ChildServer {
  readonly proc: ChildProcess;
  port = 0;
  peakRss = 0;
  private sampler?: NodeJS.Timeout;

  constructor(uri: string) {
    const entry = path.join(__dirname, 'turns', 'server.ts');
    this.proc = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', entry, 'mongo'], {
      env: { ...process.env, MONGODB_URI: uri },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  async started(): Promise<void> {
    this.port = await new Promise<number>((resolve, reject) => {
      this.proc.once('message', (m) => resolve((m as { port: number }).port));
      this.proc.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    this.sampler = setInterval(() => (this.peakRss = Math.max(this.peakRss, this.rss())), 100);
  }

  /** Resident set size of the server process now (bytes), from /proc. */
  rss(): number {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  }

  /** The server's MongoDB command counts since its last reset. */
  counts(): Promise<{ total: number; byPhase: [Phase, number][] }> {
    return new Promise((resolve) => {
      this.proc.once('message', (m) => resolve(m as { total: number; byPhase: [Phase, number][] }));
      this.proc.send('counts');
    });
  }

  async stop(): Promise<void> {
    clearInterval(this.sampler);
    const exited = new Promise((r) => this.proc.once('exit', r));
    this.proc.send('stop');
    await exited;
  }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function realisticLoad(uri: string): Promise<void> {
  const n = arg('citizens', 200);
  const think = arg('think', 3000);
  const server = new ChildServer(uri);
  await server.started();
  const base = `http://127.0.0.1:${server.port}`;
  await citizen(base, { full: true, transport: 'ws' }); // warm-up
  const idle = server.rss();
  server.proc.send('reset');
  const t0 = performance.now();
  const starts = Array.from({ length: n }, (_, i) => (i * think) / n); // arrivals spread over one think time
  const all = await Promise.all(
    starts.map(async (ms) => {
      await new Promise((r) => setTimeout(r, ms));
      return citizen(base, { full: true, transport: 'ws', thinkMs: think });
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const lat = all.flat();
  const c = await server.counts();
  await server.stop();
  out(
    `2. Realistic load: ${n} citizens on the WebSocket, ~${think} ms think time, server in a child process: ` +
      `${lat.length} turns in ${seconds.toFixed(0)} s (${(lat.length / seconds).toFixed(1)} turns/s)  ` +
      `p50 ${pct(lat, 0.5).toFixed(0)} ms  p99 ${pct(lat, 0.99).toFixed(0)} ms  ` +
      `server RSS idle ${mb(idle)}, peak ${mb(server.peakRss)}  ` +
      `${(c.total / lat.length).toFixed(1)} MongoDB commands/turn incl. opening and stream polling ` +
      `(${c.byPhase.map(([p, v]) => `${p} ${(v / lat.length).toFixed(1)}`).join(', ')})`,
  );
}

async function openConversations(uri: string): Promise<void> {
  const k = arg('open', 10_000);
  const greet = arg('greet', 1) !== 0;
  const server = new ChildServer(uri);
  await server.started();
  const base = `http://127.0.0.1:${server.port}`;
  const before = server.rss();
  const streams: Stream[] = [];
  const t0 = performance.now();
  let lap = t0;
  for (let i = 0; i < k; i += 50) {
    if (i > 0 && i % 1000 === 0) {
      const now = performance.now();
      out(
        `   ${i} open, ${(1000 / ((now - lap) / 1000)).toFixed(0)} conversations/s (last 1000), server RSS ${mb(server.rss())}`,
      );
      lap = now;
    }
    await Promise.all(
      Array.from({ length: Math.min(50, k - i) }, async () => {
        const conv = greet ? await openConversation(base) : await reserveConversation(base);
        const s = new Stream(conv.streamUrl, base);
        await s.opened();
        streams.push(s);
      }),
    );
  }
  const opening = (performance.now() - t0) / 1000;
  await new Promise((r) => setTimeout(r, 3000));
  server.proc.send('reset');
  const IDLE_S = 5;
  await new Promise((r) => setTimeout(r, IDLE_S * 1000));
  const c = await server.counts();
  const rss = server.rss();
  for (const s of streams) s.close();
  await server.stop();
  out(
    `3. ${k} open conversations (${greet ? 'each greeted' : 'token only, no greeting'}, stream open; opened in ${opening.toFixed(0)} s): server RSS ${mb(rss)} ` +
      `(${mb(before)} before, peak ${mb(server.peakRss)}); idle: ${(c.total / IDLE_S).toFixed(0)} MongoDB commands/s`,
  );
}

async function main(): Promise<void> {
  const mongo = await benchMongo(configOrExit(), mkdtempSync(path.join(os.tmpdir(), 'suara-bench-')));
  try {
    out(
      `Direct Line turns benchmark, ${mongo.kind} MongoDB, ${os.cpus().length} CPUs, Node ${process.version}`,
    );
    if (!only || only === 'throughput') await throughput(mongo.uri);
    if (!only || only === 'load') await realisticLoad(mongo.uri);
    if (!only || only === 'open') await openConversations(mongo.uri);
  } finally {
    await mongo.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.message}\n`);
  process.exitCode = 1;
});
