/**
 * Open data for anyone, no login: `GET /open-data` (bilingual page with charts; `?lang=ms|en`, default the product's
 * language), `GET /open-data.json` and `GET /open-data.csv` (the same figures). Figures are computed through the
 * feedback repository at most once every `cacheMinutes` (every caller in between gets the cached text, so a flood of
 * requests costs no database work; after the first computation nobody waits: a stale value is served while it refreshes), anonymised and with figures under 5 items suppressed (services/reports/openData).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import type { FeedbackRepository } from '../../../services/feedback/repository';
import type { Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import type { Logger } from '../../../services/log';
import {
  openDataCsv,
  PeriodicCache,
  ReportService,
  type Cached,
  type OpenDataset,
} from '../../../services/reports';
import { ensureOpenDataBuilt, OPEN_DATA_OUT, OPEN_DATA_WEB } from './bundle';
import { renderOpenDataPage } from './page';

/** Minutes between recomputations unless the caller says otherwise. */
export const DEFAULT_CACHE_MINUTES = 10;

/** The page's Content-Security-Policy: our own script and stylesheet only. */
export const OPEN_DATA_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

/** What the open-data surface needs. */
export interface OpenDataDeps {
  feedback: Pick<FeedbackRepository, 'aggregates'>;
  t: Translate;
  log: Logger;
  /** Language of the page without `?lang` (the product's default). */
  defaultLanguage?: Language;
  cacheMinutes?: number;
  /** Build the page script when stale (default true; tests that skip the page pass false). */
  build?: boolean;
  /** Reports over the repository (tests pass one with a fixed clock or directory). */
  reports?: ReportService;
  now?: () => Date;
}

/** The published forms of one computation. */
interface Published {
  data: OpenDataset;
  json: string;
  csv: string;
}

/** What mounting returns (tests read the cache's computation count). */
export interface MountedOpenData {
  cache: PeriodicCache<Published>;
}

function common(res: Response, c: Cached<unknown>, maxAgeMs: number, now: Date): void {
  const left = Math.max(0, Math.ceil((c.computedAt.getTime() + maxAgeMs - now.getTime()) / 1000));
  res.setHeader('cache-control', `public, max-age=${left}`);
  res.setHeader('last-modified', c.computedAt.toUTCString());
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
}

function langOf(req: Request, fallback: Language): Language {
  const asked = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
  return asked === 'en' || asked === 'ms' ? asked : fallback;
}

/** Mount the open-data page, JSON, CSV and the page's script and stylesheet. */
export async function mountOpenData(server: Server, deps: OpenDataDeps): Promise<MountedOpenData> {
  const now = deps.now ?? (() => new Date());
  const minutes = deps.cacheMinutes ?? DEFAULT_CACHE_MINUTES;
  const maxAgeMs = minutes * 60_000;
  const reports = deps.reports ?? new ReportService({ facts: deps.feedback.aggregates, t: deps.t, now });
  const cache = new PeriodicCache<Published>(
    async () => {
      const data = await reports.openData(minutes);
      return { data, json: JSON.stringify(data), csv: openDataCsv(data, deps.t) };
    },
    maxAgeMs,
    now,
    (err) => deps.log.warn('open_data.refresh_failed', { name: (err as Error).name }),
  );
  if (deps.build ?? true) await ensureOpenDataBuilt(deps.log);
  const pages = new Map<string, string>();
  const page = (c: Cached<Published>, lang: Language, at: Date) => {
    const key = `${c.computedAt.getTime()}|${lang}|${Math.floor((at.getTime() - c.computedAt.getTime()) / 60_000)}`;
    if (!pages.has(key)) {
      if (pages.size > 16) pages.clear();
      pages.set(
        key,
        renderOpenDataPage({ data: c.value.data, computedAt: c.computedAt, now: at, lang, t: deps.t }),
      );
    }
    return pages.get(key)!;
  };

  const serve = (kind: 'page' | 'json' | 'csv') => async (req: Request, res: Response) => {
    let c: Cached<Published>;
    try {
      c = await cache.get();
    } catch (err) {
      deps.log.error('open_data.compute_failed', { name: (err as Error).name });
      res.setHeader('retry-after', '60');
      res.send(503, {
        error: { code: 'UNAVAILABLE', message: 'Open data is unavailable; try again shortly.' },
      });
      return;
    }
    const at = now();
    common(res, c, maxAgeMs, at);
    if (kind === 'page') {
      res.setHeader('content-security-policy', OPEN_DATA_CSP);
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.sendRaw(200, page(c, langOf(req, deps.defaultLanguage ?? 'ms'), at));
      return;
    }
    res.setHeader('access-control-allow-origin', '*');
    if (kind === 'json') {
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.sendRaw(200, c.value.json);
      return;
    }
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader(
      'content-disposition',
      `inline; filename="suara-open-data-${c.computedAt.toISOString().slice(0, 10)}.csv"`,
    );
    res.sendRaw(200, c.value.csv);
  };

  server.get('/open-data', serve('page'));
  server.get('/open-data/', serve('page'));
  server.get('/open-data.json', serve('json'));
  server.get('/open-data.csv', serve('csv'));
  mountAssets(server);
  return { cache };
}

function mountAssets(server: Server): void {
  const css = readFileSync(path.join(OPEN_DATA_WEB, 'styles.css'), 'utf8');
  const asset = (type: string, body: () => string) => async (_req: Request, res: Response) => {
    let text: string;
    try {
      text = body();
    } catch {
      res.sendRaw(404, 'not built: npm run build');
      return;
    }
    res.setHeader('content-type', type);
    res.setHeader('cache-control', 'public, max-age=300');
    res.setHeader('x-content-type-options', 'nosniff');
    res.sendRaw(200, text);
  };
  let script: string | undefined;
  server.get(
    '/open-data/app.js',
    asset('text/javascript; charset=utf-8', () => (script ??= readFileSync(OPEN_DATA_OUT, 'utf8'))),
  );
  server.get(
    '/open-data/app.css',
    asset('text/css; charset=utf-8', () => css),
  );
  const icon = readFileSync(path.join(OPEN_DATA_WEB, 'favicon.svg'), 'utf8');
  server.get(
    '/open-data/favicon.svg',
    asset('image/svg+xml', () => icon),
  );
}
