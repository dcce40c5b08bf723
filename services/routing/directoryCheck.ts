/**
 * Checks of the directory as a whole (`npm run agencies -- check`): schema problems (errors), and warnings for
 * bodies no rule can reach, categories with no route in some state, and place names that fit two councils.
 */
import { join } from 'node:path';
import { STATE_IDS, type Body } from '../agencies/bodies';
import { checkBodies } from '../agencies/loadBodies';
import { CATEGORY_IDS } from '../agencies/types';
import { DEFAULT_DATA_DIR, loadRouter } from './load';
import type { Router } from './router';

/** What `check` found: errors make the command fail; warnings are printed. */
export interface DirectoryReport {
  errors: string[];
  unreachable: string[];
  noRoute: string[];
  ambiguous: string[];
  other: string[];
  bodies: number;
}

/** Every body some category and place (or a citizen naming it) can route to. */
export function reachableBodies(router: Router): Set<string> {
  const seen = new Set<string>();
  const councils = router.bodies.filter((b) => b.kind === 'local_authority');
  for (const category of CATEGORY_IDS) {
    const free = router.route({ category });
    if (free.agencyId) seen.add(free.agencyId);
    for (const c of councils) {
      const d = router.route({ category, councilId: c.id });
      if (d.agencyId) seen.add(d.agencyId);
    }
    for (const state of STATE_IDS) {
      const d = router.route({ category, locationText: router.gazetteer.states?.[state]?.[0] ?? state });
      if (d.agencyId) seen.add(d.agencyId);
    }
  }
  for (const b of router.bodies) {
    if (b.kind === 'local_authority') continue;
    const name = b.shortName ?? b.name.ms;
    for (const category of [...(b.handles ?? []), 'other' as const]) {
      const d = router.route({ category, text: `Saya nak adu tentang ${name} di Kuala Lumpur` });
      if (d.agencyId) seen.add(d.agencyId);
    }
  }
  return seen;
}

/** Category/state pairs where a report with a known council still goes nowhere. */
export function categoriesWithoutRoute(router: Router): string[] {
  const out: string[] = [];
  for (const state of STATE_IDS) {
    const council = router.bodies.find((b) => b.kind === 'local_authority' && b.state === state);
    if (!council) {
      out.push(`${state}: no local authority`);
      continue;
    }
    const missing = CATEGORY_IDS.filter(
      (category) => !router.route({ category, councilId: council.id }).agencyId,
    );
    if (missing.length) out.push(`${state}: ${missing.join(', ')}`);
  }
  return out;
}

/** Runs every check over a data directory. */
export function checkDirectory(dataDir = DEFAULT_DATA_DIR): DirectoryReport {
  const schema = checkBodies(join(dataDir, 'bodies'), dataDir);
  const report: DirectoryReport = {
    errors: schema.errors,
    unreachable: [],
    noRoute: [],
    ambiguous: [],
    other: [],
    bodies: schema.bodies.length,
  };
  if (schema.errors.length) return report;
  let router: Router;
  try {
    router = loadRouter(dataDir);
  } catch (err) {
    report.errors.push((err as Error).message);
    return report;
  }
  const reach = reachableBodies(router);
  report.unreachable = router.bodies.filter((b: Body) => !reach.has(b.id)).map((b) => `${b.id} (${b.kind})`);
  report.noRoute = categoriesWithoutRoute(router);
  report.ambiguous = router
    .placeIndex()
    .ambiguousNames()
    .map((a) => `"${a.name}": ${a.councils.join(', ')}`);
  report.other = router
    .placeIndex()
    .unknownShortForms()
    .map((s) => `short form ${s}: no such place`);
  return report;
}
