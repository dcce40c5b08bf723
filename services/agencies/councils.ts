/** What a local authority handles, derived from the directory: the council set, minus what others do there. */
import type { Body, StateId } from './bodies';
import type { CategoryId } from './types';

/** Matters every council acts on (issue 15: "council matters"), and "other" for anything in its area. */
export const COUNCIL_CATEGORIES: readonly CategoryId[] = [
  'roads',
  'drainage',
  'streetlights',
  'parks',
  'animals',
  'noise',
  'parking',
  'licensing',
  'other',
];

/**
 * Matters a council handles only where no other body does in its area: solid waste (SWCorp in the Act 672
 * states) and sewerage (Indah Water where it serves).
 */
export const COUNCIL_UNLESS_SERVED: Readonly<Partial<Record<CategoryId, readonly Body['kind'][]>>> = {
  waste: ['federal_agency'],
  sewerage: ['utility'],
};

/** True when a regional body of the kind that takes over `category` from councils serves this council's area. */
export function servedByOther(bodies: Body[], category: CategoryId, council: Body): boolean {
  const kinds = COUNCIL_UNLESS_SERVED[category] ?? [];
  return bodies.some(
    (b) =>
      kinds.includes(b.kind) &&
      (b.handles ?? []).includes(category) &&
      !!b.serves?.states &&
      servesPlace(b, council.state as StateId, council.id),
  );
}

/** True when a body serves a place in `state` (and council `councilId`, when known); no `serves` = nationwide. */
export function servesPlace(b: Body, state: StateId | undefined, councilId?: string): boolean {
  if (councilId && (b.serves?.exceptAreas ?? []).includes(councilId)) return false;
  const states = b.serves?.states;
  if (!states) return b.kind !== 'state_office' || b.state === state;
  return !!state && states.includes(state);
}

/** The categories a council handles, given the whole directory. */
export function councilCategories(bodies: Body[], council: Body): CategoryId[] {
  const extra = (Object.keys(COUNCIL_UNLESS_SERVED) as CategoryId[]).filter(
    (c) => !servedByOther(bodies, c, council),
  );
  return [...new Set([...COUNCIL_CATEGORIES, ...extra, ...(council.handles ?? [])])];
}
