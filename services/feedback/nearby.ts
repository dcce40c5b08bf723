/**
 * "Me too" look-ups in the feedback collection: open items of one category within a radius of a pin (a 2dsphere
 * index on `location.point`, `$nearSphere`), or on the same street or in the same neighbourhood when only text is
 * given (`placeKeys`, normalised names written at filing time). Only standard MongoDB operators, so the stand-in
 * and a real mongod give the same answers.
 */
import type { Collection, Filter } from 'mongodb';
import type { CategoryId } from '../agencies/types';
import { LEXICON } from '../routing/lexicon';
import { placeTokens, type PlaceToken } from '../routing/placeText';
import { STOPWORDS } from '../routing/text';
import type { FeedbackLocation, FeedbackRecord, FeedbackStatus, FeedbackType, GeoPoint } from './types';

/** Statuses of an item still being dealt with: the ones a citizen may add their voice to. */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['received', 'sent', 'acknowledged', 'in_progress'];

/** Words that start a street or neighbourhood name (after placeText's spelling folds: "Jln." → "jalan"). */
const PLACE_LEADS = new Set(
  'jalan lorong persiaran lebuh lebuhraya lengkok lingkaran solok medan taman kampung bandar seksyen presint desa'.split(
    ' ',
  ),
);
/** Honorifics in road names: "Jalan Tun Razak" needs the name after the title to be a key. */
const TITLES = new Set(
  'tun tunku tengku sultan raja dato datuk haji hj dr sri tan puteri permaisuri'.split(' '),
);
/** Words that describe a problem, not name a place ("jalan berlubang", "jalan raya"). */
const NOT_NAMES = new Set([...STOPWORDS, ...lexiconWords(), 'raya', 'utama', 'besar', 'kecil', 'baru']);

function lexiconWords(): string[] {
  return Object.values(LEXICON)
    .flatMap((text) => text.replace(/\d+(\.\d+)?:/g, ',').split(/[,\n]/))
    .map((w) => w.trim().toLowerCase())
    .filter((w) => /^[a-z]+$/.test(w));
}

/** Punctuation between two tokens ends a name ("Jalan Kuching, Kepong"), except the dot of a short form ("Jln."). */
function separated(text: string, a: PlaceToken, b: PlaceToken): boolean {
  const gap = text.slice(a.end, b.start);
  if (/^\.\s*$/.test(gap) && a.end - a.start <= 4 && text.slice(a.start, a.end).toLowerCase() !== a.word)
    return false;
  return /[,.;:!?()]/.test(gap);
}

/** The words of a name after its lead word, by the rules in `placeKeys`. */
function nameAfter(text: string, toks: PlaceToken[], lead: number): string[] {
  const capital = toks[lead]!.capital;
  const words: string[] = [];
  for (let j = lead + 1; j < toks.length && words.length < (capital ? 4 : 2); j++) {
    const tok = toks[j]!;
    if (separated(text, toks[j - 1]!, tok) || PLACE_LEADS.has(tok.word) || NOT_NAMES.has(tok.word)) break;
    if (capital && !tok.capital && !/\d/.test(tok.word)) break;
    words.push(tok.word);
  }
  return words;
}

/**
 * Normalised street/neighbourhood names in a text: a lead word (jalan, lorong, taman, kampung, seksyen …) and up
 * to four following words (two when written in lower case), stopping at punctuation, a problem word ("berlubang")
 * or a lower-case word after a capitalised name. Every prefix of a name with one word (two after a title) is a key,
 * so "Jalan Kuching Kepong" also meets "Jalan Kuching". `describedOnly`: the text is the description, where a lower
 * case "jalan" is usually the word "road", so only capitalised names count.
 */
export function placeKeys(text: string, describedOnly = false): string[] {
  const toks = placeTokens(text);
  const keys = new Set<string>();
  toks.forEach((tok, i) => {
    if (!PLACE_LEADS.has(tok.word) || (describedOnly && !tok.capital)) return;
    const words = nameAfter(text, toks, i);
    const min = words[0] && TITLES.has(words[0]) ? 2 : 1;
    for (let n = min; n <= words.length; n++) keys.add([tok.word, ...words.slice(0, n)].join(' '));
  });
  return [...keys];
}

/** The keys of a filing: from where the citizen said it is, and capitalised names in the description. */
export function recordPlaceKeys(location: FeedbackLocation | undefined | null, text: string): string[] {
  const keys = new Set<string>([
    ...placeKeys(location?.text ?? ''),
    ...placeKeys(location?.place ?? ''),
    ...placeKeys(text, true),
  ]);
  return [...keys].slice(0, 20);
}

/** What every look-up filters on: the same kind and category, still open, not the asker's own. */
export interface NearbyQuery {
  type: FeedbackType;
  category: CategoryId;
  /** The asker: their own items are never offered. */
  citizenKey: string;
  limit: number;
}

/** The fields a look-up returns (never the filer's contact, channel or key). */
export type NearbyItem = Pick<
  FeedbackRecord,
  '_id' | 'type' | 'category' | 'status' | 'createdAt' | 'text' | 'agencyId' | 'placeKeys' | 'supporterCount'
> & { location?: Pick<FeedbackLocation, 'place' | 'point'> };

const PROJECTION = {
  _id: 1,
  type: 1,
  category: 1,
  status: 1,
  createdAt: 1,
  text: 1,
  agencyId: 1,
  placeKeys: 1,
  supporterCount: 1,
  'location.place': 1,
  'location.point': 1,
} as const;

/** Look-ups over the feedback collection (FeedbackRepository.nearby). */
export class FeedbackNearby {
  constructor(private readonly col: Collection<FeedbackRecord>) {}

  /** The 2dsphere index the pin look-up needs, and one for place keys (idempotent). */
  async ensureIndexes(): Promise<void> {
    await Promise.all([
      this.col.createIndex({ 'location.point': '2dsphere' }, { name: 'location_point_2dsphere' }),
      this.col.createIndex({ placeKeys: 1, category: 1 }, { name: 'placeKeys_category' }),
    ]);
  }

  private base(q: NearbyQuery): Filter<FeedbackRecord> {
    return {
      type: q.type,
      category: q.category,
      status: { $in: [...OPEN_STATUSES] },
      citizenKey: { $ne: q.citizenKey },
    };
  }

  /** Open items within `radiusM` metres of `point`, nearest first. */
  async nearPoint(q: NearbyQuery & { point: GeoPoint; radiusM: number }): Promise<NearbyItem[]> {
    const filter: Filter<FeedbackRecord> = {
      ...this.base(q),
      'location.point': {
        $nearSphere: {
          $geometry: { type: 'Point', coordinates: q.point.coordinates },
          $maxDistance: q.radiusM,
        },
      },
    };
    return this.col.find(filter, { projection: PROJECTION }).limit(q.limit).toArray();
  }

  /** Open items sharing a place key, for the same agency when known, newest first. */
  async samePlace(q: NearbyQuery & { keys: string[]; agencyId?: string | null }): Promise<NearbyItem[]> {
    if (q.keys.length === 0) return [];
    const filter: Filter<FeedbackRecord> = { ...this.base(q), placeKeys: { $in: q.keys } };
    if (q.agencyId) filter.agencyId = q.agencyId;
    return this.col.find(filter, { projection: PROJECTION }).sort({ createdAt: -1 }).limit(q.limit).toArray();
  }
}
