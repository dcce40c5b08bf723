/** Test harness: a real restify server on 127.0.0.1 with the web chat mounted, on a fresh test database. */
import type { AddressInfo } from 'node:net';
import { ActivityHandler, type Activity, type ActivityHandler as Bot, MessageFactory } from 'botbuilder';
import * as restify from 'restify';
import type { PipelineDeps } from '../../bots/bot/pipeline';
import { mountWebChat, type WebChatMount } from '../../bots/channels/webchat';
import { testDb, type TestDb } from '../support/mongo';
import { createLogger } from '../../services/log';

/** Token secret used by the harness (tests forge expired tokens with it). */
export const TEST_TOKEN_SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
/** Backend secret of the seeded dbkl site in tests. */
export const DBKL_SECRET = 'dbkl-backend-secret-0123456789';

/** A tiny echo bot that records what it received. */
export class EchoBot extends ActivityHandler {
  readonly received: Partial<Activity>[] = [];
  constructor() {
    super();
    this.onConversationUpdate(async (ctx, next) => {
      this.received.push(ctx.activity);
      if ((ctx.activity.membersAdded ?? []).some((m) => m.id === ctx.activity.recipient.id)) {
        await ctx.sendActivity('Selamat datang!');
      }
      await next();
    });
    this.onMessage(async (ctx, next) => {
      this.received.push(ctx.activity);
      const reply = MessageFactory.suggestedActions(['Ya', 'Tidak'], `echo: ${ctx.activity.text ?? ''}`);
      await ctx.sendActivity(reply);
      await next();
    });
  }
}

/** A running test server. */
export interface Harness {
  base: string;
  port: number;
  mount: WebChatMount;
  tdb: TestDb;
  /** Operational log lines the mount wrote. */
  logs: string[];
  close(): Promise<void>;
}

/** Start restify on 127.0.0.1:0 with mountWebChat and `bot` (default: EchoBot). */
export async function startHarness(
  opts: {
    bot?: Pick<Bot, 'run'>;
    pipeline?: PipelineDeps;
    env?: NodeJS.ProcessEnv;
    tdb?: TestDb;
    build?: boolean;
    rateLimitClock?: () => number;
  } = {},
): Promise<Harness> {
  const tdb = opts.tdb ?? (await testDb('webchat'));
  const server = restify.createServer({ handleUpgrades: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  const logs: string[] = [];
  const mount = await mountWebChat(server, {
    bot: opts.bot ?? new EchoBot(),
    pipeline: opts.pipeline,
    db: tdb.db,
    config: { PORT: port },
    env: {
      DIRECTLINE_TOKEN_SECRET: TEST_TOKEN_SECRET,
      SITE_DBKL_SECRET: DBKL_SECRET,
      WEBCHAT_UPLOAD_MAX_BYTES: String(64 * 1024),
      WEBCHAT_STREAM_POLL_MS: '300',
      // Limits high enough for the other suites (the counters still run); rateLimits.test.ts sets 3.
      WEBCHAT_RATE_PER_IP_PER_MIN: '10000',
      WEBCHAT_RATE_PER_SITE_PER_MIN: '10000',
      WEBCHAT_RATE_PER_CONVERSATION_PER_MIN: '10000',
      ...opts.env,
    },
    log: createLogger('debug', (line) => logs.push(line)),
    buildWidget: opts.build ?? false,
    rateLimitClock: opts.rateLimitClock,
  });
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    mount,
    tdb,
    logs,
    close: async () => {
      await mount.close();
      server.close();
      await new Promise((r) => setTimeout(r, 10));
      if (!opts.tdb) await tdb.close();
    },
  };
}

/** JSON fetch returning status and parsed body. */
export async function call(
  url: string,
  init: {
    method?: string;
    token?: string;
    origin?: string;
    body?: unknown;
    raw?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.origin) headers.Origin = init.origin;
  let body: string | undefined;
  if (init.raw !== undefined) body = init.raw;
  else if (init.body !== undefined) body = JSON.stringify(init.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url, {
    method: init.method ?? (body !== undefined ? 'POST' : 'GET'),
    headers,
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Get a token for the demo site as the widget would, and start the conversation. */
export async function startConversation(
  h: Harness,
  locale = 'ms',
): Promise<{ conversationId: string; token: string; streamUrl: string }> {
  const gen = await call(`${h.base}/v3/directline/tokens/generate`, {
    body: { site: 'demo', locale },
    origin: h.base,
  });
  if (gen.status !== 200) throw new Error(`generate failed: ${gen.status} ${JSON.stringify(gen.body)}`);
  const conv = await call(`${h.base}/v3/directline/conversations`, {
    method: 'POST',
    token: gen.body.token,
    origin: h.base,
  });
  if (conv.status !== 201) throw new Error(`start failed: ${conv.status} ${JSON.stringify(conv.body)}`);
  return conv.body;
}

/** Poll the feed until `predicate` holds for the accumulated activities (or give up after `tries`). */
export async function pollUntil(
  h: Harness,
  c: { conversationId: string; token: string },
  predicate: (all: any[]) => boolean,
  tries = 100,
): Promise<any[]> {
  let watermark = '';
  const all: any[] = [];
  for (let i = 0; i < tries; i++) {
    const r = await call(
      `${h.base}/v3/directline/conversations/${c.conversationId}/activities?watermark=${watermark}`,
      {
        token: c.token,
      },
    );
    if (r.status !== 200) throw new Error(`poll failed: ${r.status}`);
    all.push(...r.body.activities);
    watermark = r.body.watermark;
    if (predicate(all)) return all;
    await new Promise((r2) => setTimeout(r2, 100));
  }
  throw new Error(`condition not met; feed: ${JSON.stringify(all.map((a) => a.text ?? a.type))}`);
}
