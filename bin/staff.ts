/**
 * `npm run staff -- add <agencyId> <email> | add admin <email> | list | disable <email>`: manage dashboard accounts.
 * Connects with MONGODB_URI, or to the database of a running `npm start` (found through SUARA_DATA_DIR/runtime.json).
 */
import 'dotenv/config';
import { configOrExit, toolDatabase, type Database } from '../bots/compose/database';
import { openDirectory } from '../bots/compose/directory';
import { runStaffCommand, USAGE } from '../services/staff/cli';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (!args.length || args[0] === 'help' || args[0] === '--help') {
    console.log(USAGE);
    return args.length ? 0 : 2;
  }
  const config = configOrExit();
  let database: Database;
  try {
    database = await toolDatabase(config);
  } catch (err) {
    if ((err as { code?: string }).code !== 'MONGODB_URI_MISSING') throw err;
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  try {
    // The same directory the server and the worker read (MongoDB `agencies`, seeded from data/bodies).
    const agencyIds = (await openDirectory(database.db, config).then((d) => d.list())).map((a) => a.id);
    return await runStaffCommand(args, database.db, agencyIds, (l) => console.log(l));
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`staff: ${err.message}\n`);
    process.exit(1);
  },
);
