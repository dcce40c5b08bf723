/**
 * A citizen filing a complaint in Malay through the Direct Line HTTP API, as the widget does: every post carries a
 * clientActivityID, and a post cut off by a failure can be re-sent with the same id (`resend`). Used by the crash
 * regression tests and the fault suite (test/faults).
 */

/** A bot or citizen activity as read from the feed. */
export interface FeedActivity {
  id?: string;
  type: string;
  text?: string;
  from?: { role?: string };
  channelData?: { clientActivityID?: string };
  suggestedActions?: { actions: { title: string; value: unknown }[] };
}

/** What the citizen sends at each step, given the bot's last message with buttons. */
type Step = (button: (re: RegExp) => string) => Record<string, unknown>;

/** The filing script: complaint → description → confirm category → location → no photo → anonymous → submit. */
export const FILING_STEPS: Step[] = [
  (b) => ({ text: b(/^Aduan$/) }),
  () => ({ text: 'Ada lubang besar di Jalan Raja Laut, bahaya kepada penunggang motosikal' }),
  (b) => ({ text: b(/^Ya/) }),
  () => ({
    attachments: [
      { contentType: 'application/vnd.suara.location+json', content: { lat: 3.1579, lng: 101.6958 } },
    ],
  }),
  (b) => ({ text: b(/^Langkau$/) }),
  (b) => ({ text: b(/tanpa nama/i) }),
  (b) => ({ text: b(/^Hantar$/) }),
];

/** A reference number in text. */
export const REFERENCE = /SRA-[2-9A-Z]{4}-[2-9A-Z]{4}/g;

/** An HTTP failure talking to the server (the app may be down). */
export class CitizenHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super(`HTTP ${status}`);
  }
}

/** One Direct Line citizen. */
export class DirectLineCitizen {
  conversationId = '';
  token = '';
  watermark = '';
  readonly feed: FeedActivity[] = [];
  /** Index of the next step of FILING_STEPS. */
  step = 0;
  /** The last activity posted (kept to re-send it with the same clientActivityID). */
  lastPosted: Record<string, unknown> | null = null;
  private counter = 0;
  /** The script step at which the "me too" offer was answered (see fileAnyway). */
  private answeredMeTooAt = -1;

  /** `origin`: the page the widget runs on (default: the server's own base URL). */
  constructor(
    public base: string,
    readonly name: string,
    readonly origin?: string,
  ) {}

  /** One request; a connection reset on an idempotent read (GET) is retried, as a browser's client would. */
  private async call(
    path: string,
    init: { method?: string; body?: unknown; token?: string } = {},
  ): Promise<Record<string, unknown>> {
    const idempotent = (init.method ?? (init.body !== undefined ? 'POST' : 'GET')) === 'GET';
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request(path, init);
      } catch (e) {
        if (!idempotent || e instanceof CitizenHttpError || attempt >= 3) throw e;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  }

  private async request(path: string, init: { method?: string; body?: unknown; token?: string }) {
    const res = await fetch(`${this.base}${path}`, {
      method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
      headers: {
        Origin: this.origin ?? this.base,
        ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
        ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: AbortSignal.timeout(90_000),
    });
    const text = await res.text();
    if (!res.ok) throw new CitizenHttpError(res.status, text);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }

  /** Get a token for the demo site and start the conversation (the bot greets). */
  async open(): Promise<void> {
    const gen = await this.call('/v3/directline/tokens/generate', {
      body: { site: 'demo', locale: 'ms-MY' },
    });
    const conv = await this.call('/v3/directline/conversations', {
      token: String(gen.token),
      method: 'POST',
    });
    this.conversationId = String(conv.conversationId);
    this.token = String(conv.token);
    await this.read();
  }

  /** Read new activities into `feed`. */
  async read(): Promise<FeedActivity[]> {
    const page = await this.call(
      `/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`,
      { token: this.token },
    );
    const fresh = page.activities as FeedActivity[];
    this.feed.push(...fresh);
    this.watermark = String(page.watermark);
    return fresh;
  }

  private lastWithButtons(): FeedActivity | undefined {
    return [...this.feed]
      .reverse()
      .find((a) => a.from?.role !== 'user' && (a.suggestedActions?.actions.length ?? 0) > 0);
  }

  /** The value of the last offered button whose title matches. */
  button(re: RegExp): string {
    const last = this.lastWithButtons();
    const a = last?.suggestedActions?.actions.find((x) => re.test(x.title));
    if (!a) throw new Error(`${this.name}: no button ${re} after "${last?.text ?? ''}"`);
    return String(a.value);
  }

  /** Post the next step of the filing script (a new clientActivityID), then read the replies. */
  async next(): Promise<void> {
    const body = { type: 'message', ...(await this.waitForStep()) };
    this.lastPosted = { ...body, channelData: { clientActivityID: `${this.name}-${++this.counter}` } };
    await this.post(this.lastPosted);
    this.step++;
  }

  /** The next step's activity; when its button is not there yet (a reply still being written), read again. */
  private async waitForStep(): Promise<Record<string, unknown>> {
    for (let i = 0; ; i++) {
      if (await this.fileAnyway()) continue;
      try {
        return FILING_STEPS[this.step]!((re) => this.button(re));
      } catch (e) {
        if (i >= 120) throw e;
        await new Promise((r) => setTimeout(r, 500));
        await this.read();
      }
    }
  }

  /**
   * "Me too" may first offer an open complaint someone else filed at the same place: this script files its own
   * ("Teruskan aduan baharu"), once per step, outside the numbered script.
   */
  private async fileAnyway(): Promise<boolean> {
    const offer = this.lastWithButtons()?.suggestedActions?.actions.find(
      (x) => x.title === 'Teruskan aduan baharu',
    );
    if (!offer || this.answeredMeTooAt === this.step) return false;
    this.answeredMeTooAt = this.step;
    await this.post({
      type: 'message',
      text: String(offer.value),
      channelData: { clientActivityID: `${this.name}-metoo-${this.step}` },
    });
    return true;
  }

  /** Re-send the last posted activity with the same clientActivityID (after a cut), then read the replies. */
  async resend(): Promise<void> {
    if (!this.lastPosted) throw new Error('nothing to re-send');
    await this.post(this.lastPosted);
    this.step = Math.max(this.step, this.stepOf(this.lastPosted) + 1);
  }

  private stepOf(posted: Record<string, unknown>): number {
    const id = (posted.channelData as { clientActivityID: string }).clientActivityID;
    return Number(id.slice(id.lastIndexOf('-') + 1)) - 1;
  }

  private async post(body: Record<string, unknown>): Promise<void> {
    await this.call(`/v3/directline/conversations/${this.conversationId}/activities`, {
      token: this.token,
      body,
    });
    await this.read();
  }

  /** Every reference number the bot has written in this conversation. */
  references(): string[] {
    const bot = this.feed.filter((a) => a.from?.role !== 'user').map((a) => a.text ?? '');
    return [...new Set(bot.join('\n').match(REFERENCE) ?? [])];
  }

  /** Whether the whole script was posted. */
  get finished(): boolean {
    return this.step >= FILING_STEPS.length;
  }
}
