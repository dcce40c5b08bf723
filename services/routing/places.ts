/** Location → local authority: place names and roads in free text, postcodes, and shared pins. */
import type { Agency } from '../agencies/types';
import { editDistance } from './fuzzy';
import { distanceKm, inPolygon, isValidPoint, type LatLng } from './geo';
import type { Gazetteer, GazetteerPlace } from './schemas';
import { tokens } from './text';

/** A location we understood, and the local authority that covers it. */
export interface ResolvedPlace {
  name: string;
  agencyId: string;
  postcode?: string;
  point?: { lat: number; lng: number };
  /** What we matched: the place name as written, the postcode, or "pin". */
  matched: string;
  /** The name is shared by several authorities; `agencyId` is the most likely one (worth confirming). */
  ambiguous?: boolean;
}

/** Place-name spelling variants, applied after the general short forms. */
const PLACE_FORMS: Record<string, string> = {
  section: 'seksyen',
  sec: 'seksyen',
  sek: 'seksyen',
  seksen: 'seksyen',
  sect: 'seksyen',
  precinct: 'presint',
  persint: 'presint',
  presin: 'presint',
  seri: 'sri',
  bandaraya: 'bandar',
  jalan: 'jalan',
  persiaran: 'persiaran',
  psn: 'persiaran',
  lebuh: 'lebuh',
  jl: 'jalan',
  kampong: 'kampung',
};

/** Tokens for place matching ("Jln. Kuching", "jalan kuching" and "JALAN KUCHING" become the same). */
export function placeTokens(text: string): string[] {
  // Own keys only: "constructor" or "__proto__" typed by a citizen are words, not Object.prototype members.
  return tokens(text).map((t) => (Object.hasOwn(PLACE_FORMS, t) ? PLACE_FORMS[t]! : t));
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

interface Alias {
  words: string[];
  place: GazetteerPlace;
}

interface Match {
  alias: Alias;
  at: number;
}

const KIND_RANK: Record<GazetteerPlace['kind'], number> = { road: 3, landmark: 3, area: 2, city: 1 };

/** Resolves places against a gazetteer and the agencies' postcode ranges and polygons. */
export class PlaceIndex {
  private readonly byFirst = new Map<string, Alias[]>();
  private readonly singles: Alias[] = [];
  private readonly ranges: { from: number; to: number; agencyId: string }[] = [];

  constructor(
    private readonly gazetteer: Gazetteer,
    private readonly agencies: Agency[],
  ) {
    for (const place of gazetteer.places) {
      const names = new Set([place.name, ...(place.aliases ?? [])].map((n) => placeTokens(n).join(' ')));
      for (const name of names) {
        if (!name) continue;
        const alias = { words: name.split(' '), place };
        const list = this.byFirst.get(alias.words[0]) ?? [];
        list.push(alias);
        this.byFirst.set(alias.words[0], list);
        if (alias.words.length === 1 && name.length >= 6 && !/\d/.test(name)) this.singles.push(alias);
      }
    }
    for (const list of this.byFirst.values())
      list.sort((a, b) => b.words.length - a.words.length || rank(a, b));
    for (const a of agencies) {
      for (const spec of a.area?.postcodes ?? []) {
        const [from, to = from] = spec.split('-').map(Number);
        this.ranges.push({ from, to, agencyId: a.id });
      }
    }
  }

  /** Every place-name sequence in the gazetteer, as tokens (the classifier ignores these words). */
  aliasWords(): string[][] {
    return [...this.byFirst.values()].flat().map((a) => a.words);
  }

  /** The local authority whose postcode ranges cover this postcode (the narrowest range wins). */
  agencyForPostcode(postcode: string): string | null {
    const n = Number(postcode);
    const hits = this.ranges
      .filter((r) => n >= r.from && n <= r.to)
      .sort((a, b) => a.to - a.from - (b.to - b.from));
    return hits[0]?.agencyId ?? null;
  }

  /** Resolves free text (place names, roads, postcodes) to a place, or null. */
  fromText(text: string): ResolvedPlace | null {
    if (typeof text !== 'string' || !text.trim()) return null;
    const words = placeTokens(text.slice(0, 2000));
    const matches = this.matchAll(words);
    const postcode = extractPostcode(text);
    const postcodeAgency = postcode ? this.agencyForPostcode(postcode) : null;
    if (!matches.length) {
      if (!postcode || !postcodeAgency) return null;
      const known = this.gazetteer.places.find(
        (p) => p.postcode === postcode && p.agencyId === postcodeAgency,
      );
      const agency = this.agencies.find((a) => a.id === postcodeAgency);
      return {
        name: known ? known.name : `${postcode} (${agency?.shortName ?? postcodeAgency})`,
        agencyId: postcodeAgency,
        postcode,
        point: known ? { lat: known.lat, lng: known.lng } : undefined,
        matched: postcode,
      };
    }
    const score = new Map<string, number>();
    for (const m of matches) {
      const id = m.alias.place.agencyId;
      const w = m.alias.words.length * KIND_RANK[m.alias.place.kind] * (m.alias.place.ambiguous ? 0.5 : 1);
      score.set(id, (score.get(id) ?? 0) + w);
    }
    if (postcodeAgency) score.set(postcodeAgency, (score.get(postcodeAgency) ?? 0) + 2.5);
    const bestAgency = [...score].sort((a, b) => b[1] - a[1])[0][0];
    const inAgency = matches.filter((m) => m.alias.place.agencyId === bestAgency);
    if (!inAgency.length && postcode) return this.fromText(postcode);
    const best = inAgency.sort(
      (a, b) => rank(a.alias, b.alias) || b.alias.words.length - a.alias.words.length,
    )[0];
    const p = best.alias.place;
    const sameAgencyPostcode = postcode && postcodeAgency === p.agencyId ? postcode : undefined;
    return {
      name: p.name,
      agencyId: p.agencyId,
      postcode: sameAgencyPostcode ?? p.postcode,
      point: { lat: p.lat, lng: p.lng },
      matched: words.slice(best.at, best.at + best.alias.words.length).join(' '),
      ...(p.ambiguous && matches.length === 1 ? { ambiguous: true } : {}),
    };
  }

  /** Resolves a shared pin: inside an agency polygon, else the nearest known place within the distance limit. */
  fromPoint(point: LatLng): ResolvedPlace | null {
    if (!isValidPoint(point)) return null;
    const polygonAgency = this.agencies.find((a) =>
      (a.area?.polygons ?? []).some((poly) => inPolygon(point, poly)),
    );
    const candidates = polygonAgency
      ? this.gazetteer.places.filter((p) => p.agencyId === polygonAgency.id)
      : this.gazetteer.places;
    let nearest: GazetteerPlace | null = null;
    let bestKm = Infinity;
    for (const p of candidates) {
      const d = distanceKm(point, p);
      if (d < bestKm) {
        bestKm = d;
        nearest = p;
      }
    }
    if (!polygonAgency && (!nearest || bestKm > this.gazetteer.maxPinDistanceKm)) return null;
    const agencyId = polygonAgency?.id ?? (nearest as GazetteerPlace).agencyId;
    return {
      name: nearest?.name ?? polygonAgency?.name.en ?? agencyId,
      agencyId,
      postcode: nearest?.postcode,
      point: { lat: point.lat, lng: point.lng },
      matched: 'pin',
    };
  }

  private matchAll(words: string[]): Match[] {
    const out: Match[] = [];
    for (let i = 0; i < words.length;) {
      const exact = (this.byFirst.get(words[i]) ?? []).find((a) =>
        a.words.every((w, k) => words[i + k] === w),
      );
      const alias = exact ?? this.fuzzySingle(words[i]);
      if (alias) {
        out.push({ alias, at: i });
        i += alias.words.length;
      } else i++;
    }
    return out;
  }

  private fuzzySingle(word: string): Alias | undefined {
    if (word.length < 6 || /\d/.test(word)) return undefined;
    return this.singles.find((a) => a.words[0][0] === word[0] && editDistance(word, a.words[0], 1) <= 1);
  }
}

function rank(a: Alias, b: Alias): number {
  return (
    Number(!!a.place.ambiguous) - Number(!!b.place.ambiguous) ||
    KIND_RANK[b.place.kind] - KIND_RANK[a.place.kind]
  );
}
