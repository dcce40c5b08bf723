/** The staff report (`GET /dashboard/api/reports`): the figures of the viewer's scope and period, with names. */
import type { Language } from '../feedback/types';
import type { FeedbackScope } from '../feedback/repository';
import type { Labels } from './labels';
import type { Compliance, Satisfaction, TallyFigures } from './tally';
import type { DurationSummary } from './percentiles';
import { monthRange, weekRange } from './time';

/** A key, its name in the viewer's language and its count. */
export interface NamedCount {
  key: string;
  name: string;
  count: number;
}

/** The staff report as the API sends it (see contract-dashboard.md, "Reports API"). */
export interface StaffReport {
  from: string | null;
  to: string | null;
  /** The body the figures are for; null = all bodies (admins), 'unrouted' = the "could not route" queue. */
  agency: string | null;
  generatedAt: string;
  total: number;
  volumes: {
    byCategory: NamedCount[];
    byAgency: NamedCount[];
    byState: NamedCount[];
    byStatus: NamedCount[];
    byWeek: { week: string; count: number }[];
    byMonth: { month: string; count: number }[];
  };
  acknowledge: DurationSummary;
  resolve: DurationSummary;
  compliance: {
    acknowledge: Compliance & { share: number | null };
    resolve: Compliance & { share: number | null };
  };
  satisfaction: Satisfaction;
}

/** Largest first, then by name. */
export function named(map: Map<string, number>, name: (key: string) => string): NamedCount[] {
  return [...map]
    .map(([key, count]) => ({ key, name: name(key), count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

function withShare(c: Compliance): Compliance & { share: number | null } {
  return { ...c, share: c.total ? Math.round((c.met / c.total) * 1000) / 1000 : null };
}

/** The report of figures already tallied over `scope` and the period. */
export function toStaffReport(
  f: TallyFigures,
  ctx: { scope: FeedbackScope; from?: string; to?: string; lang: Language; labels: Labels; now: Date },
): StaffReport {
  const { labels, lang } = ctx;
  const weeks = f.firstAt && f.lastAt ? weekRange(f.firstAt, f.lastAt) : [];
  const months = [...f.byMonth.keys()].sort();
  const monthKeys = months.length ? monthRange(months[0]!, months.at(-1)!) : [];
  return {
    from: ctx.from ?? null,
    to: ctx.to ?? null,
    agency:
      ctx.scope.kind === 'agency' ? ctx.scope.agencyId : ctx.scope.kind === 'unrouted' ? 'unrouted' : null,
    generatedAt: ctx.now.toISOString(),
    total: f.total,
    volumes: {
      byCategory: named(f.byCategory, (k) => labels.category(k, lang)),
      byAgency: named(f.byAgency, (k) => labels.body(k, lang)),
      byState: named(f.byState, (k) => labels.state(k, lang)),
      byStatus: named(f.byStatus, (k) => labels.status(k, lang)),
      byWeek: weeks.map((week) => ({ week, count: f.byWeek.get(week) ?? 0 })),
      byMonth: monthKeys.map((month) => ({ month, count: f.byMonth.get(month) ?? 0 })),
    },
    acknowledge: f.acknowledge,
    resolve: f.resolve,
    compliance: {
      acknowledge: withShare(f.compliance.acknowledge),
      resolve: withShare(f.compliance.resolve),
    },
    satisfaction: f.satisfaction,
  };
}
