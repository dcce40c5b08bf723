/** Typo-tolerant lookup: optimal-string-alignment distance and a small nearest-word index. */

/** Optimal string alignment distance (Levenshtein + adjacent transposition), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** Allowed typos for a word of this length: none below 6 letters, one up to 8, two from 9. */
export function allowedTypos(length: number): number {
  if (length < 6) return 0;
  return length < 9 ? 1 : 2;
}

/** Finds the closest known word within the allowed typo budget (same first letter), memoised. */
export class FuzzyIndex {
  private readonly byFirst = new Map<string, string[]>();
  private readonly memo = new Map<string, string | null>();

  constructor(words: Iterable<string>) {
    for (const w of words) {
      if (w.length < 4 || w.includes(' ')) continue;
      const list = this.byFirst.get(w[0]) ?? [];
      list.push(w);
      this.byFirst.set(w[0], list);
    }
  }

  /** The nearest known word, or null when none is close enough. */
  nearest(word: string): string | null {
    const cached = this.memo.get(word);
    if (cached !== undefined) return cached;
    const max = allowedTypos(word.length);
    let best: string | null = null;
    let bestD = max + 1;
    if (max > 0) {
      for (const cand of this.byFirst.get(word[0]) ?? []) {
        if (Math.abs(cand.length - word.length) > max || allowedTypos(cand.length) === 0) continue;
        const limit = Math.min(max, allowedTypos(cand.length));
        const d = editDistance(word, cand, limit);
        if (d <= limit && d < bestD) {
          bestD = d;
          best = cand;
        }
      }
    }
    if (this.memo.size > 5000) this.memo.clear();
    this.memo.set(word, best);
    return best;
  }
}
