/**
 * The inbox: filters (kept in the URL), counts per status, today's deadline counts, the CSV export of the filtered
 * list, the rows and the pager. Focus goes to the heading when the view opens and when the page changes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiUrl, getJson, type ApiError } from '../api';
import { agencyName, lang, t, tCount, useLang } from '../i18n';
import { inboxHref, navigate, queryOf, rememberInbox, type Filters } from '../router';
import { isAdmin } from '../session';
import type { DeadlineCounts, ListResponse, Me } from '../types';
import { FilterForm } from '../components/FilterForm';
import { ItemRow } from '../components/ItemRow';
import { StatusCounts } from '../components/StatusCounts';

/** The counts line; for an admin looking at every body, the five bodies with the most overdue items too. */
function deadlineCountsText(c: DeadlineCounts): string {
  const text = t('deadline.counts', { overdue: c.overdue, dueSoon: c.dueSoon, open: c.open });
  const byAgency = c.byAgency ?? {};
  const ids = Object.keys(byAgency).filter((id) => byAgency[id]!.overdue > 0);
  if (ids.length < 2) return text;
  ids.sort((a, b) => byAgency[b]!.overdue - byAgency[a]!.overdue);
  const list = ids
    .slice(0, 5)
    .map((id) => `${id === 'unrouted' ? t('filters.unrouted') : agencyName(id)} ${byAgency[id]!.overdue}`);
  return `${text} · ${t('deadline.byAgency', { list: list.join(', ') })}`;
}

function useInboxData(filters: Filters) {
  const [list, setList] = useState<ListResponse | null>(null);
  const [error, setError] = useState('');
  const [counts, setCounts] = useState<DeadlineCounts | null>(null);
  const query = queryOf({ ...filters, page: 1 }, { page: String(filters.page) });
  useEffect(() => {
    let live = true;
    setError('');
    getJson<ListResponse>(`/feedback?${query}`).then(
      (r) => live && setList(r),
      (e: ApiError) => {
        if (!live || e.status === 401) return;
        setList(null);
        setError(e.message);
      },
    );
    const agency = filters.agency ? `?agency=${encodeURIComponent(filters.agency)}` : '';
    getJson<DeadlineCounts>(`/deadlines${agency}`).then(
      (c) => live && setCounts(c),
      () => live && setCounts(null),
    );
    return () => {
      live = false;
    };
  }, [query]);
  return { list, error, counts, loading: !list && !error };
}

function Pager({ list, filters }: { list: ListResponse; filters: Filters }) {
  if (list.pages <= 1) return null;
  const go = (page: number) => navigate(inboxHref({ ...filters, page }));
  return (
    <nav id="pager" class="pager" aria-label={t('list.pagination')}>
      <button type="button" id="prev" disabled={list.page <= 1} onClick={() => go(list.page - 1)}>
        {t('list.prev')}
      </button>
      <span id="page-label">{t('list.page', { page: list.page, pages: list.pages })}</span>
      <button type="button" id="next" disabled={list.page >= list.pages} onClick={() => go(list.page + 1)}>
        {t('list.next')}
      </button>
    </nav>
  );
}

function CsvLink({ filters }: { filters: Filters }) {
  const href = apiUrl(`/feedback.csv?${queryOf({ ...filters, page: 1 }, { lang: lang() })}`);
  return (
    <a id="csv-link" class="button-link" href={href} download>
      {t('ui.csv.link')}
    </a>
  );
}

/** The inbox view. */
export function InboxView({ filters, me }: { filters: Filters; me: Me }) {
  useLang();
  const admin = isAdmin(me);
  const heading = useRef<HTMLHeadingElement>(null);
  const { list, error, counts, loading } = useInboxData(filters);
  useEffect(() => rememberInbox(inboxHref(filters)), [filters]);
  useEffect(() => heading.current?.focus(), [filters.page]);

  return (
    <section id="view-list" aria-labelledby="list-heading">
      <h1 id="list-heading" ref={heading} tabIndex={-1}>
        {t('list.heading')}
      </h1>
      <FilterForm filters={filters} admin={admin} />
      <StatusCounts filters={filters} counts={list?.counts} />
      <div class="results-bar">
        <p id="list-count" class="muted" aria-live="polite">
          {loading
            ? t('list.loading')
            : list
              ? list.total
                ? tCount('list.count', list.total)
                : t('list.empty')
              : ''}
        </p>
        {list && list.total ? <CsvLink filters={filters} /> : null}
      </div>
      <p id="deadline-counts" class="muted">
        {counts ? deadlineCountsText(counts) : ''}
      </p>
      <p id="list-error" class="error" role="alert">
        {error}
      </p>
      <ol id="items" class="items">
        {list?.items.map((it) => (
          <ItemRow key={it.reference} item={it} admin={admin} />
        ))}
      </ol>
      {list ? <Pager list={list} filters={filters} /> : null}
    </section>
  );
}
