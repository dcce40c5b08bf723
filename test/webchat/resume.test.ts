/** Resuming a conversation after its token expired, with the resume key, over real HTTP and the test MongoDB. */
import { createHash, randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';
import { call, DBKL_SECRET, type Harness, startHarness } from './harness';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('resume after the token expired', () => {
  let h: Harness;
  let generate: string;
  beforeAll(async () => {
    // Tokens live 3 s here, so the tests can let one really expire.
    h = await startHarness({ env: { DIRECTLINE_TOKEN_TTL_SECONDS: '3' } });
    generate = `${h.base}/v3/directline/tokens/generate`;
  });
  afterAll(async () => h.close());

  /** A widget-style conversation on the demo site: generate (with resume key) + start. */
  async function open(): Promise<{ conversationId: string; token: string; resumeKey: string }> {
    const gen = await call(generate, { body: { site: 'demo', locale: 'ms' }, origin: h.base });
    expect(gen.status).toBe(200);
    const conv = await call(`${h.base}/v3/directline/conversations`, {
      method: 'POST',
      token: gen.body.token,
      origin: h.base,
    });
    expect(conv.status).toBe(201);
    return { conversationId: gen.body.conversationId, token: conv.body.token, resumeKey: gen.body.resumeKey };
  }

  const feedUrl = (id: string, wm = '') =>
    `${h.base}/v3/directline/conversations/${id}/activities?watermark=${wm}`;

  /** Wait until the server refuses `token` as expired (no assertion on how long that takes). */
  async function untilExpired(c: { conversationId: string; token: string }): Promise<void> {
    for (let i = 0; i < 100; i++) {
      const r = await call(feedUrl(c.conversationId), { token: c.token });
      if (r.status === 403 && r.body.error.code === 'TokenExpired') return;
      await sleep(200);
    }
    throw new Error('token never expired');
  }

  it('gives a fresh token for the same conversation that sees a proactive message queued while away', async () => {
    const c = await open();
    await call(feedUrl(c.conversationId), {
      token: c.token,
      body: { type: 'message', text: 'Lampu jalan rosak' },
    });
    const before = await call(feedUrl(c.conversationId), { token: c.token });
    const wm = before.body.watermark as string;
    const citizen = before.body.activities.find((a: any) => a.text === 'Lampu jalan rosak').from.id;

    await untilExpired(c);
    await h.mount.proactive.send(
      { conversation: { id: c.conversationId } },
      { text: 'Aduan anda sedang diproses oleh DBKL.' },
    );
    // The expired token alone still cannot read or refresh.
    expect((await call(feedUrl(c.conversationId, wm), { token: c.token })).status).toBe(403);
    const refresh = await call(`${h.base}/v3/directline/tokens/refresh`, { method: 'POST', token: c.token });
    expect(refresh.status).toBe(403);

    const resumed = await call(generate, {
      body: { site: 'demo', locale: 'ms-MY', conversationId: c.conversationId, resumeKey: c.resumeKey },
      origin: h.base,
    });
    expect(resumed.status).toBe(200);
    expect(resumed.body).toEqual({
      conversationId: c.conversationId,
      token: expect.stringMatching(/^dl1\./),
      expires_in: 3,
    });
    expect(resumed.headers.get('access-control-allow-origin')).toBe(h.base);

    const page = await call(feedUrl(c.conversationId, wm), { token: resumed.body.token });
    expect(page.status).toBe(200);
    expect(page.body.activities.map((a: any) => a.text)).toEqual(['Aduan anda sedang diproses oleh DBKL.']);

    // The stream from the last watermark delivers it too.
    const info = await call(`${h.base}/v3/directline/conversations/${c.conversationId}?watermark=${wm}`, {
      token: resumed.body.token,
    });
    expect(info.status).toBe(200);
    const ws = new WebSocket(info.body.streamUrl);
    const first = await new Promise<any>((resolve, reject) => {
      ws.once('message', (d) => resolve(JSON.parse(String(d))));
      ws.once('error', reject);
    });
    ws.close();
    expect(first.activities.map((a: any) => a.text)).toEqual(['Aduan anda sedang diproses oleh DBKL.']);

    // Same citizen: a post with the resumed token is from the same user id.
    const post = await call(feedUrl(c.conversationId), {
      token: info.body.token,
      body: { type: 'message', text: 'Terima kasih' },
    });
    expect(post.status).toBe(200);
    const after = await call(feedUrl(c.conversationId, page.body.watermark), { token: info.body.token });
    expect(after.body.activities.find((a: any) => a.text === 'Terima kasih').from.id).toBe(citizen);
  });

  it('stores only the SHA-256 of the resume key', async () => {
    const c = await open();
    const doc = await h.tdb.db.collection('dlConversations').findOne({ _id: c.conversationId as any });
    expect(doc?.resumeKeyHash).toBe(createHash('sha256').update(c.resumeKey).digest('hex'));
    expect(JSON.stringify(doc)).not.toContain(c.resumeKey);
  });

  it('refuses a wrong key, another conversation’s key, an unknown conversation and bad arguments', async () => {
    const a = await open();
    const b = await open();
    const resume = (conversationId: string, resumeKey: string, lang = 'en') =>
      call(generate, {
        body: { site: 'demo', conversationId, resumeKey },
        origin: h.base,
        headers: { 'Accept-Language': lang },
      });

    const wrong = await resume(a.conversationId, randomBytes(32).toString('base64url'), 'ms-MY');
    expect(wrong.status).toBe(403);
    expect(wrong.body.error).toEqual({
      code: 'Forbidden',
      message: 'Perbualan ini tidak dapat disambung semula. Sila mulakan perbualan baharu.',
    });
    expect(wrong.body.token).toBeUndefined();

    const crossed = await resume(b.conversationId, a.resumeKey);
    expect(crossed.status).toBe(403);
    expect(crossed.body.error.code).toBe('Forbidden');

    const unknown = await resume('no-such-conversation', a.resumeKey);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NotFound');

    const malformed = await resume(a.conversationId, 'short');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BadArgument');
    const half = await call(generate, {
      body: { site: 'demo', conversationId: a.conversationId },
      origin: h.base,
    });
    expect(half.status).toBe(400);

    // A's own key still works after all that.
    expect((await resume(a.conversationId, a.resumeKey)).status).toBe(200);
  });

  it('refuses another site’s conversation and checks the Origin like a new token', async () => {
    const backend = await call(`${h.base}/v3/directline/conversations`, {
      method: 'POST',
      token: DBKL_SECRET,
      body: {},
    });
    expect(backend.status).toBe(201);
    const { conversationId, resumeKey } = backend.body;
    expect(resumeKey).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const viaDemo = await call(generate, {
      body: { site: 'demo', conversationId, resumeKey },
      origin: h.base,
    });
    expect(viaDemo.status).toBe(403);
    expect(viaDemo.body.error.code).toBe('Forbidden');

    const evil = await call(generate, {
      body: { site: 'dbkl', conversationId, resumeKey },
      origin: 'https://evil.example',
    });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('OriginNotAllowed');
    const noOrigin = await call(generate, { body: { site: 'dbkl', conversationId, resumeKey } });
    expect(noOrigin.status).toBe(403);

    const ok = await call(generate, {
      body: { site: 'dbkl', conversationId, resumeKey },
      origin: 'https://www.dbkl.gov.my',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.conversationId).toBe(conversationId);
  });

  it('refuses a conversation past the retention period even before MongoDB’s TTL monitor removed it', async () => {
    const c = await open();
    await h.tdb.db
      .collection('dlConversations')
      .updateOne(
        { _id: c.conversationId as any },
        { $set: { updatedAt: new Date(Date.now() - 31 * 86_400_000) } },
      );
    const r = await call(generate, {
      body: { site: 'demo', conversationId: c.conversationId, resumeKey: c.resumeKey },
      origin: h.base,
    });
    expect(r.status).toBe(404);
  });
});
