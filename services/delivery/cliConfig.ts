/** The database settings the stand-alone CLIs (`worker`, `deliveries`) need, from the lead's config module. */
import { loadConfig as loadAppConfig } from '../config';
import { redactUri } from '../db/launcher';

/** Where to connect. */
export interface CliDbConfig {
  uri: string;
  dbName: string;
}

/** MONGODB_URI (required for stand-alone processes) and MONGODB_DB. Throws a clear error without them. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): CliDbConfig {
  const cfg = loadAppConfig(env);
  if (!cfg.MONGODB_URI) {
    throw Object.assign(
      new Error('MONGODB_URI is required for this command (the database `npm start` uses).'),
      {
        code: 'MONGODB_URI_MISSING',
      },
    );
  }
  return { uri: cfg.MONGODB_URI, dbName: cfg.MONGODB_DB };
}

/** The URI with credentials hidden, for logs. */
export const redactedUri = redactUri;
