/** Test helper: a fresh database on the shared test server (started by test/support/globalSetup.ts). */
import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';

/** A throwaway database and its client; `close()` drops the database and closes the client. */
export interface TestDb {
  db: Db;
  client: MongoClient;
  close(): Promise<void>;
}

/** The shared test server's URI; throws a clear error when jest's globalSetup did not run. */
export function testMongoUri(): string {
  const uri = process.env.SUARA_TEST_MONGODB_URI;
  if (!uri) {
    throw new Error(
      'SUARA_TEST_MONGODB_URI is not set: run tests through jest (jest.config.js globalSetup starts the server).',
    );
  }
  return uri;
}

/** Connect to the shared test server and return a database with a unique name (`t_<name>_<random>`). */
export async function testDb(name = 'db'): Promise<TestDb> {
  const client = new MongoClient(testMongoUri(), { serverSelectionTimeoutMS: 15_000 });
  await client.connect();
  const safe = name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30);
  const db = client.db(`t_${safe}_${randomBytes(6).toString('hex')}`);
  let closed = false;
  return {
    db,
    client,
    close: async () => {
      if (closed) return;
      closed = true;
      try {
        await db.dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
