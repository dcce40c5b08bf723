/** `npm run staff` as a real process against the test database: add prints a password once, list, disable. */
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { testDb, testMongoUri, type TestDb } from '../support/mongo';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../..');

describe('npm run staff', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await testDb('staffcli');
  });
  afterAll(async () => t?.close());

  const staff = async (...args: string[]) => {
    const env = { ...process.env, MONGODB_URI: testMongoUri(), MONGODB_DB: t.db.databaseName };
    try {
      const r = await run(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'bin/staff.ts', ...args], {
        cwd: ROOT,
        env,
      });
      return { code: 0, out: r.stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: err.stdout + err.stderr };
    }
  };

  it('adds, lists and disables accounts; the password is printed once and stored only hashed', async () => {
    const add = await staff('add', 'dbkl', 'Farid@dbkl.gov.my');
    expect(add.code).toBe(0);
    const password = add.out.match(/Password \(shown once, store it safely\): (\S+)/)![1]!;
    expect(password).toHaveLength(20);
    const doc = await t.db.collection('staff').findOne({ email: 'farid@dbkl.gov.my' });
    expect(doc).toMatchObject({ agencyId: 'dbkl', role: 'staff', disabled: false });
    expect(JSON.stringify(doc)).not.toContain(password);

    expect((await staff('add', 'nowhere', 'x@y.my')).out).toMatch(/Unknown agency "nowhere"/);
    expect((await staff('add', 'dbkl', 'farid@dbkl.gov.my')).out).toMatch(/already exists/);
    expect((await staff('add', 'admin', 'boss@suara.gov.my')).out).toMatch(
      /Created admin boss@suara\.gov\.my\./,
    );

    const list = await staff('list');
    expect(list.out).toMatch(/dbkl\s+farid@dbkl\.gov\.my\s+\(staff; active\)/);
    expect(list.out).toMatch(/admin\s+boss@suara\.gov\.my\s+\(admin; active\)/);
    expect(list.out).not.toContain(password);

    await t.db
      .collection('sessions')
      .insertOne({ _id: 'h' as never, staffId: doc!._id, expiresAt: new Date(Date.now() + 60_000) });
    const off = await staff('disable', 'FARID@dbkl.gov.my');
    expect(off.out).toMatch(/Disabled farid@dbkl\.gov\.my; ended 1 session\(s\)\./);
    expect((await staff('list')).out).toMatch(/farid@dbkl\.gov\.my\s+\(staff; disabled\)/);
    expect((await staff('disable', 'nobody@dbkl.gov.my')).code).toBe(1);
    expect((await staff('frobnicate')).code).toBe(2);
  });
});
