/**
 * Abuse limits over real HTTP with counters in the test MongoDB. Limits are 3 per minute here, and the
 * rate-limit clock is pinned (each test moves it to a fresh minute), so nothing depends on how fast tests run.
 */
import { call, DBKL_SECRET, type Harness, startConversation, startHarness } from './harness';

const LIMITS = {
  WEBCHAT_RATE_PER_IP_PER_MIN: '3',
  WEBCHAT_RATE_PER_SITE_PER_MIN: '3',
  WEBCHAT_RATE_PER_CONVERSATION_PER_MIN: '3',
};
/** 30 s into a minute: Retry-After is then exactly 30. */
const T0 = Date.UTC(2030, 0, 1, 0, 0, 30);

describe('web chat abuse limits', () => {
  let h: Harness;
  let proxied: Harness;
  let minute = 0;
  const clock = () => T0 + minute * 60_000;

  beforeAll(async () => {
    h = await startHarness({ env: LIMITS, rateLimitClock: clock });
    // Behind one trusted reverse proxy, with a generous IP limit so only the site limit bites.
    proxied = await startHarness({
      env: { ...LIMITS, WEBCHAT_RATE_PER_IP_PER_MIN: '2', WEBCHAT_TRUSTED_PROXY_HOPS: '1' },
      rateLimitClock: clock,
    });
  });
  beforeEach(() => {
    minute++;
  });
  afterAll(async () => {
    await h.close();
    await proxied.close();
  });

  const generate = (x: Harness, init: Parameters<typeof call>[1] = {}) =>
    call(`${x.base}/v3/directline/tokens/generate`, { body: { site: 'demo' }, origin: x.base, ...init });

  it('limits token generation per client IP with 429, Retry-After and a localized message', async () => {
    for (let i = 0; i < 3; i++) expect((await generate(h)).status).toBe(200);
    const over = await generate(h, { headers: { 'Accept-Language': 'ms-MY' } });
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('30');
    expect(over.body.error).toEqual({
      code: 'TooManyRequests',
      message: 'Terlalu banyak permintaan. Sila tunggu 30 saat dan cuba lagi.',
    });
    // The widget (another origin in production) can read the status and the Retry-After header.
    expect(over.headers.get('access-control-allow-origin')).toBe(h.base);
    expect(over.headers.get('access-control-expose-headers')).toContain('Retry-After');
    const en = await generate(h);
    expect(en.body.error.message).toBe('Too many requests. Please wait 30 seconds and try again.');

    // X-Forwarded-For is not trusted without configured proxies: spoofing it does not help.
    expect((await generate(h, { headers: { 'X-Forwarded-For': '203.0.113.9' } })).status).toBe(429);

    minute++; // the next window starts afresh
    expect((await generate(h)).status).toBe(200);
  });

  it('counts resuming with a resume key as token generation', async () => {
    const first = await generate(h);
    const resume = () =>
      generate(h, {
        body: { site: 'demo', conversationId: first.body.conversationId, resumeKey: first.body.resumeKey },
      });
    expect((await resume()).status).toBe(200);
    expect((await resume()).status).toBe(200);
    const over = await resume();
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('TooManyRequests');
  });

  it('limits conversation creation per site, also for a site backend using its secret', async () => {
    const viaSecret = () =>
      call(`${h.base}/v3/directline/conversations`, { method: 'POST', token: DBKL_SECRET, body: {} });
    for (let i = 0; i < 3; i++) expect((await viaSecret()).status).toBe(201);
    const over = await viaSecret();
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('30');
    // The dbkl site is exhausted, the demo site is not.
    expect((await generate(h)).status).toBe(200);
  });

  it('behind a trusted proxy, counts each forwarded client separately and the site for all', async () => {
    const from = (ip: string) =>
      generate(proxied, { headers: { 'X-Forwarded-For': `198.51.100.77, ${ip}` } });
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(429); // IP limit 2
    expect((await from('203.0.113.2')).status).toBe(200); // another client; the site's 3rd
    const site = await from('203.0.113.3');
    expect(site.status).toBe(429); // site limit 3
    // An IPv6 client is counted by its /64: another address in the same /64 shares the budget.
    minute++;
    expect((await from('2001:db8:1:2::1')).status).toBe(200);
    expect((await from('2001:db8:1:2:abcd::9')).status).toBe(200);
    expect((await from('2001:db8:1:2::ffff')).status).toBe(429); // the /64's 3rd (the site allows a 3rd)
    expect((await from('2001:db8:1:3::1')).status).toBe(200); // another /64: the site's 3rd
  });

  it('limits posted activities per conversation (typing is free, uploads count)', async () => {
    const c = await startConversation(h);
    const url = `${h.base}/v3/directline/conversations/${c.conversationId}/activities`;
    const post = (text: string) => call(url, { token: c.token, body: { type: 'message', text } });
    expect((await post('satu')).status).toBe(200);
    expect((await call(url, { token: c.token, body: { type: 'typing' } })).status).toBe(200);
    expect((await post('dua')).status).toBe(200);
    expect((await post('tiga')).status).toBe(200);
    const over = await post('empat');
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('30');
    expect(over.body.error.code).toBe('TooManyRequests');

    const form = new FormData();
    form.append(
      'file',
      new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0])], { type: 'image/png' }),
      'a.png',
    );
    const upload = await fetch(`${h.base}/v3/directline/conversations/${c.conversationId}/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${c.token}` },
      body: form,
    });
    expect(upload.status).toBe(429);

    // The refused message never reached the feed; another conversation is unaffected.
    const feed = await call(url, { token: c.token });
    const texts = feed.body.activities.map((a: any) => a.text);
    expect(texts).toContain('tiga');
    expect(texts).not.toContain('empat');
    const other = await startConversation(h);
    const otherPost = await call(`${h.base}/v3/directline/conversations/${other.conversationId}/activities`, {
      token: other.token,
      body: { type: 'message', text: 'hello' },
    });
    expect(otherPost.status).toBe(200);
  });

  it('keeps the counters in MongoDB with a TTL index and without client addresses', async () => {
    await generate(h);
    const col = h.tdb.db.collection('dlRateLimits');
    const docs = await col.find({}).toArray();
    expect(docs.length).toBeGreaterThan(0);
    expect(JSON.stringify(docs)).not.toContain('127.0.0.1');
    expect(docs.every((d) => typeof d.count === 'number' && d.expiresAt instanceof Date)).toBe(true);
    const ttl = (await col.listIndexes().toArray()).find((i) => i.name === 'expiry');
    expect(ttl).toMatchObject({ key: { expiresAt: 1 }, expireAfterSeconds: 0 });
    expect(
      h.logs.some((l) => l.includes('"msg":"webchat.rate_limit_reached"') && l.includes('"limit":3')),
    ).toBe(true);
    expect(h.logs.join('\n')).not.toContain('127.0.0.1');
  });
});
