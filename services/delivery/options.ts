/** Worker settings, with defaults and the environment variables that override them (zod-validated). */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { deliveryVars, type Env } from '../config';

/** Everything the worker can be tuned with. */
export interface WorkerOptions {
  /** Unique per worker instance; used as the lease owner prefix. */
  workerId: string;
  /** Sends in flight at once per worker (never more than one per agency). */
  concurrency: number;
  /** How long an idle worker waits before looking for due items again. */
  pollIntervalMs: number;
  /** Lease length; must exceed timeoutMs comfortably (a dead worker's items wait this long). */
  leaseMs: number;
  /** HTTP deadline per attempt. */
  timeoutMs: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Dead-letter after this many attempts... */
  maxAttempts: number;
  /** ...or once the item is this old (since creation or the last re-drive). */
  maxAgeMs: number;
  /** Cap on a server's Retry-After. */
  retryAfterMaxMs: number;
  random: () => number;
  now: () => Date;
}

const env = z.object(deliveryVars);

/** A fresh worker id: host, pid and a random suffix. */
export function newWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** Defaults, overridden by DELIVERY_* environment variables, overridden by `overrides`. Throws on invalid values. */
export function workerOptions(overrides: Partial<WorkerOptions> = {}, source: Env): WorkerOptions {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([k, v]) => k.startsWith('DELIVERY_') && v),
  );
  const parsed = env.safeParse(cleaned);
  if (!parsed.success) {
    throw new Error(
      `Invalid delivery settings: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  }
  const e = parsed.data;
  return {
    workerId: newWorkerId(),
    concurrency: e.DELIVERY_CONCURRENCY,
    pollIntervalMs: e.DELIVERY_POLL_MS,
    leaseMs: e.DELIVERY_LEASE_MS,
    timeoutMs: e.DELIVERY_TIMEOUT_MS,
    backoffBaseMs: e.DELIVERY_BACKOFF_BASE_MS,
    backoffMaxMs: e.DELIVERY_BACKOFF_MAX_MS,
    maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
    maxAgeMs: e.DELIVERY_MAX_AGE_HOURS * 3_600_000,
    retryAfterMaxMs: 6 * 3_600_000,
    random: Math.random,
    now: () => new Date(),
    ...overrides,
  };
}
