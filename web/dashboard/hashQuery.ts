/**
 * The one way every view reads and writes the query of its hash route (`#/inbox?status=sent`,
 * `#/reports?from=2026-10-01`): known names only, each value cut to 100 characters, empty values left out.
 */

/** The longest value kept from the address. */
const MAX_VALUE = 100;

/** The values of `keys` in a query string ('' when missing; unknown names ignored). */
export function readParams<K extends string>(query: string, keys: readonly K[]): Record<K, string> {
  const p = new URLSearchParams(query);
  const out = {} as Record<K, string>;
  for (const k of keys) out[k] = (p.get(k) ?? '').slice(0, MAX_VALUE);
  return out;
}

/** The query string of `values` in the order of `keys` (empty ones left out), then `extra`. */
export function writeParams<K extends string>(
  values: Record<K, string>,
  keys: readonly K[],
  extra: Record<string, string> = {},
): string {
  const p = new URLSearchParams();
  for (const k of keys) if (values[k]) p.set(k, values[k]);
  for (const [k, v] of Object.entries(extra)) p.set(k, v);
  return p.toString();
}

/** The hash of a route with a query (`#/reports?from=…`, or `#/reports` when there is none). */
export function routeHref(route: string, query: string): string {
  return query ? `#/${route}?${query}` : `#/${route}`;
}
