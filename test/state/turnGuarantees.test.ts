/**
 * What a cheaper turn must still guarantee (issue #12): a turn's conversation and user state are saved in one write
 * but a lost eTag race still fails the turn; reads shared by concurrent turns keep each turn's own copy and eTag;
 * transcripts of turns ending together are all stored, also when a turn fails. Real MongoDB (test stand-in).
 */
import {
  ActivityHandler,
  ConversationState,
  TestAdapter,
  TurnContext,
  UserState,
  type Storage,
} from 'botbuilder';
import { prefetchStates, saveStates } from '../../bots/bot/strictState';
import { TurnTranscriptMiddleware } from '../../bots/bot/transcriptMiddleware';
import { silentLogger } from '../../services/log';
import { MongoStateStore, StateConflictError } from '../../services/state/mongoStateStore';
import { MongoTranscriptStore } from '../../services/state/transcriptStore';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
let store: MongoStateStore;
beforeAll(async () => {
  t = await testDb('turnGuarantees');
  store = new MongoStateStore(t.db);
});
afterAll(async () => t.close());

const activity = (conversation: string, text = 'hi') =>
  ({
    type: 'message',
    text,
    channelId: 'test',
    conversation: { id: conversation },
    from: { id: `user-${conversation}` },
    recipient: { id: 'bot' },
  }) as never;

test('two concurrent turns on one conversation still conflict on eTag when conversation and user state are saved together', async () => {
  const storage = store as unknown as Storage;
  const convo = new ConversationState(storage);
  const user = new UserState(storage);
  const count = convo.createProperty<number>('count');
  const lang = user.createProperty<string>('lang');
  const adapter = new TestAdapter();
  const turn = async () => {
    const ctx = new TurnContext(adapter, activity('race'));
    await prefetchStates(ctx, storage, [convo, user]);
    return ctx;
  };
  const seed = await turn();
  await count.set(seed, 0);
  await lang.set(seed, 'ms');
  await saveStates(seed, storage, [convo, user]);

  const [a, b] = [await turn(), await turn()];
  for (const [ctx, l] of [
    [a, 'en'],
    [b, 'ms'],
  ] as const) {
    await count.set(ctx, (await count.get(ctx, 0)) + 1);
    await lang.set(ctx, l);
  }
  const results = await Promise.allSettled([
    saveStates(a, storage, [convo, user]),
    saveStates(b, storage, [convo, user]),
  ]);
  expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(
    StateConflictError,
  );
  const check = await turn();
  expect(await count.get(check)).toBe(1);
});

test('a turn whose state was changed after it read it cannot save, even when its read was shared with other turns', async () => {
  await store.write({ shared: { v: 1 } });
  const [first, second] = await Promise.all([store.read(['shared']), store.read(['shared', 'other'])]);
  first.shared!.v = 99;
  expect(second.shared).toMatchObject({ v: 1 });
  await store.write({ shared: { ...second.shared!, v: 2 } });
  await expect(store.write({ shared: { ...first.shared! } })).rejects.toBeInstanceOf(StateConflictError);
  expect((await store.read(['shared'])).shared).toMatchObject({ v: 2 });
});

test('twenty turns ending at once are all in the transcript, including the one that failed', async () => {
  const transcripts = new MongoTranscriptStore(t.db, 30);
  const adapter = new TestAdapter();
  adapter.use(new TurnTranscriptMiddleware(transcripts, silentLogger));
  adapter.onTurnError = async (ctx) => {
    await ctx.sendActivity('sorry');
  };
  const bot = new ActivityHandler().onMessage(async (ctx, next) => {
    if (ctx.activity.text === 'break') throw new Error('turn failed');
    await ctx.sendActivity(`echo ${ctx.activity.text}`);
    await next();
  });
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      adapter.processActivity(activity(`many-${i}`, i === 7 ? 'break' : `m${i}`), (ctx) => bot.run(ctx)),
    ),
  );
  for (let i = 0; i < 20; i++) {
    const page = await transcripts.getTranscriptActivities('test', `many-${i}`);
    const texts = page.items.map((a) => a.text);
    if (i === 7) expect(texts).toEqual(expect.arrayContaining(['break', 'sorry']));
    else expect(texts).toEqual([`m${i}`, `echo m${i}`]);
  }
});
