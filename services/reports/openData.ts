/**
 * Open data: anonymised aggregates for anyone. Only keys (category, body, state, month) and numbers — no reference,
 * text, contact or place words. Suppression: a figure based on fewer than SUPPRESS_BELOW items is published as null
 * (a count under 5; a median, an on-time share or a satisfaction share over fewer than 5 items). When exactly one
 * count of a table is suppressed, the next smallest is suppressed too, so the total does not give it away.
 */
import { LANGUAGES } from '../i18n';
import type { Labels } from './labels';
import type { Compliance, TallyFigures } from './tally';

/** Figures based on fewer items than this are not published. */
export const SUPPRESS_BELOW = 5;

/** A name in both languages. */
export interface BothNames {
  en: string;
  ms: string;
}

/** One row of a table: its key, names and item count (null = suppressed). */
export interface OpenCell {
  key: string;
  name: BothNames;
  items: number | null;
}

/** A share (0–1) and how many items it is based on; null when suppressed. */
export interface OpenShare {
  share: number;
  base: number;
}

/** How long, how often on time and how satisfied, for the whole set or one body (null = suppressed). */
export interface OpenPerformance {
  acknowledgeMedianHours: number | null;
  resolveMedianHours: number | null;
  acknowledgedOnTime: OpenShare | null;
  resolvedOnTime: OpenShare | null;
  /** Share of ratings 4–5 (like GOS e-Rating), over `base` ratings. */
  satisfied: OpenShare | null;
  averageRating: number | null;
}

/** A body's row: items and performance. */
export type OpenBodyRow = OpenCell & OpenPerformance;

/** The published data set. */
export interface OpenDataset {
  generatedAt: string;
  /** Figures are recomputed at most this often. */
  cacheMinutes: number;
  suppressBelow: number;
  /** First and last month with items (Malaysian time), null when there are none. */
  period: { from: string; to: string } | null;
  total: number | null;
  overall: OpenPerformance;
  byCategory: OpenCell[];
  byBody: OpenBodyRow[];
  byState: OpenCell[];
  byMonth: OpenCell[];
}

const count = (n: number) => (n < SUPPRESS_BELOW ? null : n);

function shareOf(c: Compliance): OpenShare | null {
  return c.total < SUPPRESS_BELOW
    ? null
    : { share: Math.round((c.met / c.total) * 1000) / 1000, base: c.total };
}

/** Performance figures with suppression. */
export function openPerformance(f: TallyFigures): OpenPerformance {
  const s = f.satisfaction;
  const enough = s.rated >= SUPPRESS_BELOW;
  return {
    acknowledgeMedianHours: f.acknowledge.n < SUPPRESS_BELOW ? null : f.acknowledge.medianHours,
    resolveMedianHours: f.resolve.n < SUPPRESS_BELOW ? null : f.resolve.medianHours,
    acknowledgedOnTime: shareOf(f.compliance.acknowledge),
    resolvedOnTime: shareOf(f.compliance.resolve),
    satisfied: enough && s.share !== null ? { share: s.share, base: s.rated } : null,
    averageRating: enough ? s.average : null,
  };
}

function both(name: (id: string, lang: 'en' | 'ms') => string, key: string): BothNames {
  const [en, ms] = LANGUAGES.map((l) => name(key, l)) as [string, string];
  return { en, ms };
}

/** Suppress small counts; if exactly one was suppressed, also the smallest published one (not derivable from the total). */
export function suppressTable<T extends { items: number | null }>(rows: T[], raw: Map<T, number>): T[] {
  const out = rows.map((r) => ({ ...r, items: count(raw.get(r)!) }));
  if (out.filter((r) => r.items === null).length === 1) {
    const smallest = out.filter((r) => r.items !== null).sort((a, b) => a.items! - b.items!)[0];
    if (smallest) smallest.items = null;
  }
  return out;
}

function cells(
  map: Map<string, number>,
  name: (id: string, lang: 'en' | 'ms') => string,
  order: 'size' | 'key',
): OpenCell[] {
  const raw = new Map<OpenCell, number>();
  const rows = [...map].map(([key, n]) => {
    const row: OpenCell = { key, name: both(name, key), items: n };
    raw.set(row, n);
    return row;
  });
  if (order === 'size') rows.sort((a, b) => b.items! - a.items! || a.key.localeCompare(b.key));
  else rows.sort((a, b) => a.key.localeCompare(b.key));
  const out = suppressTable(rows, raw);
  // Suppressed rows go last in key order: their place among the others would hint at their size.
  if (order === 'size') out.sort((a, b) => (b.items ?? -1) - (a.items ?? -1) || a.key.localeCompare(b.key));
  return out;
}

/** The data set from the overall figures and each body's figures. */
export function toOpenDataset(
  overall: TallyFigures,
  perBody: Map<string, TallyFigures>,
  ctx: { labels: Labels; now: Date; cacheMinutes: number },
): OpenDataset {
  const { labels } = ctx;
  const months = [...overall.byMonth.keys()].sort();
  const bodyCells = cells(overall.byAgency, labels.body, 'size');
  return {
    generatedAt: ctx.now.toISOString(),
    cacheMinutes: ctx.cacheMinutes,
    suppressBelow: SUPPRESS_BELOW,
    period: months.length ? { from: months[0]!, to: months.at(-1)! } : null,
    total: count(overall.total),
    overall: openPerformance(overall),
    byCategory: cells(overall.byCategory, labels.category, 'size'),
    byBody: bodyCells.map((c) => ({ ...c, ...openPerformance(perBody.get(c.key)!) })),
    byState: cells(overall.byState, labels.state, 'size'),
    byMonth: cells(overall.byMonth, (k) => k, 'key'),
  };
}
