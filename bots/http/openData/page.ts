/**
 * The open-data page: server-rendered HTML (every figure in a table, so it reads without script and is the charts'
 * text alternative) plus chart data in a JSON element that /open-data/app.js draws with Chart.js. No inline script or
 * style (strict CSP).
 */
import type { Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import type { OpenBodyRow, OpenCell, OpenDataset } from '../../../services/reports';
import {
  escapeHtml as e,
  formatCount,
  formatHours,
  formatMonth,
  formatShare,
  formatTime,
  scriptJson,
} from './format';

/** One chart for app.js: the canvas id, kind, labels and values (null = suppressed, not drawn). */
export interface ChartSpec {
  id: string;
  kind: 'bar' | 'hbar';
  label: string;
  labels: string[];
  values: (number | null)[];
}

/** What the page is rendered with. */
export interface PageInput {
  data: OpenDataset;
  computedAt: Date;
  now: Date;
  lang: Language;
  t: Translate;
}

type Ctx = PageInput & { s: (key: string, vars?: Record<string, unknown>) => string };

/** A cell's text: the figure, or "<5" with a hidden explanation for screen readers. */
function value(c: Ctx, text: string | null): string {
  if (text !== null) return e(text);
  const n = c.data.suppressBelow;
  return `<span class="suppressed">${e(c.s('openData.suppressedCell', { n }))}<span class="sr-only"> (${e(
    c.s('openData.suppressedHidden', { n }),
  )})</span></span>`;
}

function countText(c: Ctx, n: number | null): string {
  return value(c, n === null ? null : formatCount(c.lang, n));
}

function header(c: Ctx): string {
  const other: Language = c.lang === 'ms' ? 'en' : 'ms';
  const age = Math.max(0, Math.floor((c.now.getTime() - c.computedAt.getTime()) / 60_000));
  const period = c.data.period;
  return `<header><p class="lang"><a href="/open-data?lang=${other}" lang="${other}" hreflang="${other}">${e(
    c.s('openData.otherLanguage'),
  )}</a></p><h1>${e(c.s('openData.title'))}</h1></header>
<main id="main">
<p>${e(c.s('openData.intro'))}</p>
<p>${e(c.s('openData.privacy'))}</p>
<p class="note" id="suppression">${e(c.s('openData.suppression', { n: c.data.suppressBelow }))}</p>
<p class="cache" id="cache-age">${e(
    c.s('openData.cache', {
      time: formatTime(c.lang, c.computedAt),
      age,
      minutes: c.data.cacheMinutes,
    }),
  )}</p>
${period ? `<p>${e(c.s('openData.period', { from: formatMonth(c.lang, period.from), to: formatMonth(c.lang, period.to) }))}</p>` : `<p>${e(c.s('openData.empty'))}</p>`}
<nav aria-labelledby="h-downloads"><h2 id="h-downloads">${e(c.s('openData.downloads'))}</h2><ul class="downloads">
<li><a href="/open-data.json" type="application/json">${e(c.s('openData.json'))}</a></li>
<li><a href="/open-data.csv" type="text/csv">${e(c.s('openData.csv'))}</a></li></ul></nav>`;
}

function glance(c: Ctx): string {
  const o = c.data.overall;
  const rows: [string, string][] = [
    ['figures.total', countText(c, c.data.total)],
    ['figures.acknowledgeMedian', value(c, formatHours(c.t, c.lang, o.acknowledgeMedianHours))],
    ['figures.resolveMedian', value(c, formatHours(c.t, c.lang, o.resolveMedianHours))],
    ['figures.acknowledgedOnTime', value(c, formatShare(c.t, c.lang, o.acknowledgedOnTime?.share))],
    ['figures.resolvedOnTime', value(c, formatShare(c.t, c.lang, o.resolvedOnTime?.share))],
    ['figures.satisfied', value(c, formatShare(c.t, c.lang, o.satisfied?.share))],
    ['figures.averageRating', value(c, o.averageRating === null ? null : o.averageRating.toFixed(2))],
  ];
  return `<section aria-labelledby="h-glance"><h2 id="h-glance">${e(c.s('openData.headline'))}</h2>
<dl class="glance">${rows.map(([k, v]) => `<div><dt>${e(c.s(k))}</dt><dd>${v}</dd></div>`).join('')}</dl>
<p class="note">${e(c.s('openData.definitions'))}</p></section>`;
}

/** A table of counts with its chart above it; the chart names the table as its text alternative. */
function countSection(
  c: Ctx,
  id: string,
  titleKey: string,
  colKey: string,
  cells: OpenCell[],
  chart: ChartSpec[],
) {
  const title = c.s(`tables.${titleKey}`);
  const label = (cell: OpenCell) => (id === 'month' ? formatMonth(c.lang, cell.key) : cell.name[c.lang]);
  chart.push({
    id: `chart-${id}`,
    kind: id === 'month' ? 'bar' : 'hbar',
    label: c.s('tables.items'),
    labels: cells.map(label),
    values: cells.map((cell) => cell.items),
  });
  const rows = cells
    .map((cell) => `<tr><th scope="row">${e(label(cell))}</th><td>${countText(c, cell.items)}</td></tr>`)
    .join('');
  const size = id === 'month' ? 'chart' : `chart tall-${Math.min(4, Math.ceil(cells.length / 8))}`;
  return `<section aria-labelledby="h-${id}"><h2 id="h-${id}">${e(title)}</h2>
<div class="${size}"><canvas id="chart-${id}" role="img" aria-label="${e(c.s('chart.described', { title }))}"></canvas></div>
<table id="table-${id}"><caption class="sr-only">${e(title)}</caption><thead><tr><th scope="col">${e(
    c.s(`tables.${colKey}`),
  )}</th><th scope="col">${e(c.s('tables.items'))}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

function bodyRow(c: Ctx, b: OpenBodyRow): string {
  const cells = [
    countText(c, b.items),
    value(c, formatHours(c.t, c.lang, b.acknowledgeMedianHours)),
    value(c, formatHours(c.t, c.lang, b.resolveMedianHours)),
    value(c, formatShare(c.t, c.lang, b.acknowledgedOnTime?.share)),
    value(c, formatShare(c.t, c.lang, b.resolvedOnTime?.share)),
    value(c, formatShare(c.t, c.lang, b.satisfied?.share)),
  ];
  return `<tr><th scope="row">${e(b.name[c.lang])}</th>${cells.map((x) => `<td>${x}</td>`).join('')}</tr>`;
}

function bodySection(c: Ctx): string {
  const cols = [
    'tables.body',
    'tables.items',
    'figures.acknowledgeMedian',
    'figures.resolveMedian',
    'figures.acknowledgedOnTime',
    'figures.resolvedOnTime',
    'figures.satisfied',
  ];
  return `<section aria-labelledby="h-body"><h2 id="h-body">${e(c.s('tables.byBody'))}</h2>
<div class="scroll" role="region" aria-labelledby="h-body" tabindex="0"><table id="table-body"><thead><tr>${cols
    .map((k) => `<th scope="col">${e(c.s(k))}</th>`)
    .join(
      '',
    )}</tr></thead><tbody>${c.data.byBody.map((b) => bodyRow(c, b)).join('')}</tbody></table></div></section>`;
}

/** The whole page. */
export function renderOpenDataPage(input: PageInput): string {
  const c: Ctx = { ...input, s: (key, vars) => input.t(input.lang, `reports:${key}`, vars ?? {}) };
  const charts: ChartSpec[] = [];
  const sections = [
    countSection(c, 'month', 'byMonth', 'month', c.data.byMonth, charts),
    countSection(c, 'category', 'byCategory', 'category', c.data.byCategory, charts),
    countSection(c, 'state', 'byState', 'state', c.data.byState, charts),
  ];
  return `<!doctype html>
<html lang="${c.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(c.s('openData.title'))} · Suara</title>
<link rel="stylesheet" href="/open-data/app.css">
<link rel="icon" href="/open-data/favicon.svg" type="image/svg+xml">
<link rel="alternate" type="application/json" href="/open-data.json">
<link rel="alternate" type="text/csv" href="/open-data.csv"></head>
<body>
${header(c)}
${glance(c)}
${sections.join('\n')}
${bodySection(c)}
</main>
<script type="application/json" id="open-data-charts">${scriptJson(charts)}</script>
<script src="/open-data/app.js" defer></script>
</body></html>
`;
}
