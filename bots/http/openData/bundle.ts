/** Builds the open-data page's script (web/open-data/main.ts + Chart.js) with esbuild into public/build/open-data.js. */
import path from 'node:path';
import type { Logger } from '../../../services/log';
import type { BuiltFile } from '../../../tools/build/bundles';
import { bundleForBrowsers, ensureBuilt, isStale, ROOT, writeAtomically } from '../../../tools/build/bundles';

/** The page's source folder (main.ts, styles.css). */
export const OPEN_DATA_WEB = path.join(ROOT, 'web/open-data');
/** The built script. */
export const OPEN_DATA_OUT = path.join(ROOT, 'public/build/open-data.js');

/** True when the script is missing or older than its sources. */
export function openDataIsStale(): boolean {
  return isStale([OPEN_DATA_OUT], [OPEN_DATA_WEB]);
}

/** Build now (minified IIFE, written atomically so a reader never sees half a file); its size. */
export async function buildOpenData(): Promise<BuiltFile> {
  const files = await bundleForBrowsers({
    entryPoints: [path.join(OPEN_DATA_WEB, 'main.ts')],
  });
  return writeAtomically(OPEN_DATA_OUT, files[0]!.contents);
}

/** Build when stale; without esbuild (a production install) keep an existing script and warn. */
export async function ensureOpenDataBuilt(log: Logger): Promise<void> {
  await ensureBuilt(
    { name: 'open_data.script', main: OPEN_DATA_OUT, stale: openDataIsStale, build: buildOpenData },
    log,
  );
}
