/**
 * `npm run worker`: the delivery outbox worker as its own process, for scale-out. Connects with MONGODB_URI
 * (required here: an embedded server belongs to `npm start`), reads the agency directory, and runs until SIGTERM/SIGINT,
 * finishing in-flight sends before exiting. Run as many as you like, on as many machines as you like.
 */
import 'dotenv/config';
import { MongoClient } from 'mongodb';
import { loadAgencies, DEFAULT_AGENCIES_PATH } from '../services/agencies/directory';
import { loadConfig, redactedUri } from '../services/delivery/cliConfig';
import { loadConfig as loadAppConfig } from '../services/config';
import { endpointForFromAgencies } from '../services/delivery/dispatch';
import { setupMail } from '../services/delivery/mailSetup';
import { workerOptions } from '../services/delivery/options';
import { readRuntime } from '../services/runtime';
import { startWorker } from '../services/delivery/worker';
import { FeedbackRepository } from '../services/feedback/repository';
import { createLogger } from '../services/log';

/** The one logger (pino JSON lines on stderr, personal data redacted). */
const app = loadAppConfig();
const logger = createLogger(app.LOG_LEVEL);

async function main(): Promise<void> {
  const cfg = await loadConfig(app.env);
  const agencies = loadAgencies(app.SUARA_AGENCIES_FILE ?? DEFAULT_AGENCIES_PATH);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const dashboardUrl =
    app.PUBLIC_URL ?? (await readRuntime(app.SUARA_DATA_DIR))?.url ?? `http://${app.HOST}:${app.PORT}`;
  const mailSetup = setupMail({
    smtpUrl: app.SMTP_URL,
    from: app.MAIL_FROM,
    replyTo: app.MAIL_REPLY_TO,
    timeoutMs: workerOptions({}, app.env).timeoutMs,
    dashboardUrl,
    endpoints: agencies.flatMap((a) => [a.endpoint, ...Object.values(a.categoryEndpoints ?? {})]),
    production: app.NODE_ENV === 'production',
  });
  if (mailSetup.warning) logger.warn('worker.mail_fallback', { message: mailSetup.warning });
  const client = new MongoClient(cfg.uri);
  await client.connect();
  const feedback = new FeedbackRepository(client.db(cfg.dbName));
  await feedback.outbox.ensureIndexes();
  // `{{self}}` endpoints (the demo inbox) are the app server's: SUARA_SELF_URL, else the local server's runtime file.
  const self = app.SUARA_SELF_URL ?? (await readRuntime(app.SUARA_DATA_DIR))?.url;
  const endpointFor = endpointForFromAgencies(
    async (id) => byId.get(id) ?? null,
    60_000,
    () => self,
  );
  const worker = startWorker(
    {
      feedback,
      endpointFor,
      logger,
      ...(mailSetup.mail ? { mail: mailSetup.mail } : {}),
    },
    {},
  );
  logger.info('worker.started', {
    workerId: worker.id,
    db: cfg.dbName,
    mongo: redactedUri(cfg.uri),
    mail: mailSetup.line,
  });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('worker.stopping', { signal });
    await worker.stop();
    mailSetup.mail?.mailer.close();
    await client.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: Error) => {
  logger.error('worker.failed', { name: e.name, message: e.message, code: (e as { code?: string }).code });
  process.exit(1);
});
