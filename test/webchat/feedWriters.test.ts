/**
 * The conversation feed with several writers (issue #12, a cheaper turn): writers append at the next number they
 * know, without a counter round trip, so these tests check that nothing is lost, duplicated or reordered when
 * processes race, and that a stream still gets what another process wrote. Real HTTP/WebSocket and test MongoDB.
 */
import { WebSocket } from 'ws';
import { ActivityFeed } from '../../services/directline/activities';
import { ConversationsRepository } from '../../services/directline/conversations';
import { call, type Harness, pollUntil, startConversation, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** A feed as another process sees it (its own memory of sequence numbers). */
const otherProcess = () => new ActivityFeed(h.tdb.db, new ConversationsRepository(h.tdb.db));

test('two processes appending to one conversation at once lose, duplicate, skip and reorder nothing', async () => {
  const c = await startConversation(h);
  const [a, b] = [otherProcess(), otherProcess()];
  const writes = Array.from({ length: 12 }, (_, i) =>
    (i % 2 ? a : b).appendMany(c.conversationId, [
      { type: 'message', text: `${i}-first` },
      { type: 'message', text: `${i}-second` },
    ]),
  );
  await Promise.all(writes);
  const all = await pollUntil(h, c, (xs) => xs.filter((x) => /^\d+-/.test(x.text ?? '')).length === 24);
  const seqs = all.map((x) => Number(String(x.id).split('|')[1]));
  expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  for (let i = 0; i < 12; i++) {
    const texts = all.map((x) => x.text);
    expect(texts.indexOf(`${i}-second`)).toBeGreaterThan(texts.indexOf(`${i}-first`));
  }
});

test('a citizen whose conversation another process wrote to in between is still answered in order', async () => {
  const c = await startConversation(h);
  const post = (text: string) =>
    call(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      token: c.token,
      body: { type: 'message', text },
    });
  expect((await post('one')).status).toBe(200);
  await otherProcess().append(c.conversationId, { type: 'message', text: 'status update from the worker' });
  expect((await post('two')).status).toBe(200);
  const all = await pollUntil(h, c, (xs) => xs.some((x) => x.text === 'echo: two'));
  expect(all.map((x) => x.text).filter((t) => t !== 'Selamat datang!')).toEqual([
    'one',
    'echo: one',
    'status update from the worker',
    'two',
    'echo: two',
  ]);
});

test('an open stream receives a message another process wrote to its conversation', async () => {
  const c = await startConversation(h);
  const ws = new WebSocket(c.streamUrl);
  const texts: string[] = [];
  const got = new Promise<void>((resolve) =>
    ws.on('message', (data) => {
      texts.push(
        ...(JSON.parse(String(data)) as { activities: { text?: string }[] }).activities.map(
          (a) => a.text ?? '',
        ),
      );
      if (texts.includes('your complaint is in progress')) resolve();
    }),
  );
  await new Promise((r) => ws.once('open', r));
  await otherProcess().append(c.conversationId, { type: 'message', text: 'your complaint is in progress' });
  await got;
  expect(texts).toEqual(['Selamat datang!', 'your complaint is in progress']);
  ws.close();
});

test('a message posted to a conversation that does not exist is refused, not stored', async () => {
  await expect(
    otherProcess().append('no-such-conversation', { type: 'message', text: 'x' }),
  ).rejects.toMatchObject({
    code: 'CONVERSATION_NOT_FOUND',
  });
  expect(
    await h.tdb.db.collection('dlActivities').countDocuments({ conversationId: 'no-such-conversation' }),
  ).toBe(0);
});
