/** What the benches share: their `--name value` arguments, a throw-away database on the bench's MongoDB, and main. */
import { randomBytes } from 'node:crypto';
import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';
import { benchMongo, configOrExit } from '../bots/compose/database';

/** The value after `--<name>` on the command line, or `def`. */
export function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : def;
}

/**
 * Starts the bench's MongoDB (MONGODB_URI when set, else the embedded server), prints which server it is and N, and
 * runs `fn` on a fresh database `<prefix>_<random>`; then drops that database, closes the client, stops the server.
 */
export async function withBenchDb(
  prefix: string,
  n: number,
  options: MongoClientOptions,
  fn: (db: Db) => Promise<void>,
): Promise<void> {
  const mongo = await benchMongo(configOrExit(), undefined, '[bench] ');
  process.stdout.write(`server: ${mongo.description}\nN=${n}\n`);
  const client = new MongoClient(mongo.uri, options);
  await client.connect();
  const db = client.db(`${prefix}_${randomBytes(4).toString('hex')}`);
  try {
    await fn(db);
  } finally {
    await db.dropDatabase().catch(() => undefined);
    await client.close();
    await mongo.stop();
  }
}

/** Runs a bench's main; a failure prints its stack and exits with 1. */
export function runBench(main: () => Promise<void>): void {
  main().catch((e) => {
    process.stderr.write(`${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
