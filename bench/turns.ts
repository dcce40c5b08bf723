/**
 * Benchmark (not a test): C concurrent simulated citizens each file a complaint through the Direct Line HTTP API of
 * a server started here, three ways: (1) echo bot, (2) full dialogs with MemoryStorage, (3) full dialogs with
 * MongoDB state; plus the raw rate of the same MongoDB server for the reads/writes one turn needs.
 * Usage: npm run bench:turns -- [--concurrency 200]   (MONGODB_URI to use a given server; else an embedded one)
 * Server and load generator share this process, so "peak RSS" includes the simulated citizens.
 */
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ActivityHandler, type ActivityHandler as Bot } from 'botbuilder';
import { MongoClient, type Db } from 'mongodb';
import * as restify from 'restify';
import { buildCore } from '../bots/compose/core';
import type { PipelineDeps } from '../bots/bot/pipeline';
import { mountWebChat } from '../bots/channels/webchat';
import { benchMongo, configOrExit } from '../bots/compose/database';
import { silentLogger } from '../services/log';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const C = arg('concurrency', 200);

/** The echo bot of mode (1). */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      await ctx.sendActivity(`echo: ${ctx.activity.text ?? ''}`);
      await next();
    });
  }
}

interface Act {
  type: string;
  text?: string;
  from?: { role?: string };
  suggestedActions?: { actions: { title: string; value: unknown }[] };
}

/** One citizen filing a complaint in Malay; returns per-turn latencies (ms). */
async function citizen(base: string, full: boolean): Promise<number[]> {
  const j = async (url: string, init: { token?: string; body?: unknown; method?: string } = {}) => {
    const res = await fetch(url, {
      method: init.method ?? (init.body ? 'POST' : 'GET'),
      headers: {
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        Origin: base,
      },
      body: init.body ? JSON.stringify(init.body) : undefined,
    });
    if (!res.ok) throw new Error(`${res.status} ${url}`);
    return res.json() as Promise<any>;
  };
  const dl = `${base}/v3/directline`;
  const gen = await j(`${dl}/tokens/generate`, { body: { site: 'demo', locale: 'ms-MY' } });
  const conv = await j(`${dl}/conversations`, { token: gen.token, method: 'POST' });
  let watermark = '';
  let last: Act | undefined;
  const read = async () => {
    const page = await j(`${dl}/conversations/${conv.conversationId}/activities?watermark=${watermark}`, {
      token: conv.token,
    });
    watermark = page.watermark;
    const bots = (page.activities as Act[]).filter((a) => a.from?.role !== 'user' && a.type === 'message');
    if (bots.length) last = bots[bots.length - 1];
  };
  await read();
  const button = (re: RegExp) => {
    const a = last?.suggestedActions?.actions.find((x) => re.test(x.title));
    if (!a) throw new Error(`no button ${re} after "${last?.text}"`);
    return String(a.value);
  };
  const steps: (() => Record<string, unknown>)[] = full
    ? [
        () => ({ text: button(/^Aduan$/) }),
        () => ({ text: 'Ada lubang besar di Jalan Raja Laut, bahaya kepada penunggang motosikal' }),
        () => ({ text: button(/^Ya/) }),
        () => ({
          attachments: [
            { contentType: 'application/vnd.suara.location+json', content: { lat: 3.1579, lng: 101.6958 } },
          ],
        }),
        () => ({ text: button(/^Langkau$/) }),
        () => ({ text: button(/tanpa nama/i) }),
        () => ({ text: button(/^Hantar$/) }),
      ]
    : Array.from({ length: 7 }, (_, i) => () => ({ text: `mesej ${i}` }));
  const latencies: number[] = [];
  for (const s of steps) {
    const body = { type: 'message', ...s() };
    const t0 = performance.now();
    await j(`${dl}/conversations/${conv.conversationId}/activities`, { token: conv.token, body });
    latencies.push(performance.now() - t0);
    await read();
  }
  if (full && !/SRA-/.test(JSON.stringify(last))) {
    // the reference is in the message before "anything else?"; check the whole feed once
    const all = await j(`${dl}/conversations/${conv.conversationId}/activities`, { token: conv.token });
    if (!/SRA-[2-9A-Z]{4}-[2-9A-Z]{4}/.test(JSON.stringify(all))) throw new Error('no reference number');
  }
  return latencies;
}

interface Result {
  name: string;
  turns: number;
  seconds: number;
  p50: number;
  p99: number;
  rssMb: number;
  roundTrips: number;
}

const pct = (xs: number[], p: number) =>
  xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function runMode(uri: string, name: string, mode: 'echo' | 'memory' | 'mongo'): Promise<Result> {
  const client = new MongoClient(uri, { monitorCommands: true, maxPoolSize: 50 });
  await client.connect();
  const db = client.db(`bench_${mode}_${Date.now()}`);
  let bot: Pick<Bot, 'run'>;
  let pipeline: PipelineDeps | undefined;
  if (mode === 'echo') bot = new EchoBot();
  else {
    const core = await buildCore(db, { stateStorage: mode });
    bot = core.bot;
    pipeline = core.pipeline;
  }
  const server = restify.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  const mount = await mountWebChat(server, {
    bot,
    pipeline,
    db,
    config: { PORT: port },
    // Abuse limits off: the bench deliberately opens hundreds of conversations from one address.
    env: {
      DIRECTLINE_TOKEN_SECRET: 'bench-secret-0123456789-abcdefghijklmnop',
      WEBCHAT_RATE_PER_IP_PER_MIN: '0',
      WEBCHAT_RATE_PER_SITE_PER_MIN: '0',
      WEBCHAT_RATE_PER_CONVERSATION_PER_MIN: '0',
    },
    log: silentLogger,
    buildWidget: false,
  });
  await citizen(`http://127.0.0.1:${port}`, mode !== 'echo'); // warm-up (JIT, classifier, indexes), not measured
  let commands = 0;
  client.on('commandStarted', () => commands++);
  let rss = process.memoryUsage().rss;
  const sampler = setInterval(() => (rss = Math.max(rss, process.memoryUsage().rss)), 100);
  const t0 = performance.now();
  const all = await Promise.all(
    Array.from({ length: C }, () => citizen(`http://127.0.0.1:${port}`, mode !== 'echo')),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const lat = all.flat();
  await mount.close();
  server.close();
  await db.dropDatabase();
  await client.close();
  return {
    name,
    turns: lat.length,
    seconds,
    p50: pct(lat, 0.5),
    p99: pct(lat, 0.99),
    rssMb: rss / 1024 / 1024,
    roundTrips: commands / lat.length,
  };
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

async function main(): Promise<void> {
  const mongo = await benchMongo(configOrExit(), mkdtempSync(path.join(os.tmpdir(), 'suara-bench-')));
  try {
    process.stdout.write(`Direct Line turns benchmark, ${C} concurrent citizens, ${mongo.kind} MongoDB\n`);
    const results = [
      await runMode(mongo.uri, '(1) echo bot', 'echo'),
      await runMode(mongo.uri, '(2) dialogs + MemoryStorage', 'memory'),
      await runMode(mongo.uri, '(3) dialogs + MongoDB state', 'mongo'),
    ];
    for (const r of results) {
      process.stdout.write(
        `${r.name.padEnd(30)} ${String(r.turns).padStart(5)} turns  ${(r.turns / r.seconds).toFixed(1).padStart(7)} turns/s  ` +
          `p50 ${r.p50.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  peak RSS ${r.rssMb.toFixed(0)} MB  ` +
          `${r.roundTrips.toFixed(1)} MongoDB round-trips/turn\n`,
      );
    }
    const raw = await rawStorage(mongo.uri);
    const [echo, memory, mongoState] = results.map((r) => r.turns / r.seconds);
    const ceiling = raw / results[2].roundTrips;
    process.stdout.write(`raw storage: ${raw.toFixed(0)} ops/s (same server, same kinds of reads/writes)\n`);
    process.stdout.write(`engine = (2)/(1) = ${(memory / echo).toFixed(2)}\n`);
    process.stdout.write(
      `storage efficiency = (3) / (raw ops/s / round-trips per turn) = ${mongoState.toFixed(1)} / ${ceiling.toFixed(1)} = ${(mongoState / ceiling).toFixed(2)}\n`,
    );
  } finally {
    await mongo.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.message}\n`);
  process.exitCode = 1;
});
