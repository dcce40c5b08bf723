/**
 * `npm run bench:delivery -- [--n 10000] [--agencies 20] [--workers 1,4] [--concurrency 8] [--poll 250]
 *   [--kinds webhook,email,inbox] [--smtp-pool]`
 * Inserts N due deliveries spread over several agencies, runs 1 and then 4 workers (each with its own connection)
 * against a local receiver — a webhook receiver, a real SMTP server (smtp-server, via nodemailer, one connection per
 * message, or pooled with --smtp-pool = `?pool=true` in SMTP_URL) or the Suara inbox (no network: the cost of the outbox alone) — and prints deliveries/s and p50/p99
 * end-to-end delay (due → received). Uses MONGODB_URI when set, else starts the embedded server like `npm start`.
 * Not part of `npm test`.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MongoClient } from 'mongodb';
import { SMTPServer } from 'smtp-server';
import type { DeliveryEndpoint } from '../services/agencies/types';
import { createSmtpMailer, type MailContext } from '../services/delivery/mailer';
import { benchMongo, configOrExit } from '../bots/compose/database';
import { startWorker } from '../services/delivery/worker';
import { newReference } from '../services/feedback/reference';
import { FeedbackRepository } from '../services/feedback/repository';
import type { FeedbackRecord } from '../services/feedback/types';
import { arg } from './benchRun';

const N = Number(arg('n', '10000'));
const AGENCIES = Number(arg('agencies', '20'));
const WORKER_COUNTS = arg('workers', '1,4').split(',').map(Number);
const CONCURRENCY = Number(arg('concurrency', '8'));
const KINDS = arg('kinds', 'webhook,email,inbox').split(',') as Kind[];

type Kind = 'webhook' | 'email' | 'inbox';

/** A receiver of one kind: the endpoint to give the worker, and how to stop it. */
interface Receiver {
  endpoint: DeliveryEndpoint;
  env?: NodeJS.ProcessEnv;
  mail?: MailContext;
  close(): Promise<void>;
}

/** Start the receiver for `kind`; it records the first arrival time of each reference in `arrivals`. */
async function startReceiver(kind: Kind, arrivals: Map<string, number>): Promise<Receiver> {
  const seen = (key: string) => {
    if (!arrivals.has(key)) arrivals.set(key, Date.now());
  };
  if (kind === 'webhook') {
    const server = http.createServer((req, res) => {
      const key = String(req.headers['idempotency-key']);
      req.resume();
      req.on('end', () => {
        seen(key);
        res.writeHead(200).end('{}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/in`;
    return {
      endpoint: { kind: 'webhook', url, secretEnv: 'BENCH_SECRET' },
      env: { BENCH_SECRET: 'bench' },
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }
  if (kind === 'email') {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, cb) {
        let head = '';
        stream.on('data', (c: Buffer) => {
          if (head.length < 8192) head += c.toString('utf8');
        });
        stream.on('end', () => {
          const ref = /^X-Suara-Reference: (\S+)/im.exec(head)?.[1];
          if (ref) seen(ref);
          cb(null, 'OK');
        });
      },
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.server.address() as AddressInfo).port;
    const mailer = createSmtpMailer({
      url: `smtp://127.0.0.1:${port}${process.argv.includes('--smtp-pool') ? '?pool=true&maxConnections=8' : ''}`,
      from: 'Suara <suara@bench.test>',
      timeoutMs: 15_000,
    });
    return {
      endpoint: { kind: 'email', to: ['aduan@bench.test'] },
      mail: { mailer, dashboardUrl: 'http://127.0.0.1:3978' },
      close: async () => {
        mailer.close();
        await new Promise<void>((r) => server.close(() => r()));
      },
    };
  }
  return { endpoint: { kind: 'inbox' }, close: async () => undefined };
}

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

/** Deliver N items with `workers` workers to one kind of receiver and print the figures. */
async function run(uri: string, kind: Kind, workers: number): Promise<void> {
  const arrivals = new Map<string, number>();
  const receiver = await startReceiver(kind, arrivals);
  const setup = new MongoClient(uri);
  await setup.connect();
  const db = setup.db(`bench_delivery_${Date.now()}`);
  const col = db.collection<FeedbackRecord>('feedback');
  try {
    await new FeedbackRepository(db).outbox.ensureIndexes();
    const now = new Date();
    for (let i = 0; i < N; i += 1000) {
      await col.insertMany(Array.from({ length: Math.min(1000, N - i) }, (_, j) => record(i + j, now)));
    }
    const clients = await Promise.all(Array.from({ length: workers }, () => new MongoClient(uri).connect()));
    const start = Date.now();
    const running = clients.map((c) =>
      startWorker(
        {
          feedback: new FeedbackRepository(c.db(db.databaseName)),
          endpointFor: async () => receiver.endpoint,
          ...(receiver.env ? { env: receiver.env } : {}),
          ...(receiver.mail ? { mail: receiver.mail } : {}),
        },
        { concurrency: CONCURRENCY, pollIntervalMs: Number(arg('poll', '250')) },
      ),
    );
    // Wait on the receiver (no extra database load), then confirm in the database. The inbox has no receiver.
    while (kind !== 'inbox' && arrivals.size < N) await new Promise((r) => setTimeout(r, 100));
    while ((await col.countDocuments({ 'delivery.state': 'delivered' })) < N) {
      await new Promise((r) => setTimeout(r, 250));
    }
    const elapsed = (Date.now() - start) / 1000;
    await Promise.all(running.map((w) => w.stop()));
    const delays = [...arrivals.values()].map((t) => t - start).sort((a, b) => a - b);
    const latency =
      kind === 'inbox'
        ? 'no receiver (outbox cost only)'
        : `end-to-end delay p50 ${pct(delays, 50)} ms, p99 ${pct(delays, 99)} ms; receiver saw ${arrivals.size} distinct references`;
    process.stdout.write(
      `${kind.padEnd(7)} ${workers} worker(s): ${N} delivered in ${elapsed.toFixed(1)} s = ` +
        `${(N / elapsed).toFixed(0)} deliveries/s; ${latency}\n`,
    );
    await Promise.all(clients.map((c) => c.close()));
  } finally {
    await db.dropDatabase();
    await setup.close();
    await receiver.close();
  }
}

async function main(): Promise<void> {
  const mongo = await benchMongo(configOrExit(), undefined, '[bench] ');
  process.stdout.write(
    `server: ${mongo.description}\nN=${N}, agencies=${AGENCIES}, concurrency per worker=${CONCURRENCY}\n`,
  );
  try {
    for (const kind of KINDS) for (const workers of WORKER_COUNTS) await run(mongo.uri, kind, workers);
  } finally {
    await mongo.stop();
  }
}

main().catch((e: Error) => {
  process.stderr.write(`bench failed: ${e.message}\n`);
  process.exit(1);
});
