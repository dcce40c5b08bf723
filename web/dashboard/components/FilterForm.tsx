/**
 * The inbox filters: status, category, body (admins), text; under "More filters": place, dates, deadline, who it
 * is assigned to; then the sort. Submitting writes them into the URL (`#/inbox?…`), which reloads the list.
 */
import { useEffect, useState } from 'preact/hooks';
import { pageData } from '../data';
import { categoryName, lang, t } from '../i18n';
import { emptyFilters, inboxHref, navigate, type Filters } from '../router';

type Field = keyof Omit<Filters, 'page'>;

function Select(props: {
  id: string;
  name: Field;
  label: string;
  value: string;
  options: [string, string][];
  set: (k: Field, v: string) => void;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.set(props.name, (e.target as HTMLSelectElement).value)}
      >
        {props.options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Input(props: {
  id: string;
  name: Field;
  label: string;
  value: string;
  type: 'search' | 'date' | 'text';
  hint?: string;
  set: (k: Field, v: string) => void;
}) {
  return (
    <div class={props.type === 'date' ? 'field' : 'field grow'}>
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        name={props.name}
        type={props.type}
        maxLength={100}
        value={props.value}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onInput={(e) => props.set(props.name, (e.target as HTMLInputElement).value)}
      />
      {props.hint ? (
        <span id={`${props.id}-hint`} class="hint">
          {props.hint}
        </span>
      ) : null}
    </div>
  );
}

const MORE: Field[] = ['place', 'from', 'to', 'due', 'assigned'];

function MoreFilters({ f, set }: { f: Filters; set: (k: Field, v: string) => void }) {
  const active = MORE.filter((k) => f[k]).length;
  return (
    <details class="more" open={active > 0}>
      <summary>{active ? t('ui.filters.moreActive', { count: active }) : t('ui.filters.more')}</summary>
      <div class="filter-grid">
        <Input
          id="f-place"
          name="place"
          type="text"
          label={t('ui.filters.place')}
          value={f.place}
          set={set}
        />
        <Input id="f-from" name="from" type="date" label={t('ui.filters.from')} value={f.from} set={set} />
        <Input id="f-to" name="to" type="date" label={t('ui.filters.to')} value={f.to} set={set} />
        <Select
          id="f-due"
          name="due"
          label={t('ui.filters.due')}
          value={f.due}
          set={set}
          options={[
            ['', t('filters.any')],
            ['overdue', t('ui.filters.dueOverdue')],
            ['soon', t('ui.filters.dueSoon')],
          ]}
        />
        <Select
          id="f-assigned"
          name="assigned"
          label={t('ui.filters.assigned')}
          value={f.assigned}
          set={set}
          options={[
            ['', t('ui.filters.assignedAnyone')],
            ['me', t('ui.filters.assignedMe')],
            ['none', t('ui.filters.assignedNone')],
          ]}
        />
      </div>
    </details>
  );
}

type SetField = (k: Field, v: string) => void;

function MainFilters({ f, set, admin }: { f: Filters; set: SetField; admin: boolean }) {
  const data = pageData();
  const any: [string, string] = ['', t('filters.any')];
  return (
    <div class="filter-grid">
      <Select
        id="f-status"
        name="status"
        label={t('filters.status')}
        value={f.status}
        set={set}
        options={[any, ...data.statuses.map((s): [string, string] => [s, t(`status.${s}`)])]}
      />
      <Select
        id="f-category"
        name="category"
        label={t('filters.category')}
        value={f.category}
        set={set}
        options={[any, ...data.categories.map((c): [string, string] => [c, categoryName(c)])]}
      />
      {admin ? (
        <Select
          id="f-agency"
          name="agency"
          label={t('filters.agency')}
          value={f.agency}
          set={set}
          options={[
            ['', t('filters.allAgencies')],
            ['unrouted', t('filters.unrouted')],
            ...data.agencies.map((a): [string, string] => [a.id, a.name[lang()]]),
          ]}
        />
      ) : null}
      <Input
        id="f-q"
        name="q"
        type="search"
        label={t('filters.search')}
        hint={t('filters.searchHint')}
        value={f.q}
        set={set}
      />
    </div>
  );
}

function SortAndApply({ f, set }: { f: Filters; set: SetField }) {
  return (
    <div class="filter-actions">
      <Select
        id="f-sort"
        name="sort"
        label={t('ui.sort.label')}
        value={f.sort}
        set={set}
        options={[
          ['', t('ui.sort.age')],
          ['oldest', t('ui.sort.oldest')],
          ['deadline', t('ui.sort.deadline')],
          ['activity', t('ui.sort.activity')],
        ]}
      />
      <button type="submit" class="primary">
        {t('filters.apply')}
      </button>
      <a class="button-link" href={inboxHref(emptyFilters())}>
        {t('ui.filters.clear')}
      </a>
    </div>
  );
}

/** The filter form (its values follow the URL). */
export function FilterForm({ filters, admin }: { filters: Filters; admin: boolean }) {
  const [f, setF] = useState<Filters>(filters);
  useEffect(() => setF(filters), [filters]);
  const set: SetField = (k, v) => setF((old) => ({ ...old, [k]: v }));
  const submit = (ev: Event) => {
    ev.preventDefault();
    const agency = admin ? f.agency : '';
    navigate(inboxHref({ ...f, q: f.q.trim(), place: f.place.trim(), agency, page: 1 }));
  };
  return (
    <form id="filters" class="card filters" role="search" aria-labelledby="filters-heading" onSubmit={submit}>
      <h2 id="filters-heading" class="visually-hidden">
        {t('filters.heading')}
      </h2>
      <MainFilters f={f} set={set} admin={admin} />
      <MoreFilters f={f} set={set} />
      <SortAndApply f={f} set={set} />
    </form>
  );
}
