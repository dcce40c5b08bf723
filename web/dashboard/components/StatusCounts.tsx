/** Counts per status for the current filters, each a link that narrows the list to that status. */
import { pageData } from '../data';
import { formatNumber, t } from '../i18n';
import { inboxHref, type Filters } from '../router';

/** The counts row (nothing when the server sends no counts). */
export function StatusCounts({
  filters,
  counts,
}: {
  filters: Filters;
  counts?: Record<string, number> | undefined;
}) {
  if (!counts) return null;
  // In the statuses' own order (received → closed), whatever order the server sent.
  const order = pageData().statuses;
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  const all = entries.reduce((sum, [, n]) => sum + n, 0);
  const link = (status: string, label: string, n: number) => (
    <li key={status || 'all'}>
      <a
        href={inboxHref({ ...filters, status, page: 1 })}
        aria-current={filters.status === status ? 'true' : undefined}
        data-status={status || 'all'}
      >
        {label} <span class="count">{formatNumber(n)}</span>
      </a>
    </li>
  );
  return (
    <nav class="counts" aria-label={t('ui.counts.label')}>
      <ul>
        {link('', t('ui.counts.all'), all)}
        {entries.map(([s, n]) => link(s, t(`status.${s}`), n))}
      </ul>
    </nav>
  );
}
