/**
 * Builds the staff dashboard (web/dashboard, TypeScript + Preact) with esbuild into public/build/dashboard.js and
 * public/build/dashboard.css; the server builds it at start when stale (like the widget), `npm run build` on demand.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Logger } from '../../../services/log';

const ROOT = path.resolve(__dirname, '../../..');
const SOURCE_DIR = path.join(ROOT, 'web/dashboard');
const ENTRY = path.join(SOURCE_DIR, 'main.tsx');
/** The built script (one IIFE with Preact, the views and chart.js). */
export const DASHBOARD_JS = path.join(ROOT, 'public/build/dashboard.js');
/** The built stylesheet (every .css the views import, in import order). */
export const DASHBOARD_CSS = path.join(ROOT, 'public/build/dashboard.css');

/** Raw and gzipped sizes of the built files. */
export interface DashboardBuild {
  js: { file: string; bytes: number; gzipBytes: number };
  css: { file: string; bytes: number; gzipBytes: number };
}

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

/** True when a built file is missing or older than any source under web/dashboard. */
export function dashboardIsStale(): boolean {
  if (!existsSync(DASHBOARD_JS) || !existsSync(DASHBOARD_CSS)) return true;
  const built = Math.min(statSync(DASHBOARD_JS).mtimeMs, statSync(DASHBOARD_CSS).mtimeMs);
  return newestMtime(SOURCE_DIR) > built;
}

/** Write a file atomically (temporary file, then rename): parallel builds never serve half a file. */
function writeAtomically(file: string, buf: Buffer): { file: string; bytes: number; gzipBytes: number } {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, buf);
  renameSync(tmp, file);
  return { file, bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
}

/** Build now (minified; JSX through Preact's automatic runtime) and report the sizes. */
export async function buildDashboard(): Promise<DashboardBuild> {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    outfile: DASHBOARD_JS,
    write: false,
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2020', 'chrome87', 'firefox90', 'safari15'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const out = (ext: string) => result.outputFiles.find((f) => f.path.endsWith(ext));
  const css = out('.css');
  const js = out('.js');
  if (!js) throw new Error('esbuild produced no dashboard.js');
  // CSS first: the script is what marks the build as fresh.
  const cssInfo = writeAtomically(DASHBOARD_CSS, Buffer.from(css?.contents ?? new Uint8Array()));
  const jsInfo = writeAtomically(DASHBOARD_JS, Buffer.from(js.contents));
  return { js: jsInfo, css: cssInfo };
}

/** Build at start-up when stale; if esbuild is missing (production install), keep an existing bundle. */
export async function ensureDashboardBuilt(log: Logger): Promise<void> {
  if (!dashboardIsStale()) return;
  try {
    const r = await buildDashboard();
    log.info('dashboard.built', { bytes: r.js.bytes, gzipBytes: r.js.gzipBytes });
  } catch (e) {
    const missing = (e as { code?: string }).code === 'MODULE_NOT_FOUND';
    log.warn('dashboard.build_failed', {
      reason: missing ? 'esbuild is not installed' : (e as Error).message,
    });
    if (!existsSync(DASHBOARD_JS)) log.warn('dashboard.bundle_missing', { fix: 'npm run build' });
  }
}
