/**
 * `npm start` as its own process for the hostile-input suite: Direct Line, Telegram (webhook mode against the fake
 * Bot API), Open311, agency updates, dashboard and uploads on one port, on the shared test MongoDB. Everything the
 * app writes to stdout/stderr after start-up is kept in `logs`, so tests can prove nothing leaked into them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { MongoClient, type Db } from 'mongodb';
import { loadAgencies } from '../../services/agencies/directory';
import { FakeTelegram } from '../support/fakeTelegram';
import { testMongoUri } from '../support/mongo';

const ROOT = join(__dirname, '..', '..');

/** Secrets the app is started with. */
export const SECRETS = {
  telegramWebhook: 'hostile_webhook_secret-123',
  open311Key: 'hostile-open311-key',
  agencyUpdate: 'hostile-agency-update-secret',
  site: 'hostile-site-secret-0123456789',
};

/** A running app process. */
export interface HostileApp {
  base: string;
  db: Db;
  fake: FakeTelegram;
  /** Log lines written after start-up. */
  logs: string[];
  /** The agency whose update secret is SECRETS.agencyUpdate. */
  agencyId: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Start the app and wait until it says it is running. */
export async function startHostileApp(): Promise<HostileApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dbName = `t_hostile_${Date.now()}`;
  const fake = await FakeTelegram.start();
  const agency = loadAgencies().find((a) => a.endpoint.kind === 'webhook')!;
  const secretEnv = (agency.endpoint as { secretEnv: string }).secretEnv;
  const child: ChildProcess = spawn(
    process.execPath,
    ['--disable-warning=DEP0111', '--import', 'tsx', 'index.ts', '--no-chat'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: '--disable-warning=DEP0111',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: base,
        MONGODB_URI: testMongoUri(),
        MONGODB_DB: dbName,
        SUARA_DATA_DIR: join('/tmp', `suara-hostile-${port}`),
        LOG_LEVEL: 'debug',
        OPEN311_POLL_MINUTES: '0',
        DELIVERY_WORKER: 'false',
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.apiRoot,
        TELEGRAM_MODE: 'webhook',
        TELEGRAM_WEBHOOK_SECRET: SECRETS.telegramWebhook,
        OPEN311_KEY_DEMO: SECRETS.open311Key,
        [secretEnv]: SECRETS.agencyUpdate,
        SITE_DEMO_SECRET: SECRETS.site,
        WEBCHAT_RATE_PER_IP_PER_MIN: '1000000',
        WEBCHAT_RATE_PER_SITE_PER_MIN: '1000000',
        WEBCHAT_RATE_PER_CONVERSATION_PER_MIN: '1000000',
        WEBCHAT_UPLOAD_MAX_BYTES: String(256 * 1024),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let boot = '';
  let ready = false;
  const logs: string[] = [];
  const collect = (d: Buffer) => {
    const text = d.toString();
    if (!ready) boot += text;
    else logs.push(...text.split('\n').filter(Boolean));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const deadline = Date.now() + 120_000;
  while (!boot.includes('Suara is running.') || !boot.includes('Teams staff app')) {
    if (child.exitCode !== null) throw new Error(`the app exited early:\n${boot}`);
    if (Date.now() > deadline) throw new Error(`the app did not come up:\n${boot}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  ready = true;
  const client = await MongoClient.connect(testMongoUri());
  return {
    base,
    db: client.db(dbName),
    fake,
    logs,
    agencyId: agency.id,
    stop: async () => {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
      await client
        .db(dbName)
        .dropDatabase()
        .catch(() => undefined);
      await client.close();
      await fake.close();
    },
  };
}

/** Run `work` over `items` with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, work: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run));
}
