/**
 * `npm start`: reads configuration, starts everything through the composition root (bots/compose/server.ts), prints
 * where everything is (a banner for humans, on stdout), and handles signals. When started in a terminal it also opens
 * a terminal chat with the same bot.
 */
import 'dotenv/config';
import { configOrExit } from './bots/compose/database';
import { composeServer } from './bots/compose/server';
import { runTerminalSession } from './bots/channels/terminal/session';
import { createLogger } from './services/log';

async function main(): Promise<void> {
  const config = configOrExit();
  const log = createLogger(config.LOG_LEVEL);
  const app = await composeServer(config, log);
  console.log(`\nSuara is running.\n${app.lines.join('\n')}\n`);
  process.on('SIGINT', () => void app.shutdown('SIGINT'));
  process.on('SIGTERM', () => void app.shutdown('SIGTERM'));

  if (process.stdin.isTTY && !process.argv.includes('--no-chat')) {
    await runTerminalSession(app.core, {
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
