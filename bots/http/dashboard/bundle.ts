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
const CHARTS_ENTRY = path.join(SOURCE_DIR, 'charts/entry.ts');
/** The built script (one IIFE with Preact and the views). */
export const DASHBOARD_JS = path.join(ROOT, 'public/build/dashboard.js');
/** Chart.js for the statistics and consultation views, loaded by the app on first use (not by the inbox). */
export const DASHBOARD_CHARTS_JS = path.join(ROOT, 'public/build/dashboard-charts.js');
/** The built stylesheet (every .css the views import, in import order). */
export const DASHBOARD_CSS = path.join(ROOT, 'public/build/dashboard.css');

/** Raw and gzipped sizes of the built files. */
export interface DashboardBuild {
  js: BuiltFile;
  charts: BuiltFile;
  css: BuiltFile;
}

/** True when a built file is missing or older than any source under web/dashboard. */
export function dashboardIsStale(): boolean {
  return isStale([DASHBOARD_JS, DASHBOARD_CHARTS_JS, DASHBOARD_CSS], [SOURCE_DIR]);
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
  const [charts] = await bundleForBrowsers({ entryPoints: [CHARTS_ENTRY], outfile: DASHBOARD_CHARTS_JS });
  const out = (ext: string) => files.find((f) => f.path.endsWith(ext));
  const css = out('.css');
  const js = out('.js');
  if (!js || !charts) throw new Error('esbuild produced no dashboard.js or dashboard-charts.js');
  // CSS and charts first: the app script is what marks the build as fresh.
  const cssInfo = writeAtomically(DASHBOARD_CSS, css?.contents ?? new Uint8Array());
  const chartsInfo = writeAtomically(DASHBOARD_CHARTS_JS, charts.contents);
  const jsInfo = writeAtomically(DASHBOARD_JS, js.contents);
  return { js: jsInfo, charts: chartsInfo, css: cssInfo };
}

/** Build at start-up when stale; if esbuild is missing (production install), keep an existing bundle. */
export async function ensureDashboardBuilt(log: Logger): Promise<void> {
  const build = async () => (await buildDashboard()).js;
  await ensureBuilt({ name: 'dashboard', main: DASHBOARD_JS, stale: dashboardIsStale, build }, log);
}
