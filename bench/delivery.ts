/**
 * `npm run bench:delivery -- [--n 10000] [--agencies 20] [--workers 1,4] [--concurrency 8] [--poll 250]`
 * Inserts N due deliveries spread over several agencies, runs 1 and then 4 workers (each with its own connection)
 * against a local webhook receiver, and prints deliveries/s and p50/p99 end-to-end delay (due → received).
 * Uses MONGODB_URI when set, else starts the embedded server like `npm start`. Not part of `npm test`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { startMongo } from '../services/db/launcher';
import { ensureDeliveryIndexes } from '../services/delivery/outboxStore';
import { startWorker } from '../services/delivery/worker';
import { newReference } from '../services/feedback/reference';
import type { FeedbackRecord } from '../services/feedback/types';

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : def;
}

const N = Number(arg('n', '10000'));
const AGENCIES = Number(arg('agencies', '20'));
const WORKER_COUNTS = arg('workers', '1,4').split(',').map(Number);
const CONCURRENCY = Number(arg('concurrency', '8'));

function record(i: number, now: Date): FeedbackRecord {
  return {
    _id: newReference(),
    type: 'complaint',
    category: 'roads',
    text: `Benchmark item ${i}`,
    language: 'ms',
    attachments: [],
    agencyId: `bench${i % AGENCIES}`,
    routing: { state: 'routed', reason: 'bench' },
    status: 'received',
    statusHistory: [{ status: 'received', at: now }],
    channel: { channelId: 'bench', conversationReference: {} },
    citizenKey: 'bench',
    anonymous: true,
    consent: { contact: false },
    createdAt: now,
    updatedAt: now,
    delivery: { state: 'pending', attempts: 0, nextAttemptAt: now, history: [] },
  };
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const mongo = await startMongo({ log: (l) => process.stderr.write(`[bench] ${l}\n`) });
  const arrivals = new Map<string, number>();
  const receiver = http.createServer((req, res) => {
    const key = String(req.headers['idempotency-key']);
    req.resume();
    req.on('end', () => {
      if (!arrivals.has(key)) arrivals.set(key, Date.now());
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/in`;
  process.stdout.write(
    `server: ${mongo.description}\nN=${N}, agencies=${AGENCIES}, concurrency per worker=${CONCURRENCY}\n`,
  );
  try {
    for (const workers of WORKER_COUNTS) {
      arrivals.clear();
      const setup = new MongoClient(mongo.uri);
      await setup.connect();
      const db = setup.db(`bench_delivery_${Date.now()}`);
      const col = db.collection<FeedbackRecord>('feedback');
      await ensureDeliveryIndexes(col);
      const now = new Date();
      for (let i = 0; i < N; i += 1000) {
        await col.insertMany(Array.from({ length: Math.min(1000, N - i) }, (_, j) => record(i + j, now)));
      }
      const clients = await Promise.all(
        Array.from({ length: workers }, () => new MongoClient(mongo.uri).connect()),
      );
      const start = Date.now();
      const running = clients.map((c) =>
        startWorker(
          {
            feedback: c.db(db.databaseName).collection<FeedbackRecord>('feedback'),
            endpointFor: async () => ({ kind: 'webhook', url, secretEnv: 'BENCH_SECRET' }),
            env: { BENCH_SECRET: 'bench' },
          },
          { concurrency: CONCURRENCY, pollIntervalMs: Number(arg('poll', '250')) },
        ),
      );
      // Wait on the receiver (no extra database load), then confirm in the database.
      while (arrivals.size < N) await new Promise((r) => setTimeout(r, 100));
      while ((await col.countDocuments({ 'delivery.state': 'delivered' })) < N) {
        await new Promise((r) => setTimeout(r, 250));
      }
      const elapsed = (Date.now() - start) / 1000;
      await Promise.all(running.map((w) => w.stop()));
      const delays = [...arrivals.values()].map((t) => t - start).sort((a, b) => a - b);
      process.stdout.write(
        `${workers} worker(s): ${N} delivered in ${elapsed.toFixed(1)} s = ${(N / elapsed).toFixed(0)} deliveries/s; ` +
          `end-to-end delay p50 ${pct(delays, 50)} ms, p99 ${pct(delays, 99)} ms; receiver saw ${arrivals.size} distinct keys\n`,
      );
      await db.dropDatabase();
      await Promise.all(clients.map((c) => c.close()));
      await setup.close();
    }
  } finally {
    receiver.close();
    await mongo.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.message}\n`);
  process.exit(1);
});
