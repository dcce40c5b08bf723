/** Category + location → agency, driven by data/routing-rules.json. Never drops silently: see `reason`. */
import type { Agency, CategoryId } from '../agencies/types';
import { isValidPoint } from './geo';
import { PlaceIndex, type ResolvedPlace } from './places';
import type { Gazetteer, RoutingRules } from './schemas';
import { RoutingDataError } from './errors';

/** What the dialog knows when it asks where to send a report. */
export interface RouteInput {
  category: CategoryId;
  /** The complaint itself: citizens often name the road here. */
  text?: string;
  /** The answer to "where is it?" (address, place name or postcode). */
  locationText?: string;
  /** A shared location pin. */
  point?: { lat: number; lng: number };
  /** The agency of the site the widget is embedded in, used for local matters when the place is unknown. */
  defaultAgencyId?: string;
}

/**
 * Where a report goes and why. `needsLocation` is true for a local matter whose place is unknown: ask the
 * citizen (with `site_default` the agency is provisional). `unrouted` means agencyId is null: tell the citizen.
 */
export interface RouteDecision {
  agencyId: string | null;
  place: ResolvedPlace | null;
  needsLocation: boolean;
  reason: 'local_authority' | 'ministry' | 'site_default' | 'fallback' | 'unrouted';
}

/** Marker value of a rule's `to` that means "the council of the place". */
export const LOCAL_AUTHORITY = 'local_authority';

/** True when the category is handled by councils (so it needs a location); "other" never is. */
export function isLocalCategory(category: CategoryId, agencies: Agency[]): boolean {
  return category !== 'other' && agencies.some((a) => a.level === 'local' && a.categories.includes(category));
}

/** Routes categories and places to agencies. */
export class Router {
  private readonly byId: Map<string, Agency>;
  private readonly places: PlaceIndex;

  constructor(
    readonly agencies: Agency[],
    readonly gazetteer: Gazetteer,
    readonly rules: RoutingRules,
  ) {
    this.byId = new Map(agencies.map((a) => [a.id, a]));
    checkReferences(this.byId, gazetteer, rules);
    this.places = new PlaceIndex(gazetteer, agencies);
  }

  /** The agency with this id, if any. */
  agency(id: string): Agency | undefined {
    return this.byId.get(id);
  }

  /** Place-name word sequences (for the classifier to ignore). */
  placeAliases(): string[][] {
    return this.places.aliasWords();
  }

  /** Resolves a pin first (most precise), then text. */
  resolvePlace(q: { text?: string; point?: { lat: number; lng: number } }): ResolvedPlace | null {
    const fromPoint = q.point && isValidPoint(q.point) ? this.places.fromPoint(q.point) : null;
    return fromPoint ?? (q.text ? this.places.fromText(q.text) : null);
  }

  /** Decides the agency for a report. */
  route(input: RouteInput): RouteDecision {
    const place =
      this.resolvePlace({ point: input.point, text: input.locationText }) ??
      (input.text ? this.places.fromText(input.text) : null);
    const local = isLocalCategory(input.category, this.agencies);
    for (const rule of this.rules.rules) {
      if (!rule.categories.includes(input.category)) continue;
      if (rule.areas && !(place && rule.areas.includes(place.agencyId))) continue;
      if (rule.to !== LOCAL_AUTHORITY) {
        const target = this.byId.get(rule.to) as Agency;
        const reason = target.level === 'local' ? 'local_authority' : 'ministry';
        return { agencyId: target.id, place, needsLocation: false, reason };
      }
      if (place) {
        const council = this.byId.get(place.agencyId);
        if (council?.categories.includes(input.category)) {
          return { agencyId: council.id, place, needsLocation: false, reason: 'local_authority' };
        }
        continue;
      }
      if (rule.whenNoPlace === 'next') continue;
      const site = input.defaultAgencyId ? this.byId.get(input.defaultAgencyId) : undefined;
      if (site && site.categories.includes(input.category)) {
        return { agencyId: site.id, place: null, needsLocation: true, reason: 'site_default' };
      }
      return { agencyId: null, place: null, needsLocation: true, reason: 'unrouted' };
    }
    const fallback = this.rules.fallbackAgencyId;
    if (fallback) return { agencyId: fallback, place, needsLocation: local && !place, reason: 'fallback' };
    return { agencyId: null, place, needsLocation: local && !place, reason: 'unrouted' };
  }
}

function checkReferences(byId: Map<string, Agency>, gazetteer: Gazetteer, rules: RoutingRules): void {
  for (const rule of rules.rules) {
    for (const id of [...(rule.areas ?? []), ...(rule.to === LOCAL_AUTHORITY ? [] : [rule.to])]) {
      if (!byId.has(id)) throw new RoutingDataError(`routing rule "${rule.id}": unknown agency "${id}"`);
    }
  }
  if (rules.fallbackAgencyId && !byId.has(rules.fallbackAgencyId)) {
    throw new RoutingDataError(`routing rules: unknown fallbackAgencyId "${rules.fallbackAgencyId}"`);
  }
  for (const p of gazetteer.places) {
    const a = byId.get(p.agencyId);
    if (!a) throw new RoutingDataError(`gazetteer place "${p.name}": unknown agency "${p.agencyId}"`);
    if (a.level !== 'local')
      throw new RoutingDataError(`gazetteer place "${p.name}": "${a.id}" is not a local authority`);
  }
}
