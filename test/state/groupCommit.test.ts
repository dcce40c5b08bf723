/**
 * Group commit (issue #12, a cheaper turn): turns that end together share their MongoDB round trips for state,
 * the Direct Line feed and transcripts — and yet each turn keeps its own outcome: one turn's conflict or lost race
 * never fails or reorders another's. Real test MongoDB; commands counted with the driver's command monitoring.
 */
import { MongoClient } from 'mongodb';
import { GroupCommit, failed, ok } from '../../services/batching/groupCommit';
import { ActivityFeed } from '../../services/directline/activities';
import { ConversationsRepository } from '../../services/directline/conversations';
import { MongoStateStore, StateConflictError } from '../../services/state/mongoStateStore';
import { MongoTranscriptStore } from '../../services/state/transcriptStore';
import { testDb, testMongoUri, type TestDb } from '../support/mongo';

let t: TestDb;
let client: MongoClient;
const commands: { name: string; collection: string }[] = [];

beforeAll(async () => {
  t = await testDb('groupcommit');
  // A second client on the same database, counting every command it sends.
  client = new MongoClient(testMongoUri(), { monitorCommands: true });
  await client.connect();
  client.on('commandStarted', (e) =>
    commands.push({
      name: e.commandName,
      collection: String((e.command as Record<string, unknown>)[e.commandName]),
    }),
  );
});
afterAll(async () => {
  await client.close();
  await t.close();
});

const db = () => client.db(t.db.databaseName);
const count = (name: string, collection: string) =>
  commands.filter((c) => c.name === name && c.collection === collection).length;

describe('the group commit rule', () => {
  test('items submitted while a round trip is in flight go together in the next one, each told its own outcome', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r));
    const gc = new GroupCommit<number, number>(async (items) => {
      groups.push(items);
      if (groups.length === 1) await first;
      return items.map((n) => (n === 13 ? failed<number>(new Error('unlucky')) : ok(n * 2)));
    });
    const a = gc.submit(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 13, 4].map((n) =>
      gc.submit(n).then(
        (v) => v,
        (e: Error) => e.message,
      ),
    );
    release();
    expect(await a).toBe(2);
    expect(await Promise.all(rest)).toEqual([4, 'unlucky', 8]);
    expect(groups).toEqual([[1], [2, 13, 4]]);
  });

  test('an item that does not fit with the group waits for the next one, and order is kept', async () => {
    const groups: string[][] = [];
    const gc = new GroupCommit<string, void>(
      async (items) => {
        groups.push(items);
        return items.map(() => ok(undefined));
      },
      { fits: (taken, next) => !taken.includes(next) },
    );
    await Promise.all(['a', 'b', 'a', 'c'].map((k) => gc.submit(k)));
    expect(groups).toEqual([
      ['a', 'b'],
      ['a', 'c'],
    ]);
  });

  test('a round trip that throws fails every item of its group, and the next group still goes', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>(async (items) => {
      if (calls++ === 0) throw new Error('network');
      return items.map((n) => ok(n));
    });
    const [x, y] = await Promise.allSettled([gc.submit(1), gc.submit(2)]);
    expect(x).toMatchObject({ status: 'rejected' });
    expect(y).toMatchObject({ status: 'rejected' });
    expect(await gc.submit(3)).toBe(3);
  });
});

describe('turns ending together', () => {
  test('forty turns saving state at once: every state stored, in fewer writes than turns', async () => {
    const store = new MongoStateStore(db());
    const before = count('update', 'botState') + count('insert', 'botState');
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.write({ [`c${i}`]: { step: i }, [`u${i}`]: { lang: 'ms' } }),
      ),
    );
    const writes = count('update', 'botState') + count('insert', 'botState') - before;
    expect(writes).toBeLessThan(40);
    const read = await store.read(Array.from({ length: 40 }, (_, i) => `c${i}`));
    expect(Object.values(read).map((s) => s.step)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  test('a turn that lost its race fails alone; the turns saved in the same write are stored', async () => {
    const store = new MongoStateStore(db());
    const keys = Array.from({ length: 10 }, (_, i) => `race${i}`);
    await store.write(Object.fromEntries(keys.map((k) => [k, { v: 0 }])));
    const read = await store.read(keys);
    await store.write({ race3: { ...read.race3!, v: 'someone else' } }); // race3's read is now stale
    const results = await Promise.allSettled(keys.map((k) => store.write({ [k]: { ...read[k]!, v: 1 } })));
    expect(results.map((r) => r.status)).toEqual(keys.map((k) => (k === 'race3' ? 'rejected' : 'fulfilled')));
    expect((results[3] as PromiseRejectedResult).reason).toBeInstanceOf(StateConflictError);
    const after = await store.read(keys);
    expect(keys.map((k) => after[k]!.v)).toEqual(keys.map((k) => (k === 'race3' ? 'someone else' : 1)));
  });

  test('two turns of one conversation saving at once: one wins, one is told of the conflict', async () => {
    const store = new MongoStateStore(db());
    await store.write({ same: { v: 0 } });
    const read = (await store.read(['same'])).same!;
    const results = await Promise.allSettled([
      store.write({ same: { ...read, v: 'a' } }),
      store.write({ same: { ...read, v: 'b' } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  test('thirty conversations replying at once: every feed complete and in order, in fewer inserts than replies', async () => {
    const conversations = new ConversationsRepository(db());
    const feed = new ActivityFeed(db(), conversations);
    const ids = Array.from({ length: 30 }, (_, i) => `gc-conv-${i}`);
    for (const id of ids) await conversations.reserve({ id, siteId: 'demo', userId: `dl_${id}` });
    const before = count('insert', 'dlActivities');
    await Promise.all(
      ids.map((id) =>
        feed.appendMany(
          id,
          ['one', 'two', 'three'].map((text) => ({ type: 'message', text })),
        ),
      ),
    );
    expect(count('insert', 'dlActivities') - before).toBeLessThan(30);
    for (const id of ids) {
      const page = await feed.read(id, undefined);
      expect(page.activities.map((a) => a.text)).toEqual(['one', 'two', 'three']);
      expect(page.watermark).toBe('3');
    }
  });

  test('two writers of one conversation in the same insert both get in, numbered in turn', async () => {
    const conversations = new ConversationsRepository(db());
    const feed = new ActivityFeed(db(), conversations);
    await conversations.reserve({ id: 'gc-shared', siteId: 'demo', userId: 'dl_shared' });
    await feed.append('gc-shared', { type: 'message', text: 'hello' });
    await Promise.all([
      feed.appendMany('gc-shared', [
        { type: 'message', text: 'a1' },
        { type: 'message', text: 'a2' },
      ]),
      feed.appendMany('gc-shared', [{ type: 'message', text: 'b1' }]),
      feed.append('gc-shared', { type: 'message', text: 'c1' }),
    ]);
    const page = await feed.read('gc-shared', undefined);
    const texts = page.activities.map((a) => a.text);
    expect([...texts].sort()).toEqual(['a1', 'a2', 'b1', 'c1', 'hello']);
    expect(texts.indexOf('a2')).toBeGreaterThan(texts.indexOf('a1'));
    expect(page.watermark).toBe('5');
  });

  test('transcripts of turns ending together: one insert, every activity stored', async () => {
    const store = new MongoTranscriptStore(db(), 30);
    const before = count('insert', 'transcripts');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.logActivities([
          { type: 'message', channelId: 'webchat', conversation: { id: `tc${i}` }, text: 'hi' },
          { type: 'message', channelId: 'webchat', conversation: { id: `tc${i}` }, text: 'hello' },
        ]),
      ),
    );
    expect(count('insert', 'transcripts') - before).toBeLessThan(20);
    const page = await store.getTranscriptActivities('webchat', 'tc7');
    expect(page.items.map((a) => a.text)).toEqual(['hi', 'hello']);
  });
});
