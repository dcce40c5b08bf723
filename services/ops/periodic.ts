/**
 * One small periodic task: run a job now (single flight — a call while it runs shares that run), every interval
 * (timer unref'd, so it never keeps the process alive), and stop (clear the timer, wait for the running job).
 * Used by the late-confirmation sweeper, the seed keeper and the consultation-closing sweeper.
 */

/** A job run on demand and on an interval, never twice at once in one process. */
export class PeriodicTask<T> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<T> | null = null;

  /** `job` should not throw (catch and log inside); a rejection is passed to the caller of `run`. */
  constructor(private readonly job: () => Promise<T>) {}

  /** Run the job now, or join the run in progress. */
  run(): Promise<T> {
    this.running ??= this.job().finally(() => (this.running = null));
    return this.running;
  }

  /** Run every `intervalMs` (and once at once when `immediately`). Starting twice keeps one timer. */
  start(intervalMs: number, opts: { immediately?: boolean } = {}): void {
    if (this.timer) clearInterval(this.timer);
    const tick = () => void this.run().catch(() => undefined);
    if (opts.immediately) tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  /** Stop the timer and wait for a running job to finish. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }
}
