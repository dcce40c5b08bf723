/**
 * Staff statistics (`#/reports?from=…&to=…&agency=…`, the filters kept in the address so a link can be shared and a
 * reload keeps them): volumes by week, month, category, body, state and status; time to acknowledge and to resolve
 * (median, 90th percentile); deadline compliance; satisfaction — for the staff member's body (admins: every body, one
 * or the "could not route" queue), over an optional period, with the same figures as CSV. Every chart is drawn by
 * Chart.js on a canvas labelled as an image whose figures are in the table under it (the text alternative).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { apiUrl, getJson, type ApiError } from '../api';
import { formatDate, formatNumber, lang, t, useLang } from '../i18n';
import { useBarChart } from '../components/barChart';
import { ColumnHeads } from '../components/ColumnHeads';
import { AgencySelect, InputField } from '../components/Fields';
import { navigate } from '../router';
import { emptyReportFilters, reportQuery, reportsHref, type ReportFilters } from '../reportFilters';
import { isAdmin, useMe } from '../session';
import type { StaffReport } from '../../../services/reports/staffReport';

/** The answer of GET /dashboard/api/reports: the server's own type (type-only, erased from the bundle). */
type Report = StaffReport;
type Filters = ReportFilters;

const r = (key: string, vars?: Record<string, string | number>) => t(`reports:${key}`, vars);

function hours(h: number | null): string {
  if (h === null) return r('figures.noValue');
  return h < 48 ? r('units.hours', { n: h.toFixed(1) }) : r('units.days', { n: (h / 24).toFixed(1) });
}

function percent(share: number | null): string {
  return share === null ? r('figures.noValue') : r('units.percent', { n: Math.round(share * 100) });
}

/** "82% (9 of 11)", or "–" when nothing was counted. */
function shareOf(share: number | null, met: number, total: number): string {
  return total ? `${percent(share)} (${r('units.ofTotal', { met, total })})` : r('figures.noValue');
}

/** "October 2026" / "Oktober 2026" for a YYYY-MM month key. */
function monthName(month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return month;
  const locale = lang() === 'ms' ? 'ms-MY' : 'en-MY';
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** Which days the figures cover, as one sentence. */
function periodText(from: string | null, to: string | null): string {
  const day = (d: string) => formatDate(`${d}T12:00:00+08:00`, true);
  if (from && to) return t('ui.reports.period.between', { from: day(from), to: day(to) });
  if (from) return t('ui.reports.period.since', { from: day(from) });
  if (to) return t('ui.reports.period.until', { to: day(to) });
  return t('ui.reports.period.all');
}

/** A long name as lines of about `width` characters (Chart.js draws an array as lines), so a phone shows it whole. */
function wrapLabel(name: string, width = 18): string | string[] {
  if (name.length <= width) return name;
  const lines: string[] = [];
  for (const word of name.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length < width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** A bar chart on a canvas, redrawn when its figures change; `hbar` lays the bars sideways. */
function BarChart(props: { id: string; title: string; labels: string[]; values: number[]; hbar?: boolean }) {
  const canvas = useBarChart(props.labels, props.values, {
    label: r('tables.items'),
    options: {
      indexAxis: props.hbar ? 'y' : 'x',
      // Sideways bars: wide and short for a few rows, squarer for many.
      aspectRatio: props.hbar ? Math.max(1, Math.min(3, 9 / Math.max(1, props.labels.length))) : 2,
      scales: {
        [props.hbar ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } },
        // Every row keeps its name (the table has them all too).
        [props.hbar ? 'y' : 'x']: props.hbar
          ? { ticks: { autoSkip: false, callback: (i) => wrapLabel(props.labels[Number(i)] ?? '') } }
          : { ticks: { autoSkip: true } },
      },
    },
  });
  return (
    <canvas id={props.id} ref={canvas} role="img" aria-label={r('chart.described', { title: props.title })} />
  );
}

/** A chart with its table of the same figures. */
function CountSection(props: {
  id: string;
  titleKey: string;
  colKey: string;
  rows: { name: string; count: number }[];
  hbar?: boolean;
}) {
  const title = r(`tables.${props.titleKey}`);
  if (!props.rows.length) return null;
  return (
    <section class="card" aria-labelledby={`rh-${props.id}`}>
      <h2 id={`rh-${props.id}`}>{title}</h2>
      <BarChart
        id={`report-chart-${props.id}`}
        title={title}
        labels={props.rows.map((x) => x.name)}
        values={props.rows.map((x) => x.count)}
        {...(props.hbar ? { hbar: true } : {})}
      />
      <table id={`report-table-${props.id}`} class="report-table">
        <ColumnHeads names={[r(`tables.${props.colKey}`), r('tables.items')]} />
        <tbody>
          {props.rows.map((x) => (
            <tr key={x.name}>
              <th scope="row">{x.name}</th>
              <td>{formatNumber(x.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** The period and body form; its values follow the address, and "Show" writes them into it. */
function FilterBar(props: { value: Filters; admin: boolean; onApply: (f: Filters) => void }) {
  const [f, setF] = useState(props.value);
  useEffect(() => setF(props.value), [props.value]);
  const set = (k: keyof Filters) => (value: string) => setF({ ...f, [k]: value });
  return (
    <form
      class="filters card"
      onSubmit={(e) => {
        e.preventDefault();
        props.onApply(f);
      }}
    >
      <div class="filter-grid">
        <InputField
          id="report-from"
          label={r('view.from')}
          type="date"
          value={f.from}
          onValue={set('from')}
        />
        <InputField id="report-to" label={r('view.to')} type="date" value={f.to} onValue={set('to')} />
        {props.admin && (
          <AgencySelect
            id="report-agency"
            label={r('view.agency')}
            value={f.agency}
            onValue={set('agency')}
            first={[
              ['', r('view.allBodies')],
              ['unrouted', r('unrouted')],
            ]}
          />
        )}
      </div>
      <div class="form-buttons">
        <button type="submit" class="primary">
          {r('view.apply')}
        </button>
        <a class="button-link" href={reportsHref(emptyReportFilters())}>
          {t('ui.filters.clear')}
        </a>
      </div>
    </form>
  );
}

function Headline({ report }: { report: Report }) {
  const rows: [string, string][] = [
    ['figures.total', formatNumber(report.total)],
    ['figures.acknowledgeMedian', hours(report.acknowledge.medianHours)],
    ['figures.acknowledgeP90', hours(report.acknowledge.p90Hours)],
    ['figures.resolveMedian', hours(report.resolve.medianHours)],
    ['figures.resolveP90', hours(report.resolve.p90Hours)],
    [
      'figures.acknowledgedOnTime',
      shareOf(
        report.compliance.acknowledge.share,
        report.compliance.acknowledge.met,
        report.compliance.acknowledge.total,
      ),
    ],
    [
      'figures.resolvedOnTime',
      shareOf(
        report.compliance.resolve.share,
        report.compliance.resolve.met,
        report.compliance.resolve.total,
      ),
    ],
    [
      'figures.satisfied',
      shareOf(report.satisfaction.share, report.satisfaction.positive, report.satisfaction.rated),
    ],
    [
      'figures.averageRating',
      report.satisfaction.average === null ? r('figures.noValue') : report.satisfaction.average.toFixed(2),
    ],
  ];
  return (
    <section class="card" aria-labelledby="rh-glance">
      <h2 id="rh-glance">{r('openData.headline')}</h2>
      <dl class="facts" id="report-figures">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{r(k)}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function useReport(filters: Filters) {
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState('');
  const query = reportQuery(filters);
  useEffect(() => {
    let live = true;
    setError('');
    setReport(null); // never show one period's figures under another period's filters
    getJson<Report>(`/reports${query ? `?${query}` : ''}`).then(
      (x) => live && setReport(x),
      (e: ApiError) => {
        if (!live || e.status === 401) return;
        setReport(null);
        setError(e.status === 400 ? e.message : r('view.failed'));
      },
    );
    return () => {
      live = false;
    };
  }, [query]);
  return { report, error };
}

/** The charts with their tables; a body or state chart only when there is more than one to compare. */
function Sections({ v }: { v: Report['volumes'] }) {
  const weekRows = v.byWeek.map((w) => ({ name: w.week, count: w.count }));
  const monthRows = v.byMonth.map((m) => ({ name: monthName(m.month), count: m.count }));
  return (
    <div class="report-sections">
      <CountSection id="week" titleKey="byWeek" colKey="week" rows={weekRows} />
      <CountSection id="month" titleKey="byMonth" colKey="month" rows={monthRows} />
      <CountSection id="category" titleKey="byCategory" colKey="category" hbar rows={v.byCategory} />
      {v.byAgency.length > 1 && (
        <CountSection id="agency" titleKey="byBody" colKey="body" hbar rows={v.byAgency} />
      )}
      {v.byState.length > 1 && (
        <CountSection id="state" titleKey="byState" colKey="state" hbar rows={v.byState} />
      )}
      <CountSection id="status" titleKey="byStatus" colKey="status" hbar rows={v.byStatus} />
    </div>
  );
}

/** The statistics view (`#/reports?<filters>`); `dropped`: the address held a value that was left out. */
export function ReportsView({ filters, dropped }: { filters: Filters; dropped: boolean }) {
  useLang();
  const admin = isAdmin(useMe());
  const { report, error } = useReport(filters);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const csv = apiUrl(`/reports.csv?${reportQuery(filters, { lang: lang() })}`);
  const apply = (f: Filters) => navigate(reportsHref({ ...f, agency: admin ? f.agency : '' }));
  return (
    <section aria-labelledby="reports-heading">
      <h1 id="reports-heading" tabIndex={-1} ref={heading}>
        {r('view.title')}
      </h1>
      <FilterBar value={filters} admin={admin} onApply={apply} />
      {dropped && (
        <p id="report-link-note" class="muted" role="status">
          {t('ui.reports.linkInvalid')}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!report && !error && <p class="muted">{r('view.loading')}</p>}
      {report && (
        <div id="report-body">
          <p id="report-period" class="report-period">
            {periodText(report.from, report.to)}
          </p>
          <p>
            <a id="report-csv" class="button-link" href={csv} download>
              {r('view.download')}
            </a>
          </p>
          <Headline report={report} />
          <Sections v={report.volumes} />
        </div>
      )}
    </section>
  );
}
