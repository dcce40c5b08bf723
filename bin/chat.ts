/**
 * `npm run chat [-- --lang ms|en] [--conversation <id>]`: talk to Suara in the terminal. Works interactively and
 * with piped input (one message per line; prints every reply, exits at end of input). Uses MONGODB_URI, else the
 * MongoDB of a running `npm start` (from .data/runtime.json), else starts an embedded one. Built on the same
 * composition root as `npm start` (bots/compose).
 */
import { parseArgs } from 'node:util';
import { runTerminalSession } from '../bots/channels/terminal/session';
import { buildCore } from '../bots/compose/core';
import { chatDatabase, configOrExit } from '../bots/compose/database';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { lang: { type: 'string' }, conversation: { type: 'string' } },
    allowPositionals: false,
  });
  const lang = values.lang === 'en' || values.lang === 'ms' ? values.lang : undefined;
  if (values.lang && !lang) {
    process.stderr.write('--lang must be "ms" (Bahasa Melayu) or "en" (English).\n');
    process.exit(2);
  }
  const config = configOrExit();
  const database = await chatDatabase(config, (l) => process.stderr.write(`${l}\n`));
  try {
    const core = await buildCore(database.db, {
      defaultLanguage: lang ?? config.DEFAULT_LANGUAGE,
      transcriptRetentionDays: config.TRANSCRIPT_RETENTION_DAYS,
      citizenKeySalt: config.CITIZEN_KEY_SALT,
    });
    await runTerminalSession(core, {
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY),
      locale: lang ?? config.DEFAULT_LANGUAGE,
      ...(values.conversation ? { conversationId: values.conversation } : {}),
    });
  } finally {
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`Suara chat stopped: ${err.message}\n`);
    process.exit(1);
  },
);
