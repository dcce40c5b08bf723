import { testDb, type TestDb } from '../support/mongo';

describe('test support: testDb()', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await testDb('smoke');
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives a unique, working database', async () => {
    expect(t.db.databaseName).toMatch(/^t_smoke_[0-9a-f]{12}$/);
    await t.db.collection('c').insertOne({ _id: 'a' as never, v: 1 });
    expect(await t.db.collection('c').findOne({ _id: 'a' as never })).toEqual({ _id: 'a', v: 1 });
  });
});
