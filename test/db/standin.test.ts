/** Behaviour of the shared test MongoDB server (the stand-in on these machines) through the real Node driver. */
import { MongoClient, MongoServerError, type Collection, type Document } from 'mongodb';
import { startMongo, type RunningMongo } from '../../tools/mongo/launcher';
import { testDb, testMongoUri, type TestDb } from '../support/mongo';

let t: TestDb;

beforeAll(async () => {
  t = await testDb('standin');
});
afterAll(async () => {
  await t.close();
});

function coll<T extends Document = Document>(name: string): Collection<T> {
  return t.db.collection<T>(name);
}

/** Poll until `check` is true or the (generous) deadline passes; returns the last result. */
async function eventually(check: () => Promise<boolean>, deadlineMs = 30_000): Promise<boolean> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('CRUD and cursors', () => {
  it('round-trips insert, find, update, delete', async () => {
    const c = coll<{ _id: string; n: number; tags?: string[] }>('crud');
    await c.insertOne({ _id: 'a', n: 1 });
    await c.insertMany([
      { _id: 'b', n: 2 },
      { _id: 'c', n: 3 },
    ]);
    expect(await c.findOne({ _id: 'b' })).toEqual({ _id: 'b', n: 2 });
    const upd = await c.updateMany({ n: { $gte: 2 } }, { $inc: { n: 10 }, $push: { tags: 'x' } });
    expect(upd.matchedCount).toBe(2);
    expect(upd.modifiedCount).toBe(2);
    const sorted = await c
      .find({}, { projection: { n: 1 } })
      .sort({ n: -1 })
      .toArray();
    expect(sorted).toEqual([
      { _id: 'c', n: 13 },
      { _id: 'b', n: 12 },
      { _id: 'a', n: 1 },
    ]);
    expect((await c.deleteOne({ _id: 'a' })).deletedCount).toBe(1);
    expect(await c.countDocuments({})).toBe(2);
    expect(await c.estimatedDocumentCount()).toBe(2);
    expect((await c.distinct('n')).sort()).toEqual([12, 13]);
  });

  it('serves 250 documents through a real cursor (getMore) with skip/limit', async () => {
    const c = coll<{ i: number }>('cursor');
    await c.insertMany(Array.from({ length: 250 }, (_, i) => ({ i })));
    const all = await c.find({}).sort({ i: 1 }).batchSize(40).toArray();
    expect(all.map((d) => d.i)).toEqual(Array.from({ length: 250 }, (_, i) => i));
    const page = await c.find({}).sort({ i: -1 }).skip(10).limit(5).toArray();
    expect(page.map((d) => d.i)).toEqual([239, 238, 237, 236, 235]);
    const cursor = c.find({}).batchSize(10);
    await cursor.next();
    await cursor.close(); // killCursors
  });

  it('reports duplicate keys on a unique index as code 11000', async () => {
    const c = coll<{ email: string }>('unique');
    await c.createIndex({ email: 1 }, { unique: true });
    await c.createIndex({ email: 1 }, { unique: true }); // idempotent
    await c.insertOne({ email: 'a@example.my' });
    await expect(c.insertOne({ email: 'a@example.my' })).rejects.toMatchObject({ code: 11000 });
    const bulk = await c
      .insertMany([{ email: 'b@example.my' }, { email: 'a@example.my' }, { email: 'c@example.my' }], {
        ordered: false,
      })
      .catch((e: unknown) => e);
    expect(bulk).toMatchObject({ code: 11000 });
    expect(await c.countDocuments({})).toBe(3);
    const names = (await c.indexes()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['_id_', 'email_1']));
  });

  it('findOneAndUpdate upserts and honours returnDocument', async () => {
    const c = coll<{ _id: string; count: number; createdAt?: Date }>('fam');
    const first = await c.findOneAndUpdate(
      { _id: 'k' },
      { $inc: { count: 1 }, $setOnInsert: { createdAt: new Date() } },
      { upsert: true, returnDocument: 'after' },
    );
    expect(first).toMatchObject({ _id: 'k', count: 1 });
    const before = await c.findOneAndUpdate(
      { _id: 'k' },
      { $inc: { count: 1 } },
      { returnDocument: 'before' },
    );
    expect(before?.count).toBe(1);
    const missing = await c.findOneAndUpdate({ _id: 'nope' }, { $set: { count: 5 } });
    expect(missing).toBeNull();
    const removed = await c.findOneAndDelete({ _id: 'k' });
    expect(removed?.count).toBe(2);
  });

  it('lets exactly one of two concurrent eTag-conditional updates win', async () => {
    const c = coll<{ _id: string; eTag: string; v: string }>('etag');
    await c.insertOne({ _id: 'doc', eTag: 'e1', v: 'start' });
    const other = new MongoClient(testMongoUri());
    await other.connect();
    try {
      const c2 = other.db(t.db.databaseName).collection<{ _id: string; eTag: string; v: string }>('etag');
      const results = await Promise.all([
        c.updateOne({ _id: 'doc', eTag: 'e1' }, { $set: { eTag: 'e2a', v: 'A' } }),
        c2.updateOne({ _id: 'doc', eTag: 'e1' }, { $set: { eTag: 'e2b', v: 'B' } }),
      ]);
      expect(results.map((r) => r.modifiedCount).sort()).toEqual([0, 1]);
      const final = await c.findOne({ _id: 'doc' });
      expect(['e2a', 'e2b']).toContain(final?.eTag);
    } finally {
      await other.close();
    }
  });
});

describe('queries and aggregation', () => {
  it('groups with aggregate', async () => {
    const c = coll<{ cat: string; n: number }>('agg');
    await c.insertMany([
      { cat: 'roads', n: 2 },
      { cat: 'roads', n: 3 },
      { cat: 'water', n: 1 },
    ]);
    const out = await c
      .aggregate([
        { $group: { _id: '$cat', total: { $sum: '$n' }, count: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ])
      .toArray();
    expect(out).toEqual([
      { _id: 'roads', total: 5, count: 2 },
      { _id: 'water', total: 1, count: 1 },
    ]);
  });

  it('round-trips Dates and compares them in queries', async () => {
    const c = coll<{ _id: string; at: Date }>('dates');
    const at = new Date(Date.UTC(2024, 1, 29, 23, 59, 58, 123));
    await c.insertOne({ _id: 'd', at });
    const back = await c.findOne({ _id: 'd' });
    expect(back?.at).toBeInstanceOf(Date);
    expect(back?.at.getTime()).toBe(at.getTime());
    expect(
      await c.countDocuments({ at: { $gte: new Date(at.getTime() - 1), $lt: new Date(at.getTime() + 1) } }),
    ).toBe(1);
    expect(await c.countDocuments({ at: { $gt: at } })).toBe(0);
  });

  it('treats a stored "{ $gt: \'\' }" value literally, never as an operator', async () => {
    const c = coll<{ name: unknown }>('literal');
    await c.insertMany([{ name: "{ $gt: '' }" }, { name: 'alice' }]);
    expect(await c.countDocuments({ name: "{ $gt: '' }" })).toBe(1);
    // An object coming from outside, compared with $eq, must match nothing rather than every document.
    expect(await c.countDocuments({ name: { $eq: { $gt: '' } } })).toBe(0);
  });

  it('commits a session with a transaction', async () => {
    const c = coll<{ _id: string }>('tx');
    const session = t.client.startSession();
    try {
      await session.withTransaction(async () => {
        await c.insertOne({ _id: 'one' }, { session });
        await c.insertOne({ _id: 'two' }, { session });
      });
    } finally {
      await session.endSession();
    }
    expect(await c.countDocuments({}, {})).toBe(2);
  });

  it('answers unknown commands with CommandNotFound instead of hanging', async () => {
    const err = await t.db.command({ noSuchCommandAtAll: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MongoServerError);
    expect((err as MongoServerError).code).toBe(59);
    expect(await t.db.command({ ping: 1 })).toMatchObject({ ok: 1 });
  });
});

describe('TTL indexes', () => {
  let ttlServer: RunningMongo | undefined;
  afterAll(async () => {
    await ttlServer?.stop();
  });

  it('removes documents past expireAfterSeconds', async () => {
    const lines: string[] = [];
    ttlServer = await startMongo({
      uri: '',
      prefer: 'standin',
      ttlIntervalSeconds: 1,
      log: (l) => lines.push(l),
    });
    expect(ttlServer.kind).toBe('standin');
    const client = new MongoClient(ttlServer.uri);
    await client.connect();
    try {
      const c = client.db('ttl').collection<{ _id: string; at: Date }>('t');
      await c.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
      await c.insertMany([
        { _id: 'old', at: new Date(Date.now() - 3_600_000) },
        { _id: 'fresh', at: new Date() },
      ]);
      const gone = await eventually(async () => (await c.findOne({ _id: 'old' })) === null);
      expect(gone).toBe(true);
      expect(await c.findOne({ _id: 'fresh' })).not.toBeNull();
    } finally {
      await client.close();
    }
  });
});
