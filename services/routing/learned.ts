/**
 * A small learned category model that runs in-process on the CPU: multinomial logistic regression over word
 * unigrams, word bigrams and character 3–5-grams (which catch Malay affixes and English inflections without a
 * dictionary). Trained deterministically from labelled texts in well under a second; no package, no download.
 */
import { CATEGORY_IDS, type CategoryId } from '../agencies/types';
import { STOPWORDS } from './text';

/** One labelled text for training. */
export interface LabelledText {
  text: string;
  category: CategoryId;
}

/** Training knobs (the defaults are what the shipped classifier uses). */
export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
}

/** Words that introduce a place name: the one or two words after them are a name, not the problem. */
const PLACE_MARKERS = new Set(
  'jalan lorong taman kampung bandar seksyen persiaran lebuh lebuhraya presint pekan kg jln tmn lrg bdr'.split(
    ' ',
  ),
);
const MAX_TOKENS = 300;

/** Sparse features of tokenised text (text.ts `tokens`): words and word pairs 1, character n-grams 0.5, L2-normalised. */
export function featuresOf(words: readonly string[]): Map<string, number> {
  const kept: string[] = [];
  for (let i = 0; i < words.length && kept.length < MAX_TOKENS; i++) {
    const w = words[i];
    if (PLACE_MARKERS.has(w) && i + 1 < words.length) {
      kept.push(w);
      i += 1; // the name after "Jalan", "Taman"… says where, not what
      continue;
    }
    if (!/^\d+$/.test(w)) kept.push(w);
  }
  const out = new Map<string, number>();
  const add = (f: string) => out.set(f, 1);
  const content = kept.filter((w) => !STOPWORDS.has(w) && w.length > 1);
  for (const w of content) {
    add(`w:${w}`);
    if (w.length >= 3) {
      const padded = `<${w}>`;
      for (let n = 3; n <= 5; n++)
        for (let i = 0; i + n <= padded.length; i++) add(`c:${padded.slice(i, i + n)}`);
    }
  }
  for (let i = 0; i + 1 < content.length; i++) add(`b:${content[i]} ${content[i + 1]}`);
  for (const k of out.keys()) if (k.startsWith('c:')) out.set(k, 0.5); // whole words say more than pieces
  let sq = 0;
  for (const v of out.values()) sq += v * v;
  const norm = Math.sqrt(sq) || 1;
  for (const [k, v] of out) out.set(k, v / norm);
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32), so training gives the same model every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Softmax in place. */
function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    scores[i] = Math.exp(scores[i] - max);
    total += scores[i];
  }
  for (let i = 0; i < scores.length; i++) scores[i] /= total;
  return scores;
}

/** A trained model: feature index, weights per (feature, category), and a bias per category. */
export class LearnedModel {
  private constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly weights: Float64Array,
    private readonly bias: Float64Array,
    /** Number of texts it was trained on. */
    readonly trainedOn: number,
  ) {}

  /**
   * Trains on labelled texts (tokenised with `tokenise`). Plain SGD on the cross-entropy with L2 decay, examples
   * weighted by 1/sqrt(category frequency / mean frequency) so rare categories are not drowned by common ones.
   */
  static train(
    rows: readonly LabelledText[],
    tokenise: (text: string) => string[],
    options: TrainOptions = {},
  ): LearnedModel {
    const { epochs = 12, learningRate = 5, l2 = 1e-5, seed = 15 } = options;
    const k = CATEGORY_IDS.length;
    const index = new Map<string, number>();
    const docs = rows.map((r) => {
      const feats = featuresOf(tokenise(r.text));
      const ids = new Int32Array(feats.size);
      const values = new Float64Array(feats.size);
      let n = 0;
      for (const [f, v] of feats) {
        let id = index.get(f);
        if (id === undefined) index.set(f, (id = index.size));
        ids[n] = id;
        values[n++] = v;
      }
      return { ids, values, y: CATEGORY_IDS.indexOf(r.category) };
    });
    const freq = new Map<number, number>();
    for (const d of docs) freq.set(d.y, (freq.get(d.y) ?? 0) + 1);
    const weights = new Float64Array(index.size * k);
    const bias = new Float64Array(k);
    const rnd = random(seed);
    const order = docs.map((_, i) => i);
    const scores = new Float64Array(k);
    const activeClasses = new Int32Array(k);
    const mean = docs.length / Math.max(1, freq.size);
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      const rate = learningRate / (1 + epoch * 0.1);
      for (const di of order) {
        const { ids, values, y } = docs[di];
        if (y < 0) continue;
        scores.set(bias);
        for (let n = 0; n < ids.length; n++) {
          const base = ids[n] * k;
          const v = values[n];
          for (let c = 0; c < k; c++) scores[c] += weights[base + c] * v;
        }
        softmax(scores);
        scores[y] -= 1; // now the gradient of the loss with respect to each score
        const w = rate * Math.sqrt(mean / (freq.get(y) ?? 1));
        // Only categories with a gradient worth applying (most are ~0 once the model has learned): much faster.
        let active = 0;
        for (let c = 0; c < k; c++) {
          if (Math.abs(scores[c]) < 1e-3) continue;
          bias[c] -= w * scores[c] * 0.1;
          activeClasses[active++] = c;
        }
        for (let n = 0; n < ids.length; n++) {
          const base = ids[n] * k;
          const v = values[n];
          for (let a = 0; a < active; a++) {
            const at = base + activeClasses[a];
            weights[at] -= w * (scores[activeClasses[a]] * v + l2 * weights[at]);
          }
        }
      }
    }
    return new LearnedModel(index, weights, bias, docs.length);
  }

  /** Probability of every category (same order as CATEGORY_IDS) for tokenised text; uniform when nothing is known. */
  probabilities(words: readonly string[]): { probs: Float64Array; known: number } {
    const k = CATEGORY_IDS.length;
    const scores = new Float64Array(this.bias);
    let known = 0;
    for (const [f, v] of featuresOf(words)) {
      const id = this.index.get(f);
      if (id === undefined) continue;
      if (f.startsWith('w:')) known++;
      for (let c = 0; c < k; c++) scores[c] += this.weights[id * k + c] * v;
    }
    return { probs: softmax(scores), known };
  }
}
