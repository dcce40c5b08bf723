/**
 * Prometheus metrics (prom-client), one registry per process, served at GET /metrics: turns and turn latency by
 * channel, deliveries by outcome, the outbox queue (depth and oldest age, read from MongoDB at scrape time),
 * notification failures, late confirmations, plus Node's default process metrics.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process-wide registry. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'suara_' });

/** Bot turns handled, by channel and result (ok | error). */
export const turnsTotal = new Counter({
  name: 'suara_turns_total',
  help: 'Bot turns handled, by channel and result',
  labelNames: ['channel', 'result'] as const,
  registers: [registry],
});

/** Turn duration in seconds, by channel. */
export const turnSeconds = new Histogram({
  name: 'suara_turn_duration_seconds',
  help: 'Bot turn duration in seconds, by channel',
  labelNames: ['channel'] as const,
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** Delivery attempts to agencies, by outcome (delivered | retry | dead | lost). */
export const deliveriesTotal = new Counter({
  name: 'suara_deliveries_total',
  help: 'Delivery attempts to agencies, by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** Proactive notifications that did not reach the citizen, by channel and outcome. */
export const notificationFailuresTotal = new Counter({
  name: 'suara_notification_failures_total',
  help: 'Citizen notifications that failed, by channel and outcome',
  labelNames: ['channel', 'outcome'] as const,
  registers: [registry],
});

/** Filing confirmations sent late by the sweeper (the turn that stored the item never confirmed it). */
export const lateConfirmationsTotal = new Counter({
  name: 'suara_late_confirmations_total',
  help: 'Filing confirmations sent by the sweeper, by outcome',
  labelNames: ['outcome'] as const,
  registers: [registry],
});

/** What the outbox gauges read at scrape time (the feedback repository's outbox). */
export interface OutboxGauges {
  depth(): Promise<number>;
  oldestUndeliveredAt(): Promise<Date | null>;
}

let outbox: OutboxGauges | null = null;

/** Undelivered items (pending or being delivered). */
const outboxDepth = new Gauge({
  name: 'suara_outbox_depth',
  help: 'Feedback items not yet delivered to their agency (pending or delivering)',
  registers: [registry],
  async collect() {
    if (!outbox) return;
    this.set(await outbox.depth());
  },
});
void outboxDepth;

/** Age of the oldest undelivered item. */
const outboxOldest = new Gauge({
  name: 'suara_outbox_oldest_age_seconds',
  help: 'Age in seconds of the oldest feedback item not yet delivered (0 when none)',
  registers: [registry],
  async collect() {
    if (!outbox) return;
    const oldest = await outbox.oldestUndeliveredAt();
    this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
  },
});
void outboxOldest;

/** Read the outbox gauges from this outbox (the feedback repository's) at scrape time. */
export function watchOutbox(source: OutboxGauges): void {
  outbox = source;
}

/** The exposition text; when MongoDB is unreachable the outbox gauges keep their last values. */
export async function metricsText(): Promise<{ contentType: string; body: string }> {
  let body: string;
  try {
    body = await registry.metrics();
  } catch {
    const saved = outbox;
    outbox = null;
    try {
      body = await registry.metrics();
    } finally {
      outbox = saved;
    }
  }
  return { contentType: registry.contentType, body };
}
