import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { MongoStartError } from './errors';
import { processEnv } from '../../services/config';

/** Debian's interpreter: the `python3` on PATH may be a pyenv/venv one that cannot see Debian's packages. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
/** The Debian packages the stand-in runs on. */
export const STANDIN_PACKAGES = ['python3-mockupdb', 'python3-mongomock'] as const;
/** The exact command that installs them. */
export const STANDIN_INSTALL_COMMAND = `apt-get update && apt-get install -y ${STANDIN_PACKAGES.join(' ')}`;

const SCRIPT = path.join(__dirname, 'standin', 'suara_mongod.py');
const READY_TIMEOUT_MS = 20_000;
const STDERR_TAIL_LINES = 40;

/** Options for one stand-in server process. */
export interface StandinProcessOptions {
  python: string;
  replSet: string;
  ttlIntervalSeconds?: number;
  log: (line: string) => void;
}

/** A running stand-in process. */
export interface StandinHandle {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

function packagesImportable(python: string): boolean {
  if (!existsSync(python)) return false;
  const r = spawnSync(python, ['-c', 'import mockupdb, mongomock'], {
    stdio: 'ignore',
    timeout: 20_000,
  });
  return r.status === 0;
}

function hasAptGet(): boolean {
  return ['/usr/bin/apt-get', '/bin/apt-get'].some((p) => existsSync(p));
}

function missingError(python: string, extra = ''): MongoStartError {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  return new MongoStartError(
    'STANDIN_PACKAGES_MISSING',
    `No mongod is available, and the embedded MongoDB stand-in needs the Debian packages ` +
      `${STANDIN_PACKAGES.join(' and ')} (for ${python}).${extra}\n` +
      `Install them with:\n  ${sudo}apt-get update && ${sudo}apt-get install -y ${STANDIN_PACKAGES.join(' ')}\n` +
      `or point MONGODB_URI at a MongoDB server.`,
  );
}

function runInstall(log: (line: string) => void): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', STANDIN_INSTALL_COMMAND], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...processEnv(), DEBIAN_FRONTEND: 'noninteractive' },
    });
    const forward = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log(`  apt: ${line}`);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code));
  });
}

/** Make sure the stand-in's Debian packages are importable, installing them when allowed (root + apt-get). */
export async function ensureStandinPackages(
  python: string,
  allowInstall: boolean,
  log: (line: string) => void,
): Promise<void> {
  if (packagesImportable(python)) return;
  const canInstall = allowInstall && python === SYSTEM_PYTHON && process.getuid?.() === 0 && hasAptGet();
  if (!canInstall) throw missingError(python);
  log(
    `Installing Debian packages ${STANDIN_PACKAGES.join(' ')} (needed for the embedded MongoDB stand-in)… ` +
      `running: ${STANDIN_INSTALL_COMMAND}`,
  );
  const code = await runInstall(log);
  if (code !== 0 || !packagesImportable(python)) {
    throw missingError(python, ` Installing them automatically failed (exit code ${String(code)}).`);
  }
}

/** Start `suara_mongod.py` on 127.0.0.1 with a free port; resolves once it prints its READY line. */
export function spawnStandin(opts: StandinProcessOptions): Promise<StandinHandle> {
  const args = ['-B', SCRIPT, '--host', '127.0.0.1', '--port', '0', '--replset', opts.replSet];
  args.push('--parent-pid', String(process.pid));
  if (opts.ttlIntervalSeconds !== undefined) args.push('--ttl-interval', String(opts.ttlIntervalSeconds));
  const child = spawn(opts.python, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const stderrTail: string[] = [];
  let ready = false;
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    for (const line of chunk.split('\n')) {
      if (!line.trim()) continue;
      if (ready) opts.log(`mongo-standin: ${line}`);
      stderrTail.push(line);
      if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
    }
  });
  const killOnExit = (): void => {
    child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);

  return new Promise<StandinHandle>((resolve, reject) => {
    let stdoutBuf = '';
    let settled = false;
    const fail = (why: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
      child.kill('SIGKILL');
      const tail = stderrTail.length ? `\nIts error output was:\n  ${stderrTail.join('\n  ')}` : '';
      reject(
        new MongoStartError('STANDIN_FAILED', `The embedded MongoDB stand-in did not start: ${why}.${tail}`),
      );
    };
    const timer = setTimeout(
      () => fail(`no READY line within ${READY_TIMEOUT_MS / 1000} s`),
      READY_TIMEOUT_MS,
    );
    child.on('error', (err) => fail(err.message));
    child.on('exit', (code, signal) =>
      fail(`it exited early (code ${String(code)}, signal ${String(signal)})`),
    );
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      stdoutBuf += chunk;
      const m = /SUARA_MONGOD_READY port=(\d+)/.exec(stdoutBuf);
      if (!m || settled) return;
      settled = true;
      ready = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      detach(child);
      const port = Number(m[1]);
      resolve({ port, pid: child.pid ?? 0, stop: () => stopChild(child, killOnExit) });
    });
  });
}

function detach(child: ReturnType<typeof spawn>): void {
  child.unref();
  for (const s of [child.stdout, child.stderr]) {
    const sock = s as unknown as { unref?: () => void } | null;
    sock?.unref?.();
  }
}

function stopChild(child: ReturnType<typeof spawn>, killOnExit: () => void): Promise<void> {
  process.removeListener('exit', killOnExit);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
