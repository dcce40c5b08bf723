/** `npm run deliveries -- list|retry|show` as a real child process against the test database. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Collection } from 'mongodb';
import type { FeedbackRecord } from '../../services/feedback/types';
import { testDb, testMongoUri, type TestDb } from '../support/mongo';
import { makeRecord } from './helpers';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
let t: TestDb;
let col: Collection<FeedbackRecord>;

beforeEach(async () => {
  t = await testDb('delivery_cli');
  col = t.db.collection<FeedbackRecord>('feedback');
});
afterEach(() => t.close());

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('npx', ['tsx', path.join(ROOT, 'bin', 'deliveries.ts'), ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        MONGODB_URI: testMongoUri(),
        MONGODB_DB: t.db.databaseName,
      },
    });
    return { code: 0, ...r };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

test('list shows dead letters, retry re-drives one, show prints the attempts', async () => {
  const dead = makeRecord({ agencyId: 'dbkl' });
  dead.delivery = {
    state: 'dead',
    attempts: 1,
    nextAttemptAt: new Date(),
    lastError: 'REJECTED: HTTP 400',
    history: [{ at: new Date(), durationMs: 12, statusCode: 400, error: 'REJECTED: HTTP 400' }],
  };
  const fine = makeRecord();
  await col.insertMany([dead, fine]);
  const list = await cli('list');
  expect(list.code).toBe(0);
  expect(list.stdout).toContain(dead._id);
  expect(list.stdout).toContain('REJECTED: HTTP 400');
  expect(list.stdout).not.toContain(fine._id);
  const show = await cli('show', dead._id);
  expect(show.stdout).toContain('400  12 ms  REJECTED: HTTP 400');
  expect(show.stdout).not.toContain(dead.text);
  const retry = await cli('retry', dead._id.toLowerCase());
  expect(retry.code).toBe(0);
  expect((await col.findOne({ _id: dead._id }))!.delivery).toMatchObject({ state: 'pending', attempts: 0 });
  expect((await cli('retry', fine._id)).code).toBe(2);
  expect((await cli('retry', 'SRA-2222-2223')).stderr).toContain('not a valid reference');
  expect((await cli('bogus')).code).toBe(1);
}, 60_000);
