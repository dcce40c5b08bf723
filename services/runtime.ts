/** `.data/runtime.json`: how other local tools (the terminal chat, the CLIs) find a running server's MongoDB. */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What a running server publishes about itself. */
export interface RuntimeInfo {
  pid: number;
  mongoUri: string;
  url: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Publish this process's runtime info (local, same user only). */
export async function writeRuntime(dataDir: string, info: RuntimeInfo): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await writeFile(join(dataDir, 'runtime.json'), JSON.stringify(info), { mode: 0o600 });
}

/** The running server's info, if one is alive. */
export async function readRuntime(dataDir: string): Promise<RuntimeInfo | null> {
  try {
    const info = JSON.parse(await readFile(join(dataDir, 'runtime.json'), 'utf8')) as RuntimeInfo;
    return typeof info.pid === 'number' && info.pid !== process.pid && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

/** Remove the runtime file on shutdown. */
export async function clearRuntime(dataDir: string): Promise<void> {
  await rm(join(dataDir, 'runtime.json'), { force: true });
}
