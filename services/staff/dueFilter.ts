/**
 * "Overdue" and "due soon" as a database filter, so the inbox can page through them at any size. A record's
 * deadline is its filing time plus N working days of its body's state (services/deadlines), and it only grows with
 * the filing time. So for each group of records sharing a rule (a state's calendar, and the working days of a
 * category) there is one filing time at and before which the deadline has passed: found here by binary search on
 * the calendar itself, then handed to the repository as plain dates (`DueGroup`). Same answers as the list's flags
 * (`deadlineOf`), which the test "the due filter agrees with the flags" checks.
 */
import { CATEGORY_IDS, type CategoryId } from '../agencies/types';
import { allowedDays, getDefaultDeadlines, type Deadlines } from '../deadlines';
import { FINISHED } from '../deadlines/dueDates';
import type { DueFilter, DueGroup, FeedbackScope } from '../feedback/inboxStore';
import type { FeedbackStatus } from '../feedback/types';
import { getDefaultRouter } from '../routing';

/** Statuses that mean the body has not acknowledged the record yet (as in services/deadlines). */
export const UNACKNOWLEDGED: readonly FeedbackStatus[] = ['received', 'sent'];

/** A body's id and state (undefined: federal, national holidays only). */
export interface DueBody {
  id: string;
  state?: string;
}

const DAY = 86_400_000;
/** How far back the search looks: anything filed earlier is past every deadline. */
const HORIZON = 400 * DAY;

/** The latest filing time `c` (to the second) with `passed(c)`, given passed() is true early and false late. */
function lastPassing(now: Date, passed: (c: Date) => boolean): Date {
  let lo = now.getTime() - HORIZON;
  let hi = now.getTime();
  if (!passed(new Date(lo))) return new Date(lo - 1);
  if (passed(new Date(hi))) return new Date(hi);
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (passed(new Date(mid))) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}

/** The threshold dates of one rule (state + working days) at `now`. */
function thresholds(
  d: Deadlines,
  state: string | undefined,
  days: { acknowledgeDays: number; resolveDays: number },
  now: Date,
): Omit<DueGroup, 'agencyIds' | 'categories'> {
  const cal = d.calendar;
  const due = (c: Date, n: number) => cal.addWorkingDays(c, n, state);
  const t = now.getTime();
  return {
    ack: lastPassing(now, (c) => due(c, days.acknowledgeDays).getTime() < t),
    resolve: lastPassing(now, (c) => due(c, days.resolveDays).getTime() < t),
    ackSoon: lastPassing(now, (c) => cal.dueSoonFrom(due(c, days.acknowledgeDays), state).getTime() <= t),
    resolveSoon: lastPassing(now, (c) => cal.dueSoonFrom(due(c, days.resolveDays), state).getTime() <= t),
  };
}

/** Categories grouped by their working days for a body (usually one group: every category alike). */
function categoryGroups(
  d: Deadlines,
  bodyId: string | null,
): { days: ReturnType<typeof allowedDays>; cats: CategoryId[] }[] {
  const groups = new Map<string, { days: ReturnType<typeof allowedDays>; cats: CategoryId[] }>();
  for (const c of CATEGORY_IDS) {
    const days = allowedDays(d.config, c, bodyId);
    const key = `${days.acknowledgeDays}/${days.resolveDays}`;
    const g = groups.get(key) ?? { days, cats: [] };
    g.cats.push(c);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** Bodies grouped by calendar: bodies with their own settings alone, the rest by state. */
function bodyGroups(
  d: Deadlines,
  bodies: DueBody[],
): { ids: (string | null)[]; state?: string; own?: string }[] {
  const byState = new Map<string, { ids: (string | null)[]; state?: string }>();
  const own: { ids: (string | null)[]; state?: string; own?: string }[] = [];
  for (const b of bodies) {
    if (d.config.bodies[b.id]) {
      own.push({ ids: [b.id], ...(b.state ? { state: b.state } : {}), own: b.id });
      continue;
    }
    const g = byState.get(b.state ?? '') ?? { ids: [], ...(b.state ? { state: b.state } : {}) };
    g.ids.push(b.id);
    byState.set(b.state ?? '', g);
  }
  return [...byState.values(), ...own];
}

/** What the due filter needs: the deadlines and the directory's bodies. */
export interface DueFilterDeps {
  deadlines: Deadlines;
  bodyOf(id: string): DueBody | undefined;
  allBodies(): DueBody[];
}

/** The defaults: data/deadlines + holidays, bodies from the routing directory. */
export function defaultDueFilterDeps(): DueFilterDeps {
  const bodyOf = (id: string): DueBody => {
    const a = getDefaultRouter().agency(id);
    return a?.state ? { id, state: a.state } : { id };
  };
  return {
    deadlines: getDefaultDeadlines(),
    bodyOf,
    allBodies: () => getDefaultRouter().agencies.map((a) => bodyOf(a.id)),
  };
}

/** The repository's due filter for `kind` in `scope` at `now`. */
export function dueFilter(
  deps: DueFilterDeps,
  scope: FeedbackScope,
  kind: 'overdue' | 'soon',
  now: Date,
): DueFilter {
  const d = deps.deadlines;
  let groups: { ids: (string | null)[] | null; state?: string; own?: string }[];
  if (scope.kind === 'agency') {
    const b = deps.bodyOf(scope.agencyId) ?? { id: scope.agencyId };
    groups = [{ ids: null, ...(b.state ? { state: b.state } : {}), own: b.id }];
  } else if (scope.kind === 'unrouted') groups = [{ ids: null }];
  else if (scope.kind === 'nothing') groups = [];
  else groups = [...bodyGroups(d, deps.allBodies()), { ids: [null] }];
  const out: DueGroup[] = [];
  for (const g of groups) {
    const cats = categoryGroups(d, g.own ?? null);
    for (const c of cats) {
      out.push({
        agencyIds: g.ids,
        categories: cats.length === 1 ? null : c.cats,
        ...thresholds(d, g.state, c.days, now),
      });
    }
  }
  return { kind, groups: out, finished: FINISHED, unacknowledged: UNACKNOWLEDGED };
}
