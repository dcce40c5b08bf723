/** Jest globalSetup: one MongoDB-protocol server for the whole run, through the same launcher as `npm start`. */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoStartError, startMongo, type RunningMongo } from '../../tools/mongo/launcher';

/** Shared with globalTeardown (same process and context). */
export interface TestMongoGlobal {
  __SUARA_TEST_MONGO__?: { mongo: RunningMongo; dataDir: string };
}

/** Start (or select) the test server and publish its URI as SUARA_TEST_MONGODB_URI for the test workers. */
export default async function globalSetup(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'suara-test-mongo-'));
  try {
    const mongo = await startMongo({
      prefer: process.env.SUARA_EMBEDDED_MONGO ?? 'auto',
      uri: process.env.MONGODB_URI,
      dataDir,
      log: (line) => process.stderr.write(`[test mongo] ${line}\n`),
    });
    process.env.SUARA_TEST_MONGODB_URI = mongo.uri;
    (globalThis as TestMongoGlobal).__SUARA_TEST_MONGO__ = { mongo, dataDir };
  } catch (err) {
    if (err instanceof MongoStartError) {
      process.stderr.write(`\n[test mongo] ${err.message}\n\n`);
      throw new Error(`Test MongoDB could not start (${err.code}); see the message above.`);
    }
    throw err;
  }
}
