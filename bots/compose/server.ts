/**
 * `npm start` composed: connects MongoDB (or starts an embedded one), builds the core, mounts every channel and HTTP
 * surface on one restify server, wires delivery, keeps seed data present, and returns the start-up lines and a
 * graceful shutdown. index.ts only prints and handles signals.
 */
import type { Storage } from 'botbuilder';
import type { Server } from 'restify';
import type { Config } from '../../services/config';
import type { Logger } from '../../services/log';
import type { ProactiveChannel } from '../../services/notifications/types';
import { Readiness } from '../../services/ops/readiness';
import { SeedKeeper } from '../../services/ops/seedKeeper';
import { clearRuntime, writeRuntime } from '../../services/runtime';
import { buildCore, reassertSharedSecrets, sharedSecret, type Core } from './core';
import { mountDashboard } from '../http/dashboard';
import { wireDelivery, type DeliveryWiring } from './deliveryWiring';
import { mountOpsRoutes } from '../http/ops/routes';
import { mountOpenData } from '../http/openData';
import { createServer, listen } from '../http/server';
import {
  createTeamsAdapter,
  createTeamsApp,
  loadTeamsConfig,
  mountTeams,
  prepareTeams,
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

/** Start Telegram when configured; its start-up line. */
async function startTelegram(
  config: Config,
  server: Server,
  core: Core,
  base: string,
  log: Logger,
  out: { proactive: ProactiveChannel[]; stops: Stop[] },
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

/** Mount the Teams staff app when configured; its start-up line. */
async function startTeams(
  config: Config,
  server: Server,
  core: Core,
  delivery: DeliveryWiring,
  base: string,
  log: Logger,
): Promise<string> {
  const teams = loadTeamsConfig(config.env);
  if (!teams.appId) return '  Teams staff app: off (set TEAMS_APP_ID; see bots/channels/teams/README.md)';
  await prepareTeams(core.db, teams, log);
  const teamsApp = createTeamsApp({
    db: core.db,
    storage: core.state as unknown as Storage,
    actions: delivery.actions,
    agencyName: (id, lang) => core.router.agency(id)?.name[lang] ?? id,
    l10n: core.l10n,
    log,
    ...(teams.linkByEmail ? { linkByEmail: { tenantId: teams.tenantId } } : {}),
  });
  mountTeams(server, teamsApp, createTeamsAdapter(teams, { l10n: core.l10n, log }));
  return `  Teams staff app: ${base}/api/teams/messages`;
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

/**
 * Build and start everything `npm start` runs. Long because it is the one list of what the server is made of, in
 * start-up order; each step is a call.
 */
// TODO(split): longer than 80 lines until it is split into named steps.
// eslint-disable-next-line max-lines-per-function
export async function composeServer(config: Config, log: Logger): Promise<RunningServer> {
  const database = await serverDatabase(config);
  const db = database.db;
  const core = await buildCore(db, {
    defaultLanguage: config.DEFAULT_LANGUAGE,
    transcriptRetentionDays: config.TRANSCRIPT_RETENTION_DAYS,
    citizenKeySalt: config.CITIZEN_KEY_SALT,
    log,
  });
  const server = createServer(db, log);
  const out = { proactive: [] as ProactiveChannel[], stops: [] as Stop[] };
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

  const delivery = await wireDelivery(server, core, {
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
  const dashboard = await mountDashboard(server, {
    db,
    env: config.env,
    actions: delivery.actions,
    agencyName: (id, lang) => core.router.agency(id)?.name[lang] ?? id,
    publicUrl: config.PUBLIC_URL ?? base,
    log,
  });
  await mountOpenData(server, {
    feedback: core.feedbackRepo,
    t: core.l10n.t,
    log,
    defaultLanguage: config.DEFAULT_LANGUAGE,
  });
  lines.push(
    dashboard.demoLogins || `  Staff dashboard: ${base}/dashboard`,
    `  Open data:       ${base}/open-data  (JSON: /open-data.json, CSV: /open-data.csv)`,
    await startTeams(config, server, core, delivery, base, log),
    `  Open311 (GeoReport v2): ${base}/open311/v2/discovery.json`,
    `  Agency status updates: POST ${base}/api/agencies/<id>/updates (signed; README → Agencies)`,
    `  Demo agency inbox: ${base}/demo-agency/dbkl   (what DBKL received)`,
    `  Delivery worker: ${config.DELIVERY_WORKER ? 'running in this process' : 'off here (run npm run worker)'}`,
    `  ${delivery.mailLine}`,
  );

  // Seed data and indexes are kept present while running: a MongoDB that comes back empty is re-seeded.
  const keeper = new SeedKeeper(db, log)
    .add('secrets', () => reassertSharedSecrets(db))
    .add('core', () => core.ensureSeed())
    .add('webchat', () => webchat.ensureSeed())
    .add('delivery', () => delivery.ensureSeed())
    .add('dashboard', () => dashboard.ensureSeed());
  await keeper.seedAll();
  keeper.start(config.SUARA_SEED_CHECK_SECONDS * 1000);
  out.stops.push(() => keeper.stop());
  const readiness = new Readiness({
    db,
    seed: () => keeper.check(),
    workerActiveAt: () => delivery.workerActiveAt(),
    workerStaleMs: config.SUARA_READY_WORKER_STALE_SECONDS * 1000,
  });
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
