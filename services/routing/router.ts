/**
 * Category + place → body, driven by data/routing-rules.json over the body directory. Targets are chosen by data
 * (the council of the place; bodies of a kind that handle the category and serve the place's state), and every
 * decision carries a `why` (rule, the place in the citizen's words, how it was found). Never drops silently.
 */
import type { Body, StateId } from '../agencies/bodies';
import { servesPlace } from '../agencies/councils';
import type { Directory } from '../agencies/loadBodies';
import type { Agency, CategoryId } from '../agencies/types';
import { RoutingDataError } from './errors';
import { isValidPoint, type LatLng } from './geo';
import { PlaceIndex, townOf, type HowFound, type PlaceCandidate, type ResolvedPlace } from './places';
import { placeTokens, placeWords } from './placeText';
import type { Gazetteer, RoutingRule, RoutingRules, RuleTarget } from './schemas';

/** What the dialog knows when it asks where to send a report. */
export interface RouteInput {
  category: CategoryId;
  /** The complaint itself: citizens often name the place here. */
  text?: string;
  /** The answer to "where is it?" (address, place name or postcode). */
  locationText?: string;
  /** A shared location pin. */
  point?: LatLng;
  /** The council the citizen picked when a place was ambiguous. */
  councilId?: string;
  /** The agency of the site the widget is embedded in, used for local matters when the place is unknown. */
  defaultAgencyId?: string;
}

/** Why a report goes where it goes: shown to the citizen in one line, stored for staff. */
export interface RouteWhy {
  /** Rule id ("council-matters", "water-operator"…), or "fallback" / "none". */
  rule: string;
  /** Locale key of the rule's plain-words explanation. */
  ruleKey: string;
  /** The place: the citizen's own words, the canonical name, its state. */
  place: { text: string; name: string; state: StateId | null } | null;
  how: HowFound | null;
  approximate?: boolean;
}

/**
 * Where a report goes and why. `needsLocation`: ask where it is (with `choices` when two councils fit).
 * `agencyId` null with reason "unrouted" means no body could be chosen: tell the citizen.
 */
export interface RouteDecision {
  agencyId: string | null;
  place: ResolvedPlace | null;
  needsLocation: boolean;
  reason: 'local_authority' | 'body' | 'site_default' | 'fallback' | 'unrouted' | 'ambiguous';
  why: RouteWhy;
  /** Councils to offer as buttons when the place is ambiguous. */
  choices?: PlaceCandidate[];
}

/** Marker for a council target in older code. */
export const LOCAL_AUTHORITY = 'local_authority';

/** True when some council handles the category (so routing it needs a location); "other" never is. */
export function isLocalCategory(category: CategoryId, agencies: Agency[]): boolean {
  return category !== 'other' && agencies.some((a) => a.level === 'local' && a.categories.includes(category));
}

type Choice = { body: Body } | { needsPlace: true } | null;

/** Routes categories and places to bodies. */
export class Router {
  readonly agencies: Agency[];
  readonly bodies: Body[];
  /** Retired id → successor id. */
  readonly renamed: Record<string, string>;
  private readonly byId: Map<string, Agency>;
  private readonly bodyById: Map<string, Body>;
  private readonly places: PlaceIndex;
  /** Names of bodies other than councils, longest first (for "named" targets). */
  private readonly bodyNames: { words: string[]; body: Body }[] = [];

  constructor(
    directory: Pick<Directory, 'bodies' | 'agencies' | 'renamed'>,
    readonly gazetteer: Gazetteer,
    readonly rules: RoutingRules,
  ) {
    this.agencies = directory.agencies;
    this.bodies = directory.bodies;
    this.renamed = directory.renamed;
    this.byId = new Map(this.agencies.map((a) => [a.id, a]));
    this.bodyById = new Map(this.bodies.map((b) => [b.id, b]));
    checkReferences(this.bodyById, gazetteer, rules);
    this.places = new PlaceIndex(this.bodies, gazetteer);
    for (const body of this.bodies) {
      if (body.kind === 'local_authority') continue;
      // Short single-word aliases are often ordinary terms ("OKU", "LRT"): only the body's own short name counts.
      const aliases = (body.aliases ?? []).filter((n) => placeWords(n).length > 1 || n.length >= 5);
      for (const n of new Set([body.name.en, body.name.ms, body.shortName, ...aliases])) {
        const words = n ? placeWords(n) : [];
        if (words.length && words.join('').length >= 2) this.bodyNames.push({ words, body });
      }
    }
    this.bodyNames.sort((a, b) => b.words.length - a.words.length);
  }

  /** The agency with this id (a retired id gives its successor), if any. */
  agency(id: string): Agency | undefined {
    return this.byId.get(id) ?? this.byId.get(this.renamed[id] ?? '');
  }

  /** The body with this id (a retired id gives its successor), if any. */
  body(id: string): Body | undefined {
    return this.bodyById.get(id) ?? this.bodyById.get(this.renamed[id] ?? '');
  }

  /** Place-name word sequences (for the classifier to ignore). */
  placeAliases(): string[][] {
    return this.places.aliasWords();
  }

  /** The place index (for tools). */
  placeIndex(): PlaceIndex {
    return this.places;
  }

  /** Resolves a pin first (most precise), then text. */
  resolvePlace(q: { text?: string; point?: LatLng }): ResolvedPlace | null {
    const fromPoint = q.point && isValidPoint(q.point) ? this.places.fromPoint(q.point) : null;
    return fromPoint ?? (q.text ? this.places.fromText(q.text) : null);
  }

  private placeFor(input: RouteInput): ResolvedPlace | null {
    const chosen = input.councilId ? this.places.council(input.councilId) : undefined;
    const found =
      this.resolvePlace({ point: input.point, text: input.locationText }) ??
      (input.text ? this.places.fromText(input.text) : null);
    if (!chosen) return found;
    return {
      // The council's town ("Kuala Lumpur"), not its Malay name: the line is read in either language.
      name: found?.name ?? townOf(chosen.name.ms),
      text: found?.text ?? input.locationText ?? townOf(chosen.name.ms),
      agencyId: chosen.id,
      state: chosen.state as StateId,
      matched: found?.matched ?? chosen.id,
      how: found?.how ?? 'placeName',
    };
  }

  /** Decides the body for a report. */
  route(input: RouteInput): RouteDecision {
    const place = this.placeFor(input);
    const words = placeWords(`${input.text ?? ''} . ${input.locationText ?? ''}`);
    const toks = placeTokens(`${input.text ?? ''} . ${input.locationText ?? ''}`);
    const said = {
      words,
      upper: new Set(toks.filter((t) => t.upper).map((t) => t.word)),
      capital: new Set(toks.filter((t, i) => t.capital && i > 0).map((t) => t.word)),
    };
    for (const rule of this.rules.rules) {
      if (!rule.categories.includes(input.category)) continue;
      if (rule.whenText && !rule.whenText.some((p) => contains(words, placeWords(p)))) continue;
      const pick =
        'named' in rule.to ? this.named(said, input.category) : this.pick(rule.to, input.category, place);
      if (pick && 'body' in pick) return this.decide(pick.body, rule.id, place, false);
      if (pick && rule.defaultTo && !place?.state)
        return this.decide(this.bodyById.get(rule.defaultTo) as Body, rule.id, place, false);
      if (!pick || (rule.whenNoPlace ?? 'ask') === 'next') continue;
      return this.ask(input, rule, place);
    }
    const fb = this.rules.fallback;
    const pick = fb ? this.pick(fb.to, input.category, place) : null;
    const local = isLocalCategory(input.category, this.agencies);
    if (pick && 'body' in pick) {
      const d = this.decide(pick.body, 'fallback', place, local && !place?.agencyId);
      return { ...d, reason: 'fallback' };
    }
    return {
      agencyId: null,
      place,
      needsLocation: local && !place?.agencyId,
      reason: 'unrouted',
      why: this.why('none', place),
    };
  }

  private ask(input: RouteInput, rule: RoutingRule, place: ResolvedPlace | null): RouteDecision {
    const site = input.defaultAgencyId ? this.byId.get(input.defaultAgencyId) : undefined;
    const choices = place?.ambiguous ? place.candidates : undefined;
    if (!choices && site && site.categories.includes(input.category) && 'council' in rule.to) {
      return {
        agencyId: site.id,
        place: null,
        needsLocation: true,
        reason: 'site_default',
        why: { ...this.why(rule.id, null), how: 'siteDefault' },
      };
    }
    return {
      agencyId: null,
      place,
      needsLocation: true,
      reason: choices ? 'ambiguous' : 'unrouted',
      why: this.why(rule.id, place),
      ...(choices ? { choices } : {}),
    };
  }

  private decide(
    body: Body,
    rule: string,
    place: ResolvedPlace | null,
    needsLocation: boolean,
  ): RouteDecision {
    return {
      agencyId: body.id,
      place,
      needsLocation,
      reason: body.kind === 'local_authority' ? 'local_authority' : 'body',
      why: this.why(rule, place),
    };
  }

  private why(rule: string, place: ResolvedPlace | null): RouteWhy {
    return {
      rule,
      ruleKey: `routing:rule.${rule}`,
      place: place ? { text: place.text, name: place.name, state: place.state } : null,
      how: place?.how ?? null,
      ...(place?.approximate ? { approximate: true } : {}),
    };
  }

  /**
   * A body the citizen names (name, short name or alias; acronyms in capitals) that handles the category; for
   * "other", also a named body that lists no categories of its own ("LHDN tak pulangkan bayaran balik cukai").
   */
  private named(
    said: { words: string[]; upper: Set<string>; capital: Set<string> },
    category: CategoryId,
  ): Choice {
    for (const { words, body } of this.bodyNames) {
      const handles = body.handles ?? [];
      if (!handles.includes(category) && !(category === 'other' && !handles.length)) continue;
      if (words.length === 1 && !(words[0].length <= 4 ? said.upper : said.capital).has(words[0])) continue;
      if (contains(said.words, words)) return { body };
    }
    return null;
  }

  /** The body a target selects for this category and place; `needsPlace` when it depends on an unknown place. */
  private pick(to: RuleTarget, category: CategoryId, place: ResolvedPlace | null): Choice {
    if ('named' in to) return null;
    if ('id' in to) return { body: this.bodyById.get(to.id) as Body };
    if ('council' in to) {
      if (!place?.agencyId) return { needsPlace: true };
      const council = this.byId.get(place.agencyId);
      return council?.categories.includes(category) ? { body: this.bodyById.get(council.id) as Body } : null;
    }
    const fits = this.bodies.filter(
      (b) => to.kinds.includes(b.kind) && (to.handles === false || (b.handles ?? []).includes(category)),
    );
    if (!fits.length) return null;
    const state = place?.state ?? undefined;
    if (!state) {
      const first = best(fits, to);
      return first.serves?.states || first.kind === 'state_office' ? { needsPlace: true } : { body: first };
    }
    const serving = fits.filter((b) => servesPlace(b, state, place?.agencyId ?? undefined));
    return serving.length ? { body: best(serving, to) } : null;
  }
}

/** Preference: the rule's kinds order, then `prefer`, then bodies serving fewer states (more local), then id. */
function best(bodies: Body[], to: { kinds: Body['kind'][]; prefer?: string[] }): Body {
  const prefer = (b: Body) => {
    const i = (to.prefer ?? []).indexOf(b.id);
    return i < 0 ? 999 : i;
  };
  const reach = (b: Body) => b.serves?.states?.length ?? (b.kind === 'state_office' ? 1 : 99);
  return [...bodies].sort(
    (a, b) =>
      to.kinds.indexOf(a.kind) - to.kinds.indexOf(b.kind) ||
      prefer(a) - prefer(b) ||
      reach(a) - reach(b) ||
      a.id.localeCompare(b.id),
  )[0];
}

/** True when `needle` occurs as consecutive words in `hay`. */
function contains(hay: string[], needle: string[]): boolean {
  if (!needle.length) return false;
  for (let i = 0; i + needle.length <= hay.length; i++)
    if (needle.every((w, k) => hay[i + k] === w)) return true;
  return false;
}

function checkReferences(byId: Map<string, Body>, gazetteer: Gazetteer, rules: RoutingRules): void {
  const targets = [
    ...rules.rules.map((r) => ({ id: r.id, to: r.to, defaultTo: r.defaultTo })),
    ...(rules.fallback ? [{ id: 'fallback', to: rules.fallback.to, defaultTo: undefined }] : []),
  ];
  for (const { id, to, defaultTo } of targets) {
    for (const ref of [
      defaultTo,
      'id' in to ? to.id : undefined,
      ...('prefer' in to ? (to.prefer ?? []) : []),
    ]) {
      if (ref && !byId.has(ref)) throw new RoutingDataError(`routing rule "${id}": unknown body "${ref}"`);
    }
  }
  for (const p of gazetteer.places) {
    const a = byId.get(p.agencyId);
    if (!a) throw new RoutingDataError(`gazetteer place "${p.name}": unknown body "${p.agencyId}"`);
    if (a.kind !== 'local_authority')
      throw new RoutingDataError(`gazetteer place "${p.name}": "${a.id}" is not a local authority`);
  }
}
