/**
 * Bench clients (not tests): a simulated citizen talking to the Direct Line endpoint the way the widget does, either
 * polling GET /activities after each post or listening on the WebSocket stream. Returns per-turn latencies.
 */
import WebSocket from 'ws';

/** What a citizen sees of an activity. */
export interface Act {
  id?: string;
  type: string;
  text?: string;
  from?: { role?: string };
  suggestedActions?: { actions: { title: string; value: unknown }[] };
}

/** How a citizen receives replies. */
export type Transport = 'poll' | 'ws';

/** Options of one citizen. */
export interface CitizenOptions {
  /** Full filing dialog (7 turns) or 7 plain messages for the echo bot. */
  full: boolean;
  transport: Transport;
  /** Pause before each turn (ms), as a person reading and typing. */
  thinkMs?: number;
}

type Json = Record<string, any>;

/** One HTTP call; throws on a non-2xx answer. */
async function call(
  base: string,
  url: string,
  init: { token?: string; body?: unknown; method?: string } = {},
) {
  const res = await fetch(url, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      Origin: base,
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${res.status} ${url}`);
  return res.json() as Promise<Json>;
}

/** Open a conversation as the widget does: tokens/generate, then POST /conversations. */
export async function openConversation(
  base: string,
): Promise<{ id: string; token: string; streamUrl: string }> {
  const dl = `${base}/v3/directline`;
  const gen = await call(base, `${dl}/tokens/generate`, { body: { site: 'demo', locale: 'ms-MY' } });
  const conv = await call(base, `${dl}/conversations`, { token: gen.token, method: 'POST' });
  return { id: conv.conversationId, token: conv.token, streamUrl: conv.streamUrl };
}

/** Reserve a conversation with tokens/generate only (no POST /conversations, so no greeting turn); its stream URL. */
export async function reserveConversation(
  base: string,
): Promise<{ id: string; token: string; streamUrl: string }> {
  const gen = await call(base, `${base}/v3/directline/tokens/generate`, {
    body: { site: 'demo', locale: 'ms-MY' },
  });
  const ws = base.replace(/^http/, 'ws');
  const streamUrl = `${ws}/v3/directline/conversations/${gen.conversationId}/stream?t=${gen.token}`;
  return { id: gen.conversationId, token: gen.token, streamUrl };
}

/** A WebSocket on the conversation's stream, collecting every activity it delivers. */
export class Stream {
  readonly ws: WebSocket;
  readonly seen: Act[] = [];
  private waiters: (() => void)[] = [];

  constructor(url: string, origin: string) {
    this.ws = new WebSocket(url, { headers: { Origin: origin } });
    this.ws.on('message', (data) => {
      const page = JSON.parse(String(data)) as { activities: Act[] };
      this.seen.push(...page.activities);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** Resolves once the socket is open. */
  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  /** Wait until a bot message newer than the activity `afterId` has arrived. */
  async botReplyAfter(afterId: string): Promise<void> {
    for (;;) {
      const i = this.seen.findIndex((a) => a.id === afterId);
      if (i >= 0 && this.seen.slice(i + 1).some(isBotMessage)) return;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  /** Wait until the first bot message (the greeting) has arrived. */
  async anyBotMessage(): Promise<void> {
    while (!this.seen.some(isBotMessage)) await new Promise<void>((r) => this.waiters.push(r));
  }

  close(): void {
    this.ws.close();
  }
}

const isBotMessage = (a: Act) => a.from?.role !== 'user' && a.type === 'message';

/** The steps of a citizen filing a pothole in Malay (or 7 plain messages). */
function steps(full: boolean, button: (re: RegExp) => string): (() => Json)[] {
  if (!full) return Array.from({ length: 7 }, (_, i) => () => ({ text: `mesej ${i}` }));
  return [
    () => ({ text: button(/^Aduan$/) }),
    () => ({ text: 'Ada lubang besar di Jalan Raja Laut, bahaya kepada penunggang motosikal' }),
    () => ({ text: button(/^Ya/) }),
    () => ({
      attachments: [
        { contentType: 'application/vnd.suara.location+json', content: { lat: 3.1579, lng: 101.6958 } },
      ],
    }),
    () => ({ text: button(/^Langkau$/) }),
    () => ({ text: button(/tanpa nama/i) }),
    () => ({ text: button(/^Hantar$/) }),
  ];
}

/** The "me too" offer's button to file a new complaint anyway (locales/ms/metoo.json `fileAnyway`). */
const FILE_ANYWAY = /^Teruskan aduan baharu$/;
const offered = (feed: Act[]) =>
  feed
    .filter(isBotMessage)
    .at(-1)
    ?.suggestedActions?.actions.some((a) => FILE_ANYWAY.test(a.title)) ?? false;

/** One citizen's whole conversation; returns the latency of each turn (ms): post until its replies are seen. */
export async function citizen(base: string, o: CitizenOptions): Promise<number[]> {
  const dl = `${base}/v3/directline`;
  const conv = await openConversation(base);
  const stream = o.transport === 'ws' ? new Stream(conv.streamUrl, base) : undefined;
  await stream?.opened();
  let watermark = '';
  const feed: Act[] = stream?.seen ?? [];
  const read = async () => {
    const page = await call(base, `${dl}/conversations/${conv.id}/activities?watermark=${watermark}`, {
      token: conv.token,
    });
    watermark = page.watermark;
    feed.push(...(page.activities as Act[]));
  };
  if (stream) await stream.anyBotMessage();
  else await read();
  const button = (re: RegExp) => {
    const last = feed.filter(isBotMessage).at(-1);
    const a = last?.suggestedActions?.actions.find((x) => re.test(x.title));
    if (!a) throw new Error(`no button ${re} after "${last?.text}"`);
    return String(a.value);
  };
  const latencies: number[] = [];
  const turn = async (body: Json) => {
    if (o.thinkMs) await new Promise((r) => setTimeout(r, o.thinkMs! * (0.5 + Math.random())));
    const t0 = performance.now();
    const posted = await call(base, `${dl}/conversations/${conv.id}/activities`, { token: conv.token, body });
    if (stream) await stream.botReplyAfter(String(posted.id));
    else await read();
    latencies.push(performance.now() - t0);
  };
  for (const s of steps(o.full, button)) {
    // Every bench citizen reports the same pothole, so from the second one on Suara offers "me too": like most
    // people in a hurry, they go on with their own complaint (one more turn).
    if (o.full && offered(feed)) await turn({ type: 'message', text: button(FILE_ANYWAY) });
    await turn({ type: 'message', ...s() });
  }
  if (o.full && !/SRA-[2-9A-Z]{4}-[2-9A-Z]{4}/.test(JSON.stringify(feed)))
    throw new Error('no reference number');
  stream?.close();
  return latencies;
}

/** p-th quantile (0..1) of `xs`. */
export const pct = (xs: number[], p: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
