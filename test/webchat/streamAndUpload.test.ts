/** WebSocket stream, photo upload and proactive delivery, over real HTTP/WebSocket and the shared test MongoDB. */
import { WebSocket } from 'ws';
import { RecipientUnreachableError } from '../../services/notifications/types';
import { call, type Harness, pollUntil, startConversation, startHarness } from './harness';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Collect activity sets from a stream until `predicate` holds for everything received. */
function collect(
  ws: WebSocket,
  predicate: (all: any[]) => boolean,
): Promise<{ all: any[]; watermark: string }> {
  return new Promise((resolve, reject) => {
    const all: any[] = [];
    const timer = setTimeout(
      () => reject(new Error(`stream condition not met: ${JSON.stringify(all.map((a) => a.text))}`)),
      20_000,
    );
    ws.on('message', (data) => {
      const set = JSON.parse(String(data)) as { activities: any[]; watermark: string };
      all.push(...set.activities);
      if (predicate(all)) {
        clearTimeout(timer);
        resolve({ all, watermark: set.watermark });
      }
    });
  });
}

function upload(
  h: Harness,
  c: { conversationId: string; token: string },
  file: Buffer,
  name: string,
  activity?: object,
) {
  const form = new FormData();
  if (activity)
    form.append(
      'activity',
      new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }),
    );
  form.append('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), name);
  return fetch(`${h.base}/v3/directline/conversations/${c.conversationId}/upload?userId=x`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${c.token}` },
    body: form,
  });
}

describe('Direct Line stream, uploads and proactive messages', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('streams the backlog and new activities over WebSocket, and resumes after a watermark', async () => {
    const c = await startConversation(h);
    const ws = new WebSocket(c.streamUrl);
    const greeting = await collect(ws, (all) => all.some((a) => a.text === 'Selamat datang!'));
    const next = collect(ws, (all) => all.some((a) => a.text === 'echo: stream me'));
    const post = await call(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      token: c.token,
      body: { type: 'message', text: 'stream me', channelData: { clientActivityID: 'ws-1' } },
    });
    expect(post.status).toBe(200);
    const got = await next;
    expect(got.all.map((a) => a.text)).toEqual(['stream me', 'echo: stream me']);
    expect(got.all[0].channelData.clientActivityID).toBe('ws-1');
    ws.send(''); // clients ping with empty messages
    ws.close();

    // Reconnect from the greeting's watermark: only what came after it is replayed.
    const resume = await call(
      `${h.base}/v3/directline/conversations/${c.conversationId}?watermark=${greeting.watermark}`,
      {
        token: c.token,
      },
    );
    const ws2 = new WebSocket(resume.body.streamUrl);
    const replay = await collect(ws2, (all) => all.length >= 2);
    expect(replay.all.map((a) => a.text)).toEqual(['stream me', 'echo: stream me']);
    ws2.close();
  });

  it('refuses a stream without a valid token for that conversation', async () => {
    const a = await startConversation(h);
    const b = await startConversation(h);
    const status = (url: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(url);
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => undefined);
      });
    const base = `ws://127.0.0.1:${h.port}/v3/directline/conversations`;
    expect(await status(`${base}/${b.conversationId}/stream?t=${a.token}`)).toBe(403);
    expect(await status(`${base}/${a.conversationId}/stream?t=garbage`)).toBe(401);
    expect(await status(`${base}/${a.conversationId}/stream`)).toBe(401);
  });

  it('stores an uploaded photo, posts it as an attachment and serves it at an unguessable URL', async () => {
    const c = await startConversation(h);
    const res = await upload(h, c, PNG, 'lubang.png', {
      type: 'message',
      text: 'Gambar',
      channelData: { clientActivityID: 'up-1' },
    });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const feed = await pollUntil(h, c, (all) => all.some((a) => a.id === id));
    const mine = feed.find((a) => a.id === id);
    expect(mine).toMatchObject({ text: 'Gambar', channelData: { clientActivityID: 'up-1' } });
    expect(mine.attachments).toEqual([
      {
        contentType: 'image/png',
        contentUrl: expect.stringMatching(/\/v3\/directline\/uploads\/[A-Za-z0-9_-]{32}$/),
        name: 'lubang.png',
      },
    ]);
    const img = await fetch(mine.attachments[0].contentUrl);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await img.arrayBuffer()).equals(PNG)).toBe(true);
    expect((await fetch(`${h.base}/v3/directline/uploads/${'A'.repeat(32)}`)).status).toBe(404);
  });

  it('refuses uploads that are not photos or are too large', async () => {
    const c = await startConversation(h);
    const notImage = await upload(h, c, Buffer.from('<script>alert(1)</script>'), 'x.png');
    expect(notImage.status).toBe(415);
    const big = Buffer.concat([PNG, Buffer.alloc(70 * 1024)]); // harness limit is 64 KB
    const tooBig = await upload(h, c, big, 'big.png');
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('MessageSizeTooBig');
    const notMultipart = await call(`${h.base}/v3/directline/conversations/${c.conversationId}/upload`, {
      token: c.token,
      body: { hello: 1 },
    });
    expect(notMultipart.status).toBe(415);
  });

  it('queues proactive messages in the feed and delivers them when the citizen reconnects', async () => {
    const c = await startConversation(h);
    const greeting = await pollUntil(h, c, (all) => all.length > 0);
    const reference = {
      channelId: 'webchat',
      serviceUrl: `${h.base}/v3/directline`,
      conversation: { id: c.conversationId },
      user: { id: greeting[0].recipient?.id ?? 'dl_user' },
      bot: { id: 'suara-bot', name: 'Suara' },
    };
    await h.mount.proactive.send(reference, {
      text: 'Aduan SRA-ABCD-EFGH telah diselesaikan. Sila nilai.',
      suggestedActions: [{ title: '5', value: 'rate:SRA-ABCD-EFGH:5' }],
    });
    // The citizen comes back later: polling from the start shows the queued message.
    const feed = await pollUntil(h, c, (all) => all.some((a) => String(a.text).includes('SRA-ABCD-EFGH')));
    const msg = feed.find((a) => String(a.text).includes('SRA-ABCD-EFGH'));
    expect(msg).toMatchObject({
      from: { id: 'suara-bot' },
      suggestedActions: { actions: [{ value: 'rate:SRA-ABCD-EFGH:5' }] },
    });
    await expect(
      h.mount.proactive.send({ ...reference, conversation: { id: 'no-such-conversation' } }, { text: 'x' }),
    ).rejects.toBeInstanceOf(RecipientUnreachableError);
  });
});
