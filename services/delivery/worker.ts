/**
 * The outbox worker. It works in lanes, one per agency: a lane reads the agency's oldest undelivered items, leases
 * them one at a time with an atomic `findOneAndUpdate` (lease with expiry), sends, records the attempt, and stops at
 * the first item that is not due (in backoff, or leased by someone else). So each agency gets its items oldest first,
 * one in flight at a time, while up to `concurrency` agencies are served in parallel. Safe with any number of workers
 * in any number of processes (README.md in this folder, "Leasing and order").
 */
import type { FeedbackRecord, DeliveryAttempt } from '../feedback/types';
import { deliveriesTotal } from '../ops/metrics';
import { backoffDelay } from './backoff';
import { sendTo, type EndpointFor } from './dispatch';
import type { MailContext } from './mailer';
import { DeliveryTransportError, isDeliveryError } from './errors';
import type { AttachmentUrl } from './payload';
import type { SendResult } from './webhookSender';
import { workerOptions, type WorkerOptions } from './options';
import { dueAt, type FeedbackOutbox, type OutboxRecord } from '../feedback/outbox';
import { processEnv, type Env } from '../config';
import { silentLogger, type Logger } from '../log';

/** What the worker needs from the rest of the system. */
export interface WorkerDeps {
  /** The feedback repository (only its delivery outbox is used). */
  feedback: { outbox: FeedbackOutbox };
  endpointFor: EndpointFor;
  /** Where `secretEnv`/`apiKeyEnv` are looked up (default: the process environment). */
  env?: Env;
  attachmentUrl?: AttachmentUrl;
  /** Email delivery (SMTP mailer, dashboard links). Absent: email endpoints are served by the Suara inbox. */
  mail?: MailContext;
  logger?: Logger;
}

/** What one delivery attempt ended in. */
export type AttemptOutcome = 'delivered' | 'retry' | 'dead' | 'lost';

/** A running worker. */
export interface DeliveryWorker {
  readonly id: string;
  /** Stop starting new sends, wait for in-flight ones to finish and be recorded (releasing their leases). */
  stop(): Promise<void>;
  /** ms since epoch of the last successful scan for due work (what /readyz calls "leasing recently"). */
  lastActiveAt(): number;
}

/** Items read per lane query. */
const LANE_BATCH = 100;
/** A blocked agency is looked at again after at most this long, whatever its head says. */
const MAX_BLOCK_MS = 30_000;

/** One worker's engine: lanes and attempts. `startWorker` schedules it. */
export class OutboxWorker {
  readonly options: WorkerOptions;
  private readonly blockedUntil = new Map<string, number>();
  private seq = 0;
  stopping = false;

  constructor(
    private readonly deps: WorkerDeps,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = workerOptions(options, deps.env ?? processEnv());
  }

  /** Agencies with due work that this worker is not already serving and did not find blocked recently. */
  async agenciesToServe(serving: Set<string | null>): Promise<(string | null)[]> {
    const now = this.options.now().getTime();
    for (const [a, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(a);
    const exclude = [...serving, ...this.blockedUntil.keys()].filter((a): a is string => a !== null);
    const found = await this.deps.feedback.outbox.agenciesWithWork(exclude);
    return found.filter((a) => !serving.has(a));
  }

  /** Deliver an agency's due items oldest first until the line is empty or blocked. Returns how many were attempted. */
  async runLane(agencyId: string | null): Promise<number> {
    const o = this.options;
    let attempted = 0;
    for (;;) {
      const items = await this.deps.feedback.outbox.laneSnapshot(agencyId, LANE_BATCH);
      if (!items.length) return attempted;
      for (const item of items) {
        if (this.stopping) return attempted;
        const now = o.now();
        const due = dueAt(item);
        if (due > now) {
          this.block(agencyId, due.getTime(), now.getTime());
          return attempted;
        }
        const owner = `${o.workerId}#${++this.seq}`;
        const rec = await this.deps.feedback.outbox.claim(item._id, { owner, leaseMs: o.leaseMs, now });
        if (!rec) {
          // Another worker holds this agency's line; it will carry on with it, so look again only later.
          this.block(agencyId, now.getTime() + Math.max(o.pollIntervalMs, 1000), now.getTime());
          return attempted;
        }
        attempted++;
        const outcome = await this.attempt(rec, owner);
        deliveriesTotal.inc({ outcome });
        if (outcome === 'retry' || outcome === 'lost') return attempted;
      }
      if (items.length < LANE_BATCH && attempted > 0) continue;
      if (items.length < LANE_BATCH) return attempted;
    }
  }

  private block(agencyId: string | null, until: number, now: number): void {
    if (agencyId !== null) this.blockedUntil.set(agencyId, Math.min(until, now + MAX_BLOCK_MS));
  }

  /** Send one leased item and record the outcome under the lease. */
  async attempt(rec: OutboxRecord, owner: string): Promise<AttemptOutcome> {
    const started = this.options.now();
    const t0 = performance.now();
    const sent = await this.send(rec).then(
      (result) => ({ result, error: undefined }),
      (error: unknown) => ({ result: undefined, error }),
    );
    const attempt: DeliveryAttempt = { at: started, durationMs: Math.round(performance.now() - t0) };
    return sent.result
      ? this.recordDelivered(rec, owner, attempt, sent.result)
      : this.recordFailed(rec, owner, attempt, sent.error);
  }

  /** Look up the body's endpoint and send; throws a delivery error on failure. */
  private async send(rec: OutboxRecord): Promise<SendResult> {
    const o = this.options;
    const endpoint = rec.agencyId
      ? await this.deps.endpointFor(rec.agencyId, rec.category).catch(() => {
          throw new DeliveryTransportError('LOOKUP_FAILED', 'agency lookup failed');
        })
      : null;
    return sendTo(endpoint, rec as FeedbackRecord, {
      timeoutMs: o.timeoutMs,
      env: this.deps.env ?? processEnv(),
      attachmentUrl: this.deps.attachmentUrl,
      now: o.now,
      ...(this.deps.mail ? { mail: this.deps.mail } : {}),
    });
  }

  /** Record a delivery under the lease ('lost' when the lease went to another worker meanwhile). */
  private async recordDelivered(
    rec: OutboxRecord,
    owner: string,
    attempt: DeliveryAttempt,
    result: SendResult,
  ): Promise<AttemptOutcome> {
    const { feedback, logger = silentLogger } = this.deps;
    if (result.statusCode !== undefined) attempt.statusCode = result.statusCode;
    if (result.note) attempt.note = result.note;
    const ok = await feedback.outbox.markDelivered(rec, owner, attempt, result.remoteId, result.via);
    if (!ok) logger.warn('delivery.lease_lost', { reference: rec._id });
    else
      logger.info('delivery.delivered', {
        reference: rec._id,
        attempts: rec.delivery.attempts,
        via: result.via,
        ...(result.note ? { note: result.note } : {}),
      });
    return ok ? 'delivered' : 'lost';
  }

  /** Record a failure: a dead letter when permanent, too many attempts or too old; else a retry after backoff. */
  private async recordFailed(
    rec: OutboxRecord,
    owner: string,
    attempt: DeliveryAttempt,
    error: unknown,
  ): Promise<AttemptOutcome> {
    const { feedback, logger = silentLogger } = this.deps;
    const o = this.options;
    if (!isDeliveryError(error))
      logger.error('delivery.unexpected', { reference: rec._id, name: (error as Error)?.name });
    const de = isDeliveryError(error)
      ? error
      : new DeliveryTransportError('NETWORK', 'unexpected send failure');
    if ('statusCode' in de && de.statusCode !== undefined) attempt.statusCode = de.statusCode;
    attempt.error = `${de.code}: ${de.message}`.slice(0, 300);
    const now = o.now();
    const since = Math.max(new Date(rec.createdAt).getTime(), rec.delivery.redrivenAt?.getTime() ?? 0);
    const dead =
      de.permanent || rec.delivery.attempts >= o.maxAttempts || now.getTime() - since >= o.maxAgeMs;
    let delay = backoffDelay(
      rec.delivery.attempts,
      { baseMs: o.backoffBaseMs, maxMs: o.backoffMaxMs },
      o.random,
    );
    if (de instanceof DeliveryTransportError && de.retryAfterMs !== undefined) {
      delay = Math.min(Math.max(delay, de.retryAfterMs), o.retryAfterMaxMs);
    }
    const nextAttemptAt = new Date(now.getTime() + delay);
    const ok = await feedback.outbox.markFailed(rec, owner, attempt, {
      dead,
      nextAttemptAt,
      lastError: attempt.error,
    });
    if (!ok) {
      logger.warn('delivery.lease_lost', { reference: rec._id });
      return 'lost';
    }
    if (dead) {
      logger.warn('delivery.dead_letter', {
        reference: rec._id,
        code: de.code,
        attempts: rec.delivery.attempts,
      });
      return 'dead';
    }
    this.block(rec.agencyId, nextAttemptAt.getTime(), now.getTime());
    logger.info('delivery.retry', {
      reference: rec._id,
      code: de.code,
      attempts: rec.delivery.attempts,
      delay,
    });
    return 'retry';
  }
}

/** Start a worker: look for agencies with due work every `pollIntervalMs` (sooner when a lane ends), serve up to `concurrency` lanes. */
export function startWorker(deps: WorkerDeps, options: Partial<WorkerOptions> = {}): DeliveryWorker {
  const engine = new OutboxWorker(deps, options);
  const o = engine.options;
  const logger = deps.logger ?? silentLogger;
  const lanes = new Map<string | null, Promise<void>>();
  let lastScan = Date.now();
  let wake: (() => void) | undefined;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  const startLane = (agencyId: string | null) => {
    const lane = engine
      .runLane(agencyId)
      .then(
        () => undefined,
        (e: Error) => logger.error('delivery.lane_failed', { agencyId, name: e?.name, message: e?.message }),
      )
      .finally(() => {
        lanes.delete(agencyId);
        wake?.();
      });
    lanes.set(agencyId, lane);
  };
  const loop = async () => {
    while (!engine.stopping) {
      if (lanes.size < o.concurrency) {
        try {
          const agencies = await engine.agenciesToServe(new Set(lanes.keys()));
          lastScan = Date.now();
          for (const a of shuffle(agencies, o.random)) {
            if (lanes.size >= o.concurrency || engine.stopping) break;
            startLane(a);
          }
        } catch (e) {
          logger.error('delivery.scan_failed', { name: (e as Error)?.name, message: (e as Error)?.message });
        }
      }
      if (!engine.stopping) await nap(o.pollIntervalMs);
    }
  };
  const running = loop();
  return {
    id: o.workerId,
    lastActiveAt: () => lastScan,
    async stop() {
      engine.stopping = true;
      wake?.();
      await running;
      await Promise.all([...lanes.values()]);
    },
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
