/** Direct Line 3.0 protocol over real HTTP against a real restify server and the shared test MongoDB. */
import { TokenSigner } from '../../services/directline/tokens';
import {
  call,
  DBKL_SECRET,
  EchoBot,
  type Harness,
  pollUntil,
  startConversation,
  startHarness,
  TEST_TOKEN_SECRET,
} from './harness';

describe('Direct Line 3.0 REST', () => {
  let h: Harness;
  const bot = new EchoBot();
  beforeAll(async () => {
    h = await startHarness({ bot });
  });
  afterAll(async () => h.close());

  it('generates a token for an allowed origin and starts a conversation with a greeting', async () => {
    const gen = await call(`${h.base}/v3/directline/tokens/generate`, {
      body: { site: 'demo' },
      origin: h.base,
    });
    expect(gen.status).toBe(200);
    expect(gen.body).toEqual({
      conversationId: expect.any(String),
      token: expect.stringMatching(/^dl1\./),
      expires_in: 1800,
      resumeKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(gen.headers.get('access-control-allow-origin')).toBe(h.base);

    const conv = await call(`${h.base}/v3/directline/conversations`, {
      method: 'POST',
      token: gen.body.token,
    });
    expect(conv.status).toBe(201);
    expect(conv.body.conversationId).toBe(gen.body.conversationId);
    expect(conv.body.expires_in).toBe(1800);
    expect(conv.body.streamUrl).toMatch(
      new RegExp(
        `^ws://127\\.0\\.0\\.1:${h.port}/v3/directline/conversations/${conv.body.conversationId}/stream\\?t=dl1\\.`,
      ),
    );
    const feed = await pollUntil(h, conv.body, (all) => all.some((a) => a.text === 'Selamat datang!'));
    expect(feed[0]).toMatchObject({ type: 'message', from: { id: 'suara-bot' }, channelId: 'webchat' });

    const update = bot.received.find(
      (a) => a.type === 'conversationUpdate' && a.conversation?.id === conv.body.conversationId,
    );
    expect(update?.membersAdded?.map((m) => m.id)).toEqual(['suara-bot', expect.stringMatching(/^dl_/)]);

    // Starting again is idempotent: same conversation, no second greeting.
    const again = await call(`${h.base}/v3/directline/conversations`, {
      method: 'POST',
      token: gen.body.token,
    });
    expect(again.status).toBe(201);
    expect(again.body.conversationId).toBe(conv.body.conversationId);
  });

  it('posts an activity, echoes it with clientActivityID, and pages the feed by watermark', async () => {
    const c = await startConversation(h);
    const greeting = await call(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      token: c.token,
    });
    const wm = greeting.body.watermark;
    expect(greeting.body.activities.map((a: { text: string }) => a.text)).toEqual(['Selamat datang!']);

    const post = await call(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      token: c.token,
      body: {
        type: 'message',
        text: 'Jalan berlubang di Jalan Raja Laut',
        from: { id: 'someone-else', name: 'Aminah' },
        locale: 'ms-MY',
        channelData: { clientActivityID: 'cid-1', suara: { site: { id: 'spoofed' } } },
      },
    });
    expect(post.status).toBe(200);
    expect(post.body.id).toMatch(new RegExp(`^${c.conversationId}\\|\\d{7}$`));

    const page = await call(
      `${h.base}/v3/directline/conversations/${c.conversationId}/activities?watermark=${wm}`,
      {
        token: c.token,
      },
    );
    expect(page.status).toBe(200);
    const [mine, reply] = page.body.activities;
    expect(mine).toMatchObject({
      id: post.body.id,
      text: 'Jalan berlubang di Jalan Raja Laut',
      channelData: { clientActivityID: 'cid-1' },
    });
    expect(mine.from.id).toMatch(/^dl_/);
    expect(reply).toMatchObject({
      text: 'echo: Jalan berlubang di Jalan Raja Laut',
      replyToId: post.body.id,
    });
    expect(reply.suggestedActions.actions.map((a: { value: string }) => a.value)).toEqual(['Ya', 'Tidak']);
    expect(Number(page.body.watermark)).toBeGreaterThan(Number(wm));

    const empty = await call(
      `${h.base}/v3/directline/conversations/${c.conversationId}/activities?watermark=${page.body.watermark}`,
      {
        token: c.token,
      },
    );
    expect(empty.body).toEqual({ activities: [], watermark: page.body.watermark });

    // What the bot saw: server-owned fields, and the site context (never the client's spoofed one).
    const seen = bot.received.find((a) => a.id === post.body.id);
    expect(seen).toMatchObject({
      channelId: 'webchat',
      locale: 'ms-MY',
      from: { id: mine.from.id, name: 'Aminah' },
      conversation: { id: c.conversationId },
      channelData: {
        clientActivityID: 'cid-1',
        suara: { site: { id: 'demo', defaultAgencyId: 'dbkl', defaultArea: 'Kuala Lumpur' } },
      },
    });

    // A retried post with the same clientActivityID is not run twice.
    const retry = await call(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      token: c.token,
      body: {
        type: 'message',
        text: 'Jalan berlubang di Jalan Raja Laut',
        channelData: { clientActivityID: 'cid-1' },
      },
    });
    expect(retry.body.id).toBe(post.body.id);
    expect(bot.received.filter((a) => a.id === post.body.id)).toHaveLength(1);
  });

  it('refreshes a token; the new token works', async () => {
    const c = await startConversation(h);
    const r = await call(`${h.base}/v3/directline/tokens/refresh`, { method: 'POST', token: c.token });
    expect(r.status).toBe(200);
    expect(r.body.conversationId).toBe(c.conversationId);
    const page = await call(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      token: r.body.token,
    });
    expect(page.status).toBe(200);
  });

  it('resumes a conversation with GET /conversations/:id and a watermarked stream URL', async () => {
    const c = await startConversation(h);
    const r = await call(`${h.base}/v3/directline/conversations/${c.conversationId}?watermark=1`, {
      token: c.token,
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      conversationId: c.conversationId,
      token: expect.stringMatching(/^dl1\./),
    });
    expect(r.body.streamUrl).toMatch(/&watermark=1$/);
  });

  it('refuses expired, forged, missing and cross-conversation tokens', async () => {
    const a = await startConversation(h);
    const b = await startConversation(h);
    const url = (id: string) => `${h.base}/v3/directline/conversations/${id}/activities`;

    const cross = await call(url(b.conversationId), { token: a.token });
    expect(cross.status).toBe(403);
    expect(cross.body.error.code).toBe('Forbidden');
    const crossPost = await call(url(b.conversationId), {
      token: a.token,
      body: { type: 'message', text: 'hi' },
    });
    expect(crossPost.status).toBe(403);

    const past = new TokenSigner(TEST_TOKEN_SECRET, 60, () => Date.now() - 3600_000);
    const expired = past.issue({ conversationId: a.conversationId, userId: 'dl_x', siteId: 'demo' }).token;
    const e = await call(url(a.conversationId), { token: expired, headers: { 'Accept-Language': 'ms-MY' } });
    expect(e.status).toBe(403);
    expect(e.body.error).toEqual({
      code: 'TokenExpired',
      message: 'Token telah tamat tempoh. Sila mulakan semula.',
    });
    const refreshExpired = await call(`${h.base}/v3/directline/tokens/refresh`, {
      method: 'POST',
      token: expired,
    });
    expect(refreshExpired.status).toBe(403);

    const forged = new TokenSigner('another-secret-0123456789abcdef', 60).issue({
      conversationId: a.conversationId,
      userId: 'dl_x',
      siteId: 'demo',
    }).token;
    expect((await call(url(a.conversationId), { token: forged })).status).toBe(401);
    const none = await call(url(a.conversationId));
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('Unauthorized');
  });

  it('answers bad JSON, invalid and oversized activities with Direct Line error bodies', async () => {
    const c = await startConversation(h);
    const url = `${h.base}/v3/directline/conversations/${c.conversationId}/activities`;
    const bad = await call(url, { token: c.token, raw: '{"type":"message",' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BadArgument');

    const invalid = await call(url, { token: c.token, body: { type: 'teleport', text: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('type');

    const longText = await call(url, {
      token: c.token,
      body: { type: 'message', text: 'a'.repeat(33 * 1024) },
    });
    expect(longText.status).toBe(413);
    expect(longText.body.error.code).toBe('MessageSizeTooBig');

    const huge = await call(url, {
      token: c.token,
      body: { type: 'message', text: 'hi', channelData: { pad: 'x'.repeat(300 * 1024) } },
    });
    expect(huge.status).toBe(413);

    const badLocation = await call(url, {
      token: c.token,
      body: {
        type: 'message',
        attachments: [{ contentType: 'application/vnd.suara.location+json', content: { lat: 'x' } }],
      },
    });
    expect(badLocation.status).toBe(400);
  });

  it('refuses unknown sites, wrong origins and wrong secrets; accepts a site backend secret', async () => {
    const gen = `${h.base}/v3/directline/tokens/generate`;
    const unknown = await call(gen, { body: { site: 'nowhere' }, origin: h.base });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('UnknownSite');

    const wrongOrigin = await call(gen, { body: { site: 'demo' }, origin: 'https://evil.example' });
    expect(wrongOrigin.status).toBe(403);
    expect(wrongOrigin.body.error.code).toBe('OriginNotAllowed');
    expect(wrongOrigin.headers.get('access-control-allow-origin')).toBeNull();

    const dbklFromDemo = await call(gen, { body: { site: 'dbkl' }, origin: h.base });
    expect(dbklFromDemo.status).toBe(403);

    const noOrigin = await call(gen, { body: { site: 'demo' } });
    expect(noOrigin.status).toBe(403);

    const wrongSecret = await call(gen, { method: 'POST', token: 'not-the-secret-at-all-000000' });
    expect(wrongSecret.status).toBe(401);

    const backend = await call(gen, {
      method: 'POST',
      token: DBKL_SECRET,
      body: { user: { id: 'dl_citizen-42' } },
    });
    expect(backend.status).toBe(200);
    const conv = await call(`${h.base}/v3/directline/conversations`, {
      method: 'POST',
      token: backend.body.token,
    });
    expect(conv.status).toBe(201);
    await call(`${h.base}/v3/directline/conversations/${conv.body.conversationId}/activities`, {
      token: conv.body.token,
      body: { type: 'message', text: 'Lampu jalan rosak' },
    });
    const seen = bot.received.find(
      (a) => a.conversation?.id === conv.body.conversationId && a.type === 'message',
    );
    expect(seen?.from?.id).toBe('dl_citizen-42');
    expect(seen?.channelData.suara.site).toEqual({
      id: 'dbkl',
      defaultAgencyId: 'dbkl',
      defaultArea: 'Kuala Lumpur',
    });

    // A token of one site used from another site's origin is refused.
    const foreign = await call(
      `${h.base}/v3/directline/conversations/${conv.body.conversationId}/activities`,
      {
        token: conv.body.token,
        origin: 'https://www.mbpj.gov.my',
      },
    );
    expect(foreign.status).toBe(403);
  });

  it('answers CORS preflight only for allowed origins', async () => {
    const ok = await fetch(`${h.base}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://www.dbkl.gov.my', 'Access-Control-Request-Method': 'POST' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.dbkl.gov.my');
    expect(ok.headers.get('access-control-allow-headers')).toContain('Authorization');
    const no = await fetch(`${h.base}/v3/directline/conversations`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    expect(no.status).toBe(403);
  });

  it('serves the public look of a site and 404s an unknown one', async () => {
    const r = await call(`${h.base}/webchat/sites/dbkl`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: 'dbkl',
      name: { en: 'Kuala Lumpur City Hall (DBKL)', ms: 'Dewan Bandaraya Kuala Lumpur (DBKL)' },
      theme: { primary: '#7a1f2b', logoUrl: null },
      defaultLanguage: 'ms',
    });
    expect((await call(`${h.base}/webchat/sites/nope`)).status).toBe(404);
  });
});
