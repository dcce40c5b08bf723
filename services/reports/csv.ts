/** CSV of the staff report (header in the viewer's language) and of the open data set (fixed English header). */
import type { Language } from '../feedback/types';
import type { Translate } from '../i18n';
import type { OpenDataset, OpenPerformance, OpenShare } from './openData';
import type { StaffReport } from './staffReport';

type Cell = string | number | null | undefined;

/** One CSV field: quoted when needed; text starting with = + - @ is prefixed with ' (no formula injection). */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows to CSV text (CRLF line ends, as RFC 4180 says). */
export function toCsv(rows: Cell[][]): string {
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** The staff report as `section,key,name,value` rows. */
export function staffReportCsv(r: StaffReport, t: Translate, lang: Language): string {
  const h = (k: string) => t(lang, `reports:csv.${k}`);
  const rows: Cell[][] = [
    [h('section'), h('key'), h('name'), h('value')],
    ['total', '', '', r.total],
  ];
  const v = r.volumes;
  for (const [section, list] of [
    ['category', v.byCategory],
    ['body', v.byAgency],
    ['state', v.byState],
    ['status', v.byStatus],
  ] as const)
    for (const c of list) rows.push([section, c.key, c.name, c.count]);
  for (const w of v.byWeek) rows.push(['week', w.week, '', w.count]);
  for (const m of v.byMonth) rows.push(['month', m.month, '', m.count]);
  for (const stage of ['acknowledge', 'resolve'] as const) {
    const d = r[stage];
    const c = r.compliance[stage];
    rows.push(
      [`${stage}`, 'median_hours', '', d.medianHours],
      [`${stage}`, 'p90_hours', '', d.p90Hours],
      [`${stage}`, 'n', '', d.n],
      [`${stage}_deadline`, 'met', '', c.met],
      [`${stage}_deadline`, 'total', '', c.total],
      [`${stage}_deadline`, 'share', '', c.share],
    );
  }
  const s = r.satisfaction;
  rows.push(
    ['satisfaction', 'rated', '', s.rated],
    ['satisfaction', 'positive', '', s.positive],
    ['satisfaction', 'share', '', s.share],
    ['satisfaction', 'average', '', s.average],
  );
  return toCsv(rows);
}

/** Header of the open-data CSV. */
export const OPEN_DATA_CSV_HEADER = ['table', 'key', 'name_en', 'name_ms', 'measure', 'value', 'suppressed'];

function perfRows(table: string, key: string, en: string, ms: string, p: OpenPerformance): Cell[][] {
  const row = (measure: string, value: number | null | undefined): Cell[] => [
    table,
    key,
    en,
    ms,
    measure,
    value,
    value === null ? 'yes' : 'no',
  ];
  const share = (s: OpenShare | null) => s?.share ?? null;
  return [
    row('acknowledge_median_hours', p.acknowledgeMedianHours),
    row('resolve_median_hours', p.resolveMedianHours),
    row('acknowledged_on_time_share', share(p.acknowledgedOnTime)),
    row('resolved_on_time_share', share(p.resolvedOnTime)),
    row('satisfied_share', share(p.satisfied)),
    row('average_rating', p.averageRating),
  ];
}

/** The open data set as long-format rows: one figure per row; a suppressed figure has an empty value and `yes`. */
export function openDataCsv(d: OpenDataset, t: Translate): string {
  const rows: Cell[][] = [OPEN_DATA_CSV_HEADER];
  const [allEn, allMs] = [t('en', 'reports:all'), t('ms', 'reports:all')];
  const items = (table: string, key: string, en: string, ms: string, n: number | null): Cell[] => [
    table,
    key,
    en,
    ms,
    'items',
    n,
    n === null ? 'yes' : 'no',
  ];
  rows.push(items('overall', 'all', allEn, allMs, d.total));
  rows.push(...perfRows('overall', 'all', allEn, allMs, d.overall));
  for (const [table, list] of [
    ['category', d.byCategory],
    ['state', d.byState],
    ['month', d.byMonth],
  ] as const)
    for (const c of list) rows.push(items(table, c.key, c.name.en, c.name.ms, c.items));
  for (const b of d.byBody) {
    rows.push(items('body', b.key, b.name.en, b.name.ms, b.items));
    rows.push(...perfRows('body', b.key, b.name.en, b.name.ms, b));
  }
  return toCsv(rows);
}
