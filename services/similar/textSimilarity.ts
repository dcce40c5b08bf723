/**
 * How alike two descriptions are, explained simply: the share of the shorter description's content words that also
 * appear in the other, after folding, Malaysian short forms ("lbg" → "lubang") and stemming ("berlubang" and
 * "potholes" meet "lubang" and "pothole"). Stop words, numbers and the place's own words do not count.
 */
import { stemCandidates } from '../routing/stem';
import { STOPWORDS, tokens } from '../routing/text';

/** One content word with the forms it can match on. */
type Word = Set<string>;

/** Content words of a text, each as its candidate stems; `ignore` words (e.g. the street name) are left out. */
export function contentWords(text: string, ignore: ReadonlySet<string> = new Set()): Word[] {
  const seen = new Set<string>();
  const out: Word[] = [];
  for (const w of tokens(text)) {
    if (w.length < 3 || /\d/.test(w) || STOPWORDS.has(w) || ignore.has(w) || seen.has(w)) continue;
    seen.add(w);
    out.push(new Set(stemCandidates(w)));
  }
  return out;
}

function meets(a: Word, others: Word[]): boolean {
  return others.some((b) => [...a].some((form) => b.has(form)));
}

/** 0..1: shared content words over the shorter text's content words (0 when either has none). */
export function textSimilarity(a: string, b: string, ignore: ReadonlySet<string> = new Set()): number {
  const wa = contentWords(a, ignore);
  const wb = contentWords(b, ignore);
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  if (short.length === 0) return 0;
  return short.filter((w) => meets(w, long)).length / short.length;
}
