/** Reports over feedback: the staff report (scoped to the viewer) and the open data set (anonymised, suppressed). */
import type { Deadlines } from '../deadlines';
import type { FactQuery, FeedbackAggregates } from '../feedback/aggregates';
import type { Language } from '../feedback/types';
import type { Translate } from '../i18n';
import { scopeOf, type Viewer } from '../staff/feedbackQueries';
import { directoryBodies, tallyContext, type BodyLookup } from './context';
import { createLabels, type Labels } from './labels';
import { toOpenDataset, type OpenDataset } from './openData';
import { toStaffReport, type StaffReport } from './staffReport';
import { Tally, type TallyContext, type TallyFigures } from './tally';
import { dayEndMyt, dayStartMyt } from './time';

/** What reports need. */
export interface ReportDeps {
  /** The feedback repository's aggregation reads (`repo.aggregates`). */
  facts: Pick<FeedbackAggregates, 'facts'>;
  t: Translate;
  /** Body names and states (default: the routing directory). */
  bodies?: BodyLookup;
  /** Deadline calendar and settings (default: data/). */
  deadlines?: Deadlines;
  now?: () => Date;
}

/** A staff report request: days `YYYY-MM-DD` (Malaysian time, both inclusive) and an admin's body. */
export interface ReportQuery {
  from?: string;
  to?: string;
  agency?: string;
}

/** The creation window of a request, or null when a day is not a real date or `from` is after `to`. */
export function periodOf(q: Pick<ReportQuery, 'from' | 'to'>): { from?: Date; to?: Date } | null {
  const from = q.from ? dayStartMyt(q.from) : undefined;
  const to = q.to ? dayEndMyt(q.to) : undefined;
  if (from === null || to === null) return null;
  if (from && to && from >= to) return null;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** Computes reports through the feedback repository's aggregation reads. */
export class ReportService {
  private readonly bodies: BodyLookup;
  /** Names of keys in both languages. */
  readonly labels: Labels;
  private readonly now: () => Date;

  constructor(private readonly deps: ReportDeps) {
    this.bodies = deps.bodies ?? directoryBodies();
    this.labels = createLabels(deps.t, this.bodies);
    this.now = deps.now ?? (() => new Date());
  }

  private context(now: Date): TallyContext {
    return tallyContext(this.bodies, now, ...(this.deps.deadlines ? [this.deps.deadlines] : []));
  }

  /** Figures of one query, in one pass. */
  async figures(q: FactQuery, now = this.now()): Promise<TallyFigures> {
    const tally = new Tally(this.context(now));
    for await (const fact of this.deps.facts.facts(q)) tally.add(fact);
    return tally.figures();
  }

  /** The viewer's report: staff get their own body whatever they ask; admins all bodies, one, or 'unrouted'. */
  async staffReport(viewer: Viewer, q: ReportQuery, lang: Language): Promise<StaffReport> {
    const scope = scopeOf(viewer, viewer.role === 'admin' ? q.agency : undefined);
    const period = periodOf(q);
    if (!period) throw new RangeError('invalid period');
    const now = this.now();
    const f = await this.figures({ scope, ...period }, now);
    return toStaffReport(f, {
      scope,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
      lang,
      labels: this.labels,
      now,
    });
  }

  /** The open data set over every record (overall and per body), with small figures suppressed. */
  async openData(cacheMinutes: number): Promise<OpenDataset> {
    const now = this.now();
    const ctx = this.context(now);
    const overall = new Tally(ctx);
    const perBody = new Map<string, Tally>();
    for await (const fact of this.deps.facts.facts({ scope: { kind: 'all' } })) {
      overall.add(fact);
      const key = fact.agencyId ?? 'unrouted';
      let body = perBody.get(key);
      if (!body) perBody.set(key, (body = new Tally(ctx)));
      body.add(fact);
    }
    const bodies = new Map([...perBody].map(([k, t]) => [k, t.figures()]));
    return toOpenDataset(overall.figures(), bodies, { labels: this.labels, now, cacheMinutes });
  }
}
