/**
 * `GET /dashboard` (the page, with both languages' strings embedded at serve time), `/dashboard/app.js`, `/dashboard/charts.js` and
 * `/dashboard/app.css` (the esbuild bundle of web/dashboard, built at start when stale). No external assets; a strict
 * Content-Security-Policy.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Request, Response, Server } from 'restify';
import { CATEGORY_IDS } from '../../../services/agencies/types';
import { FEEDBACK_STATUSES } from '../../../services/feedback/types';
import { LANGUAGES, loadResources } from '../../../services/i18n';
import { AGENCY_STATUSES } from '../../../services/status/statusService';
import { ensureCsrfCookie } from './authRoutes';
import { DASHBOARD_CHARTS_JS, DASHBOARD_CSS, DASHBOARD_JS, ensureDashboardBuilt } from './bundle';
import { languageOf, route, type DashboardContext } from './http';

/** Where the page's files are. */
export const WEB_DIR = resolve(__dirname, '..', '..', '..', 'web', 'dashboard');

/** The page's Content-Security-Policy: only our own script and stylesheet, only same-origin requests. */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** One agency for the page's selects. */
export interface AgencyOption {
  id: string;
  name: { en: string; ms: string };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script type="application/json"> element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/** The strings the page needs, per language: the dashboard and reports namespaces and the category labels. */
function pageStrings(ctx: DashboardContext): Record<string, unknown> {
  const resources = loadResources();
  const out: Record<string, unknown> = {};
  for (const lng of LANGUAGES) {
    const dashboard = resources[lng]?.dashboard ?? {};
    const reports = resources[lng]?.reports ?? {};
    const consultation = {
      staff: (resources[lng]?.consultation as { staff?: unknown } | undefined)?.staff ?? {},
    };
    const categories = Object.fromEntries(CATEGORY_IDS.map((c) => [c, ctx.t(lng, `categories:${c}.label`)]));
    out[lng] = { dashboard, reports, consultation, categories };
  }
  return out;
}

/** The page's own files: the built bundle (read from disk on each request, so a rebuild is served at once) and the icon. */
const ASSETS: Record<string, { read: () => Promise<string>; type: string }> = {
  'app.js': { read: () => readFile(DASHBOARD_JS, 'utf8'), type: 'text/javascript; charset=utf-8' },
  'charts.js': { read: () => readFile(DASHBOARD_CHARTS_JS, 'utf8'), type: 'text/javascript; charset=utf-8' },
  'app.css': { read: () => readFile(DASHBOARD_CSS, 'utf8'), type: 'text/css; charset=utf-8' },
  'favicon.svg': { read: () => readFile(join(WEB_DIR, 'favicon.svg'), 'utf8'), type: 'image/svg+xml' },
};

/**
 * Add the page routes (the browser's own /favicon.ico is left to the server: the page names its icon). The bundle
 * is built now when stale; its files are served once that build has finished. `agencies` lists the directory for
 * the admin's selects.
 */
export function mountPage(
  server: Server,
  ctx: DashboardContext,
  agencies: () => Promise<AgencyOption[]>,
): void {
  const built = ensureDashboardBuilt(ctx.log);
  const template = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
  const strings = pageStrings(ctx);

  const page = route(ctx, async (req: Request, res: Response) => {
    const asked = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
    const lang = asked === 'en' || asked === 'ms' ? asked : languageOf(req);
    const data = {
      lang,
      strings,
      statuses: FEEDBACK_STATUSES,
      settable: AGENCY_STATUSES,
      categories: CATEGORY_IDS,
      agencies: await agencies(),
    };
    const html = template
      .replace(/\{\{LANG\}\}/g, lang)
      .replace(/\{\{TITLE\}\}/g, escapeHtml(ctx.t(lang, 'dashboard:title')))
      .replace('{{DATA}}', scriptJson(data));
    ensureCsrfCookie(ctx, req, res);
    res.setHeader('content-security-policy', PAGE_CSP);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.sendRaw(200, html);
  });
  server.get('/dashboard', page);
  server.get('/dashboard/', page);

  for (const [name, asset] of Object.entries(ASSETS)) {
    server.get(
      `/dashboard/${name}`,
      route(ctx, async (_req, res) => {
        await built;
        res.setHeader('content-type', asset.type);
        res.sendRaw(200, await asset.read());
      }),
    );
  }
}
