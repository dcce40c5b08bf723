/**
 * The fault suite's processes, each a real OS process so it can be SIGKILLed: the MongoDB stand-in on a fixed port
 * (so "MongoDB back" is the same address, and empty), the app (`tsx index.ts`, as test/app/start.test.ts starts it)
 * and the delivery worker (`tsx bin/worker.ts`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SYSTEM_PYTHON } from '../../tools/mongo/standinProcess';

/** The repository root. */
export const ROOT = join(__dirname, '..', '..');
/** `node --import tsx`: the app runs in the spawned process itself (tsx's CLI would run it in a child that a
 * SIGKILL of the CLI leaves running). */
const TSX_NODE = ['--disable-warning=DEP0111', '--import', 'tsx'];

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A spawned process with its combined output. */
export class Proc {
  out = '';
  readonly exited: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    child.stdout?.on('data', (d: Buffer) => (this.out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.out += d.toString()));
    this.exited = new Promise((r) => child.once('exit', (code) => r(code)));
  }

  /** Wait until the output contains `marker`. */
  async waitFor(marker: string | RegExp, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const seen = () => (typeof marker === 'string' ? this.out.includes(marker) : marker.test(this.out));
    while (!seen()) {
      if (this.child.exitCode !== null || this.child.signalCode !== null)
        throw new Error(`${this.name} exited early:\n${this.out.slice(-3000)}`);
      if (Date.now() > deadline)
        throw new Error(`${this.name} did not print ${marker}:\n${this.out.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Send a signal and wait for the exit. */
  async kill(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode;
    this.child.kill(signal);
    return this.exited;
  }
}

/** The MongoDB stand-in on `port` (in memory: a restart is an empty database). */
export async function startStandin(port: number): Promise<Proc> {
  const script = join(ROOT, 'tools', 'mongo', 'standin', 'suara_mongod.py');
  const args = ['-B', script, '--host', '127.0.0.1', '--port', String(port), '--replset', 'rs0'];
  args.push('--parent-pid', String(process.pid));
  const p = new Proc('mongo-standin', spawn(SYSTEM_PYTHON, args, { stdio: ['ignore', 'pipe', 'pipe'] }));
  await p.waitFor('SUARA_MONGOD_READY', 30_000);
  return p;
}

/** Start `tsx index.ts --no-chat` with `env` and wait until it serves. */
export async function startApp(name: string, env: NodeJS.ProcessEnv): Promise<Proc> {
  const child = spawn(process.execPath, [...TSX_NODE, 'index.ts', '--no-chat'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p = new Proc(name, child);
  await p.waitFor('Suara is running.', 180_000);
  return p;
}

/** Start the delivery worker (`tsx bin/worker.ts`). */
export async function startWorker(env: NodeJS.ProcessEnv): Promise<Proc> {
  const child = spawn(process.execPath, [...TSX_NODE, join('bin', 'worker.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p = new Proc('worker', child);
  await p.waitFor('worker.started', 120_000);
  return p;
}

/** Poll `fn` until it returns a truthy value (or throw after `timeoutMs`, naming `what`). */
export async function until<T>(
  what: string,
  fn: () => Promise<T>,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
