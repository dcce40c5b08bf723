/**
 * Hostile input on every channel of a running app (its own process): Direct Line HTTP and WebSocket, Telegram
 * webhook, Open311, agency updates, dashboard API and uploads. Thousands of fast-check generated inputs → no HTTP
 * 500, no failed turn, every accepted message in the transcript (or the record filed), and nothing of what was sent
 * — nor any stack trace — in the app's logs. HOSTILE_RUNS scales the number of inputs per channel (default 200);
 * HOSTILE_SEED replays a run. The figures are printed at the end.
 */
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { sign } from '../../services/delivery/signature';
import type { FeedbackRecord } from '../../services/feedback/types';
import { makeRecord } from '../delivery/helpers';
import {
  MARK,
  deepJsonText,
  draw,
  hostileBytes,
  hostileJsonText,
  hostileObjectText,
  hostileString,
  hugeString,
  wrongType,
} from './arbitraries';
import { SECRETS, pool, startHostileApp, type HostileApp } from './app';

jest.setTimeout(600_000);

const RUNS = Math.max(1, Number(process.env.HOSTILE_RUNS || 200));
const SEED = Number(process.env.HOSTILE_SEED || Date.now() % 1_000_000);
const CONCURRENCY = 6;
const lit = (s: string) => JSON.stringify(s);
/** encodeURIComponent that accepts lone surrogates (they become U+FFFD). */
const enc = (s: string) =>
  encodeURIComponent(
    s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
  );

let app: HostileApp;
/** Per channel: inputs sent, answers by status, accepted messages and how many of them were found stored. */
const figures: Record<
  string,
  { sent: number; statuses: Map<number, number>; accepted: number; stored: number }
> = {};
/** Inputs that got a 5xx (kept short for the failure message). */
const errors: string[] = [];

function tally(channel: string, status: number, input: string | Buffer): void {
  const f = (figures[channel] ??= { sent: 0, statuses: new Map(), accepted: 0, stored: 0 });
  f.sent++;
  f.statuses.set(status, (f.statuses.get(status) ?? 0) + 1);
  if (status >= 500) errors.push(`${channel} ${status}: ${String(input).slice(0, 300)}`);
}

async function send(
  channel: string,
  path: string,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
  method = 'POST',
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${app.base}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: new Uint8Array(Buffer.from(body)) } : {}),
  });
  const text = await res.text();
  tally(channel, res.status, body ?? path);
  return { status: res.status, text };
}

/** Transcript activity ids of one conversation. */
async function transcriptIds(channelId: string, conversationId: string): Promise<Set<string>> {
  const docs = await app.db.collection('transcripts').find({ channelId, conversationId }).toArray();
  return new Set(
    docs.map((d) => String((d.json ? (JSON.parse(d.json) as { id?: unknown }) : d.activity)?.id ?? '')),
  );
}

/** Wait (a deadline, not an assertion) until every accepted id is in its conversation's transcript. */
async function storedCount(channelId: string, accepted: Map<string, string[]>): Promise<number> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    let found = 0;
    for (const [conversationId, ids] of accepted) {
      const have = await transcriptIds(channelId, conversationId);
      found += ids.filter((id) => have.has(id)).length;
    }
    const total = [...accepted.values()].reduce((n, ids) => n + ids.length, 0);
    if (found === total || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function directLineConversation(): Promise<{
  conversationId: string;
  token: string;
  streamUrl: string;
}> {
  const headers = { 'Content-Type': 'application/json', Origin: app.base };
  const gen = await fetch(`${app.base}/v3/directline/tokens/generate`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ site: 'demo', locale: 'en' }),
  });
  const { token } = (await gen.json()) as { token: string };
  const conv = await fetch(`${app.base}/v3/directline/conversations`, {
    method: 'POST',
    headers: { ...headers, Authorization: `Bearer ${token}` },
  });
  return (await conv.json()) as { conversationId: string; token: string; streamUrl: string };
}

/** A Direct Line activity body: mostly a message with hostile text and fields, sometimes garbage. */
const activityBody: fc.Arbitrary<{ body: string | Buffer; message: boolean }> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          text: fc.oneof({ weight: 6, arbitrary: hostileString }, { weight: 1, arbitrary: hugeString }),
          channelData: hostileObjectText(3),
          value: hostileJsonText(3),
          entities: hostileObjectText(2).map((o) => `[${o}]`),
          from: fc.tuple(hostileString, hostileString).map(([i, n]) => `{"id":${lit(i)},"name":${lit(n)}}`),
          locale: fc.constantFrom('"en"', '"ms"', '"ms-MY"', '"zz-Hostile"'),
        },
        { requiredKeys: ['text'] },
      )
      .map((r) => ({
        body: `{"type":"message",${Object.entries(r)
          .map(([k, v]) => `${lit(k)}:${k === 'text' ? lit(v) : v}`)
          .join(',')}}`,
        message: true,
      })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('type', 'text', 'channelData', 'attachments', 'entities', 'from', 'value'),
        wrongType,
      )
      .map(([k, v]) => ({
        body: k === 'type' ? `{"type":${v}}` : `{"type":"message",${lit(k)}:${v}}`,
        message: false,
      })),
  },
  { weight: 1, arbitrary: deepJsonText.map((body) => ({ body, message: false })) },
  { weight: 1, arbitrary: hostileBytes.map((body) => ({ body, message: false })) },
);

beforeAll(async () => {
  app = await startHostileApp();
}, 180_000);

afterAll(async () => {
  const rows = Object.entries(figures).map(
    ([ch, f]) =>
      `  ${ch.padEnd(22)} sent ${String(f.sent).padStart(5)}  accepted ${String(f.accepted).padStart(5)}  ` +
      `stored ${String(f.stored).padStart(5)}  statuses ${[...f.statuses]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}`,
  );
  const total = Object.values(figures).reduce((n, f) => n + f.sent, 0);
  process.stdout.write(
    `\nHostile input (HOSTILE_RUNS=${RUNS}, HOSTILE_SEED=${SEED}): ${total} inputs, ${errors.length} answered 5xx, ` +
      `${app?.logs.length ?? 0} log lines checked\n${rows.join('\n')}\n`,
  );
  await app?.stop();
});

test('a 10,000-level nested JSON body gets a clear 400 on every JSON surface, and the conversation goes on', async () => {
  const deep = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
  const c = await directLineConversation();
  const dl = await send('deep JSON', `/v3/directline/conversations/${c.conversationId}/activities`, deep, {
    'Content-Type': 'application/json',
    Authorization: `Bearer ${c.token}`,
    Origin: app.base,
  });
  expect(dl.status).toBe(400);
  expect(JSON.parse(dl.text).error.code).toBe('BadArgument');
  const tg = await send('deep JSON', '/telegram/webhook', deep, {
    'Content-Type': 'application/json',
    'X-Telegram-Bot-Api-Secret-Token': SECRETS.telegramWebhook,
  });
  expect([tg.status, JSON.parse(tg.text).message]).toEqual([400, 'Body nests too deeply.']);
  const ts = String(Math.floor(Date.now() / 1000));
  const ag = await send('deep JSON', `/api/agencies/${app.agencyId}/updates`, deep, {
    'Content-Type': 'application/json',
    'X-Suara-Timestamp': ts,
    'X-Suara-Signature': sign(SECRETS.agencyUpdate, ts, deep),
  });
  expect([ag.status, JSON.parse(ag.text).error.code]).toEqual([400, 'BODY_INVALID']);
  const dash = await send('deep JSON', '/dashboard/api/login', deep, {
    'Content-Type': 'application/json',
    'X-CSRF-Token': 'x',
    Cookie: 'suara_csrf=x',
  });
  // The dashboard's body limit (16 KB) is smaller than this document: refused as too large before parsing.
  expect([400, 413]).toContain(dash.status);
  const o311 = await send('deep JSON', '/open311/v2/requests.json', deep, {
    'Content-Type': 'application/x-www-form-urlencoded',
  });
  expect(o311.status).toBeGreaterThanOrEqual(400);
  expect(o311.status).toBeLessThan(500);
  // The same conversation still answers at once.
  const ok = await send(
    'deep JSON',
    `/v3/directline/conversations/${c.conversationId}/activities`,
    JSON.stringify({ type: 'message', text: 'hello' }),
    { 'Content-Type': 'application/json', Authorization: `Bearer ${c.token}`, Origin: app.base },
  );
  expect(ok.status).toBe(200);
});

test(`Direct Line HTTP: ${RUNS * 2} hostile activities, no 500, every accepted message in the transcript`, async () => {
  const inputs = draw(activityBody, RUNS * 2, SEED);
  const convs = await Promise.all(Array.from({ length: CONCURRENCY }, () => directLineConversation()));
  const accepted = new Map<string, string[]>(convs.map((c) => [c.conversationId, []]));
  await pool(convs, CONCURRENCY, async (c, k) => {
    for (let i = k; i < inputs.length; i += convs.length) {
      const { body, message } = inputs[i]!;
      const r = await send(
        'Direct Line HTTP',
        `/v3/directline/conversations/${c.conversationId}/activities`,
        body,
        {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${c.token}`,
          Origin: app.base,
        },
      );
      // Every accepted activity but typing (which Direct Line does not store) must reach the transcript.
      const id = r.status === 200 ? String(JSON.parse(r.text).id) : '';
      if (id && !id.endsWith('|typing')) accepted.get(c.conversationId)!.push(id);
      else if (r.status === 200 && message)
        throw new Error(`a message was answered without an id: ${r.text}`);
    }
  });
  const f = figures['Direct Line HTTP']!;
  f.accepted = [...accepted.values()].reduce((n, ids) => n + ids.length, 0);
  f.stored = await storedCount('webchat', accepted);
  expect(errors).toEqual([]);
  expect(f.accepted).toBeGreaterThan(0);
  expect(f.stored).toBe(f.accepted);
});

test(`Direct Line WebSocket: ${RUNS} hostile frames and upgrade attempts, no 500, the stream still delivers`, async () => {
  const c = await directLineConversation();
  const frames = draw(fc.oneof(hostileString, hugeString, hostileBytes, deepJsonText), RUNS, SEED + 1);
  const ws = new WebSocket(c.streamUrl, { origin: app.base });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let sockets = 1;
  let current = ws;
  for (const frame of frames) {
    if (current.readyState !== WebSocket.OPEN) {
      // The server closed it (e.g. frame over maxPayload): open another, as a client would.
      current = new WebSocket(c.streamUrl, { origin: app.base });
      await new Promise((resolve, reject) => current.once('open', resolve).once('error', reject));
      sockets++;
    }
    current.send(frame);
    tally('Direct Line WebSocket', 101, frame);
    await new Promise((r) => setImmediate(r));
  }
  current.close();
  const tokens = draw(
    fc.oneof(hostileString, fc.constant('dl1.' + 'A'.repeat(3000))),
    Math.ceil(RUNS / 5),
    SEED + 2,
  );
  for (const t of tokens) {
    const status = await new Promise<number>((resolve) => {
      const url = `${app.base.replace('http', 'ws')}/v3/directline/conversations/${enc(
        c.conversationId,
      )}/stream?t=${enc(t)}`;
      const bad = new WebSocket(url, { origin: app.base });
      bad.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      bad.once('open', () => resolve(101));
      bad.once('error', () => resolve(0));
    });
    tally('Direct Line WebSocket', status, t);
    expect(status).not.toBe(101);
  }
  // After all that, a message is still streamed to a fresh socket.
  const listen = new WebSocket(c.streamUrl, { origin: app.base });
  const seen = new Promise<void>((resolve) =>
    listen.on('message', (data) => {
      if (String(data).includes('still-streaming')) resolve();
    }),
  );
  await new Promise((resolve) => listen.once('open', resolve));
  await send(
    'Direct Line WebSocket',
    `/v3/directline/conversations/${c.conversationId}/activities`,
    JSON.stringify({ type: 'message', text: 'still-streaming' }),
    { 'Content-Type': 'application/json', Authorization: `Bearer ${c.token}`, Origin: app.base },
  );
  await seen;
  listen.close();
  expect(sockets).toBeGreaterThanOrEqual(1);
  expect(errors).toEqual([]);
});

/** A Telegram update as JSON text: messages and button taps with hostile content, sometimes garbage. */
function telegramUpdate(
  updateId: number,
  chatId: number,
): fc.Arbitrary<{ body: string | Buffer; text: boolean }> {
  const now = Math.floor(Date.now() / 1000);
  const who = (name: string, lc: string) =>
    `{"id":${chatId},"is_bot":false,"first_name":${lit(name)},"language_code":${lit(lc)}}`;
  const chat = (name: string) => `{"id":${chatId},"type":"private","first_name":${lit(name)}}`;
  const lc = fc.oneof(fc.constantFrom('ms', 'en', 'zh'), hostileString);
  return fc.oneof(
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.oneof(
            hostileString,
            hostileString,
            hugeString.map((s) => s.slice(0, 4096)),
          ),
          hostileString,
          lc,
          hostileObjectText(2),
        )
        .map(([text, name, l, extra]) => ({
          body: `{"update_id":${updateId},"message":{"message_id":${updateId},"date":${now},"chat":${chat(name)},"from":${who(name, l)},"text":${lit(text)},"entities":[{"type":"bot_command","offset":0,"length":${Math.min(text.length, 12)}}],"extra":${extra}}}`,
          text: true,
        })),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(hostileString, hostileString).map(([data, name]) => ({
        body: `{"update_id":${updateId},"callback_query":{"id":"cb${updateId}","chat_instance":"ci","from":${who(name, 'ms')},"data":${lit(data)},"message":{"message_id":1,"date":${now},"chat":${chat(name)}}}}`,
        text: false,
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('text', 'chat', 'from', 'message', 'date'), wrongType)
        .map(([k, v]) => ({
          body:
            k === 'message'
              ? `{"update_id":${updateId},"message":${v}}`
              : `{"update_id":${updateId},"message":{"message_id":1,"date":${now},"chat":${chat('x')},"from":${who('x', 'ms')},"text":"hi",${lit(k)}:${v}}}`,
          text: false,
        })),
    },
    { weight: 1, arbitrary: deepJsonText.map((body) => ({ body, text: false })) },
    { weight: 1, arbitrary: hostileBytes.map((body) => ({ body, text: false })) },
  );
}

test(`Telegram webhook: ${RUNS} hostile updates, no 500, every accepted text message in the transcript`, async () => {
  const base = 700_000_000 + (SEED % 1000) * 10_000;
  const inputs = Array.from(
    { length: RUNS },
    (_, i) => draw(telegramUpdate(base + i, base + i), 1, SEED + i)[0]!,
  );
  const accepted = new Map<string, string[]>();
  await pool(inputs, CONCURRENCY, async ({ body, text }, i) => {
    const r = await send('Telegram webhook', '/telegram/webhook', body, {
      'Content-Type': 'application/json',
      'X-Telegram-Bot-Api-Secret-Token': SECRETS.telegramWebhook,
    });
    if (r.status === 200 && text) accepted.set(String(base + i), [String(base + i)]);
  });
  const wrongSecret = await send('Telegram webhook', '/telegram/webhook', '{"update_id":1}', {
    'Content-Type': 'application/json',
    'X-Telegram-Bot-Api-Secret-Token': `${SECRETS.telegramWebhook}\u00a0`,
  });
  expect(wrongSecret.status).toBe(401);
  const f = figures['Telegram webhook']!;
  f.accepted = accepted.size;
  f.stored = await storedCount('telegram', accepted);
  expect(errors).toEqual([]);
  expect(f.accepted).toBeGreaterThan(0);
  expect(f.stored).toBe(f.accepted);
});

const SERVICE_CODES = ['roads', 'drainage', 'waste', 'streetlights', 'other'];

test(`Open311: ${RUNS} hostile POSTs and GETs, no 500, every accepted request filed`, async () => {
  const field = fc.oneof(
    { weight: 8, arbitrary: hostileString },
    { weight: 1, arbitrary: hugeString.map((s) => s.slice(0, 6000)) },
    { weight: 1, arbitrary: fc.constantFrom('', '3.1', '-91', 'NaN', '1e999') },
  );
  /** Mostly the valid value (so most requests get as far as filing), sometimes a hostile one. */
  const mostly = (valid: fc.Arbitrary<string>) =>
    fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: field });
  const form = fc.record(
    {
      api_key: mostly(fc.constant(SECRETS.open311Key)),
      service_code: mostly(fc.constantFrom(...SERVICE_CODES)),
      description: field,
      lat: mostly(fc.constantFrom('3.1390', '3.15')),
      long: mostly(fc.constantFrom('101.6869', '101.7')),
      address_string: field,
      email: field,
      phone: field,
      first_name: field,
      media_url: mostly(fc.constant('https://img.example.test/lamp.jpg')),
      'attribute[language]': mostly(fc.constantFrom('ms', 'en')),
      'attribute[feedback_type]': mostly(fc.constantFrom('complaint', 'suggestion')),
      jurisdiction_id: mostly(fc.constant('')),
      ['__proto__']: field,
      constructor: field,
    },
    { requiredKeys: ['api_key', 'service_code', 'description', 'lat', 'long'] },
  );
  const posts = draw(
    fc.oneof(
      {
        weight: 5,
        arbitrary: form.map((f) => ({
          body: new URLSearchParams(f as Record<string, string>).toString() as string | Buffer,
        })),
      },
      { weight: 1, arbitrary: hostileBytes.map((body) => ({ body: body as string | Buffer })) },
    ),
    RUNS,
    SEED + 3,
  );
  const filed: string[] = [];
  await pool(posts, CONCURRENCY, async ({ body }, i) => {
    const path = i % 7 === 0 ? '/open311/v2/requests.xml' : '/open311/v2/requests.json';
    const r = await send('Open311', path, body, { 'Content-Type': 'application/x-www-form-urlencoded' });
    if (r.status === 200 && path.endsWith('.json')) filed.push(JSON.parse(r.text)[0].service_request_id);
  });
  const query = fc.record(
    {
      service_code: hostileString,
      status: fc.oneof(fc.constantFrom('open', 'closed'), hostileString),
      start_date: fc.oneof(fc.constant('2025-01-01T00:00:00Z'), hostileString),
      end_date: hostileString,
      service_request_id: hostileString,
      api_key: hostileString,
      jurisdiction_id: hostileString,
      locale: hostileString,
    },
    { requiredKeys: [] },
  );
  const gets = draw(
    fc.oneof(
      query.map((q) => `/open311/v2/requests.json?${new URLSearchParams(q as Record<string, string>)}`),
      hostileString.map((s) => `/open311/v2/requests/${enc(s)}.json`),
      hostileString.map((s) => `/open311/v2/services/${enc(s)}.xml`),
    ),
    Math.ceil(RUNS / 2),
    SEED + 4,
  );
  await pool(gets, CONCURRENCY, async (path) => {
    await send('Open311', path, undefined, {}, 'GET');
  });
  const f = figures.Open311!;
  f.accepted = filed.length;
  f.stored = await app.db.collection('feedback').countDocuments({ _id: { $in: filed } as never });
  expect(errors).toEqual([]);
  expect(f.stored).toBe(f.accepted);
});

test(`agency updates: ${RUNS} hostile signed and unsigned bodies, no 500`, async () => {
  const rec = makeRecord({ agencyId: app.agencyId });
  await app.db.collection<FeedbackRecord>('feedback').insertOne(rec);
  const update = fc.oneof(
    {
      weight: 5,
      arbitrary: fc
        .record(
          {
            reference: fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom(rec._id, rec._id.toLowerCase()) },
              { weight: 1, arbitrary: hostileString },
            ),
            status: fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom('acknowledged', 'in_progress', 'resolved', 'sent') },
              { weight: 1, arbitrary: hostileString },
            ),
            note: fc.oneof(
              { weight: 6, arbitrary: hostileString.map((n) => n.slice(0, 1900)) },
              { weight: 1, arbitrary: hugeString.map((n) => n.slice(0, 3000)) },
            ),
            language: fc.oneof(
              { weight: 4, arbitrary: fc.constantFrom('en', 'ms') },
              { weight: 1, arbitrary: hostileString },
            ),
            updateId: hostileString.map((u) => u.slice(0, 100)),
          },
          { requiredKeys: ['reference', 'status'] },
        )
        .chain((r) =>
          fc.tuple(hostileObjectText(2), fc.nat(3)).map(([extra, n]) => {
            const plain = n > 0;
            const json = JSON.stringify(r);
            return plain ? json : `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}${extra.slice(1)}`;
          }),
        ),
    },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: deepJsonText },
    { weight: 1, arbitrary: hostileBytes.map((b) => b.toString('latin1')) },
  );
  const inputs = draw(fc.tuple(update, fc.integer({ min: 0, max: 9 }), hostileString), RUNS, SEED + 5);
  let changed = 0;
  await pool(inputs, CONCURRENCY, async ([body, mode, junk]) => {
    const ts = String(Math.floor(Date.now() / 1000));
    const signature =
      mode < 7
        ? sign(SECRETS.agencyUpdate, ts, body)
        : mode === 7
          ? `${sign(SECRETS.agencyUpdate, ts, body)}\u00a0`
          : junk.replace(/[^\x20-\x7e\x80-\xff]/g, '');
    const agency = mode === 9 ? enc(junk) : app.agencyId;
    const r = await send('agency updates', `/api/agencies/${agency}/updates`, body, {
      'Content-Type': 'application/json',
      'X-Suara-Timestamp': mode === 8 ? junk.replace(/[^\x20-\x7e]/g, '') : ts,
      'X-Suara-Signature': signature,
    });
    if (r.status === 200 && JSON.parse(r.text).changed === true) changed++;
  });
  const after = await app.db.collection<FeedbackRecord>('feedback').findOne({ _id: rec._id });
  const f = figures['agency updates']!;
  f.accepted = changed;
  f.stored = after!.statusHistory.filter((h) => h.by === `agency:${app.agencyId}`).length;
  expect(errors).toEqual([]);
  expect(f.stored).toBe(f.accepted);
});

/** A logged-in dashboard client (admin demo account from data/staff.json). */
async function dashboardSession(): Promise<Record<string, string>> {
  const me = await fetch(`${app.base}/dashboard/api/me`);
  const csrf = /suara_csrf=([^;]+)/.exec(me.headers.getSetCookie().join(';'))![1]!;
  const { accounts } = (await import('../../data/staff.json')) as {
    accounts: { email: string; password: string; role: string }[];
  };
  const admin = accounts.find((a) => a.role === 'admin')!;
  const res = await fetch(`${app.base}/dashboard/api/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Cookie: `suara_csrf=${csrf}` },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  const token = (await res.json()) as { csrfToken: string };
  return { Cookie: cookies.join('; '), 'X-CSRF-Token': token.csrfToken, 'Content-Type': 'application/json' };
}

test(`dashboard API: ${RUNS} hostile queries and bodies, no 500`, async () => {
  const rec = makeRecord({ agencyId: app.agencyId });
  await app.db.collection<FeedbackRecord>('feedback').insertOne(rec);
  const headers = await dashboardSession();
  const body = fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .tuple(fc.constantFrom('in_progress', 'acknowledged', 'resolved'), hostileString)
        .map(
          ([status, text]) =>
            `{"status":${lit(status)},"note":${lit(text.slice(0, 900))},"text":${lit(text)}}`,
        ),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom('status', 'note', 'text', 'agencyId', 'email', 'password'),
          hostileString,
          hostileObjectText(2),
        )
        .map(([k, v, extra]) => `{${lit(k)}:${lit(v)},${extra.slice(1)}`.replace(/,}$/, '}')),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom('status', 'note', 'text', 'agencyId', 'email', 'password'), wrongType)
        .map(([k, v]) => `{${lit(k)}:${v}}`),
    },
    { weight: 1, arbitrary: deepJsonText },
    { weight: 1, arbitrary: hostileBytes.map((b) => b.toString('latin1')) },
  );
  const ref = fc.oneof(fc.constant(rec._id), hostileString);
  const request = fc.oneof(
    fc.tuple(fc.constantFrom('status', 'reply', 'assign'), ref, body).map(([what, r, b]) => ({
      method: 'POST',
      path: `/dashboard/api/feedback/${enc(r)}/${what}`,
      body: b as string | undefined,
    })),
    fc
      .tuple(body)
      .map(([b]) => ({ method: 'POST', path: '/dashboard/api/login', body: b as string | undefined })),
    fc
      .record(
        {
          status: hostileString,
          category: hostileString,
          q: hostileString,
          agency: hostileString,
          page: hostileString,
        },
        { requiredKeys: [] },
      )
      .map((q) => ({
        method: 'GET',
        path: `/dashboard/api/feedback?${new URLSearchParams(q as Record<string, string>)}`,
        body: undefined,
      })),
    ref.map((r) => ({
      method: 'GET',
      path: `/dashboard/api/feedback/${enc(r)}`,
      body: undefined,
    })),
  );
  const inputs = draw(request, RUNS, SEED + 6);
  let replies = 0;
  await pool(inputs, CONCURRENCY, async ({ method, path, body: b }) => {
    const r = await send(
      'dashboard API',
      path,
      b,
      method === 'GET' ? { Cookie: headers.Cookie! } : headers,
      method,
    );
    if (r.status === 200 && path === `/dashboard/api/feedback/${rec._id}/reply`) replies++;
  });
  const after = await app.db.collection<FeedbackRecord>('feedback').findOne({ _id: rec._id });
  const f = figures['dashboard API']!;
  f.accepted = replies;
  f.stored = ((after as { replies?: unknown[] }).replies ?? []).length;
  expect(errors).toEqual([]);
  expect(f.stored).toBe(f.accepted);
});

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

test(`uploads: ${Math.ceil(RUNS / 2)} hostile multipart bodies, no 500, every accepted upload in the transcript`, async () => {
  const c = await directLineConversation();
  const part = fc.record({
    file: fc.oneof(
      fc.constant(PNG),
      fc.constant(PNG),
      hostileBytes,
      fc.constant(Buffer.concat([PNG, Buffer.alloc(300_000)])),
    ),
    name: hostileString,
    type: fc.oneof(
      fc.constantFrom('image/png', 'image/jpeg', 'text/html', 'application/x-msdownload'),
      hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    ),
    activity: fc.option(fc.oneof(hostileObjectText(2), deepJsonText, wrongType)),
  });
  const inputs = draw(
    fc.oneof(
      { weight: 4, arbitrary: part.map((p) => ({ kind: 'form' as const, p })) },
      { weight: 1, arbitrary: hostileBytes.map((b) => ({ kind: 'raw' as const, b })) },
    ),
    Math.ceil(RUNS / 2),
    SEED + 7,
  );
  const accepted = new Map<string, string[]>([[c.conversationId, []]]);
  for (const input of inputs) {
    const url = `${app.base}/v3/directline/conversations/${c.conversationId}/upload`;
    let res: Response;
    if (input.kind === 'form') {
      const form = new FormData();
      if (input.p.activity !== null)
        form.append('activity', new Blob([input.p.activity], { type: 'application/vnd.microsoft.activity' }));
      form.append('file', new Blob([new Uint8Array(input.p.file)], { type: input.p.type }), input.p.name);
      res = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c.token}`, Origin: app.base },
        body: form,
      });
    } else {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${c.token}`,
          Origin: app.base,
          'Content-Type': 'multipart/form-data; boundary=----x',
        },
        body: new Uint8Array(input.b),
      });
    }
    const text = await res.text();
    tally('uploads', res.status, input.kind === 'form' ? input.p.name : input.b);
    if (res.status === 200) accepted.get(c.conversationId)!.push(JSON.parse(text).id);
  }
  const f = figures.uploads!;
  f.accepted = accepted.get(c.conversationId)!.length;
  f.stored = await storedCount('webchat', accepted);
  expect(errors).toEqual([]);
  expect(f.accepted).toBeGreaterThan(0);
  expect(f.stored).toBe(f.accepted);
});

test('the logs hold no stack trace, no text that was sent, and no failed turn', async () => {
  await new Promise((r) => setTimeout(r, 500));
  const logs = app.logs.join('\n');
  expect(logs).not.toContain(MARK);
  expect(logs).not.toMatch(/^\s+at\s|\bat [^\s()]+ \([^)]*:\d+:\d+\)/m);
  expect(logs).not.toMatch(
    /turn failed|webhook_update_failed|transcript write failed|could not send the apology/,
  );
});
