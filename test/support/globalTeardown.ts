/** Jest globalTeardown: stop the server started by globalSetup and remove its scratch data directory. */
import { rmSync } from 'node:fs';
import type { TestMongoGlobal } from './globalSetup';

/** Stop the shared test server. */
export default async function globalTeardown(): Promise<void> {
  const g = globalThis as TestMongoGlobal;
  const handle = g.__SUARA_TEST_MONGO__;
  if (!handle) return;
  g.__SUARA_TEST_MONGO__ = undefined;
  await handle.mongo.stop();
  rmSync(handle.dataDir, { recursive: true, force: true });
}
