/**
 * Medians and percentiles of durations. Method: linear interpolation between closest ranks (Hyndman & Fan type 7,
 * the default of R, NumPy and Excel's PERCENTILE.INC): rank h = (n − 1)·q, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * So the median of an even count is the mean of the two middle values.
 */

/** The q-quantile (0 ≤ q ≤ 1) of ascending `sorted`; null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Median and 90th percentile of durations in hours (one decimal), and how many there were. */
export interface DurationSummary {
  medianHours: number | null;
  p90Hours: number | null;
  n: number;
}

const oneDecimal = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);

/** Summarise durations given in hours (any order). */
export function summariseHours(hours: readonly number[]): DurationSummary {
  const sorted = [...hours].sort((a, b) => a - b);
  return {
    medianHours: oneDecimal(quantile(sorted, 0.5)),
    p90Hours: oneDecimal(quantile(sorted, 0.9)),
    n: sorted.length,
  };
}
