/**
 * Composition of everything after filing: the delivery worker (outbox), the Open311 status poller, citizen
 * notifications on every channel, agency status updates, the Open311 server for integrators, the demo agency
 * inbox and email delivery (SMTP_URL; without it email bodies fall back to their Suara inbox). Kept apart from index.ts so the server and tests can wire it the same way.
 */
import type restify from 'restify';
import { mountAgencyUpdates } from '../http/agencyUpdates/route';
import { demoInboxEnabled, mountDemoAgencyInbox } from '../http/demoAgency/inbox';
import { mountOpen311 } from '../http/open311/routes';
import type { Core } from './core';
import { sharedSecret } from './core';
import { loadConfig } from '../../services/config';
import type { Agency, DeliveryEndpoint } from '../../services/agencies/types';
import { endpointForFromAgencies } from '../../services/delivery/dispatch';
import { setupMail } from '../../services/delivery/mailSetup';
import { workerOptions } from '../../services/delivery/options';
import { isSelfUrl, selfUrlOf, SELF_URL_PLACEHOLDER } from '../../services/delivery/selfUrl';
import { pollOpen311Statuses } from '../../services/delivery/open311Poller';
import { startWorker } from '../../services/delivery/worker';
import type { FeedbackRecord, Language } from '../../services/feedback/types';
import type { Logger } from '../../services/log';
import { LateConfirmationSweeper } from '../../services/notifications/lateConfirmations';
import { Notifier } from '../../services/notifications/notifier';
import { watchOutbox } from '../../services/ops/metrics';
import type { ProactiveChannel } from '../../services/notifications/types';
import { IntegratorKeys, loadIntegrators } from '../../services/open311/integrators';
import { agencySecretFrom } from '../http/agencyUpdates/handler';
import { ReplayGuard } from '../../services/status/replayGuard';
import { StatusService, type FeedbackChangeListener } from '../../services/status/statusService';
import { createStaffActionService } from '../../services/staff';
import type { StaffActionService } from '../../services/staff/actionService';
import { processEnv, type Env } from '../../services/config';

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
  env?: Env;
  /** Told after any status change or reply (the Teams channel cards follow it). */
  changes?: FeedbackChangeListener;
  /** Late filing confirmations: grace after filing and sweep interval, in ms (sweep 0 = off). */
  confirmations?: { graceMs: number; sweepMs: number };
}

/** What the rest of the app uses. */
export interface DeliveryWiring {
  notifier: Notifier;
  status: StatusService;
  /** The one staff-action service (scope, change, audit, notify) for the dashboard, Teams and the agency API. */
  actions: StaffActionService;
  /** One start-up line about email delivery (SMTP host, or the inbox fallback). */
  mailLine: string;
  /** ms since epoch of the in-process worker's last scan; null when the worker runs elsewhere. */
  workerActiveAt(): number | null;
  /** Re-create the delivery indexes (idempotent; for the SeedKeeper). */
  ensureSeed(): Promise<void>;
  stop(): Promise<void>;
}

/** Every endpoint of a directory: defaults and per-category overrides. */
export function endpointsOf(agencies: Agency[]): DeliveryEndpoint[] {
  return agencies.flatMap((a) => [a.endpoint, ...Object.values(a.categoryEndpoints ?? {})]).filter(Boolean);
}

/** True for an endpoint URL that is this server's own demo inbox (`{{self}}/demo-agency/...`). */
function isDemoInbox(url: string): boolean {
  return isSelfUrl(url) && url.startsWith(`${SELF_URL_PLACEHOLDER}/demo-agency/`);
}

/**
 * Outside production, agencies whose endpoint is this server's demo inbox get a per-install secret (from the
 * database) when their secret variable is unset, so `npm start` delivers end to end with no configuration.
 * Real endpoints never do, and in production nobody does (the demo inbox is not mounted there).
 */
async function withDemoSecrets(core: Core, env: Env): Promise<Env> {
  const out = { ...env };
  if (!demoInboxEnabled(env)) return out;
  const demo = await sharedSecret(core.db, 'demoAgencySecret');
  for (const a of core.router.agencies) {
    if (a.endpoint.kind === 'webhook' && isDemoInbox(a.endpoint.url) && !out[a.endpoint.secretEnv]) {
      out[a.endpoint.secretEnv] = demo;
    }
  }
  return out;
}

/** The citizen's current language as the bot keeps it (user state), for messages sent outside a turn. */
export function citizenLanguage(core: Core): (record: FeedbackRecord) => Promise<Language | undefined> {
  return async (record) => {
    const ref = record.channel?.conversationReference as { user?: { id?: unknown } } | undefined;
    const userId = ref?.user?.id;
    if (typeof userId !== 'string' || !record.channel?.channelId) return undefined;
    // botbuilder UserState key: `<channel>/users/<user>/<namespace>` (no namespace here).
    const key = `${record.channel.channelId}/users/${userId}/`;
    const item = (await core.state.read([key]))[key] as { profile?: { language?: unknown } } | undefined;
    const lang = item?.profile?.language;
    return lang === 'en' || lang === 'ms' ? lang : undefined;
  };
}

/** The notifier every status change and staff reply goes through, with the channels registered. */
export function createNotifier(core: Core, channels: ProactiveChannel[], log?: Logger): Notifier {
  const notifier = new Notifier({
    feedback: core.feedbackRepo,
    t: core.l10n.t,
    agencyName: async (id, lang) => core.router.agency(id)?.name[lang],
    languageOf: citizenLanguage(core),
    ...(log ? { logger: log } : {}),
  });
  for (const channel of channels) notifier.register(channel);
  return notifier;
}

/** Mount the routes and start the background work. */
export async function wireDelivery(
  server: restify.Server,
  core: Core,
  opts: DeliveryWiringOptions,
): Promise<DeliveryWiring> {
  const env = await withDemoSecrets(core, opts.env ?? processEnv());
  const feedback = core.feedbackRepo;
  await feedback.outbox.ensureIndexes();
  watchOutbox(feedback.outbox);
  const findAgency = (id: string) => core.agencies.get(id);
  const agencyName = async (id: string, lang: 'en' | 'ms') => core.router.agency(id)?.name[lang];
  const notifier = createNotifier(core, opts.channels, opts.log);
  const status = new StatusService(feedback, notifier, opts.changes);
  const actions = createStaffActionService(core.db, status, opts.changes);
  const guard = new ReplayGuard(core.db);
  await guard.ensureIndexes();
  const secretFor = agencySecretFrom(findAgency, env);
  mountAgencyUpdates(server, { secretFor, guard, actions, t: core.l10n.t });
  mountOpen311(server, {
    feedback,
    fileFeedback: (input) => core.feedback.file(input),
    keys: new IntegratorKeys(loadIntegrators(), env),
    t: core.l10n.t,
    baseUrl: `${opts.baseUrl}/open311/v2`,
    agencyName,
  });
  if (demoInboxEnabled(env)) mountDemoAgencyInbox(server, { db: core.db, secretFor });

  const cfg = loadConfig(env);
  const mailSetup = setupMail({
    smtpUrl: cfg.SMTP_URL,
    from: cfg.MAIL_FROM,
    replyTo: cfg.MAIL_REPLY_TO,
    timeoutMs: workerOptions({}, env).timeoutMs,
    dashboardUrl: opts.baseUrl,
    endpoints: endpointsOf(core.router.agencies),
    production: env.NODE_ENV === 'production',
  });
  if (mailSetup.warning) opts.log.warn(mailSetup.warning);
  const mail = mailSetup.mail;
  // `{{self}}` endpoint URLs go to this server's own listening address, whatever PORT it got.
  const endpointFor = endpointForFromAgencies(findAgency, 60_000, () => selfUrlOf(server.address()));
  const worker = opts.runWorker
    ? startWorker({ feedback, endpointFor, env, logger: opts.log, ...(mail ? { mail } : {}) })
    : null;
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
    actions,
    mailLine: mailSetup.line,
    workerActiveAt: () => worker?.lastActiveAt() ?? null,
    ensureSeed: async () => {
      await feedback.outbox.ensureIndexes();
      await guard.ensureIndexes();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await sweeper.stop();
      await worker?.stop();
      mail?.mailer.close();
    },
  };
}
