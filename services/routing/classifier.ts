/**
 * Category classifier: free EN/MS/mixed text → ranked categories with a confidence. Two parts, combined by one
 * rule: the bilingual lexicon (hand-written terms, affixes, short forms, typos) and a learned model trained on
 * the labelled texts in data/labelled (learned.ts). Pure and synchronous once built.
 */
import { CATEGORY_IDS, type CategoryId } from '../agencies/types';
import { FuzzyIndex } from './fuzzy';
import { getDefaultModel } from './labelled';
import type { LearnedModel } from './learned';
import { LEXICON } from './lexicon';
import { stemCandidates } from './stem';
import { LOCATIVES, STOPWORDS, tokens } from './text';

/** One category with its confidence 0..1. */
export interface CategoryScore {
  category: CategoryId;
  confidence: number;
}

/** The classifier's answer: best category, its confidence, the runners-up, and whether to double-check. */
export interface Classification {
  category: CategoryId;
  confidence: number;
  alternatives: CategoryScore[];
  lowConfidence: boolean;
}

type Weights = Partial<Record<CategoryId, number>>;

interface Phrase {
  words: string[];
  weights: Weights;
}

/** Which part(s) of the classifier decide: both (the default), or one alone (for measuring each). */
export type ClassifierMode = 'combined' | 'lexicon' | 'learned';

/** Below this confidence (or with too little evidence) the dialog should ask the citizen to confirm. */
export const LOW_CONFIDENCE = 0.5;
/**
 * The combination rule (share chosen on our own held-out split, not on public data): combined =
 * LEXICON_SHARE × lexicon distribution + (1 − LEXICON_SHARE) × learned
 * distribution. When only one part has evidence, that part decides alone.
 */
export const LEXICON_SHARE = 0.7;
/** With no lexicon evidence, the learned model decides only when it is at least this sure (else "other"). */
const LEARNED_ALONE_MIN = 0.4;
const MIN_EVIDENCE = 1.5;
const OTHER_BASELINE = 1;
const LOCATIVE_FACTOR = 0.35;
/** Citizens usually name the problem first ("biawak keluar dari parit"): the first hit counts a little more. */
const FIRST_HIT_BONUS = 1.3;

/** Parses the lexicon text into unigram weights and phrases. */
function compile(lexicon: Record<CategoryId, string>): { unigrams: Map<string, Weights>; phrases: Phrase[] } {
  const unigrams = new Map<string, Weights>();
  const phraseMap = new Map<string, Weights>();
  for (const category of CATEGORY_IDS) {
    let weight = 2;
    for (const line of (lexicon[category] ?? '').split('\n')) {
      const m = /^\s*([\d.]+):(.*)$/.exec(line);
      const body = m ? m[2] : line;
      if (m) weight = Number(m[1]);
      for (const rawTerm of body.split(',')) {
        const words = tokens(rawTerm);
        if (!words.length) continue;
        const target = words.length === 1 ? unigrams : phraseMap;
        const key = words.join(' ');
        const w = target.get(key) ?? {};
        w[category] = Math.max(w[category] ?? 0, weight);
        target.set(key, w);
      }
    }
  }
  const phrases = [...phraseMap].map(([key, weights]) => ({ words: key.split(' '), weights }));
  phrases.sort((a, b) => b.words.length - a.words.length);
  return { unigrams, phrases };
}

/** A classifier over a lexicon; `mask` lists word sequences (place names) to ignore before scoring. */
export class Classifier {
  private readonly unigrams: Map<string, Weights>;
  private readonly phrases: Phrase[];
  private readonly phrasesByFirst = new Map<string, Phrase[]>();
  private readonly vocabulary = new Set<string>();
  private readonly fuzzy: FuzzyIndex;
  private readonly masks = new Map<string, string[][]>();
  private readonly model: LearnedModel | null;

  /**
   * `mask`: place-name word sequences to ignore. `model`: the learned model (by default the one trained on the
   * repository's labelled texts; `null` for the lexicon alone).
   */
  constructor(
    lexicon: Record<CategoryId, string> = LEXICON,
    mask: string[][] = [],
    model: LearnedModel | null = getDefaultModel(),
  ) {
    this.model = model;
    const compiled = compile(lexicon);
    this.unigrams = compiled.unigrams;
    this.phrases = compiled.phrases;
    for (const w of this.unigrams.keys()) this.vocabulary.add(w);
    for (const p of this.phrases) {
      for (const w of p.words) this.vocabulary.add(w);
      const list = this.phrasesByFirst.get(p.words[0]) ?? [];
      list.push(p);
      this.phrasesByFirst.set(p.words[0], list);
    }
    this.fuzzy = new FuzzyIndex(this.vocabulary);
    for (const seq of mask) {
      if (!seq.length) continue;
      const list = this.masks.get(seq[0]) ?? [];
      list.push(seq);
      this.masks.set(seq[0], list);
    }
    for (const list of this.masks.values()) list.sort((a, b) => b.length - a.length);
  }

  /** Known forms of one token: the token, its stems, and (if none is known) the nearest known word. */
  private forms(token: string): string[] {
    if (STOPWORDS.has(token) || /\d/.test(token)) return [token];
    const cands = stemCandidates(token);
    const known = cands.filter((c) => this.vocabulary.has(c));
    if (known.length) return [token, ...known];
    if (cands.some((c) => STOPWORDS.has(c))) return [token];
    const near = this.fuzzy.nearest(token);
    return near ? [token, near] : [token];
  }

  /** Drops masked word sequences (place names), keeping the rest in order. */
  private unmasked(words: string[]): string[] {
    if (!this.masks.size) return words;
    const out: string[] = [];
    for (let i = 0; i < words.length;) {
      const seq = (this.masks.get(words[i]) ?? []).find((s) => s.every((w, k) => words[i + k] === w));
      if (seq && (seq.length > 1 || !this.vocabulary.has(seq[0]))) i += seq.length;
      else out.push(words[i++]);
    }
    return out;
  }

  /** A phrase counts at least as much as its words would separately, for the categories it names. */
  private phraseWeights(p: Phrase, forms: string[][]): Weights {
    const out: Weights = {};
    for (const [c, w] of Object.entries(p.weights) as [CategoryId, number][]) {
      let sum = 0;
      for (const f of forms) {
        const hit = f.find((x) => this.unigrams.has(x));
        sum += hit ? (this.unigrams.get(hit)?.[c] ?? 0) : 0;
      }
      out[c] = Math.max(w, sum);
    }
    return out;
  }

  /** Raw lexicon evidence per category (sum of matched term weights). */
  scores(text: string): Weights {
    return this.lexiconScores(this.unmasked(tokens(text)));
  }

  /** Lexicon evidence for already tokenised, unmasked words. */
  private lexiconScores(words: string[]): Weights {
    const forms = words.map((w) => this.forms(w));
    const scores: Weights = {};
    let first = true;
    const addAll = (weights: Weights, at: number) => {
      const factor = at > 0 && LOCATIVES.has(words[at - 1]) ? LOCATIVE_FACTOR : first ? FIRST_HIT_BONUS : 1;
      first = false;
      for (const [c, w] of Object.entries(weights) as [CategoryId, number][])
        scores[c] = (scores[c] ?? 0) + w * factor;
    };
    const seen = new Set<string>();
    for (let i = 0; i < words.length;) {
      let matched = false;
      for (const head of forms[i]) {
        for (const p of this.phrasesByFirst.get(head) ?? []) {
          if (p.words.every((w, k) => forms[i + k]?.includes(w))) {
            const key = p.words.join(' ');
            if (!seen.has(key)) addAll(this.phraseWeights(p, forms.slice(i, i + p.words.length)), i);
            seen.add(key);
            i += p.words.length;
            matched = true;
            break;
          }
        }
        if (matched) break;
      }
      if (matched) continue;
      const hit = forms[i].find((f) => this.unigrams.has(f));
      if (hit && !seen.has(hit)) {
        addAll(this.unigrams.get(hit) as Weights, i);
        seen.add(hit);
      }
      i++;
    }
    return scores;
  }

  /** The lexicon's distribution over categories (softmax of evidence, "other" as a baseline), or null. */
  private lexiconDistribution(scores: Weights): Map<CategoryId, number> | null {
    const entries = Object.entries(scores) as [CategoryId, number][];
    if (Math.max(0, ...entries.map(([, s]) => s)) <= 0) return null;
    const exp = new Map<CategoryId, number>();
    for (const [c, s] of entries) exp.set(c, Math.exp(s));
    exp.set('other', Math.exp(Math.max(scores.other ?? 0, OTHER_BASELINE)));
    const total = [...exp.values()].reduce((a, b) => a + b, 0);
    for (const [c, e] of exp) exp.set(c, e / total);
    return exp;
  }

  /** The learned model's distribution, or null when it has no model or knows none of the words. */
  private learnedDistribution(words: string[]): Map<CategoryId, number> | null {
    if (!this.model) return null;
    const { probs, known } = this.model.probabilities(words);
    if (!known) return null;
    return new Map(CATEGORY_IDS.map((c, i) => [c, probs[i]]));
  }

  /** Ranks the categories for a text with both parts (see LEXICON_SHARE); never throws. */
  classify(text: string): Classification {
    return this.classifyWith(text, 'combined');
  }

  /** Ranks the categories with the chosen part(s): used to measure each part on its own. Never throws. */
  classifyWith(text: string, mode: ClassifierMode): Classification {
    const words = typeof text === 'string' ? this.unmasked(tokens(text.slice(0, 4000))) : [];
    const scores = this.lexiconScores(words);
    const evidence = Math.max(0, ...Object.values(scores));
    const lexicon = mode === 'learned' ? null : this.lexiconDistribution(scores);
    let learned = mode === 'lexicon' ? null : this.learnedDistribution(words);
    if (mode === 'combined' && learned && !lexicon && Math.max(...learned.values()) < LEARNED_ALONE_MIN)
      learned = null;
    let dist: Map<CategoryId, number> | null = lexicon ?? learned;
    if (lexicon && learned) {
      dist = new Map();
      for (const c of CATEGORY_IDS) {
        const p = LEXICON_SHARE * (lexicon.get(c) ?? 0) + (1 - LEXICON_SHARE) * (learned.get(c) ?? 0);
        if (p > 0) dist.set(c, p);
      }
    }
    if (!dist) return { category: 'other', confidence: 0.2, alternatives: [], lowConfidence: true };
    const ranked = [...dist]
      .map(([category, p]) => ({ category, confidence: Math.round(p * 1000) / 1000 }))
      .sort(
        (a, b) =>
          b.confidence - a.confidence || CATEGORY_IDS.indexOf(a.category) - CATEGORY_IDS.indexOf(b.category),
      );
    const best = ranked[0];
    const learnedSure = learned ? Math.max(...learned.values()) >= LOW_CONFIDENCE : false;
    return {
      category: best.category,
      confidence: best.confidence,
      alternatives: ranked.slice(1, 5).filter((r) => r.confidence >= 0.02),
      lowConfidence: best.confidence < LOW_CONFIDENCE || (evidence < MIN_EVIDENCE && !learnedSure),
    };
  }
}
