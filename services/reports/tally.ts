/**
 * One pass over feedback facts: volumes (category, body, state, status, week, month), times to acknowledge and to
 * resolve, deadline compliance and satisfaction. Acknowledged = the first status change past received/sent (made by
 * staff or the agency) or the first reply, whichever came first; resolved = the first finishing status (as
 * services/deadlines counts it). A deadline counts as met or missed once it is done, and as missed while it is
 * overdue; an open item still within its deadline is not counted yet.
 */
import { FINISHED } from '../deadlines/dueDates';
import type { FeedbackFact } from '../feedback/aggregates';
import type { FeedbackStatus } from '../feedback/types';
import { summariseHours, type DurationSummary } from './percentiles';
import { isoWeekKey, monthKey } from './time';

/** What the tally needs to know about the world: deadlines, the state of an item, the clock. */
export interface TallyContext {
  /** When the item had to be acknowledged and resolved (its body's working days). */
  dueOf(fact: FeedbackFact): { acknowledgeBy: Date; resolveBy: Date };
  /** State id of the item (its body's state, else the postcode's), or 'none'. */
  stateOf(fact: FeedbackFact): string;
  now: Date;
}

/** Met out of counted. */
export interface Compliance {
  met: number;
  total: number;
}

/** Satisfaction like GOS e-Rating: ratings 4–5 out of all ratings, and the mean score. */
export interface Satisfaction {
  rated: number;
  positive: number;
  share: number | null;
  average: number | null;
}

/** The figures of one group of items (keys are ids; names are added by the caller). */
export interface TallyFigures {
  total: number;
  byCategory: Map<string, number>;
  byAgency: Map<string, number>;
  byState: Map<string, number>;
  byStatus: Map<string, number>;
  byWeek: Map<string, number>;
  byMonth: Map<string, number>;
  acknowledge: DurationSummary;
  resolve: DurationSummary;
  compliance: { acknowledge: Compliance; resolve: Compliance };
  satisfaction: Satisfaction;
  firstAt: Date | null;
  lastAt: Date | null;
}

const NOT_ACKNOWLEDGED: readonly FeedbackStatus[] = ['received', 'sent'];
const HOUR_MS = 3_600_000;

/** When the item was acknowledged and resolved, if it was. */
export function milestones(fact: FeedbackFact): { ackAt?: Date; resolvedAt?: Date } {
  const change = fact.history.find((h) => !NOT_ACKNOWLEDGED.includes(h.status))?.at;
  const candidates = [change, fact.firstReplyAt].filter((d): d is Date => !!d);
  const ackAt = candidates.length ? new Date(Math.min(...candidates.map((d) => d.getTime()))) : undefined;
  const resolvedAt = fact.history.find((h) => FINISHED.includes(h.status))?.at;
  return { ...(ackAt ? { ackAt } : {}), ...(resolvedAt ? { resolvedAt } : {}) };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function judge(c: Compliance, doneAt: Date | undefined, due: Date, now: Date): void {
  if (doneAt) {
    c.total++;
    if (doneAt.getTime() <= due.getTime()) c.met++;
  } else if (now.getTime() > due.getTime()) c.total++;
}

/** Accumulates facts; `figures()` gives the result. */
export class Tally {
  private total = 0;
  private readonly maps = {
    byCategory: new Map<string, number>(),
    byAgency: new Map<string, number>(),
    byState: new Map<string, number>(),
    byStatus: new Map<string, number>(),
    byWeek: new Map<string, number>(),
    byMonth: new Map<string, number>(),
  };
  private readonly ackHours: number[] = [];
  private readonly resolveHours: number[] = [];
  private readonly compliance = { acknowledge: { met: 0, total: 0 }, resolve: { met: 0, total: 0 } };
  private rated = 0;
  private positive = 0;
  private scoreSum = 0;
  private firstAt: Date | null = null;
  private lastAt: Date | null = null;

  constructor(private readonly ctx: TallyContext) {}

  /** Count one item. */
  add(fact: FeedbackFact): void {
    this.total++;
    const m = this.maps;
    bump(m.byCategory, fact.category);
    bump(m.byAgency, fact.agencyId ?? 'unrouted');
    bump(m.byState, this.ctx.stateOf(fact));
    bump(m.byStatus, fact.status);
    bump(m.byWeek, isoWeekKey(fact.createdAt));
    bump(m.byMonth, monthKey(fact.createdAt));
    if (!this.firstAt || fact.createdAt < this.firstAt) this.firstAt = fact.createdAt;
    if (!this.lastAt || fact.createdAt > this.lastAt) this.lastAt = fact.createdAt;
    const { ackAt, resolvedAt } = milestones(fact);
    const created = fact.createdAt.getTime();
    if (ackAt) this.ackHours.push(Math.max(0, ackAt.getTime() - created) / HOUR_MS);
    if (resolvedAt) this.resolveHours.push(Math.max(0, resolvedAt.getTime() - created) / HOUR_MS);
    const due = this.ctx.dueOf(fact);
    judge(this.compliance.acknowledge, ackAt, due.acknowledgeBy, this.ctx.now);
    judge(this.compliance.resolve, resolvedAt, due.resolveBy, this.ctx.now);
    if (typeof fact.rating === 'number') {
      this.rated++;
      this.scoreSum += fact.rating;
      if (fact.rating >= 4) this.positive++;
    }
  }

  /** The figures so far. */
  figures(): TallyFigures {
    const share = this.rated ? this.positive / this.rated : null;
    return {
      total: this.total,
      ...this.maps,
      acknowledge: summariseHours(this.ackHours),
      resolve: summariseHours(this.resolveHours),
      compliance: {
        acknowledge: { ...this.compliance.acknowledge },
        resolve: { ...this.compliance.resolve },
      },
      satisfaction: {
        rated: this.rated,
        positive: this.positive,
        share: share === null ? null : Math.round(share * 1000) / 1000,
        average: this.rated ? Math.round((this.scoreSum / this.rated) * 100) / 100 : null,
      },
      firstAt: this.firstAt,
      lastAt: this.lastAt,
    };
  }
}
