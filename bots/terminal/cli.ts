/**
 * `npm run chat [-- --lang ms|en] [--conversation <id>]`: talk to Suara in the terminal. Works interactively and
 * with piped input (one message per line; prints every reply, exits at end of input). Uses MONGODB_URI, else the
 * MongoDB of a running `npm start` (from .data/runtime.json), else starts an embedded one.
 */
import { MongoClient } from 'mongodb';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../services/config';
import { startMongoOrExit } from '../../services/db/launcher';
import { readRuntime } from '../../services/runtime';
import { buildCore } from '../core';
import { runTerminalSession } from './session';

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
  const config = loadConfig();
  const running = config.MONGODB_URI ? null : await readRuntime(config.SUARA_DATA_DIR);
  const mongo = running
    ? { uri: running.mongoUri, stop: async () => {} }
    : await startMongoOrExit({ uri: config.MONGODB_URI, log: (l) => process.stderr.write(`${l}\n`) });
  if (running) process.stderr.write(`Using the MongoDB of the running Suara server (pid ${running.pid}).\n`);
  const client = new MongoClient(mongo.uri, { serverSelectionTimeoutMS: 15_000 });
  try {
    await client.connect();
    const core = await buildCore(client.db(config.MONGODB_DB), {
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
    await client.close();
    await mongo.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`Suara chat stopped: ${err.message}\n`);
    process.exit(1);
  },
);
