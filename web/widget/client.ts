/**
 * The widget's Direct Line client: gets a token, starts or resumes the conversation (id, token and resume key
 * kept in localStorage, no cookies; an expired token is replaced through tokens/generate with the resume key),
 * receives over the WebSocket stream (falls back to polling), refreshes the token, and reconnects after network
 * loss.
 */

/** The parts of an activity the widget uses. */
export interface Act {
  id?: string;
  type: string;
  text?: string;
  locale?: string;
  timestamp?: string;
  from?: { id: string; name?: string; role?: string };
  attachments?: { contentType: string; contentUrl?: string; content?: unknown; name?: string }[];
  suggestedActions?: { actions: { type: string; title: string; value: unknown }[] };
  channelData?: { clientActivityID?: string; suara?: { ask?: string } } & Record<string, unknown>;
  name?: string;
  value?: unknown;
}

/** Connection state shown to the citizen. */
export type Status = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'failed' | 'limited';

/** Stored per site: conversation id, token, token expiry (ms), resume key. */
interface Saved {
  c: string;
  t: string;
  e: number;
  k?: string;
}

interface Info {
  token: string;
  expires_in: number;
  streamUrl: string;
}

/** An HTTP error from the endpoint; `retry` is Retry-After in seconds (429). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly retry = 0,
  ) {
    super(`HTTP ${status}`);
  }
}

/** Rethrow what a retry may cure (network, 5xx, 429); swallow refusals (the stored conversation is unusable). */
const refused = (e: unknown): undefined => {
  if (!(e instanceof HttpError) || e.status >= 500 || e.status === 429) throw e;
  return undefined;
};

const store = {
  get(key: string): Saved | null {
    try {
      return JSON.parse(localStorage.getItem(key) ?? 'null') as Saved | null;
    } catch {
      return null;
    }
  },
  set(key: string, v: Saved | null): void {
    try {
      if (v) localStorage.setItem(key, JSON.stringify(v));
      else localStorage.removeItem(key);
    } catch {
      // storage blocked: the conversation simply does not survive a reload
    }
  },
};

/** Direct Line client for one site. */
export class Client {
  private conv: Saved | null;
  private ws: WebSocket | null = null;
  private watermark = '';
  private wsFailures = 0;
  private polling = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private backoff = 1000;
  private started = false;

  constructor(
    private readonly base: string,
    private readonly site: string,
    private readonly locale: () => string,
    private readonly onActivities: (acts: Act[]) => void,
    private readonly onStatus: (s: Status) => void,
  ) {
    this.conv = store.get(this.key);
    addEventListener('online', () => this.started && this.reconnect(0));
    addEventListener('offline', () => this.started && this.onStatus('offline'));
  }

  private get key(): string {
    return `suara-webchat:${this.site}`;
  }

  /** True when a conversation from an earlier page is stored and can be resumed. */
  hasSaved(): boolean {
    return !!this.conv && (!!this.conv.k || this.tokenValid());
  }

  private tokenValid(): boolean {
    return !!this.conv && this.conv.e > Date.now() + 5000;
  }

  /** Resume the stored conversation or start a new one, then listen. Safe to call twice. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.onStatus('connecting');
    try {
      await this.open();
    } catch (e) {
      this.reconnect(undefined, e);
    }
  }

  private async open(): Promise<void> {
    const s = this.conv;
    const attach = () => this.api<Info>('GET', `/conversations/${this.conv!.c}?watermark=${this.watermark}`);
    let info = this.tokenValid() ? await attach().catch(refused) : undefined;
    if (!info && s?.k) {
      // Token expired (e.g. the citizen comes back the next day): a fresh one for the same conversation.
      info = await this.api<{ token: string; expires_in: number }>('POST', '/tokens/generate', {
        site: this.site,
        locale: this.locale(),
        conversationId: s.c,
        resumeKey: s.k,
      })
        .then((g) => {
          this.save(s.c, g.token, g.expires_in, s.k);
          return attach();
        })
        .catch(refused);
    }
    if (info) this.save(this.conv!.c, info.token, info.expires_in, this.conv!.k);
    else {
      const g = await this.api<{
        conversationId: string;
        token: string;
        expires_in: number;
        resumeKey?: string;
      }>('POST', '/tokens/generate', { site: this.site, locale: this.locale() });
      this.save(g.conversationId, g.token, g.expires_in, g.resumeKey);
      info = await this.api<Info>('POST', '/conversations', {});
      this.save(g.conversationId, info.token, info.expires_in, g.resumeKey);
      this.watermark = '';
    }
    this.backoff = 1000;
    if (this.polling || typeof WebSocket === 'undefined') this.poll();
    else this.stream(info.streamUrl);
  }

  private save(id: string, token: string, expiresIn: number, key?: string): void {
    this.conv = { c: id, t: token, e: Date.now() + expiresIn * 1000, k: key };
    store.set(this.key, this.conv);
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), (expiresIn * 1000) / 2);
  }

  private async refresh(): Promise<void> {
    try {
      const r = await this.api<{ token: string; expires_in: number }>('POST', '/tokens/refresh');
      if (this.conv) this.save(this.conv.c, r.token, r.expires_in, this.conv.k);
    } catch {
      this.refreshTimer = setTimeout(() => void this.refresh(), 30_000);
    }
  }

  private receive(set: { activities?: Act[]; watermark?: string }): void {
    if (set.watermark) this.watermark = set.watermark;
    if (set.activities?.length) this.onActivities(set.activities);
  }

  private stream(url: string): void {
    const ws = new WebSocket(url);
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.wsFailures = 0;
      this.onStatus('online');
    };
    ws.onmessage = (m) => {
      if (typeof m.data === 'string' && m.data) this.receive(JSON.parse(m.data) as { activities: Act[] });
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (!opened && ++this.wsFailures >= 3) this.polling = true;
      this.reconnect();
    };
  }

  private poll(): void {
    clearTimeout(this.timer);
    this.api<{ activities: Act[]; watermark: string }>(
      'GET',
      `/conversations/${this.conv!.c}/activities?watermark=${this.watermark}`,
    ).then(
      (set) => {
        this.onStatus('online');
        this.receive(set);
        this.timer = setTimeout(() => this.poll(), 1500);
      },
      () => this.reconnect(),
    );
  }

  /** Reconnect after a delay (exponential backoff); immediately when the browser says it is back online. */
  private reconnect(delay = this.backoff, err?: unknown): void {
    clearTimeout(this.timer);
    const limited = err instanceof HttpError && err.status === 429;
    if (limited) delay = Math.max(delay, err.retry * 1000);
    this.onStatus(navigator.onLine === false ? 'offline' : limited ? 'limited' : 'reconnecting');
    this.backoff = Math.min(this.backoff * 2, 30_000);
    this.timer = setTimeout(() => {
      if (navigator.onLine === false) return;
      this.open().catch((e: unknown) => this.reconnect(undefined, e));
    }, delay);
  }

  /** Post an activity; resolves with its id. */
  async post(act: Act): Promise<string> {
    await this.start();
    const r = await this.api<{ id: string }>('POST', `/conversations/${this.conv!.c}/activities`, {
      ...act,
      locale: this.locale(),
    });
    if (this.polling) this.poll();
    return r.id;
  }

  /** Upload a photo with its activity; resolves with the activity id. */
  async upload(file: Blob, name: string, act: Act): Promise<string> {
    await this.start();
    const form = new FormData();
    form.append(
      'activity',
      new Blob([JSON.stringify({ ...act, locale: this.locale() })], {
        type: 'application/vnd.microsoft.activity',
      }),
    );
    form.append('file', file, name);
    const r = await this.api<{ id: string }>('POST', `/conversations/${this.conv!.c}/upload`, form);
    if (this.polling) this.poll();
    return r.id;
  }

  private async api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'Accept-Language': this.locale() };
    if (this.conv && path !== '/tokens/generate') headers.Authorization = `Bearer ${this.conv.t}`;
    const form = body instanceof FormData;
    if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${this.base}/v3/directline${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
      credentials: 'omit',
    });
    if (!res.ok) throw new HttpError(res.status, Number(res.headers.get('Retry-After')) || 0);
    return (await res.json()) as T;
  }
}
