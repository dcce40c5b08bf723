/**
 * `npm run staff -- add <agencyId> <email> | add admin <email> | list | disable <email>`: manage dashboard accounts.
 * Connects with MONGODB_URI, or to the database of a running `npm start` (found through SUARA_DATA_DIR/runtime.json).
 */
import 'dotenv/config';
import { MongoClient } from 'mongodb';
import { readRuntime } from '../services/runtime';
import { DEFAULT_AGENCIES_PATH, loadAgencies } from '../services/agencies/directory';
import { loadConfig } from '../services/config';
import { runStaffCommand, USAGE } from '../services/staff/cli';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (!args.length || args[0] === 'help' || args[0] === '--help') {
    console.log(USAGE);
    return args.length ? 0 : 2;
  }
  const config = loadConfig();
  const uri = config.MONGODB_URI ?? (await readRuntime(config.SUARA_DATA_DIR))?.mongoUri;
  if (!uri) {
    process.stderr.write(
      'No database: set MONGODB_URI, or start Suara first (npm start) and run this again.\n',
    );
    return 2;
  }
  const agencyIds = loadAgencies(config.SUARA_AGENCIES_FILE ?? DEFAULT_AGENCIES_PATH).map((a) => a.id);
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    return await runStaffCommand(args, client.db(config.MONGODB_DB), agencyIds, (l) => console.log(l));
  } finally {
    await client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`staff: ${err.message}\n`);
    process.exit(1);
  },
);
