/**
 * A value computed at most once per period. Callers during a computation share it; once a value exists, a stale
 * value is answered at once while one refresh runs in the background (so no request waits for a recomputation
 * after the first), and a failed refresh keeps the last value.
 */

/** A cached value and when it was computed. */
export interface Cached<T> {
  value: T;
  computedAt: Date;
}

/** Recomputes `compute()` when the value is older than `maxAgeMs`; concurrent callers share one computation. */
export class PeriodicCache<T> {
  private current: Cached<T> | undefined;
  private running: Promise<Cached<T>> | undefined;
  /** How many times the value was computed (for tests and metrics). */
  computations = 0;

  constructor(
    private readonly compute: () => Promise<T>,
    private readonly maxAgeMs: number,
    private readonly now: () => Date = () => new Date(),
    private readonly onRefreshError: (err: unknown) => void = () => {},
  ) {}

  /** The value: computed first when there is none; when stale, the stale value now and a refresh behind it. */
  async get(): Promise<Cached<T>> {
    const c = this.current;
    if (c && this.now().getTime() - c.computedAt.getTime() < this.maxAgeMs) return c;
    const refresh = this.refresh();
    if (!c) return refresh;
    refresh.catch(this.onRefreshError);
    return c;
  }

  /** Resolves when the refresh in progress (if any) has finished, whether or not it failed (tests wait for it). */
  settled(): Promise<void> {
    return (this.running ?? Promise.resolve()).then(
      () => undefined,
      () => undefined,
    );
  }

  private refresh(): Promise<Cached<T>> {
    this.running ??= (async () => {
      this.computations++;
      const computedAt = this.now();
      const value = await this.compute();
      this.current = { value, computedAt };
      return this.current;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }
}
