/**
 * Transcripts keep every message that reached the chat, whatever keys or nesting its JSON has: `$`-prefixed and
 * dotted keys, prototype names, deep nesting (the store keeps JSON text beside its indexed fields).
 */
import type { Core } from '../../bots/compose/core';
import type { Logger } from '../../services/log';
import { MongoTranscriptStore } from '../../services/state/transcriptStore';
import { createTestBot, TestCitizen } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
let core: Core;
const logged: string[] = [];
const log: Logger = {
  debug: (m, f) => logged.push(JSON.stringify({ m, f })),
  info: (m, f) => logged.push(JSON.stringify({ m, f })),
  warn: (m, f) => logged.push(JSON.stringify({ m, f })),
  error: (m, f) => logged.push(JSON.stringify({ m, f })),
};

beforeAll(async () => {
  t = await testDb('transcripts');
  core = (await createTestBot(t.db, { log })).core;
});
afterAll(async () => t.close());

function nested(depth: number): unknown {
  let v: unknown = { leaf: true };
  for (let i = 0; i < depth; i++) v = { [`l${i}`]: v };
  return v;
}

test('messages whose JSON has $-prefixed, dotted or prototype-named keys or deep nesting are all in the transcript', async () => {
  const c = new TestCitizen(core.bot, core.pipeline, { locale: 'en-US', conversationId: 'hostile-keys' });
  await c.open();
  const odd = {
    $where: 'sleep(1000)',
    'a.b.c': 1,
    $set: { admin: true },
    ['__proto__']: { polluted: 'yes' },
    constructor: { prototype: { polluted: 'yes' } },
    deep: nested(150),
  };
  const texts = ['dollar keys', 'dotted keys', 'deep nesting', 'entities too'];
  await c.say({ text: texts[0], channelData: { $gt: '', ...odd } });
  await c.say({ text: texts[1], value: { 'x.y': { 'z.w': 2 } } });
  await c.say({ text: texts[2], channelData: { deep: nested(2_000) } });
  await c.say({ text: texts[3], entities: [{ type: '$x', 'k.k': 1 } as never] });
  const page = await core.transcripts.getTranscriptActivities('test', 'hostile-keys');
  const fromCitizen = page.items.filter(
    (a) => a.type === 'message' && (a.from as { id: string }).id !== 'suara',
  );
  expect(fromCitizen.map((a) => a.text)).toEqual(expect.arrayContaining(texts));
  const first = fromCitizen.find((a) => a.text === texts[0])!;
  expect((first.channelData as Record<string, unknown>).$where).toBe('sleep(1000)');
  expect((first.channelData as Record<string, unknown>)['a.b.c']).toBe(1);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(logged.join('\n')).not.toMatch(/transcript write failed/);
});

test('an activity too deep to serialise is kept with its text, marked truncated, not dropped', async () => {
  const store = new MongoTranscriptStore(t.db, 1, 'transcripts_deep');
  let deep: Record<string, unknown> = {};
  for (let i = 0; i < 20_000; i++) deep = { d: deep };
  await store.logActivities([
    {
      type: 'message',
      channelId: 'test',
      conversation: { id: 'too-deep' },
      text: 'Longkang tersumbat',
      channelData: deep,
    },
  ]);
  const page = await store.getTranscriptActivities('test', 'too-deep');
  expect(page.items).toEqual([expect.objectContaining({ text: 'Longkang tersumbat', truncated: true })]);
});
