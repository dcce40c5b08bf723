/**
 * The outbox worker: `concurrency` slots, each leasing the oldest due item, checking it is the head of its agency's
 * line, sending it, and recording the attempt. Safe with any number of workers in any number of processes (see
 * README.md in this folder, "Leasing and order").
 */
import type { Collection } from 'mongodb';
import type { FeedbackRecord, DeliveryAttempt } from '../feedback/types';
import { backoffDelay } from './backoff';
import { sendTo, type EndpointFor } from './dispatch';
import { DeliveryTransportError, isDeliveryError } from './errors';
import type { AttachmentUrl } from './payload';
import { workerOptions, type WorkerOptions } from './options';
import {
  holdYounger,
  leaseNext,
  markDelivered,
  markFailed,
  olderUndelivered,
  releaseLease,
  type OutboxRecord,
} from './outboxStore';

/** Where the worker logs (no personal data is ever passed: references, codes and status codes only). */
export interface DeliveryLogger {
  info(msg: string, meta?: Record<string, unknown>): void;
  warn(msg: string, meta?: Record<string, unknown>): void;
  error(msg: string, meta?: Record<string, unknown>): void;
}

/** What the worker needs from the rest of the system. */
export interface WorkerDeps {
  feedback: Collection<FeedbackRecord>;
  endpointFor: EndpointFor;
  /** Where `secretEnv`/`apiKeyEnv` are looked up (default process.env). */
  env?: NodeJS.ProcessEnv;
  attachmentUrl?: AttachmentUrl;
  logger?: DeliveryLogger;
}

/** What one step of a slot did. */
export type StepOutcome = 'idle' | 'delivered' | 'retry' | 'dead' | 'deferred' | 'lost';

/** A running worker. */
export interface DeliveryWorker {
  readonly id: string;
  /** Stop leasing, wait for in-flight sends to finish and be recorded. */
  stop(): Promise<void>;
}

const silent: DeliveryLogger = { info() {}, warn() {}, error() {} };

/** One worker's engine; `step()` is exposed for tests and the benchmark. */
export class OutboxWorker {
  readonly options: WorkerOptions;
  private readonly serving = new Set<string>();
  private readonly busyUntil = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly deps: WorkerDeps,
    options: Partial<WorkerOptions> = {},
  ) {
    this.options = workerOptions(options, deps.env ?? process.env);
  }

  private excluded(nowMs: number): string[] {
    for (const [a, until] of this.busyUntil) if (until <= nowMs) this.busyUntil.delete(a);
    return [...new Set([...this.serving, ...this.busyUntil.keys()])];
  }

  /** Lease one due item and deliver it (or defer it if an older item of the same agency is still on its way). */
  async step(): Promise<StepOutcome> {
    const { feedback } = this.deps;
    const o = this.options;
    const now = o.now();
    const owner = `${o.workerId}#${++this.seq}`;
    const rec = await leaseNext(feedback, { owner, leaseMs: o.leaseMs, now, exclude: this.excluded(now.getTime()) });
    if (!rec) return 'idle';
    const agencyKey = rec.agencyId ?? '';
    if (this.serving.has(agencyKey)) {
      await releaseLease(feedback, rec, owner, rec.delivery.nextAttemptAt);
      return 'deferred';
    }
    this.serving.add(agencyKey);
    try {
      const head = await olderUndelivered(feedback, rec);
      if (head) {
        const headNext = head.delivery.state === 'pending' ? new Date(head.delivery.nextAttemptAt) : now;
        const until = Math.max(headNext.getTime(), now.getTime() + o.pollIntervalMs);
        this.busyUntil.set(agencyKey, Math.min(until, now.getTime() + 30_000));
        await releaseLease(feedback, rec, owner, headNext > now ? headNext : rec.delivery.nextAttemptAt);
        return 'deferred';
      }
      return await this.deliver(rec, owner);
    } finally {
      this.serving.delete(agencyKey);
    }
  }

  private async deliver(rec: OutboxRecord, owner: string): Promise<StepOutcome> {
    const { feedback, logger = silent } = this.deps;
    const o = this.options;
    const started = o.now();
    const t0 = performance.now();
    let error: unknown;
    let result: { statusCode: number; remoteId?: string } | undefined;
    try {
      const endpoint = rec.agencyId
        ? await this.deps.endpointFor(rec.agencyId, rec.category).catch(() => {
            throw new DeliveryTransportError('LOOKUP_FAILED', 'agency lookup failed');
          })
        : null;
      result = await sendTo(endpoint, rec as FeedbackRecord, {
        timeoutMs: o.timeoutMs,
        env: this.deps.env ?? process.env,
        attachmentUrl: this.deps.attachmentUrl,
        now: o.now,
      });
    } catch (e) {
      error = e;
    }
    const attempt: DeliveryAttempt = { at: started, durationMs: Math.round(performance.now() - t0) };
    if (result) {
      attempt.statusCode = result.statusCode;
      const ok = await markDelivered(feedback, rec, owner, attempt, result.remoteId);
      if (!ok) logger.warn('delivery.lease_lost', { reference: rec._id });
      else logger.info('delivery.delivered', { reference: rec._id, attempts: rec.delivery.attempts });
      return ok ? 'delivered' : 'lost';
    }
    const de = isDeliveryError(error) ? error : new DeliveryTransportError('NETWORK', 'unexpected send failure');
    if (!isDeliveryError(error)) logger.error('delivery.unexpected', { reference: rec._id, name: (error as Error)?.name });
    if ('statusCode' in de && de.statusCode !== undefined) attempt.statusCode = de.statusCode;
    attempt.error = `${de.code}: ${de.message}`.slice(0, 300);
    const now = o.now();
    const since = Math.max(new Date(rec.createdAt).getTime(), rec.delivery.redrivenAt?.getTime() ?? 0);
    const exhausted = rec.delivery.attempts >= o.maxAttempts || now.getTime() - since >= o.maxAgeMs;
    const dead = de.permanent || exhausted;
    let delay = backoffDelay(rec.delivery.attempts, { baseMs: o.backoffBaseMs, maxMs: o.backoffMaxMs }, o.random);
    if (de instanceof DeliveryTransportError && de.retryAfterMs !== undefined) {
      delay = Math.min(Math.max(delay, de.retryAfterMs), o.retryAfterMaxMs);
    }
    const nextAttemptAt = new Date(now.getTime() + delay);
    const ok = await markFailed(feedback, rec, owner, attempt, { dead, nextAttemptAt, lastError: attempt.error });
    if (!ok) {
      logger.warn('delivery.lease_lost', { reference: rec._id });
      return 'lost';
    }
    if (dead) {
      logger.warn('delivery.dead_letter', { reference: rec._id, code: de.code, attempts: rec.delivery.attempts });
      return 'dead';
    }
    await holdYounger(feedback, rec, nextAttemptAt);
    logger.info('delivery.retry', { reference: rec._id, code: de.code, attempts: rec.delivery.attempts, delay });
    return 'retry';
  }
}

/** Start a worker with `concurrency` slots; idle slots poll every `pollIntervalMs` and wake each other on work. */
export function startWorker(deps: WorkerDeps, options: Partial<WorkerOptions> = {}): DeliveryWorker {
  const engine = new OutboxWorker(deps, options);
  const logger = deps.logger ?? silent;
  let stopped = false;
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const w of [...sleepers]) w();
  };
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });
  const slot = async () => {
    while (!stopped) {
      let outcome: StepOutcome;
      try {
        outcome = await engine.step();
      } catch (e) {
        logger.error('delivery.step_failed', { name: (e as Error)?.name, message: (e as Error)?.message });
        await nap(engine.options.pollIntervalMs);
        continue;
      }
      if (outcome === 'idle') await nap(engine.options.pollIntervalMs);
      else if (outcome === 'deferred') await nap(Math.min(50, engine.options.pollIntervalMs));
      else wakeAll();
    }
  };
  const running = Array.from({ length: engine.options.concurrency }, () => slot());
  return {
    id: engine.options.workerId,
    async stop() {
      stopped = true;
      wakeAll();
      await Promise.all(running);
    },
  };
}
