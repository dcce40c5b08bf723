/**
 * Composition of everything after filing: the delivery worker (outbox), the Open311 status poller, citizen
 * notifications on every channel, agency status updates, the Open311 server for integrators and the demo agency
 * inbox. Kept apart from index.ts so the server and tests can wire it the same way.
 */
import type restify from 'restify';
import { mountAgencyUpdates } from './http/agencyUpdatesRoute';
import { mountDemoAgencyInbox } from './http/demoAgencyInbox';
import { mountOpen311 } from './http/open311Routes';
import type { Core } from './core';
import { sharedSecret } from './core';
import { endpointForFromAgencies } from '../services/delivery/dispatch';
import { ensureDeliveryIndexes } from '../services/delivery/outboxStore';
import { pollOpen311Statuses } from '../services/delivery/open311Poller';
import { startWorker } from '../services/delivery/worker';
import type { Logger } from '../services/log';
import { LateConfirmationSweeper } from '../services/notifications/lateConfirmations';
import { Notifier } from '../services/notifications/notifier';
import { watchOutbox } from '../services/ops/metrics';
import type { ProactiveChannel } from '../services/notifications/types';
import { IntegratorKeys, loadIntegrators } from '../services/open311/integrators';
import { agencySecretFrom } from '../services/status/agencyUpdates';
import { ReplayGuard } from '../services/status/replayGuard';
import { StatusService } from '../services/status/statusService';

/** Options of the delivery side. */
export interface DeliveryWiringOptions {
  /** Absolute base URL of this server (for Open311 discovery and links). */
  baseUrl: string;
  /** Run the outbox worker in this process. */
  runWorker: boolean;
  /** Minutes between Open311 status polls (0 = off). */
  open311PollMinutes: number;
  channels: ProactiveChannel[];
  log: Logger;
  env?: NodeJS.ProcessEnv;
  /** Late filing confirmations: grace after filing and sweep interval, in ms (sweep 0 = off). */
  confirmations?: { graceMs: number; sweepMs: number };
}

/** What the rest of the app uses. */
export interface DeliveryWiring {
  notifier: Notifier;
  status: StatusService;
  /** ms since epoch of the in-process worker's last scan; null when the worker runs elsewhere. */
  workerActiveAt(): number | null;
  /** Re-create the delivery indexes (idempotent; for the SeedKeeper). */
  ensureSeed(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Agencies whose endpoint is this server's demo inbox get a per-install secret (from the database) when their
 * secret variable is unset, so `npm start` delivers end to end with no configuration. Real endpoints never do.
 */
async function withDemoSecrets(core: Core, env: NodeJS.ProcessEnv): Promise<NodeJS.ProcessEnv> {
  const out = { ...env };
  const demo = await sharedSecret(core.db, 'demoAgencySecret');
  for (const a of core.router.agencies) {
    if (
      a.endpoint.kind === 'webhook' &&
      a.endpoint.url.includes('/demo-agency/') &&
      !out[a.endpoint.secretEnv]
    ) {
      out[a.endpoint.secretEnv] = demo;
    }
  }
  return out;
}

/** Mount the routes and start the background work. */
export async function wireDelivery(
  server: restify.Server,
  core: Core,
  opts: DeliveryWiringOptions,
): Promise<DeliveryWiring> {
  const env = await withDemoSecrets(core, opts.env ?? process.env);
  const feedback = core.feedbackRepo.col;
  await ensureDeliveryIndexes(feedback);
  watchOutbox(feedback);
  const findAgency = (id: string) => core.agencies.get(id);
  const agencyName = async (id: string, lang: 'en' | 'ms') => core.router.agency(id)?.name[lang];
  const notifier = new Notifier({ feedback, t: core.l10n.t, agencyName, logger: opts.log });
  for (const channel of opts.channels) notifier.register(channel);
  const status = new StatusService(feedback, notifier);
  const guard = new ReplayGuard(core.db);
  await guard.ensureIndexes();
  const secretFor = agencySecretFrom(findAgency, env);
  mountAgencyUpdates(server, { secretFor, guard, status, t: core.l10n.t });
  mountOpen311(server, {
    feedback,
    fileFeedback: (input) => core.feedback.file(input),
    keys: new IntegratorKeys(loadIntegrators(), env),
    t: core.l10n.t,
    baseUrl: `${opts.baseUrl}/open311/v2`,
    agencyName,
  });
  mountDemoAgencyInbox(server, { db: core.db, secretFor });

  const endpointFor = endpointForFromAgencies(findAgency);
  const worker = opts.runWorker ? startWorker({ feedback, endpointFor, env, logger: opts.log }) : null;
  const c = opts.confirmations ?? { graceMs: 60_000, sweepMs: 30_000 };
  const sweeper = new LateConfirmationSweeper({ feedback, notifier, log: opts.log, graceMs: c.graceMs });
  if (c.sweepMs > 0) sweeper.start(c.sweepMs);
  let timer: NodeJS.Timeout | null = null;
  if (opts.open311PollMinutes > 0) {
    timer = setInterval(() => {
      pollOpen311Statuses({ feedback, endpointFor, status, env, logger: opts.log }).catch((err: Error) =>
        opts.log.warn('open311 poll failed', { message: err.message }),
      );
    }, opts.open311PollMinutes * 60_000);
    timer.unref();
  }
  return {
    notifier,
    status,
    workerActiveAt: () => worker?.lastActiveAt() ?? null,
    ensureSeed: async () => {
      await ensureDeliveryIndexes(feedback);
      await guard.ensureIndexes();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await sweeper.stop();
      await worker?.stop();
    },
  };
}
