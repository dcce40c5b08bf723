/** Builds the open-data page's script (web/open-data/main.ts + Chart.js) with esbuild into public/build/open-data.js. */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../../services/log';

const ROOT = path.resolve(__dirname, '../../..');
/** The page's source folder (main.ts, styles.css). */
export const OPEN_DATA_WEB = path.join(ROOT, 'web/open-data');
/** The built script. */
export const OPEN_DATA_OUT = path.join(ROOT, 'public/build/open-data.js');

function newestMtime(dir: string): number {
  return Math.max(...readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs));
}

/** True when the script is missing or older than its sources. */
export function openDataIsStale(): boolean {
  return !existsSync(OPEN_DATA_OUT) || newestMtime(OPEN_DATA_WEB) > statSync(OPEN_DATA_OUT).mtimeMs;
}

/** Build now (minified IIFE, written to a temporary file and renamed, so a reader never sees half a file); its size. */
export async function buildOpenData(): Promise<{ file: string; bytes: number }> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(OPEN_DATA_WEB, 'main.ts')],
    write: false,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome87', 'firefox90', 'safari15'],
    legalComments: 'none',
    logLevel: 'silent',
  });
  const buf = Buffer.from(result.outputFiles[0]!.contents);
  mkdirSync(path.dirname(OPEN_DATA_OUT), { recursive: true });
  const tmp = `${OPEN_DATA_OUT}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, buf);
  renameSync(tmp, OPEN_DATA_OUT);
  return { file: OPEN_DATA_OUT, bytes: buf.length };
}

/** Build when stale; without esbuild (a production install) keep an existing script and warn. */
export async function ensureOpenDataBuilt(log: Logger): Promise<void> {
  if (!openDataIsStale()) return;
  try {
    const r = await buildOpenData();
    log.info('open_data.script_built', { bytes: r.bytes });
  } catch (err) {
    log.warn('open_data.script_build_failed', { name: (err as Error).name });
  }
}
