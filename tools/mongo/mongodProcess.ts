import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { MongoStartError } from './errors';
import { processEnv } from '../../services/config';

const RESOLVE_TIMEOUT_MS = 15_000;
const FAILED_DOWNLOAD_MEMO = path.join(os.tmpdir(), 'suara-mongod-download-failed.json');
const FAILED_DOWNLOAD_TTL_MS = 60 * 60 * 1000;

/** A running real mongod (single-node replica set) with a persistent data directory. */
export interface MongodHandle {
  uri: string;
  binary: string;
  stop(): Promise<void>;
}

/** A recent failed download is remembered for an hour so every start does not wait on the network again. */
function recentDownloadFailure(): string | undefined {
  try {
    const memo = JSON.parse(readFileSync(FAILED_DOWNLOAD_MEMO, 'utf8')) as { at?: number; reason?: string };
    if (typeof memo.at === 'number' && Date.now() - memo.at < FAILED_DOWNLOAD_TTL_MS)
      return memo.reason ?? '';
  } catch {
    // no memo
  }
  return undefined;
}

function rememberDownloadFailure(reason: string): void {
  try {
    writeFileSync(FAILED_DOWNLOAD_MEMO, JSON.stringify({ at: Date.now(), reason }));
  } catch {
    // best effort only
  }
}

/**
 * Find a mongod binary (MONGOMS_SYSTEM_BINARY, the mongodb-memory-server cache, or a download), in a child
 * process that is killed after 15 s so an unreachable download server cannot stall startup.
 */
export function resolveMongodBinary(): Promise<string> {
  const lib = require.resolve('mongodb-memory-server-core');
  const script =
    `const { MongoBinary } = require(${JSON.stringify(lib)});` +
    `MongoBinary.getPath().then((p) => console.log(JSON.stringify({ path: p })),` +
    ` (e) => { console.log(JSON.stringify({ error: String((e && e.message) || e) })); process.exitCode = 2; });`;
  const env = { ...processEnv() };
  const memo = env.MONGOMS_SYSTEM_BINARY ? undefined : recentDownloadFailure();
  if (memo !== undefined) env.MONGOMS_RUNTIME_DOWNLOAD = 'false';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'], env });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rememberDownloadFailure(`no binary within ${RESOLVE_TIMEOUT_MS / 1000} s`);
      reject(
        new MongoStartError('MONGOD_UNAVAILABLE', `no mongod binary within ${RESOLVE_TIMEOUT_MS / 1000} s`),
      );
    }, RESOLVE_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (c: string) => (out += c));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new MongoStartError('MONGOD_UNAVAILABLE', e.message));
    });
    child.on('close', () => {
      clearTimeout(timer);
      const last = out.trim().split('\n').pop() ?? '';
      let parsed: { path?: string; error?: string } = {};
      try {
        parsed = JSON.parse(last) as typeof parsed;
      } catch {
        parsed = { error: last || 'no output' };
      }
      if (parsed.path && existsSync(parsed.path)) return resolve(parsed.path);
      let reason = (parsed.error ?? 'unknown error').replace(/\s+/g, ' ');
      if (memo !== undefined) {
        reason =
          `none cached, and the download was skipped because it failed within the last hour ` +
          `(${memo.slice(0, 160)}; delete ${FAILED_DOWNLOAD_MEMO} to retry now)`;
      } else if (!env.MONGOMS_SYSTEM_BINARY) {
        rememberDownloadFailure(reason);
      }
      reject(new MongoStartError('MONGOD_UNAVAILABLE', reason));
    });
  });
}

function listenOn(port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(undefined));
    srv.listen(port, '127.0.0.1', () => {
      const addr = srv.address();
      const bound = typeof addr === 'object' && addr ? addr.port : undefined;
      srv.close(() => resolve(bound));
    });
  });
}

function portFile(dbPath: string): string {
  return path.join(dbPath, 'suara-port.json');
}

/** The replica-set config stores host:port, so a persistent data directory must keep its port across restarts. */
async function stablePort(dbPath: string): Promise<number> {
  let saved: number | undefined;
  try {
    const port = (JSON.parse(readFileSync(portFile(dbPath), 'utf8')) as { port?: number }).port;
    if (typeof port === 'number' && port > 0) saved = port;
  } catch {
    // first start
  }
  if (saved === undefined) {
    const port = await listenOn(0);
    if (!port) throw new MongoStartError('MONGOD_FAILED', 'no free TCP port on 127.0.0.1');
    return port;
  }
  if ((await listenOn(saved)) === undefined) {
    throw new MongoStartError(
      'MONGOD_FAILED',
      `port ${saved} on 127.0.0.1, which the data directory ${dbPath} was created with (see suara-port.json), is in use`,
    );
  }
  return saved;
}

/** Start a real mongod as a one-member replica set (`rs0`) whose data lives in `<dataDir>/mongod`. */
export async function startMongod(dataDir: string): Promise<MongodHandle> {
  const binary = await resolveMongodBinary();
  const dbPath = path.join(dataDir, 'mongod');
  mkdirSync(dbPath, { recursive: true });
  const port = await stablePort(dbPath);
  try {
    const { MongoMemoryReplSet } = await import('mongodb-memory-server-core');
    const rs = await MongoMemoryReplSet.create({
      binary: { systemBinary: binary },
      replSet: { name: 'rs0', count: 1, storageEngine: 'wiredTiger', ip: '127.0.0.1' },
      instanceOpts: [{ dbPath, port, storageEngine: 'wiredTiger' }],
    });
    writeFileSync(portFile(dbPath), JSON.stringify({ port: rs.servers[0]?.instanceInfo?.port ?? port }));
    return { uri: rs.getUri(), binary, stop: async () => void (await rs.stop({ doCleanup: false })) };
  } catch (err) {
    if (err instanceof MongoStartError) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    throw new MongoStartError(
      'MONGOD_FAILED',
      `mongod (${binary}) did not start with data directory ${dbPath}: ${msg.split('\n')[0]}`,
    );
  }
}
