/** What GET /readyz checks: MongoDB answers, the seed data is there, the delivery worker leased recently. */
import type { Db } from 'mongodb';

/** One probe result. */
export interface ReadinessReport {
  ready: boolean;
  checks: { mongodb: boolean; seed: boolean; worker: boolean | 'off'; stopping: boolean };
}

/** What readiness looks at. */
export interface ReadinessDeps {
  db: Db;
  /** Seed data present (SeedKeeper.check). */
  seed(): Promise<boolean>;
  /** ms since epoch of the worker's last scan, or null when no worker runs in this process. */
  workerActiveAt(): number | null;
  /** A worker that has not scanned for this long is considered stuck. */
  workerStaleMs: number;
  now?: () => number;
}

/** Readiness of this process; `stopping` turns it off at the start of a graceful shutdown. */
export class Readiness {
  stopping = false;

  constructor(private readonly d: ReadinessDeps) {}

  /** Run the checks (each bounded by the driver's own timeouts). */
  async report(): Promise<ReadinessReport> {
    const now = (this.d.now ?? Date.now)();
    let mongodb = false;
    try {
      await this.d.db.command({ ping: 1 });
      mongodb = true;
    } catch {
      mongodb = false;
    }
    const seed = mongodb ? await this.d.seed() : false;
    const at = this.d.workerActiveAt();
    const worker: boolean | 'off' = at === null ? 'off' : now - at < this.d.workerStaleMs;
    const ready = !this.stopping && mongodb && seed && worker !== false;
    return { ready, checks: { mongodb, seed, worker, stopping: this.stopping } };
  }
}
