/** Exponential backoff with jitter for delivery retries. */

/** Backoff settings. */
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

/**
 * Delay before attempt `attempt + 1`, after `attempt` failures (1-based): `min(max, base * 2^(attempt-1))`, then
 * "equal jitter" — half fixed, half random — so many items that failed together do not retry in lockstep.
 */
export function backoffDelay(
  attempt: number,
  opts: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(exp / 2 + random() * (exp / 2));
}
