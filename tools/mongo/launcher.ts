import path from 'node:path';
import { MongoStartError } from './errors';
import { startMongod } from './mongodProcess';
import { ensureStandinPackages, spawnStandin, SYSTEM_PYTHON } from './standinProcess';
import { processEnv } from '../../services/config';

export { MongoStartError } from './errors';
export type { MongoStartErrorCode } from './errors';

/** Which server is in use: MONGODB_URI, an embedded real mongod, or the embedded wire-protocol stand-in. */
export type MongoKind = 'external' | 'mongod' | 'standin';
/** How to choose an embedded server when MONGODB_URI is unset. */
export type EmbeddedPreference = 'auto' | 'mongod' | 'standin';

/** A MongoDB server the process can connect to. */
export interface RunningMongo {
  uri: string;
  kind: MongoKind;
  persistent: boolean;
  description: string;
  stop(): Promise<void>;
}

/** Options for `startMongo`; every field has an environment-driven default. */
export interface StartMongoOptions {
  /** Server to use; defaults to MONGODB_URI. Empty means "start an embedded one". */
  uri?: string;
  /** Persistent data directory for an embedded mongod; defaults to SUARA_DATA_DIR or `<repo>/.data`. */
  dataDir?: string;
  /** Defaults to SUARA_EMBEDDED_MONGO or 'auto' (mongod if one can be had, else the stand-in). */
  prefer?: EmbeddedPreference | string;
  /** Where to print which server is used; defaults to console.log. */
  log?: (line: string) => void;
  /** Install the stand-in's Debian packages when missing (root + apt-get only). Default true. */
  allowInstall?: boolean;
  /** Stand-in only: the Python that has Debian's packages (default /usr/bin/python3). */
  python?: string;
  /** Stand-in only: seconds between TTL sweeps (default 60, like mongod). */
  ttlIntervalSeconds?: number;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PREFERENCES: readonly EmbeddedPreference[] = ['auto', 'mongod', 'standin'];

/** `mongodb://user:secret@host` → `mongodb://***@host`, for logs. */
export function redactUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/)[^@/]*@/, '$1***@');
}

function parsePreference(value: string | undefined): EmbeddedPreference {
  const v = (value ?? '').trim() || 'auto';
  if ((PREFERENCES as readonly string[]).includes(v)) return v as EmbeddedPreference;
  throw new MongoStartError(
    'BAD_OPTION',
    `SUARA_EMBEDDED_MONGO must be one of ${PREFERENCES.join(', ')} (got "${v}"). Unset it to choose automatically.`,
  );
}

function external(uri: string, log: (line: string) => void): RunningMongo {
  if (!/^mongodb(\+srv)?:\/\//.test(uri)) {
    throw new MongoStartError(
      'BAD_URI',
      'MONGODB_URI must start with mongodb:// or mongodb+srv:// (or be unset to use an embedded server).',
    );
  }
  const description = `MongoDB: using MONGODB_URI (${redactUri(uri)}).`;
  log(description);
  return { uri, kind: 'external', persistent: true, description, stop: async () => undefined };
}

async function embeddedMongod(dataDir: string, log: (line: string) => void): Promise<RunningMongo> {
  const m = await startMongod(dataDir);
  const description =
    `MongoDB: embedded mongod (${m.binary}) at ${m.uri}; data is persistent in ` +
    `${path.join(dataDir, 'mongod')}.`;
  log(description);
  return { uri: m.uri, kind: 'mongod', persistent: true, description, stop: m.stop };
}

async function embeddedStandin(opts: StartMongoOptions, log: (line: string) => void): Promise<RunningMongo> {
  const python = opts.python ?? SYSTEM_PYTHON;
  await ensureStandinPackages(python, opts.allowInstall ?? true, log);
  const h = await spawnStandin({
    python,
    replSet: 'rs0',
    ttlIntervalSeconds: opts.ttlIntervalSeconds,
    log,
  });
  const uri = `mongodb://127.0.0.1:${h.port}/?replicaSet=rs0`;
  const description =
    `MongoDB: embedded stand-in (Python mockupdb + mongomock, wire-compatible; not a real mongod) at ${uri}. ` +
    `Data is kept IN MEMORY ONLY and is lost when it stops; transactions are accepted but not isolated. ` +
    `Set MONGODB_URI for a real server.`;
  log(description);
  return { uri, kind: 'standin', persistent: false, description, stop: h.stop };
}

/** Connect to MONGODB_URI, or start an embedded server. Never throws a stack trace at users: throws MongoStartError (code, message with the exact fix). */
export async function startMongo(opts: StartMongoOptions = {}): Promise<RunningMongo> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const uri = (opts.uri !== undefined ? opts.uri : processEnv().MONGODB_URI)?.trim();
  if (uri) return external(uri, log);
  const prefer = parsePreference(opts.prefer ?? processEnv().SUARA_EMBEDDED_MONGO);
  const dataDir = path.resolve(
    opts.dataDir ?? (processEnv().SUARA_DATA_DIR || path.join(REPO_ROOT, '.data')),
  );
  if (prefer === 'standin') return embeddedStandin(opts, log);
  try {
    return await embeddedMongod(dataDir, log);
  } catch (err) {
    const e =
      err instanceof MongoStartError
        ? err
        : new MongoStartError('MONGOD_FAILED', err instanceof Error ? err.message : String(err));
    if (e.code !== 'MONGOD_UNAVAILABLE') {
      throw new MongoStartError(
        'MONGOD_FAILED',
        `${e.message}\nIf another Suara process uses ${dataDir}, stop it or set SUARA_DATA_DIR to another directory; ` +
          `SUARA_EMBEDDED_MONGO=standin uses the in-memory stand-in instead.`,
      );
    }
    if (prefer === 'mongod') {
      throw new MongoStartError(
        'MONGOD_UNAVAILABLE',
        `No mongod binary could be found or downloaded (${e.message}). Set MONGOMS_SYSTEM_BINARY=/path/to/mongod, ` +
          `or SUARA_EMBEDDED_MONGO=standin, or MONGODB_URI.`,
      );
    }
    log(`MongoDB: no embedded mongod (${e.message.slice(0, 300)}); falling back to the stand-in.`);
  }
  return embeddedStandin(opts, log);
}

/** `startMongo`, but a MongoStartError is printed (message only, no stack) and the process exits with code 1. */
export async function startMongoOrExit(opts: StartMongoOptions = {}): Promise<RunningMongo> {
  try {
    return await startMongo(opts);
  } catch (err) {
    if (!(err instanceof MongoStartError)) throw err;
    process.stderr.write(`\n${err.message}\n\n`);
    process.exit(1);
  }
}
