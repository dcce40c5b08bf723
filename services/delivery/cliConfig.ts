/** The database settings the stand-alone CLIs (`worker`, `deliveries`) need, from the lead's config module. */
import { loadConfig as loadAppConfig, processEnv, type Env } from '../config';
import { redactUri } from '../db/launcher';
import { readRuntime } from '../runtime';

/** Where to connect. */
export interface CliDbConfig {
  uri: string;
  dbName: string;
}

/**
 * MONGODB_URI, else the database of a `npm start` running on this machine (its .data/runtime.json), and MONGODB_DB.
 * Throws a clear error when neither is there.
 */
export async function loadConfig(env: Env = processEnv()): Promise<CliDbConfig> {
  const cfg = loadAppConfig(env);
  const uri = cfg.MONGODB_URI ?? (await readRuntime(cfg.SUARA_DATA_DIR))?.mongoUri;
  if (!uri) {
    throw Object.assign(
      new Error('No database: set MONGODB_URI, or start Suara first (npm start) and run this again.'),
      { code: 'MONGODB_URI_MISSING' },
    );
  }
  return { uri, dbName: cfg.MONGODB_DB };
}

/** The URI with credentials hidden, for logs. */
export const redactedUri = redactUri;
