/**
 * The sweeper for filing confirmations: a record stored by a chat turn that never wrote its "received, reference …"
 * reply (the process died between the insert and the reply) keeps `confirmation.state: 'pending'`. On start-up and
 * every interval, items pending for longer than the grace period are leased (so one process sends each), sent
 * through the channel's proactive path in the citizen's language, and marked sent.
 */
import type { FeedbackRepository } from '../feedback/repository';
import type { FeedbackRecord } from '../feedback/types';
import type { Logger } from '../log';
import { PeriodicTask } from '../ops/periodic';
import { lateConfirmationsTotal } from '../ops/metrics';
import type { Notifier } from './notifier';

/** A confirmation that could not be sent is tried again after this long. */
const RETRY_LATER_MS = 10 * 60_000;

/** What the sweeper needs. */
export interface LateConfirmationDeps {
  feedback: Pick<
    FeedbackRepository,
    'leaseOverdueConfirmation' | 'finishConfirmation' | 'retryConfirmationAt'
  >;
  notifier: Pick<Notifier, 'notifyFiled'>;
  log: Logger;
  /** Leave a pending item alone this long after filing (its own turn may still be writing the reply). */
  graceMs: number;
  /** How long one process holds an item while sending. */
  leaseMs?: number;
  now?: () => Date;
}

/** Sends confirmations that the filing turn never wrote. */
export class LateConfirmationSweeper {
  private readonly task = new PeriodicTask(() => this.sweepAll());

  constructor(private readonly d: LateConfirmationDeps) {}

  /** Send every overdue confirmation now; returns how many were sent. Never throws. */
  sweep(): Promise<number> {
    return this.task.run();
  }

  private async sweepAll(): Promise<number> {
    let sent = 0;
    try {
      for (let rec = await this.claim(); rec; rec = await this.claim()) {
        const outcome = await this.d.notifier.notifyFiled(rec);
        lateConfirmationsTotal.inc({ outcome });
        if (outcome === 'sent') {
          sent++;
          await this.finish(rec._id, 'sent');
        } else if (outcome === 'unreachable' || outcome === 'already_unreachable') {
          await this.finish(rec._id, 'unreachable');
        } else {
          // Not reachable now (channel down, or not served by this process): look again in a while.
          this.d.log.warn('confirmation.late_failed', { reference: rec._id, outcome });
          await this.d.feedback.retryConfirmationAt(rec._id, new Date(Date.now() + RETRY_LATER_MS));
        }
      }
    } catch (e) {
      this.d.log.warn('confirmation.sweep_failed', { name: (e as Error).name });
    }
    if (sent) this.d.log.info('confirmation.late_sent', { count: sent });
    return sent;
  }

  private async claim(): Promise<FeedbackRecord | null> {
    const now = (this.d.now ?? (() => new Date()))();
    return this.d.feedback.leaseOverdueConfirmation(
      new Date(now.getTime() - this.d.graceMs),
      now,
      new Date(now.getTime() + (this.d.leaseMs ?? 60_000)),
    );
  }

  private async finish(reference: string, state: 'sent' | 'unreachable'): Promise<void> {
    await this.d.feedback.finishConfirmation(reference, state, true);
  }

  /** Sweep now and then every `intervalMs`. */
  start(intervalMs: number): void {
    this.task.start(intervalMs, { immediately: true });
  }

  /** Stop sweeping and wait for a running sweep. */
  stop(): Promise<void> {
    return this.task.stop();
  }
}
