/** The delivery worker as its own process (`npm run worker`): the same database, directory and mail as the server. */
import type { Config } from '../../services/config';
import { endpointForFromAgencies } from '../../services/delivery/dispatch';
import { setupMail } from '../../services/delivery/mailSetup';
import { workerOptions } from '../../services/delivery/options';
import { startWorker } from '../../services/delivery/worker';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { Logger } from '../../services/log';
import { readRuntime } from '../../services/runtime';
import { endpointsOf } from './deliveryWiring';
import { toolDatabase } from './database';
import { openDirectory } from './directory';

/** A running worker process. */
export interface WorkerProcess {
  /** Finish in-flight sends (releasing their leases), close the mailer and the database. */
  stop(): Promise<void>;
}

/** Connect, read the directory, set up mail and start the outbox worker; logs `worker.started`. */
export async function composeWorker(config: Config, log: Logger): Promise<WorkerProcess> {
  const database = await toolDatabase(config);
  const directory = await openDirectory(database.db, config);
  const runtimeUrl = (await readRuntime(config.SUARA_DATA_DIR))?.url;
  const mailSetup = setupMail({
    smtpUrl: config.SMTP_URL,
    from: config.MAIL_FROM,
    replyTo: config.MAIL_REPLY_TO,
    timeoutMs: workerOptions({}, config.env).timeoutMs,
    dashboardUrl: config.PUBLIC_URL ?? runtimeUrl ?? `http://${config.HOST}:${config.PORT}`,
    endpoints: endpointsOf(await directory.list()),
    production: config.NODE_ENV === 'production',
  });
  if (mailSetup.warning) log.warn('worker.mail_fallback', { message: mailSetup.warning });
  const feedback = new FeedbackRepository(database.db);
  await feedback.outbox.ensureIndexes();
  // `{{self}}` endpoints (the demo inbox) are the app server's: SUARA_SELF_URL, else the local server's runtime file.
  const self = config.SUARA_SELF_URL ?? runtimeUrl;
  const endpointFor = endpointForFromAgencies(
    (id) => directory.get(id),
    60_000,
    () => self,
  );
  const worker = startWorker(
    {
      feedback,
      endpointFor,
      env: config.env,
      logger: log,
      ...(mailSetup.mail ? { mail: mailSetup.mail } : {}),
    },
    {},
  );
  log.info('worker.started', {
    workerId: worker.id,
    db: config.MONGODB_DB,
    mongo: database.describe(),
    mail: mailSetup.line,
  });
  return {
    stop: async () => {
      await worker.stop();
      mailSetup.mail?.mailer.close();
      await database.close();
    },
  };
}
