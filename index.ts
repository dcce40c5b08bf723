/**
 * `npm start`: the composition root. Reads configuration, connects MongoDB (or starts an embedded one), builds the
 * core, mounts every channel and HTTP surface on one restify server, starts the delivery worker, and prints where
 * everything is. When started in a terminal it also opens a terminal chat with the same bot.
 */
import 'dotenv/config';
import { MongoClient } from 'mongodb';
import { buildCore, reassertSharedSecrets, sharedSecret } from './bots/core';
import { mountOpsRoutes } from './bots/http/opsRoutes';
import { Readiness } from './services/ops/readiness';
import { SeedKeeper } from './services/ops/seedKeeper';
import { createServer, listen } from './bots/http/server';
import { clearRuntime, writeRuntime } from './services/runtime';
import { runTerminalSession } from './bots/terminal/session';
import { ConfigError, loadConfig } from './services/config';
import { redactUri, startMongoOrExit } from './services/db/launcher';
import { createLogger } from './services/log';
import type { ProactiveChannel } from './services/notifications/types';
import { createTelegramChannel, loadTelegramConfig } from './bots/telegram';
import { mountWebChat } from './bots/webchat';
import { wireDelivery } from './bots/deliveryWiring';
import { mountDashboard } from './bots/dashboard';
import { createTeamsAdapter, createTeamsApp, loadTeamsConfig, mountTeams, prepareTeams } from './bots/teams';
import type { Storage } from 'botbuilder';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.LOG_LEVEL);
  const mongo = await startMongoOrExit({
    uri: config.MONGODB_URI,
    prefer: config.SUARA_EMBEDDED_MONGO,
    dataDir: config.SUARA_DATA_DIR,
  });
  const client = new MongoClient(mongo.uri, { serverSelectionTimeoutMS: 15_000 });
  await client.connect();
  const db = client.db(config.MONGODB_DB);
  const core = await buildCore(db, {
    defaultLanguage: config.DEFAULT_LANGUAGE,
    transcriptRetentionDays: config.TRANSCRIPT_RETENTION_DAYS,
    citizenKeySalt: config.CITIZEN_KEY_SALT,
    log,
  });

  const server = createServer(db, log);
  const stops: (() => Promise<void>)[] = [];
  const proactive: ProactiveChannel[] = [];
  const lines: string[] = [];
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
  proactive.push(webchat.proactive);
  stops.push(() => webchat.close());

  const port = await listen(server, config.PORT, config.HOST);
  const base = `http://${config.HOST === '0.0.0.0' ? 'localhost' : config.HOST}:${port}`;

  const telegram = loadTelegramConfig(config.env);
  if (telegram.token) {
    const tg = createTelegramChannel({
      token: telegram.token,
      apiRoot: telegram.apiRoot,
      ...(telegram.publicUrl ? { publicUrl: telegram.publicUrl } : {}),
      fileBaseUrl: telegram.publicUrl ?? base,
      ...(telegram.webhookSecret ? { webhookSecret: telegram.webhookSecret } : {}),
      bot: core.bot,
      pipeline: core.pipeline,
      db,
      localizer: core.l10n,
    });
    proactive.push(tg.proactive);
    tg.mountFiles(server);
    if (telegram.mode === 'webhook') {
      tg.mountWebhook(server);
      await tg.setWebhook();
      lines.push(`  Telegram:        webhook at ${telegram.publicUrl}/telegram/webhook`);
    } else {
      void tg
        .startPolling()
        .catch((err: Error) => log.error('telegram polling stopped', { message: err.message }));
      lines.push('  Telegram:        long polling');
    }
    stops.push(() => tg.stop());
  } else {
    lines.push('  Telegram:        off (set TELEGRAM_BOT_TOKEN; see README → Telegram)');
  }
  lines.unshift(
    `  Web chat demo:   ${base}/  (a sample city-hall page with the widget)`,
    `  Embed docs:      ${base}/embed`,
    `  Microsoft Web Chat on our Direct Line: ${base}/demo/webchat`,
    `  Direct Line 3.0: ${base}/v3/directline`,
  );
  lines.push(`  Health:          ${base}/healthz  (ready: /readyz, Prometheus: /metrics)`);
  const kinds = {
    external: 'MONGODB_URI',
    mongod: 'embedded mongod',
    standin: 'embedded stand-in (Python, wire-compatible)',
  };
  lines.push(`  MongoDB:         ${kinds[mongo.kind]} at ${redactUri(mongo.uri)}`);
  if (!mongo.persistent) lines.push('                   ⚠ in memory only: data is lost when Suara stops');
  lines.push('  Terminal chat:   npm run chat   (or type below when started in a terminal)');

  const delivery = await wireDelivery(server, core, {
    baseUrl: config.PUBLIC_URL ?? base,
    env: config.env,
    runWorker: config.DELIVERY_WORKER,
    open311PollMinutes: config.OPEN311_POLL_MINUTES,
    channels: proactive,
    log,
    confirmations: {
      graceMs: config.SUARA_CONFIRM_GRACE_SECONDS * 1000,
      sweepMs: config.SUARA_CONFIRM_SWEEP_SECONDS * 1000,
    },
  });
  stops.push(() => delivery.stop());

  const dashboard = await mountDashboard(server, {
    db,
    env: config.env,
    actions: delivery.actions,
    agencyName: (id, lang) => core.router.agency(id)?.name[lang] ?? id,
    publicUrl: config.PUBLIC_URL ?? base,
    log,
  });
  lines.push(dashboard.demoLogins || `  Staff dashboard: ${base}/dashboard`);

  const teams = loadTeamsConfig(config.env);
  if (teams.appId) {
    await prepareTeams(db, teams, log);
    const teamsApp = createTeamsApp({
      db,
      storage: core.state as unknown as Storage,
      actions: delivery.actions,
      agencyName: (id, lang) => core.router.agency(id)?.name[lang] ?? id,
      l10n: core.l10n,
      log,
      ...(teams.linkByEmail ? { linkByEmail: { tenantId: teams.tenantId } } : {}),
    });
    mountTeams(server, teamsApp, createTeamsAdapter(teams, { l10n: core.l10n, log }));
    lines.push(`  Teams staff app: ${base}/api/teams/messages`);
  } else {
    lines.push('  Teams staff app: off (set TEAMS_APP_ID; see bots/teams/README.md)');
  }
  lines.push(
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
  stops.push(() => keeper.stop());
  const readiness = new Readiness({
    db,
    seed: () => keeper.check(),
    workerActiveAt: () => delivery.workerActiveAt(),
    workerStaleMs: config.SUARA_READY_WORKER_STALE_SECONDS * 1000,
  });
  mountOpsRoutes(server, readiness);

  await writeRuntime(config.SUARA_DATA_DIR, { pid: process.pid, mongoUri: mongo.uri, url: base });
  console.log(`\nSuara is running.\n${lines.join('\n')}\n`);

  // Graceful shutdown: not ready at once, stop accepting connections, finish running turns, let the delivery worker
  // finish and record its in-flight sends (releasing their leases), then close MongoDB. A hard deadline guards it.
  let stopping = false;
  let requestsInFlight = 0;
  server.server.on('request', (_req, res) => {
    requestsInFlight++;
    res.once('close', () => requestsInFlight--);
  });
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    readiness.stopping = true;
    log.info('shutdown.start', { signal, turnsInFlight: webchat.service.inFlight, requestsInFlight });
    setTimeout(() => {
      log.error('shutdown.timeout', { seconds: config.SUARA_SHUTDOWN_TIMEOUT_SECONDS });
      process.exit(1);
    }, config.SUARA_SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
    const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
    server.server.closeIdleConnections();
    for (const stop of stops.reverse()) {
      await stop().catch((e: Error) => log.warn('shutdown.step_failed', { name: e.name }));
    }
    // Answer what is still being answered (a turn that just finished writes its HTTP response next).
    while (requestsInFlight > 0) await new Promise((r) => setTimeout(r, 25));
    server.server.closeAllConnections();
    await closed;
    await clearRuntime(config.SUARA_DATA_DIR);
    await client.close().catch(() => undefined);
    await mongo.stop().catch(() => undefined);
    log.info('shutdown.done', { signal });
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (process.stdin.isTTY && !process.argv.includes('--no-chat')) {
    await runTerminalSession(core, {
      input: process.stdin,
      output: process.stdout,
      interactive: true,
      locale: config.DEFAULT_LANGUAGE,
    });
    // Ctrl-D ends the chat; the server keeps running until Ctrl-C.
    console.log('Terminal chat closed. The server is still running; press Ctrl-C to stop it.');
  }
}

main().catch((err: Error) => {
  process.stderr.write(`Suara could not start: ${err.message}\n`);
  process.exit(1);
});
