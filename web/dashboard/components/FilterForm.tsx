/**
 * The inbox filters: status, category, body (admins), text; under "More filters": place, dates, deadline, who it
 * is assigned to; then the sort. Submitting writes them into the URL (`#/inbox?…`), which reloads the list.
 */
import { useEffect, useState } from 'preact/hooks';
import { pageData } from '../data';
import { categoryName, t } from '../i18n';
import { emptyFilters, inboxHref, navigate, type Filters } from '../router';
import { AgencySelect, InputField, SelectField, type Option } from './Fields';

type Field = keyof Omit<Filters, 'page'>;
type SetField = (k: Field, v: string) => void;

/** What every filter control is given: the filters so far and how to change one. */
interface Bound {
  f: Filters;
  set: SetField;
}

/** What ties a control to filter `name`: id `f-<name>`, the name, its value, and setting it. */
function tie({ name, f, set }: Bound & { name: Field }) {
  return { id: `f-${name}`, name, value: f[name], onValue: (v: string) => set(name, v) };
}

/** A filter's select (id `f-<name>`). */
function FilterSelect(props: Bound & { name: Field; label: string; options: Option[] }) {
  return <SelectField {...tie(props)} label={props.label} options={props.options} />;
}

/** A filter's input (id `f-<name>`): a date sits in a narrow box, text in a wide one. */
function FilterInput(
  props: Bound & { name: Field; label: string; type: 'search' | 'date' | 'text'; hint?: string },
) {
  return (
    <InputField
      {...tie(props)}
      type={props.type}
      label={props.label}
      hint={props.hint}
      fieldClass={props.type === 'date' ? 'field' : 'field grow'}
      maxLength={100}
    />
  );
}

const anyOption = (): Option => ['', t('filters.any')];

const dueOptions = (): Option[] => [
  anyOption(),
  ['overdue', t('ui.filters.dueOverdue')],
  ['soon', t('ui.filters.dueSoon')],
];

const assignedOptions = (): Option[] => [
  ['', t('ui.filters.assignedAnyone')],
  ['me', t('ui.filters.assignedMe')],
  ['none', t('ui.filters.assignedNone')],
];

const statusOptions = (): Option[] => [
  anyOption(),
  ...pageData().statuses.map((s): Option => [s, t(`status.${s}`)]),
];

const categoryOptions = (): Option[] => [
  anyOption(),
  ...pageData().categories.map((c): Option => [c, categoryName(c)]),
];

const sortOptions = (): Option[] => [
  ['', t('ui.sort.age')],
  ['oldest', t('ui.sort.oldest')],
  ['deadline', t('ui.sort.deadline')],
  ['activity', t('ui.sort.activity')],
];

const MORE: Field[] = ['place', 'from', 'to', 'due', 'assigned'];

function MoreFilters(b: Bound) {
  const active = MORE.filter((k) => b.f[k]).length;
  return (
    <details class="more" open={active > 0}>
      <summary>{active ? t('ui.filters.moreActive', { count: active }) : t('ui.filters.more')}</summary>
      <div class="filter-grid">
        <FilterInput name="place" type="text" label={t('ui.filters.place')} {...b} />
        <FilterInput name="from" type="date" label={t('ui.filters.from')} {...b} />
        <FilterInput name="to" type="date" label={t('ui.filters.to')} {...b} />
        <FilterSelect name="due" label={t('ui.filters.due')} options={dueOptions()} {...b} />
        <FilterSelect name="assigned" label={t('ui.filters.assigned')} options={assignedOptions()} {...b} />
      </div>
    </details>
  );
}

function MainFilters({ admin, ...b }: Bound & { admin: boolean }) {
  return (
    <div class="filter-grid">
      <FilterSelect name="status" label={t('filters.status')} options={statusOptions()} {...b} />
      <FilterSelect name="category" label={t('filters.category')} options={categoryOptions()} {...b} />
      {admin ? (
        <AgencySelect
          {...tie({ ...b, name: 'agency' })}
          label={t('filters.agency')}
          first={[
            ['', t('filters.allAgencies')],
            ['unrouted', t('filters.unrouted')],
          ]}
        />
      ) : null}
      <FilterInput name="q" type="search" label={t('filters.search')} hint={t('filters.searchHint')} {...b} />
    </div>
  );
}

function SortAndApply(b: Bound) {
  return (
    <div class="filter-actions">
      <FilterSelect name="sort" label={t('ui.sort.label')} options={sortOptions()} {...b} />
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
