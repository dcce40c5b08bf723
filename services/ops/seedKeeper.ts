/**
 * Keeps the data Suara cannot work without (indexes, sites, agencies, consultations, staff demo accounts, shared
 * secrets) present in MongoDB while the process runs, not only at start-up: a MongoDB that comes back empty is
 * re-seeded within one interval, without a restart. A marker document in `settings` says "seeded"; when it is
 * missing, every ensure task runs again (each is an idempotent upsert or index creation) and the marker is written.
 */
import type { Db } from 'mongodb';
import type { Logger } from '../log';
import { PeriodicTask } from './periodic';

/** One idempotent seeding step. */
export interface EnsureTask {
  name: string;
  ensure(): Promise<void>;
}

const MARKER_ID = 'seedMarker';

/** Re-seeds on demand and periodically; `present` is what /readyz reports. */
export class SeedKeeper {
  private readonly tasks: EnsureTask[] = [];
  private readonly task = new PeriodicTask(() => this.doCheck());
  /** Whether the last check found (or restored) the seed data. */
  present = false;
  /** How many times the data had to be restored after start-up. */
  restored = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
  ) {}

  /** Add a task (run in the order added). */
  add(name: string, ensure: () => Promise<void>): this {
    this.tasks.push({ name, ensure });
    return this;
  }

  /** Run every task and write the marker. */
  async seedAll(): Promise<void> {
    for (const t of this.tasks) await t.ensure();
    await this.db
      .collection<{ _id: string; at: Date }>('settings')
      .updateOne({ _id: MARKER_ID }, { $set: { at: new Date() } }, { upsert: true });
    this.present = true;
  }

  /** Check the marker; re-seed when it is missing. Never throws (MongoDB down → present = false). */
  check(): Promise<boolean> {
    return this.task.run();
  }

  private async doCheck(): Promise<boolean> {
    try {
      const marker = await this.db.collection<{ _id: string }>('settings').findOne({ _id: MARKER_ID });
      if (!marker) {
        this.present = false;
        this.log.warn('seed.missing', { action: 're-seeding' });
        await this.seedAll();
        this.restored++;
        this.log.info('seed.restored', { tasks: this.tasks.length });
      }
      this.present = true;
    } catch (e) {
      this.present = false;
      this.log.warn('seed.check_failed', { code: (e as { code?: unknown }).code, name: (e as Error).name });
    }
    return this.present;
  }

  /** Check every `intervalMs`. */
  start(intervalMs: number): void {
    this.task.start(intervalMs);
  }

  /** Stop checking and wait for a running check. */
  stop(): Promise<void> {
    return this.task.stop();
  }
}
