/**
 * `npm run worker`: the delivery outbox worker as its own process, for scale-out. Connects with MONGODB_URI
 * (required here: an embedded server belongs to `npm start`), reads the agency directory from the database, and runs
 * until SIGTERM/SIGINT, finishing in-flight sends before exiting. Run as many as you like, on as many machines.
 * Composition lives in bots/compose/worker.ts.
 */
import 'dotenv/config';
import { composeWorker } from '../bots/compose/worker';
import { configOrExit } from '../bots/compose/database';
import { createLogger } from '../services/log';

const config = configOrExit();
/** The one logger (pino JSON lines on stderr, personal data redacted). */
const logger = createLogger(config.LOG_LEVEL);

async function main(): Promise<void> {
  const worker = await composeWorker(config, logger);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('worker.stopping', { signal });
    await worker.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((e: Error) => {
  logger.error('worker.failed', { name: e.name, message: e.message, code: (e as { code?: string }).code });
  process.exit(1);
});
