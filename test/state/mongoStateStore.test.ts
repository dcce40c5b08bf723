/** Dialog state in MongoDB with eTag optimistic concurrency. */
import { ConversationState, TurnContext, TestAdapter, type Storage } from 'botbuilder';
import { StrictConversationState } from '../../bots/bot/strictState';
import { MongoStateStore, StateConflictError } from '../../services/state/mongoStateStore';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
let store: MongoStateStore;

beforeAll(async () => {
  t = await testDb('state');
  store = new MongoStateStore(t.db);
  await store.ensureIndexes();
});
afterAll(async () => t.close());

test('a write with a stale eTag fails and the stored value is untouched', async () => {
  await store.write({ k1: { count: 1 } });
  const read = await store.read(['k1']);
  const first = { ...read.k1!, count: 2 };
  const second = { ...read.k1!, count: 3 };
  await store.write({ k1: first });
  await expect(store.write({ k1: second })).rejects.toBeInstanceOf(StateConflictError);
  expect((await store.read(['k1'])).k1).toMatchObject({ count: 2 });
});

test('creating a key that someone else just created is a conflict, "*" overwrites', async () => {
  await store.write({ k2: { v: 'a' } });
  await expect(store.write({ k2: { v: 'b' } })).rejects.toMatchObject({ code: 'STATE_CONFLICT' });
  await store.write({ k2: { v: 'c', eTag: '*' } });
  expect((await store.read(['k2'])).k2).toMatchObject({ v: 'c' });
});

test('two concurrent turns on one conversation cannot both win', async () => {
  const state = new StrictConversationState(store as unknown as Storage);
  const counter = state.createProperty<number>('counter');
  const adapter = new TestAdapter();
  const activity = {
    type: 'message',
    channelId: 'test',
    conversation: { id: 'race' },
    from: { id: 'u' },
    recipient: { id: 'b' },
  };
  // Seed the conversation so both turns read the same eTag.
  const seed = new TurnContext(adapter, activity as never);
  await counter.set(seed, 0);
  await state.saveChanges(seed);

  // Two turns interleave: both read the same version before either saves (as two processes would).
  const a = new TurnContext(adapter, activity as never);
  const b = new TurnContext(adapter, activity as never);
  await counter.set(a, (await counter.get(a, 0)) + 1);
  await counter.set(b, (await counter.get(b, 0)) + 1);
  const results = await Promise.allSettled([state.saveChanges(a), state.saveChanges(b)]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  expect(rejected.reason).toBeInstanceOf(StateConflictError);
  const check = new TurnContext(adapter, activity as never);
  expect(await counter.get(check)).toBe(1);
});

test('botbuilder’s own ConversationState would let both turns win (why StrictConversationState exists)', async () => {
  const state = new ConversationState(store as unknown as Storage);
  const counter = state.createProperty<number>('counter');
  const adapter = new TestAdapter();
  const activity = {
    type: 'message',
    channelId: 'test',
    conversation: { id: 'race-loose' },
    from: { id: 'u' },
    recipient: { id: 'b' },
  };
  const a = new TurnContext(adapter, activity as never);
  const b = new TurnContext(adapter, activity as never);
  await counter.set(a, (await counter.get(a, 0)) + 1);
  await counter.set(b, (await counter.get(b, 0)) + 1);
  const results = await Promise.allSettled([state.saveChanges(a), state.saveChanges(b)]);
  expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
});
