/** The world a report is computed in: body names and states (the directory), deadlines, postcode states, the clock. */
import { dueDates, getDefaultDeadlines, type Deadlines } from '../deadlines';
import type { FeedbackFact } from '../feedback/aggregates';
import type { Language } from '../feedback/types';
import { getDefaultRouter } from '../routing';
import { lookupPostcode } from '../routing/postcodes';
import type { TallyContext } from './tally';

/** What reports need to know about a body. */
export interface ReportBody {
  id: string;
  name: { en: string; ms: string };
  state?: string;
}

/** Body look-up (a retired id gives its successor; unknown ids give undefined). */
export type BodyLookup = (id: string) => ReportBody | undefined;

/** The default look-up: the routing directory (data/bodies). */
export function directoryBodies(): BodyLookup {
  return (id) => {
    const a = getDefaultRouter().agency(id);
    return a ? { id: a.id, name: a.name, ...(a.state ? { state: a.state } : {}) } : undefined;
  };
}

/** A body's display name in a language, its id when the directory does not know it. */
export function bodyName(bodies: BodyLookup, id: string, lang: Language): string {
  return bodies(id)?.name[lang] ?? id;
}

/** A TallyContext over the directory, deadlines (default: data/) and `now`. */
export function tallyContext(
  bodies: BodyLookup,
  now: Date,
  deadlines: Deadlines = getDefaultDeadlines(),
): TallyContext {
  const postcodeState = new Map<string, string>();
  const stateOfPostcode = (pc: string) => {
    if (!postcodeState.has(pc)) postcodeState.set(pc, lookupPostcode(pc)?.state ?? 'none');
    return postcodeState.get(pc)!;
  };
  return {
    now,
    stateOf: (f: FeedbackFact) => {
      const state = f.agencyId ? bodies(f.agencyId)?.state : undefined;
      return state ?? (f.postcode ? stateOfPostcode(f.postcode) : 'none');
    },
    dueOf: (f: FeedbackFact) => {
      const body = f.agencyId ? bodies(f.agencyId) : undefined;
      const deadlineBody = f.agencyId
        ? { id: f.agencyId, ...(body?.state ? { state: body.state } : {}) }
        : undefined;
      return dueDates(deadlines.calendar, deadlines.config, f, deadlineBody);
    },
  };
}
