/** Place-name tokens with their position in the citizen's text, and the citizen's own words around a match. */
import { foldText } from './text';

/** Place-name spelling variants ("Jln." = "Jalan", "Sek." = "Seksyen", "Tmn" = "Taman"). */
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
  psn: 'persiaran',
  jln: 'jalan',
  jl: 'jalan',
  tmn: 'taman',
  kg: 'kampung',
  kpg: 'kampung',
  kampong: 'kampung',
  bdr: 'bandar',
  bt: 'batu',
  bkt: 'bukit',
  sg: 'sungai',
  sgai: 'sungai',
  tg: 'tanjung',
  tanjong: 'tanjung',
  lrg: 'lorong',
  ayer: 'air',
  georgetown: 'george town',
};

/** One token with where it came from in the original text. */
export interface PlaceToken {
  word: string;
  start: number;
  end: number;
  /** The original word starts with a capital letter, or is all capitals. */
  capital: boolean;
  /** The original word is written in capitals ("JB", "KK"). */
  upper: boolean;
}

/** Tokens of a place name (no offsets): "Jln. Kuching" and "jalan kuching" give the same words. */
export function placeWords(text: string): string[] {
  return placeTokens(text).map((t) => t.word);
}

/** Splits text into place tokens, keeping offsets into the original string. */
export function placeTokens(text: string): PlaceToken[] {
  const out: PlaceToken[] = [];
  for (const m of text.matchAll(/[^\s,.;:!?()/\\"'|&+]+/g)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const capital = /^\p{Lu}/u.test(raw);
    const upper = /\p{Lu}/u.test(raw) && raw === raw.toUpperCase();
    for (const folded of foldText(raw).split(' ')) {
      if (!folded) continue;
      // Own keys only: "constructor" or "__proto__" typed by a citizen are words, not Object.prototype members.
      const mapped = Object.hasOwn(PLACE_FORMS, folded) ? PLACE_FORMS[folded]! : folded;
      for (const word of mapped.split(' '))
        out.push({ word, start, end: start + raw.length, capital, upper });
    }
  }
  return out;
}

const NOT_ADDRESS =
  '(?:di|dkt|dekat|kat|kt|at|in|on|near|depan|belakang|sebelah|tepi|rosak|tak|tidak|x|dah|sudah|ada|is|are|the)';
const ADDRESS_LEAD = new RegExp(
  `((?:no\\.?\\s*\\d+[a-z]?\\s*,?\\s*)?(?:jalan|jln\\.?|lorong|lrg\\.?|persiaran|lebuh|lebuhraya|blok|lot|taman|tmn\\.?|kampung|kampong|kg\\.?|lengkok|lingkaran|solok|medan)(?:\\s+(?!${NOT_ADDRESS}\\b)[^\\s,.;!?]+){1,4}\\s*,?\\s*)$`,
  'i',
);

/**
 * The citizen's own words for the place between `start` and `end` in `text`, extended to the left over an
 * address lead-in ("Jalan Jejaka, " before "Taman Maluri") and to the right over a postcode; at most 120 characters.
 */
export function citizenWords(text: string, start: number, end: number): string {
  let from = start;
  const lead = ADDRESS_LEAD.exec(text.slice(Math.max(0, start - 60), start));
  if (lead) from = start - lead[1].length;
  let to = end;
  const tail = /^[,\s]*\d{5}\b/.exec(text.slice(end));
  if (tail) to = end + tail[0].length;
  return text
    .slice(from, to)
    .replace(/\s+/g, ' ')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .slice(0, 120);
}
