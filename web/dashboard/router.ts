/**
 * Hash routes: `#/inbox?<filters>` and `#/reports?<filters>` (filters kept in the URL, read and written by
 * `hashQuery`), `#/item/<ref>`, `#/consultations`. The old `#/feedback/<ref>` links still open the item.
 */
import { useEffect, useState } from 'preact/hooks';
import { readParams, routeHref, writeParams } from './hashQuery';
import { reportFiltersFrom, type ReportFilters } from './reportFilters';

/** The inbox's filters, sort and page, exactly as kept in the URL. */
export interface Filters {
  status: string;
  category: string;
  agency: string;
  q: string;
  place: string;
  from: string;
  to: string;
  due: string;
  assigned: string;
  sort: string;
  page: number;
}

/** Filter names in URL order (without the page). */
export const FILTER_KEYS = [
  'status',
  'category',
  'agency',
  'q',
  'place',
  'from',
  'to',
  'due',
  'assigned',
  'sort',
] as const;

/** Where the page is. */
export type Route =
  | { name: 'inbox'; filters: Filters }
  | { name: 'item'; ref: string }
  | { name: 'reports'; filters: ReportFilters; dropped: boolean }
  | { name: 'consultations' };

/** No filter, first page. */
export function emptyFilters(): Filters {
  return {
    status: '',
    category: '',
    agency: '',
    q: '',
    place: '',
    from: '',
    to: '',
    due: '',
    assigned: '',
    sort: '',
    page: 1,
  };
}

/** Filters from a query string (unknown names ignored; a bad page is page 1). */
export function filtersFrom(query: string): Filters {
  const { page: pageText, ...values } = readParams(query, [...FILTER_KEYS, 'page']);
  const page = Number(pageText);
  return { ...values, page: Number.isInteger(page) && page > 0 ? page : 1 };
}

/** The query string of the filters: empty ones left out, page only past the first. */
export function queryOf(f: Filters, extra: Record<string, string> = {}): string {
  const values = { ...f, page: f.page > 1 ? String(f.page) : '' };
  return writeParams(values, [...FILTER_KEYS, 'page'], extra);
}

/** The inbox URL for these filters. */
export function inboxHref(f: Filters): string {
  return routeHref('inbox', queryOf(f));
}

/** The item URL. */
export function itemHref(ref: string): string {
  return `#/item/${encodeURIComponent(ref)}`;
}

/** The route of a hash. */
export function parseHash(hash: string): Route {
  const h = hash.replace(/^#/, '');
  const item = h.match(/^\/(?:item|feedback)\/([^/?#]+)$/);
  if (item) return { name: 'item', ref: decodeURIComponent(item[1]!) };
  const reports = h.match(/^\/reports(?:\?(.*))?$/);
  if (reports) return { name: 'reports', ...reportFiltersFrom(reports[1] ?? '') };
  if (/^\/consultations(\?|$)/.test(h)) return { name: 'consultations' };
  const q = h.match(/^\/inbox\?(.*)$/);
  return { name: 'inbox', filters: filtersFrom(q ? q[1]! : '') };
}

/** Preact hook: the current route, updated on every hash change. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Go somewhere (a new history entry; the hashchange re-renders). */
export function navigate(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

let lastInbox = '#/inbox';
/** Remember the inbox URL (filters) so "back to the list" returns to it. */
export function rememberInbox(hash: string): void {
  lastInbox = hash;
}
/** The inbox URL last shown. */
export function lastInboxHref(): string {
  return lastInbox;
}
