/** Configuration and MongoDB for every process (`npm start`, `npm run worker`, the benches): one way to get both. */
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { ConfigError, loadConfig, type Config } from '../../services/config';
import { redactUri, startMongo, startMongoOrExit, type RunningMongo } from '../../tools/mongo/launcher';
import { readRuntime } from '../../services/runtime';

/** The validated configuration, or exit 2 with the problem (variable names only) and a pointer to .env.example. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\nSee .env.example for every variable.\n`);
      process.exit(2);
    }
    throw err;
  }
}

/** A connected database and how to let it go. */
export interface Database {
  client: MongoClient;
  db: Db;
  /** The server's URI (credentials included: never log it unredacted). */
  uri: string;
  /** The embedded server this process started, if any. */
  mongo: RunningMongo | null;
  /** One line for humans: which server, where (credentials hidden). */
  describe(): string;
  close(): Promise<void>;
}

async function connect(
  config: Config,
  uri: string,
  mongo: RunningMongo | null,
  options: MongoClientOptions,
): Promise<Database> {
  const client = new MongoClient(uri, options);
  await client.connect();
  return {
    client,
    db: client.db(config.MONGODB_DB),
    uri,
    mongo,
    describe: () => redactUri(uri),
    close: async () => {
      await client.close().catch(() => undefined);
      await mongo?.stop().catch(() => undefined);
    },
  };
}

/** `npm start`: MONGODB_URI, else an embedded server (exits with the exact fix when none can start). */
export async function serverDatabase(config: Config): Promise<Database> {
  const mongo = await startMongoOrExit({
    uri: config.MONGODB_URI,
    prefer: config.SUARA_EMBEDDED_MONGO,
    dataDir: config.SUARA_DATA_DIR,
  });
  return connect(config, mongo.uri, mongo, { serverSelectionTimeoutMS: 15_000 });
}

/**
 * `npm run worker` and the CLIs: MONGODB_URI, else the database of a `npm start` running on this machine (its
 * .data/runtime.json). An embedded server belongs to `npm start`. Throws MONGODB_URI_MISSING when neither is there.
 */
export async function toolDatabase(config: Config): Promise<Database> {
  const uri = config.MONGODB_URI ?? (await readRuntime(config.SUARA_DATA_DIR))?.mongoUri;
  if (!uri) {
    throw Object.assign(
      new Error('No database: set MONGODB_URI, or start Suara first (npm start) and run this again.'),
      { code: 'MONGODB_URI_MISSING' },
    );
  }
  return connect(config, uri, null, { serverSelectionTimeoutMS: 15_000 });
}

/**
 * `npm run chat`: MONGODB_URI, else the database of a `npm start` running on this machine, else an embedded server
 * of its own (stopped on close). `note` hears which one was chosen (one line for humans).
 */
export async function chatDatabase(config: Config, note: (line: string) => void): Promise<Database> {
  const running = config.MONGODB_URI ? null : await readRuntime(config.SUARA_DATA_DIR);
  if (running) {
    note(`Using the MongoDB of the running Suara server (pid ${running.pid}).`);
    return connect(config, running.mongoUri, null, { serverSelectionTimeoutMS: 15_000 });
  }
  const mongo = await startMongoOrExit({ uri: config.MONGODB_URI, log: note });
  return connect(config, mongo.uri, config.MONGODB_URI ? null : mongo, { serverSelectionTimeoutMS: 15_000 });
}

/**
 * Benches: the same server choice as `npm start` (MONGODB_URI, else an embedded one per SUARA_EMBEDDED_MONGO), in
 * `dataDir` when given. Benches open their own clients on it (per-mode pools and command monitoring are what they
 * measure) and build the core with buildCore, as the server does.
 */
export async function benchMongo(config: Config, dataDir?: string, prefix = ''): Promise<RunningMongo> {
  return startMongo({
    uri: config.MONGODB_URI,
    prefer: config.SUARA_EMBEDDED_MONGO,
    dataDir: dataDir ?? config.SUARA_DATA_DIR,
    log: (l) => process.stderr.write(`${prefix}${l}\n`),
  });
}
