/** A value computed at most once per period, shared by every caller in between (and by callers during a computation). */

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
  ) {}

  /** The value, recomputed first when missing or stale. */
  async get(): Promise<Cached<T>> {
    const c = this.current;
    if (c && this.now().getTime() - c.computedAt.getTime() < this.maxAgeMs) return c;
    this.running ??= this.refresh().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async refresh(): Promise<Cached<T>> {
    this.computations++;
    const computedAt = this.now();
    const value = await this.compute();
    this.current = { value, computedAt };
    return this.current;
  }
}
