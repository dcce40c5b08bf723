/**
 * `npm start` composed: connects MongoDB (or starts an embedded one), builds the core, mounts every channel and HTTP
 * surface on one restify server, wires delivery, keeps seed data present, and returns the start-up lines and a
 * graceful shutdown. index.ts only prints and handles signals.
 */
import type { CloudAdapter, Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Config } from '../../services/config';
import type { Logger } from '../../services/log';
import type { ProactiveChannel } from '../../services/notifications/types';
import { Readiness } from '../../services/ops/readiness';
import { SeedKeeper } from '../../services/ops/seedKeeper';
import { clearRuntime, writeRuntime } from '../../services/runtime';
import { buildCore, reassertSharedSecrets, sharedSecret, type Core } from './core';
import { mountDashboard } from '../http/dashboard';
import { wireConsultations } from './consultationWiring';
import { wireDelivery, type DeliveryWiring } from './deliveryWiring';
import { mountOpsRoutes } from '../http/ops/routes';
import { mountPrivacyRoutes } from '../http/privacy/routes';
import { mountOpenData } from '../http/openData';
import { createServer, listen } from '../http/server';
import {
  createTeamsAdapter,
  createTeamsApp,
  createTeamsCards,
  loadTeamsConfig,
  mountTeams,
  prepareTeams,
  type TeamsCardPoster,
  type TeamsConfig,
} from '../channels/teams';
import { createTelegramChannel, loadTelegramConfig } from '../channels/telegram';
import { useTelegramLogger } from '../channels/telegram/log';
import { mountWebChat, type WebChatMount } from '../channels/webchat';
import { serverDatabase, type Database } from './database';

/** A running `npm start`. */
export interface RunningServer {
  core: Core;
  /** What to print under "Suara is running." */
  lines: string[];
  /** Not ready at once, finish turns and deliveries, close everything; exits the process. */
  shutdown(signal: string): Promise<void>;
}

type Stop = () => Promise<void>;
/** What the start-up steps collect: channels that can message citizens, and what to stop on shutdown. */
type Outputs = { proactive: ProactiveChannel[]; stops: Stop[] };

/** Start Telegram when configured; its start-up line. */
async function startTelegram(
  config: Config,
  server: Server,
  core: Core,
  base: string,
  log: Logger,
  out: Outputs,
): Promise<string> {
  useTelegramLogger(log, { silent: config.SUARA_TELEGRAM_SILENT === '1' });
  const telegram = loadTelegramConfig(config.env);
  if (!telegram.token) return '  Telegram:        off (set TELEGRAM_BOT_TOKEN; see README → Telegram)';
  const tg = createTelegramChannel({
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    ...(telegram.publicUrl ? { publicUrl: telegram.publicUrl } : {}),
    fileBaseUrl: telegram.publicUrl ?? base,
    ...(telegram.webhookSecret ? { webhookSecret: telegram.webhookSecret } : {}),
    bot: core.bot,
    pipeline: core.pipeline,
    db: core.db,
    localizer: core.l10n,
  });
  out.proactive.push(tg.proactive);
  out.stops.push(() => tg.stop());
  tg.mountFiles(server);
  if (telegram.mode === 'webhook') {
    tg.mountWebhook(server);
    await tg.setWebhook();
    return `  Telegram:        webhook at ${telegram.publicUrl}/telegram/webhook`;
  }
  void tg
    .startPolling()
    .catch((err: Error) => log.error('telegram polling stopped', { message: err.message }));
  return '  Telegram:        long polling';
}

/** The Teams adapter and the channel-card poster, when Teams is configured (made before delivery, which tells it). */
interface TeamsParts {
  teams: TeamsConfig;
  adapter: CloudAdapter;
  cards: TeamsCardPoster;
}

/** Build the Teams adapter and channel-card poster when TEAMS_APP_ID is set. */
async function teamsParts(config: Config, core: Core, log: Logger): Promise<TeamsParts | null> {
  const teams = loadTeamsConfig(config.env);
  if (!teams.appId) return null;
  await prepareTeams(core.db, teams, log);
  const adapter = createTeamsAdapter(teams, { l10n: core.l10n, log });
  const cards = createTeamsCards({
    db: core.db,
    transport: { adapter, appId: teams.appId },
    l10n: core.l10n,
    agencyName: (id, lang) => core.router.agency(id)?.name[lang] ?? id,
    log,
  });
  core.changes.subscribe(cards);
  return { teams, adapter, cards };
}

/** Seconds between runs of the Teams channel-card poster (changes also trigger a run at once). */
const TEAMS_CARDS_EVERY_MS = 10_000;

/** Mount the Teams staff app and start its channel cards when configured; its start-up line. */
async function startTeams(
  parts: TeamsParts | null,
  server: Server,
  core: Core,
  delivery: DeliveryWiring,
  base: string,
  log: Logger,
  stops: Stop[],
): Promise<string> {
  if (!parts) return '  Teams staff app: off (set TEAMS_APP_ID; see bots/channels/teams/README.md)';
  const { teams, adapter, cards } = parts;
  const teamsApp = createTeamsApp({
    db: core.db,
    storage: core.state as unknown as Storage,
    actions: delivery.actions,
    agencyName: (id, lang) => core.router.agency(id)?.name[lang] ?? id,
    l10n: core.l10n,
    log,
    ...(teams.linkByEmail ? { linkByEmail: { tenantId: teams.tenantId } } : {}),
  });
  mountTeams(server, teamsApp, adapter);
  cards.start(TEAMS_CARDS_EVERY_MS);
  stops.push(() => cards.stop());
  return `  Teams staff app: ${base}/api/teams/messages (channel cards: type "link" in a channel)`;
}

/** The MongoDB lines of the banner. */
function mongoLines(database: Database): string[] {
  const kinds = {
    external: 'MONGODB_URI',
    mongod: 'embedded mongod',
    standin: 'embedded stand-in (Python, wire-compatible)',
  };
  const kind = database.mongo ? kinds[database.mongo.kind] : kinds.external;
  const lines = [`  MongoDB:         ${kind} at ${database.describe()}`];
  if (database.mongo && !database.mongo.persistent)
    lines.push('                   ⚠ in memory only: data is lost when Suara stops');
  return lines;
}

/** The web chat (Direct Line 3.0 + the widget) on the server; its token secret is shared by every instance. */
async function startWebChat(config: Config, server: Server, core: Core, log: Logger, out: Outputs) {
  const db = core.db;
  const webchat = await mountWebChat(server, {
    bot: core.bot,
    db,
    config: { PORT: config.PORT, ...(config.PUBLIC_URL ? { PUBLIC_URL: config.PUBLIC_URL } : {}) },
    pipeline: core.pipeline,
    log,
    env: {
      ...config.env,
      DIRECTLINE_TOKEN_SECRET: await sharedSecret(
        db,
        'directLineTokenSecret',
        config.DIRECTLINE_TOKEN_SECRET,
      ),
    },
  });
  out.proactive.push(webchat.proactive);
  out.stops.push(() => webchat.close());
  return webchat;
}

/**
 * Seed data and indexes are kept present while running (a MongoDB that comes back empty is re-seeded), and the
 * readiness check that /readyz answers from.
 */
async function keepSeededAndReady(
  config: Config,
  core: Core,
  parts: {
    webchat: { ensureSeed(): Promise<void> };
    delivery: { ensureSeed(): Promise<void>; workerActiveAt(): number | null };
    dashboard: { ensureSeed(): Promise<void> };
    /** The Teams app's indexes and seed, when Teams is on. */
    teams?: () => Promise<unknown>;
  },
  log: Logger,
  out: Outputs,
): Promise<Readiness> {
  const db = core.db;
  const keeper = new SeedKeeper(db, log)
    .add('secrets', () => reassertSharedSecrets(db))
    .add('core', () => core.ensureSeed())
    .add('webchat', () => parts.webchat.ensureSeed())
    .add('delivery', () => parts.delivery.ensureSeed())
    .add('dashboard', () => parts.dashboard.ensureSeed());
  const teams = parts.teams;
  if (teams) keeper.add('teams', async () => void (await teams()));
  await keeper.seedAll();
  keeper.start(config.SUARA_SEED_CHECK_SECONDS * 1000);
  out.stops.push(() => keeper.stop());
  return new Readiness({
    db,
    seed: () => keeper.check(),
    workerActiveAt: () => parts.delivery.workerActiveAt(),
    workerStaleMs: config.SUARA_READY_WORKER_STALE_SECONDS * 1000,
  });
}

/** The citizen's own data (one-time export links) and the public open-data page and API. */
async function mountPublicPages(config: Config, server: Server, core: Core, base: string, log: Logger) {
  mountPrivacyRoutes(server, {
    privacy: core.privacy,
    l10n: core.l10n,
    baseUrl: config.PUBLIC_URL ?? base,
    log,
  });
  await mountOpenData(server, {
    feedback: core.feedbackRepo,
    t: core.l10n.t,
    log,
    defaultLanguage: config.DEFAULT_LANGUAGE,
  });
}

/** Delivery (outbox worker, notifier, agency APIs) and the consultation sweeper that tells participants of results. */
async function startDelivery(
  config: Config,
  server: Server,
  core: Core,
  p: { base: string; log: Logger; out: Outputs },
) {
  const { base, log, out } = p;
  const delivery = await wireDelivery(server, core, {
    changes: core.changes,
    baseUrl: config.PUBLIC_URL ?? base,
    env: config.env,
    runWorker: config.DELIVERY_WORKER,
    open311PollMinutes: config.OPEN311_POLL_MINUTES,
    channels: out.proactive,
    log,
    confirmations: {
      graceMs: config.SUARA_CONFIRM_GRACE_SECONDS * 1000,
      sweepMs: config.SUARA_CONFIRM_SWEEP_SECONDS * 1000,
    },
  });
  out.stops.push(() => delivery.stop());
  out.stops.push(
    wireConsultations(server, core, {
      notifier: delivery.notifier,
      publicBase: config.PUBLIC_URL ?? base,
      log,
    }),
  );
  return delivery;
}

/** Build and start everything `npm start` runs: the one list of what the server is made of, in start-up order. */
export async function composeServer(config: Config, log: Logger): Promise<RunningServer> {
  const database = await serverDatabase(config);
  const db = database.db;
  const core = await buildCore(db, {
    defaultLanguage: config.DEFAULT_LANGUAGE,
    transcriptRetentionDays: config.TRANSCRIPT_RETENTION_DAYS,
    citizenKeySalt: config.CITIZEN_KEY_SALT,
    directLineRetentionDays: config.DIRECTLINE_RETENTION_DAYS,
    exportLinkMinutes: config.PRIVACY_EXPORT_LINK_MINUTES,
    log,
  });
  const server = createServer(db, log);
  const out: Outputs = { proactive: [], stops: [] };
  const webchat = await startWebChat(config, server, core, log, out);

  const port = await listen(server, config.PORT, config.HOST);
  const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;
  const lines = [
    `  Web chat demo:   ${base}/  (a sample city-hall page with the widget)`,
    `  Embed docs:      ${base}/embed`,
    `  Microsoft Web Chat on our Direct Line: ${base}/demo/webchat`,
    `  Direct Line 3.0: ${base}/v3/directline`,
    await startTelegram(config, server, core, base, log, out),
    `  Health:          ${base}/healthz  (ready: /readyz, Prometheus: /metrics)`,
    ...mongoLines(database),
    '  Terminal chat:   npm run chat   (or type below when started in a terminal)',
  ];

  const teams = await teamsParts(config, core, log);
  const delivery = await startDelivery(config, server, core, { base, log, out });
  const dashboard = await mountDashboard(server, {
    db,
    env: config.env,
    actions: delivery.actions,
    agencyName: (id, lang) => core.router.agency(id)?.name[lang] ?? id,
    publicUrl: config.PUBLIC_URL ?? base,
    log,
  });
  await mountPublicPages(config, server, core, base, log);
  lines.push(
    dashboard.demoLogins || `  Staff dashboard: ${base}/dashboard`,
    `  Open data:       ${base}/open-data  (JSON: /open-data.json, CSV: /open-data.csv)`,
    await startTeams(teams, server, core, delivery, base, log, out.stops),
    `  Open311 (GeoReport v2): ${base}/open311/v2/discovery.json`,
    `  Agency status updates: POST ${base}/api/agencies/<id>/updates (signed; README → Agencies)`,
    `  Demo agency inbox: ${base}/demo-agency/dbkl   (what DBKL received)`,
    `  Delivery worker: ${config.DELIVERY_WORKER ? 'running in this process' : 'off here (run npm run worker)'}`,
    `  ${delivery.mailLine}`,
  );

  const readiness = await keepSeededAndReady(
    config,
    core,
    {
      webchat,
      delivery,
      dashboard,
      ...(teams ? { teams: () => prepareTeams(core.db, teams.teams, log) } : {}),
    },
    log,
    out,
  );
  mountOpsRoutes(server, readiness);
  await writeRuntime(config.SUARA_DATA_DIR, { pid: process.pid, mongoUri: database.uri, url: base });
  const shutdown = gracefulShutdown({ config, log, server, webchat, readiness, stops: out.stops, database });
  return { core, lines, shutdown };
}

/**
 * Graceful shutdown: not ready at once, stop accepting connections, finish running turns, let the delivery worker
 * finish and record its in-flight sends (releasing their leases), then close MongoDB. A hard deadline guards it.
 */
function gracefulShutdown(p: {
  config: Config;
  log: Logger;
  server: Server;
  webchat: WebChatMount;
  readiness: Readiness;
  stops: Stop[];
  database: Database;
}): (signal: string) => Promise<void> {
  const { config, log, server } = p;
  let stopping = false;
  let requestsInFlight = 0;
  server.server.on('request', (_req, res) => {
    requestsInFlight++;
    res.once('close', () => requestsInFlight--);
  });
  return async (signal) => {
    if (stopping) return;
    stopping = true;
    p.readiness.stopping = true;
    log.info('shutdown.start', { signal, turnsInFlight: p.webchat.service.inFlight, requestsInFlight });
    setTimeout(() => {
      log.error('shutdown.timeout', { seconds: config.SUARA_SHUTDOWN_TIMEOUT_SECONDS });
      process.exit(1);
    }, config.SUARA_SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
    const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
    server.server.closeIdleConnections();
    for (const stop of p.stops.reverse()) {
      await stop().catch((e: Error) => log.warn('shutdown.step_failed', { name: e.name }));
    }
    // Answer what is still being answered (a turn that just finished writes its HTTP response next).
    while (requestsInFlight > 0) await new Promise((r) => setTimeout(r, 25));
    server.server.closeAllConnections();
    await closed;
    await clearRuntime(config.SUARA_DATA_DIR);
    await p.database.close();
    log.info('shutdown.done', { signal });
    process.exit(0);
  };
}
