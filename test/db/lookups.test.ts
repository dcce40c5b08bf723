/**
 * Look-ups by `_id` and by an indexed field, and unique indexes, through the real Node driver on the shared test
 * server (on these machines the stand-in, which answers them from hashes instead of scanning the collection: the
 * answers must be those of a scan, and those of mongod).
 */
import { Double, MongoBulkWriteError, type Collection, type Document } from 'mongodb';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;

beforeAll(async () => {
  t = await testDb('lookups');
});
afterAll(async () => {
  await t.close();
});

function coll<T extends Document = Document>(name: string): Collection<T> {
  return t.db.collection<T>(name);
}

interface Activity {
  _id: string;
  conversationId: string;
  seq: number;
  text?: string | number;
}

/** A feed like the Direct Line one: `count` conversations of three activities each, unique (conversationId, seq). */
async function feed(name: string, count: number): Promise<Collection<Activity>> {
  const c = coll<Activity>(name);
  await c.createIndex({ conversationId: 1, seq: 1 }, { unique: true });
  const docs: Activity[] = [];
  for (let i = 0; i < count; i++)
    for (let seq = 1; seq <= 3; seq++)
      docs.push({ _id: `c${i}|${seq}`, conversationId: `c${i}`, seq, text: `t${i}.${seq}` });
  await c.insertMany(docs);
  return c;
}

const ids = (docs: { _id: string }[]) => docs.map((d) => d._id).sort();

describe('look-ups by _id', () => {
  it('finds one document by _id among hundreds, and none for an _id that is not there', async () => {
    const c = await feed('byId', 200);
    expect(await c.findOne({ _id: 'c150|2' })).toEqual({
      _id: 'c150|2',
      conversationId: 'c150',
      seq: 2,
      text: 't150.2',
    });
    expect(await c.findOne({ _id: 'c150|9' })).toBeNull();
    expect(await c.findOne({ _id: 'c150|2', seq: 3 })).toBeNull(); // the rest of the filter still applies
  });

  it('finds every document an _id $in names (once each), skipping those that are not there', async () => {
    const c = await feed('byIdIn', 100);
    const found = await c.find({ _id: { $in: ['c7|1', 'c99|3', 'nope', 'c7|1', 'c0|2'] } }).toArray();
    expect(ids(found)).toEqual(['c0|2', 'c7|1', 'c99|3']);
    const sorted = await c
      .find({ _id: { $in: ['c9|1', 'c1|1', 'c5|1'] } })
      .sort({ _id: -1 })
      .toArray();
    expect(sorted.map((d) => d._id)).toEqual(['c9|1', 'c5|1', 'c1|1']);
  });

  it('updates, replaces and deletes by _id, and the indexed field follows the change', async () => {
    const c = await feed('writeById', 50);
    expect((await c.updateOne({ _id: 'c3|1' }, { $set: { conversationId: 'moved' } })).modifiedCount).toBe(1);
    expect(ids(await c.find({ conversationId: 'moved' }).toArray())).toEqual(['c3|1']);
    expect(ids(await c.find({ conversationId: 'c3' }).toArray())).toEqual(['c3|2', 'c3|3']);
    await c.replaceOne({ _id: 'c3|2' }, { conversationId: 'moved', seq: 2 });
    expect(ids(await c.find({ conversationId: 'moved' }).toArray())).toEqual(['c3|1', 'c3|2']);
    expect((await c.deleteOne({ _id: 'c3|1' })).deletedCount).toBe(1);
    expect(ids(await c.find({ conversationId: 'moved' }).toArray())).toEqual(['c3|2']);
    expect(await c.countDocuments({ conversationId: 'c3' })).toBe(1);
  });

  it('upserts by _id: a new document, with _id first, found by its indexed field at once', async () => {
    const c = await feed('upsertById', 20);
    const r = await c.updateOne(
      { _id: 'new|1' },
      { $set: { conversationId: 'new', seq: 1 } },
      { upsert: true },
    );
    expect(r.upsertedId).toBe('new|1');
    const doc = await c.findOne({ conversationId: 'new' });
    expect(doc).toEqual({ _id: 'new|1', conversationId: 'new', seq: 1 });
    expect(Object.keys(doc ?? {})[0]).toBe('_id');
    const again = await c.updateOne({ _id: 'new|1' }, { $set: { text: 'x' } }, { upsert: true });
    expect(again.upsertedCount).toBe(0);
    expect(again.modifiedCount).toBe(1);
  });
});

describe('look-ups by an indexed field', () => {
  it('reads one conversation of many in order, after a watermark, as the feed does', async () => {
    const c = await feed('readFeed', 300);
    const page = await c
      .find({ conversationId: 'c271', seq: { $gt: 1 } })
      .sort({ seq: 1 })
      .limit(100)
      .toArray();
    expect(page.map((d) => d.seq)).toEqual([2, 3]);
    const last = await c
      .find({ conversationId: 'c271' }, { projection: { seq: 1 } })
      .sort({ seq: -1 })
      .limit(1)
      .next();
    expect(last).toEqual({ _id: 'c271|3', seq: 3 });
  });

  it('matches arrays that contain the value and numbers stored as doubles, as a scan does', async () => {
    const c = coll<{ _id: number; tag?: unknown }>('mixed');
    await c.createIndex({ tag: 1 });
    await c.insertMany([
      { _id: 1, tag: 'a' },
      { _id: 2, tag: ['b', 'a'] },
      { _id: 3, tag: 'b' },
      { _id: 4 },
      { _id: 5, tag: 7 },
      { _id: 6, tag: new Double(7) },
      { _id: 7, tag: true },
      { _id: 8, tag: '7' },
    ]);
    const by = async (filter: Document) =>
      (await c.find(filter).toArray()).map((d) => d._id).sort((a, b) => a - b);
    expect(await by({ tag: 'a' })).toEqual([1, 2]);
    expect(await by({ tag: 7 })).toEqual([5, 6]);
    expect(await by({ tag: '7' })).toEqual([8]);
    expect(await by({ tag: 'a' })).toEqual(await by({ tag: { $eq: 'a' } }));
    expect(await by({ tag: 7 })).toEqual(await by({ tag: { $eq: 7 } }));
  });

  it('forgets deleted documents and a dropped collection', async () => {
    const c = await feed('dropFeed', 30);
    expect((await c.deleteMany({ conversationId: 'c4' })).deletedCount).toBe(3);
    expect(await c.find({ conversationId: 'c4' }).toArray()).toEqual([]);
    await c.drop();
    await c.createIndex({ conversationId: 1, seq: 1 }, { unique: true });
    expect(await c.find({ conversationId: 'c5' }).toArray()).toEqual([]);
    await c.insertOne({ _id: 'c5|1', conversationId: 'c5', seq: 1 });
    expect(ids(await c.find({ conversationId: 'c5' }).toArray())).toEqual(['c5|1']);
  });

  it('after a refused update, a look-up by the indexed field and a scan agree', async () => {
    // `text` holds a string, so $inc fails after $set was read: mongod refuses the whole update.
    const c = (await feed('refused', 10)) as unknown as Collection<{
      _id: string;
      conversationId: string;
      text?: number;
    }>;
    await expect(
      c.updateOne({ _id: 'c1|1' }, { $set: { conversationId: 'half' }, $inc: { text: 1 } }),
    ).rejects.toMatchObject({ code: expect.any(Number) });
    const found = async (filter: Document) => ids(await c.find(filter).toArray());
    expect(await found({ conversationId: 'half' })).toEqual(await found({ conversationId: { $eq: 'half' } }));
    expect(await found({ conversationId: 'c1' })).toEqual(await found({ conversationId: { $eq: 'c1' } }));
  });
});

describe('date ranges on an indexed field', () => {
  it('finds what was written since a date among hundreds, as the stream poller asks, and follows changes', async () => {
    const c = coll<{ _id: number; createdAt?: Date | string | Date[] }>('since');
    await c.createIndex({ createdAt: 1 }, { expireAfterSeconds: 3600 });
    const base = Date.now();
    const at = (s: number) => new Date(base + s * 1000);
    await c.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: i, createdAt: at(i - 300) })));
    await c.insertMany([
      { _id: 1000 },
      { _id: 1001, createdAt: 'yesterday' },
      { _id: 1002, createdAt: [at(-1)] },
    ]);
    const since = async (filter: Document) =>
      (await c.find(filter, { projection: { _id: 1 } }).toArray()).map((d) => d._id).sort((a, b) => a - b);
    expect(await since({ createdAt: { $gte: at(-3) } })).toEqual([297, 298, 299, 1002]);
    expect(await since({ createdAt: { $gt: at(-3), $lte: at(-2) } })).toEqual([298]);
    expect(await since({ createdAt: { $lt: at(-298) } })).toEqual([0, 1]);
    await c.updateOne({ _id: 5 }, { $set: { createdAt: at(0) } });
    await c.deleteOne({ _id: 299 });
    await c.insertOne({ _id: 299, createdAt: at(-10) });
    expect(await since({ createdAt: { $gte: at(-3) } })).toEqual([5, 297, 298, 1002]);
    expect(await since({ createdAt: { $gte: at(-3) } })).toEqual(
      await since({ $and: [{ createdAt: { $gte: at(-3) } }] }),
    );
  });
});

describe('unique indexes in a large collection', () => {
  it('refuses a duplicate (conversationId, seq) with code 11000, and names the write that failed', async () => {
    const c = await feed('dupFeed', 400);
    await expect(c.insertOne({ _id: 'x', conversationId: 'c399', seq: 3 })).rejects.toMatchObject({
      code: 11000,
    });
    const bulk = await c
      .insertMany(
        [
          { _id: 'y1', conversationId: 'c10', seq: 4 },
          { _id: 'y2', conversationId: 'c10', seq: 2 },
          { _id: 'y3', conversationId: 'c10', seq: 5 },
        ],
        { ordered: false },
      )
      .catch((e: unknown) => e);
    expect(bulk).toBeInstanceOf(MongoBulkWriteError);
    const e = bulk as MongoBulkWriteError;
    expect(e.code).toBe(11000);
    expect(e.writeErrors).toEqual([expect.objectContaining({ index: 1, code: 11000 })]);
    expect((await c.find({ conversationId: 'c10' }).sort({ seq: 1 }).toArray()).map((d) => d.seq)).toEqual([
      1, 2, 3, 4, 5,
    ]);
  });

  it('refuses an update by _id onto a taken key and leaves the document as it was', async () => {
    const c = await feed('dupUpdate', 100);
    await expect(c.updateOne({ _id: 'c20|1' }, { $set: { conversationId: 'c21' } })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await c.findOne({ _id: 'c20|1' })).toEqual({
      _id: 'c20|1',
      conversationId: 'c20',
      seq: 1,
      text: 't20.1',
    });
    expect(ids(await c.find({ conversationId: 'c20' }).toArray())).toEqual(['c20|1', 'c20|2', 'c20|3']);
    expect(ids(await c.find({ conversationId: 'c21' }).toArray())).toEqual(['c21|1', 'c21|2', 'c21|3']);
    // The key it left is free again once the document moves to a free one.
    await c.updateOne({ _id: 'c20|1' }, { $set: { seq: 9 } });
    await c.insertOne({ _id: 'c20|1b', conversationId: 'c20', seq: 1 });
    expect(await c.countDocuments({ conversationId: 'c20' })).toBe(4);
  });

  it('refuses a duplicate _id with 11000, and a sparse unique index ignores documents without the field', async () => {
    const c = coll<{ _id: string; email?: string }>('sparse');
    await c.createIndex({ email: 1 }, { unique: true, sparse: true });
    await c.insertMany([{ _id: 'a' }, { _id: 'b' }, { _id: 'c', email: 'c@example.my' }]);
    await expect(c.insertOne({ _id: 'a' })).rejects.toMatchObject({ code: 11000 });
    await expect(c.insertOne({ _id: 'd', email: 'c@example.my' })).rejects.toMatchObject({ code: 11000 });
    await c.insertOne({ _id: 'e' });
    expect(await c.countDocuments({})).toBe(4);
  });
});
