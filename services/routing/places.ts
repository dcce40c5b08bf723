/**
 * Place resolution anywhere in Malaysia: place and council names, short forms (JB, KK, "Penang") and state names in
 * free text; postcodes through malaysia-postcodes (post town + state → council); shared pins (polygons, known
 * places nearby, else the nearest council seat, labelled approximate). A name or post town that belongs to two
 * councils gives `candidates` so the dialog can ask.
 */
import type { Body, StateId } from '../agencies/bodies';
import { editDistance } from './fuzzy';
import { distanceKm, inPolygon, isValidPoint, type LatLng } from './geo';
import { citizenWords, placeTokens, placeWords, type PlaceToken } from './placeText';
import { lookupPostcode } from './postcodes';
import type { Gazetteer } from './schemas';
import { tokens } from './text';

/** How a place was found (shown to the citizen in the routing `why`). */
export type HowFound =
  'postcode' | 'placeName' | 'shortForm' | 'stateName' | 'pin' | 'nearestSeat' | 'siteDefault';

/** A council a place may belong to (for "which one did you mean?" buttons). */
export interface PlaceCandidate {
  agencyId: string;
  state: StateId;
  /** The place as we know it, e.g. "Taman Desa (Kuala Lumpur)". */
  label: string;
}

/** A location we understood. `agencyId` is the council; null when only the state is known (or it is ambiguous). */
export interface ResolvedPlace {
  /** Canonical name of the place found ("Taman Molek", "Pulau Pinang"). */
  name: string;
  /** The citizen's own words for it ("Jalan Jejaka, Taman Maluri"). */
  text: string;
  agencyId: string | null;
  state: StateId | null;
  postcode?: string;
  point?: LatLng;
  /** What matched, folded ("taman molek", "81100", "pin"). */
  matched: string;
  how: HowFound;
  /** A pin resolved to the nearest council seat: the council may be wrong near a boundary. */
  approximate?: boolean;
  /** Two or more councils fit equally well: ask the citizen, offering `candidates`. */
  ambiguous?: boolean;
  candidates?: PlaceCandidate[];
}

interface Target {
  councilId: string | null;
  state: StateId;
  name: string;
  /** Specificity: road/landmark 3, neighbourhood 2.5, council's own town 2.6, post town 1.8, council name 1.5, state 0. */
  rank: number;
  point?: LatLng;
  how: HowFound;
  /** A town (a council's own town or a post town): naming it also says which state the citizen means. */
  town?: boolean;
}

interface Entry {
  words: string[];
  targets: Target[];
  /** Short forms and common words must be written with a capital ("JB", "Pekan"). */
  needsCapital?: 'upper' | 'capital';
}

interface Match {
  entry: Entry;
  at: number;
  len: number;
}

/** Single words that are also ordinary words: only a place when written with a capital letter mid-sentence. */
const COMMON_WORDS = new Set(
  (
    'pekan kota bandar baru lama tengah air batu bukit sungai tanjung padang simpang pasir kuala kampung taman ' +
    'jalan pantai teluk permai jaya indah utama perdana parit pasar seri sri hulu hilir ulu besar kecil lembah alam ' +
    'damai mutiara setia mewah sentosa tasik kolam pusat stesen pulau muara lubuk paya merah putih hitam kuning ' +
    'hijau gajah harimau buaya lembu sawah ladang estate town city centre park market bridge station river beach ' +
    'jeti jetty hospital klinik sekolah masjid gereja kuil pejabat medan dataran lorong jambatan langgar jeram rantau tangga'
  ).split(' '),
);

/** Words that start a road name: a place name right after one is part of the road's name. */
const ROAD_WORDS = new Set([
  'jalan',
  'lorong',
  'persiaran',
  'lebuh',
  'lebuhraya',
  'lingkaran',
  'lengkok',
  'road',
  'street',
]);

/** True when token i begins a sentence (so its capital letter says nothing). */
function sentenceStart(toks: PlaceToken[], i: number): boolean {
  return i === 0;
}

const COUNCIL_PREFIX =
  /^(majlis (bandaraya|perbandaran|daerah)|dewan bandaraya|perbadanan|lembaga|city of|(city|municipal|district) council of)\s+/i;
const COUNCIL_SUFFIX = /\s+(city hall|city council|municipal council|district council|corporation)$/i;

/** The town in a council's name: "Majlis Bandaraya Johor Bahru" → "Johor Bahru". */
export function townOf(councilName: string): string {
  return councilName.replace(COUNCIL_PREFIX, '').replace(COUNCIL_SUFFIX, '').trim();
}

/** Resolves places against the body directory and the gazetteer. */
export class PlaceIndex {
  private readonly byFirst = new Map<string, Entry[]>();
  private readonly councils: Body[];
  private readonly byId: Map<string, Body>;
  private readonly stateNames = new Map<StateId, string>();
  private readonly singles: Entry[] = [];
  private readonly stateWords = new Set<string>();

  constructor(
    bodies: Body[],
    private readonly gazetteer: Gazetteer,
  ) {
    this.councils = bodies.filter((b) => b.kind === 'local_authority');
    this.byId = new Map(this.councils.map((b) => [b.id, b]));
    const stateWords = this.stateWords;
    for (const [state, names] of Object.entries(gazetteer.states ?? {}) as [StateId, string[]][]) {
      this.stateNames.set(state, names[0]);
      for (const n of names) {
        stateWords.add(placeWords(n).join(' '));
        this.add(n, { councilId: null, state, name: names[0], rank: 0, how: 'stateName' });
      }
    }
    for (const c of this.councils) {
      const t = (name: string, rank: number): Target => ({
        councilId: c.id,
        state: c.state as StateId,
        name,
        rank,
        how: 'placeName',
      });
      // A council named in the text is the place as the citizen wrote it (English or Malay name, acronym).
      for (const n of [c.name.en, c.name.ms, c.shortName, ...(c.aliases ?? [])])
        if (n) this.add(n, t(n, 1.5));
      for (const n of [c.name.en, c.name.ms]) {
        const town = townOf(n);
        if (town !== n && !stateWords.has(placeWords(town).join(' ')))
          this.add(town, { ...t(town, 2.6), town: true });
      }
      for (const n of c.area?.postTowns ?? [])
        if (!stateWords.has(placeWords(n).join(' '))) this.add(n, { ...t(n, 1.8), town: true });
      for (const n of c.area?.places ?? []) this.add(n, t(n, 2.5));
    }
    for (const p of gazetteer.places) {
      const c = this.byId.get(p.agencyId);
      if (!c) continue;
      const rank = p.kind === 'road' || p.kind === 'landmark' ? 3 : p.kind === 'area' ? 2.5 : 2;
      const target: Target = {
        councilId: c.id,
        state: c.state as StateId,
        name: p.name,
        rank,
        point: { lat: p.lat, lng: p.lng },
        how: 'placeName',
      };
      for (const n of [p.name, ...(p.aliases ?? [])]) this.add(n, target);
    }
    for (const sf of gazetteer.shortForms ?? []) {
      const targets: Target[] = sf.state
        ? [
            {
              councilId: null,
              state: sf.state,
              name: this.stateNames.get(sf.state) ?? sf.state,
              rank: 0,
              how: 'stateName',
            },
          ]
        : this.targetsOf(sf.place as string).map((t) => ({ ...t, how: 'shortForm' as const }));
      for (const t of targets) this.add(sf.form, t, sf.form.length <= 3 ? 'upper' : undefined);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  private targetsOf(name: string): Target[] {
    const words = placeWords(name);
    const entry = (this.byFirst.get(words[0]) ?? []).find((e) => same(e.words, words));
    return entry ? entry.targets.filter((t) => t.councilId) : [];
  }

  private add(name: string, given: Target, needsCapital?: 'upper'): void {
    const words = placeWords(name);
    // A council place that is also a state's name ("Penang") is weak evidence for that council.
    const target =
      given.councilId && this.stateWords.has(words.join(' '))
        ? { ...given, rank: Math.min(given.rank, 1) }
        : given;
    if (!words.length || (words.length === 1 && words[0].length < 2)) return;
    const list = this.byFirst.get(words[0]) ?? [];
    let entry = list.find((e) => same(e.words, words));
    if (!entry) {
      const capital =
        needsCapital ??
        (words.length === 1 && (COMMON_WORDS.has(words[0]) || words[0].length <= 3) ? 'capital' : undefined);
      entry = { words, targets: [], ...(capital ? { needsCapital: capital } : {}) };
      list.push(entry);
      this.byFirst.set(words[0], list);
      if (words.length === 1 && words[0].length >= 7 && !/\d/.test(words[0]) && !capital)
        this.singles.push(entry);
    }
    const dup = entry.targets.find((t) => t.councilId === target.councilId && t.state === target.state);
    if (!dup) entry.targets.push(target);
    else if (target.rank > dup.rank) Object.assign(dup, target);
  }

  /** Every place name as classifier tokens (the classifier ignores these words: "Jalan Kuching" ≠ kucing). */
  aliasWords(): string[][] {
    const out: string[][] = [];
    for (const list of this.byFirst.values())
      for (const e of list) if (!e.needsCapital) out.push(tokens(e.words.join(' ')));
    return out.filter((w) => w.length);
  }

  /** Names that fit two or more councils equally well (the bot asks which one), with those councils. */
  ambiguousNames(): { name: string; councils: string[] }[] {
    const out: { name: string; councils: string[] }[] = [];
    for (const list of this.byFirst.values()) {
      for (const e of list) {
        const councils = e.targets.filter((t) => t.councilId);
        const top = Math.max(...councils.map((t) => t.rank));
        const best = councils.filter((t) => t.rank === top).map((t) => t.councilId as string);
        if (best.length > 1) out.push({ name: e.words.join(' '), councils: best.sort() });
      }
    }
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Short forms whose place is not in the index (data mistakes). */
  unknownShortForms(): string[] {
    return (this.gazetteer.shortForms ?? [])
      .filter((sf) => sf.place && !this.targetsOf(sf.place).length)
      .map((sf) => `${sf.form} → ${sf.place}`);
  }

  /** The councils a postcode belongs to (explicit postcode lists first, else by post town), and its state. */
  councilsForPostcode(postcode: string): { state: StateId | null; postTown?: string; councils: Body[] } {
    const n = Number(postcode);
    const explicit = this.councils
      .map((c) => ({ c, width: narrowest(c.area?.postcodes ?? [], n) }))
      .filter((x) => x.width !== null)
      .sort((a, b) => (a.width as number) - (b.width as number));
    const where = lookupPostcode(postcode);
    if (explicit.length) {
      const w = explicit[0].width;
      return {
        state: (explicit[0].c.state as StateId) ?? where?.state ?? null,
        postTown: where?.postTown,
        councils: explicit.filter((x) => x.width === w).map((x) => x.c),
      };
    }
    if (!where) return { state: null, councils: [] };
    const town = where.postTown.toLowerCase();
    const councils = this.councils.filter(
      (c) => c.state === where.state && (c.area?.postTowns ?? []).some((t) => t.toLowerCase() === town),
    );
    return { state: where.state, postTown: where.postTown, councils };
  }

  /** The council this id names, if it is one. */
  council(id: string): Body | undefined {
    return this.byId.get(id);
  }

  /** Resolves free text (place names, short forms, state names, postcodes) to a place, or null. */
  fromText(text: string): ResolvedPlace | null {
    if (typeof text !== 'string' || !text.trim()) return null;
    const original = text.slice(0, 2000);
    const toks = placeTokens(original);
    const matches = this.matchAll(toks);
    const postcode = extractPostcode(original);
    const pc = postcode ? this.councilsForPostcode(postcode) : null;
    const score = new Map<string, number>();
    const evidence = new Map<string, Match>();
    const mentionedStates = new Set<StateId>();
    for (const m of matches) {
      const towns = m.entry.targets.filter((t) => t.councilId);
      if (towns.length && towns.every((t) => t.town && t.state === towns[0].state))
        mentionedStates.add(towns[0].state);
      for (const t of m.entry.targets) {
        if (!t.councilId) {
          mentionedStates.add(t.state);
          continue;
        }
        const w = m.len * t.rank;
        score.set(t.councilId, (score.get(t.councilId) ?? 0) + w);
        const prev = evidence.get(t.councilId);
        if (!prev || prev.entry.targets.find((x) => x.councilId === t.councilId)!.rank * prev.len < w)
          evidence.set(t.councilId, m);
      }
    }
    if (pc?.state) mentionedStates.add(pc.state);
    for (const c of pc?.councils ?? []) score.set(c.id, (score.get(c.id) ?? 0) + 2.5);
    for (const id of score.keys()) {
      const st = this.byId.get(id)?.state as StateId;
      if (mentionedStates.has(st)) score.set(id, (score.get(id) as number) + 1.5);
      else if (mentionedStates.size) score.set(id, (score.get(id) as number) * 0.4);
    }
    const ranked = [...score].filter(([, s]) => s > 0).sort((a, b) => b[1] - a[1]);
    if (!ranked.length) return this.stateOnly(original, toks, matches, mentionedStates, postcode);
    const top = ranked.filter(([, s]) => s >= ranked[0][1] - 1e-9).map(([id]) => id);
    const best = top[0];
    const m = evidence.get(best);
    const target = m?.entry.targets.find((t) => t.councilId === best);
    const council = this.byId.get(best) as Body;
    const span = this.span(original, toks, matches, m);
    const how: HowFound = target ? (target.how === 'stateName' ? 'placeName' : target.how) : 'postcode';
    const place: ResolvedPlace = {
      name: target?.name ?? pc?.postTown ?? townOf(council.name.ms),
      text: span ?? (postcode as string),
      agencyId: best,
      state: council.state as StateId,
      ...(postcode ? { postcode } : {}),
      ...(target?.point ? { point: target.point } : {}),
      matched: m ? m.entry.words.join(' ') : (postcode as string),
      how,
    };
    if (top.length > 1) {
      place.ambiguous = true;
      place.agencyId = null;
      place.candidates = top.slice(0, 4).map((id) => this.candidate(id, target?.name ?? place.name));
      const states = new Set(place.candidates.map((c) => c.state));
      place.state = states.size === 1 ? place.candidates[0].state : null;
    }
    return place;
  }

  private candidate(id: string, placeName: string): PlaceCandidate {
    const c = this.byId.get(id) as Body;
    const state = c.state as StateId;
    return {
      agencyId: id,
      state,
      label: `${placeName} (${townOf(c.name.ms)}, ${this.stateNames.get(state) ?? state})`,
    };
  }

  private stateOnly(
    original: string,
    toks: PlaceToken[],
    matches: Match[],
    states: Set<StateId>,
    postcode: string | undefined,
  ): ResolvedPlace | null {
    if (states.size !== 1) return null;
    const state = [...states][0];
    const m = matches.find((x) => x.entry.targets.some((t) => !t.councilId && t.state === state));
    const only = this.councils.filter((c) => c.state === state);
    return {
      name: this.stateNames.get(state) ?? state,
      text: this.span(original, toks, matches, m) ?? (postcode as string),
      agencyId: only.length === 1 ? only[0].id : null,
      state,
      ...(postcode ? { postcode } : {}),
      matched: m ? m.entry.words.join(' ') : (postcode as string),
      how: m ? 'stateName' : 'postcode',
    };
  }

  /** The citizen's words: from the first to the last place word, with the address lead-in. */
  private span(
    original: string,
    toks: PlaceToken[],
    matches: Match[],
    best: Match | undefined,
  ): string | null {
    if (!best) return null;
    const near = matches.filter((x) => Math.abs(x.at - best.at) <= 8);
    const from = Math.min(...near.map((x) => toks[x.at].start));
    const to = Math.max(...near.map((x) => toks[x.at + x.len - 1].end));
    return citizenWords(original, from, to);
  }

  /** Resolves a shared pin: inside a council polygon, near a known place, else the nearest council seat (approximate). */
  fromPoint(point: LatLng): ResolvedPlace | null {
    if (!isValidPoint(point)) return null;
    const inPoly = this.councils.find((c) => (c.area?.polygons ?? []).some((poly) => inPolygon(point, poly)));
    const base = { text: `${point.lat.toFixed(5)}, ${point.lng.toFixed(5)}`, point, matched: 'pin' } as const;
    let nearPlace: { name: string; id: string; km: number } | null = null;
    for (const p of this.gazetteer.places) {
      if (inPoly && p.agencyId !== inPoly.id) continue;
      const km = distanceKm(point, p);
      if (!nearPlace || km < nearPlace.km) nearPlace = { name: p.name, id: p.agencyId, km };
    }
    if (inPoly) {
      const name =
        nearPlace && nearPlace.km <= this.gazetteer.maxPinDistanceKm
          ? nearPlace.name
          : townOf(inPoly.name.ms);
      return { ...base, name, agencyId: inPoly.id, state: inPoly.state as StateId, how: 'pin' };
    }
    if (nearPlace && nearPlace.km <= this.gazetteer.maxPinDistanceKm && this.byId.has(nearPlace.id)) {
      const c = this.byId.get(nearPlace.id) as Body;
      return { ...base, name: nearPlace.name, agencyId: c.id, state: c.state as StateId, how: 'pin' };
    }
    let seat: { c: Body; km: number } | null = null;
    for (const c of this.councils) {
      const km = distanceKm(point, c.seat as LatLng);
      if (!seat || km < seat.km) seat = { c, km };
    }
    if (!seat || seat.km > (this.gazetteer.maxSeatDistanceKm ?? 80)) return null;
    const c = seat.c;
    return {
      ...base,
      name: townOf(c.name.ms),
      agencyId: c.id,
      state: c.state as StateId,
      how: 'nearestSeat',
      approximate: true,
    };
  }

  /**
   * Place names in the tokens. Every position's longest name is a candidate; names inside a longer one are dropped;
   * of two overlapping names the one written with a capital wins ("simpang Kuala Perlis"). A one-word town right
   * after a road word is a road named after the town, not the town ("Jalan Ipoh" is in Kuala Lumpur), and a road name
   * followed by more capitalised words is a longer road we do not know ("Jalan Sultan Yahya Petra").
   */
  private matchAll(toks: PlaceToken[]): Match[] {
    const words = toks.map((t) => t.word);
    const found: Match[] = [];
    for (let i = 0; i < toks.length; i++) {
      const afterRoad = i > 0 && ROAD_WORDS.has(words[i - 1]) && !ROAD_WORDS.has(words[i]);
      const numbered = /\d/.test(words[i + 1] ?? '') || /\d/.test(words[i]);
      const skipAfterRoad = afterRoad && !numbered && (toks[i - 1].capital || !toks[i].capital);
      const exact = (this.byFirst.get(words[i]) ?? []).find(
        (e) =>
          e.words.every((w, k) => words[i + k] === w) &&
          (e.needsCapital !== 'upper' || toks[i].upper || toks.length === 1) &&
          (e.needsCapital !== 'capital' || (toks[i].capital && !sentenceStart(toks, i)) || toks.length === 1),
      );
      // A misspelt name only when written like a name (capital, mid-sentence): "getting" is not "Genting".
      const fuzzy =
        !exact && toks[i].capital && !sentenceStart(toks, i) ? this.fuzzySingle(words[i]) : undefined;
      const entry = exact ?? fuzzy;
      if (!entry || (skipAfterRoad && entry.words.length === 1)) continue;
      const end = i + entry.words.length;
      if (ROAD_WORDS.has(entry.words[0]) && toks[end]?.capital && toks[end].start - toks[end - 1].end <= 1)
        continue;
      found.push({ entry, at: i, len: entry.words.length });
    }
    const inside = (a: Match, b: Match) => a !== b && a.at >= b.at && a.at + a.len <= b.at + b.len;
    const kept = found.filter((m) => !found.some((o) => inside(m, o) && o.len > m.len));
    return kept.filter((m) => {
      const rival = kept.find((o) => o !== m && o.at < m.at + m.len && m.at < o.at + o.len);
      if (!rival) return true;
      if (toks[m.at].capital !== toks[rival.at].capital) return toks[m.at].capital;
      return m.len > rival.len || (m.len === rival.len && m.at < rival.at);
    });
  }

  private fuzzySingle(word: string): Entry | undefined {
    if (word.length < 7 || /\d/.test(word)) return undefined;
    return this.singles.find((e) => e.words[0][0] === word[0] && editDistance(word, e.words[0], 1) <= 1);
  }
}

function same(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/** Width of the narrowest postcode spec covering n, or null. */
function narrowest(specs: string[], n: number): number | null {
  let best: number | null = null;
  for (const spec of specs) {
    const [from, to = from] = spec.split('-').map(Number);
    if (n >= from && n <= to && (best === null || to - from < best)) best = to - from;
  }
  return best;
}

/** Finds a 5-digit Malaysian postcode in the text (not part of a longer number such as a phone number). */
export function extractPostcode(text: string): string | undefined {
  if (typeof text !== 'string') return undefined;
  for (const m of text.matchAll(/(?<![\d+-])(\d{5})(?![\d-])/g)) {
    const n = Number(m[1]);
    if (n >= 1000 && n <= 98999) return m[1];
  }
  return undefined;
}
