/**
 * The statistics filters as kept in the address (`#/reports?from=2026-10-01&to=2026-10-31&agency=dbkl`): read
 * through the shared hash helpers, checked like the server checks them; a value that fails falls back to "none".
 */
import { readParams, routeHref, writeParams } from './hashQuery';

/** The statistics period (YYYY-MM-DD days, both inclusive) and, for admins, the body ('unrouted' = the queue). */
export interface ReportFilters {
  from: string;
  to: string;
  agency: string;
}

/** Filter names in URL order. */
export const REPORT_FILTER_KEYS = ['from', 'to', 'agency'] as const;

/** No filter: every date, the viewer's whole scope. */
export function emptyReportFilters(): ReportFilters {
  return { from: '', to: '', agency: '' };
}

/** True for a real calendar day written YYYY-MM-DD. */
function isDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
}

const AGENCY = /^[a-z][a-z0-9_-]{0,63}$/;

/** The filters of a query string, and whether any value in it had to be dropped. */
export function reportFiltersFrom(query: string): { filters: ReportFilters; dropped: boolean } {
  const p = readParams(query, REPORT_FILTER_KEYS);
  const f = emptyReportFilters();
  if (isDay(p.from)) f.from = p.from;
  if (isDay(p.to)) f.to = p.to;
  // A period that ends before it starts means neither day can be trusted.
  if (f.from && f.to && f.to < f.from) f.from = f.to = '';
  if (AGENCY.test(p.agency)) f.agency = p.agency;
  const dropped = REPORT_FILTER_KEYS.some((k) => p[k] !== f[k]);
  return { filters: f, dropped };
}

/** The query string of the filters (empty ones left out), then `extra` (e.g. `lang` for the CSV). */
export function reportQuery(f: ReportFilters, extra: Record<string, string> = {}): string {
  return writeParams(f, REPORT_FILTER_KEYS, extra);
}

/** The statistics URL for these filters. */
export function reportsHref(f: ReportFilters): string {
  return routeHref('reports', reportQuery(f));
}
