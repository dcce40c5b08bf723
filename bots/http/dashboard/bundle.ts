/**
 * Builds the staff dashboard (web/dashboard, TypeScript + Preact) with esbuild into public/build/dashboard.js and
 * public/build/dashboard.css; the server builds it at start when stale (like the widget), `npm run build` on demand.
 */
import path from 'node:path';
import type { Logger } from '../../../services/log';
import type { BuiltFile } from '../../../tools/build/bundles';
import { bundleForBrowsers, ensureBuilt, isStale, ROOT, writeAtomically } from '../../../tools/build/bundles';

const SOURCE_DIR = path.join(ROOT, 'web/dashboard');
const ENTRY = path.join(SOURCE_DIR, 'main.tsx');
/** The built script (one IIFE with Preact, the views and chart.js). */
export const DASHBOARD_JS = path.join(ROOT, 'public/build/dashboard.js');
/** The built stylesheet (every .css the views import, in import order). */
export const DASHBOARD_CSS = path.join(ROOT, 'public/build/dashboard.css');

/** Raw and gzipped sizes of the built files. */
export interface DashboardBuild {
  js: BuiltFile;
  css: BuiltFile;
}

/** True when a built file is missing or older than any source under web/dashboard. */
export function dashboardIsStale(): boolean {
  return isStale([DASHBOARD_JS, DASHBOARD_CSS], [SOURCE_DIR]);
}

/** Build now (minified; JSX through Preact's automatic runtime) and report the sizes. */
export async function buildDashboard(): Promise<DashboardBuild> {
  const files = await bundleForBrowsers({
    entryPoints: [ENTRY],
    outfile: DASHBOARD_JS,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    charset: 'utf8',
  });
  const out = (ext: string) => files.find((f) => f.path.endsWith(ext));
  const css = out('.css');
  const js = out('.js');
  if (!js) throw new Error('esbuild produced no dashboard.js');
  // CSS first: the script is what marks the build as fresh.
  const cssInfo = writeAtomically(DASHBOARD_CSS, css?.contents ?? new Uint8Array());
  const jsInfo = writeAtomically(DASHBOARD_JS, js.contents);
  return { js: jsInfo, css: cssInfo };
}

/** Build at start-up when stale; if esbuild is missing (production install), keep an existing bundle. */
export async function ensureDashboardBuilt(log: Logger): Promise<void> {
  const build = async () => (await buildDashboard()).js;
  await ensureBuilt({ name: 'dashboard', main: DASHBOARD_JS, stale: dashboardIsStale, build }, log);
}
