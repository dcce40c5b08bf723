/**
 * A local fake of the Telegram Bot API: a real HTTP server on 127.0.0.1 that grammY talks to through
 * `client.apiRoot`. It records every method call, serves queued updates to `getUpdates` (long polling), serves
 * files, and plays scripted failures (429 with retry_after, 403 blocked, …). Also builds realistic updates.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Update, UserFromGetMe } from 'grammy/types';

/** One recorded Bot API call. */
export interface RecordedCall {
  method: string;

  payload: Record<string, any>;
  /** What the fake answered (`undefined` for scripted failures and pending long polls). */
  result?: unknown;
}

/** A scripted error answer. */
export interface ScriptedFailure {
  error_code: number;
  description: string;
  retry_after?: number;
}

interface Rule {
  method: string;
  failure: ScriptedFailure;
  remaining: number;

  match?: (payload: Record<string, any>) => boolean;
}

/** A file the fake serves through getFile and /file/bot<token>/<path>. */
export interface FakeFile {
  file_path: string;
  file_size: number;
  bytes?: Buffer;
}

/** Default identity of the fake bot. */
export const FAKE_BOT_INFO: UserFromGetMe = {
  id: 7000001,
  is_bot: true,
  first_name: 'Suara',
  username: 'SuaraTestBot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** Default token of the fake bot. */
export const FAKE_TOKEN = '7000001:AAFakeTokenForTestsOnly_abcdefghijk';

/** The fake Bot API server. */
export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  private readonly server: Server;
  private readonly rules: Rule[] = [];
  private readonly files = new Map<string, FakeFile>();
  private queue: Update[] = [];
  private nextUpdateId = 1000;
  private nextMessageId = 500;
  private waiters: (() => void)[] = [];

  private constructor(token: string, botInfo: UserFromGetMe) {
    this.token = token;
    this.botInfo = botInfo;
    this.server = createServer((req, res) => void this.route(req, res));
  }

  /** Start on 127.0.0.1 with a free port. */
  static async start(token = FAKE_TOKEN, botInfo = FAKE_BOT_INFO): Promise<FakeTelegram> {
    const fake = new FakeTelegram(token, botInfo);
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  /** Base URL to give grammY as `client.apiRoot`. */
  get apiRoot(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Recorded calls of one method. */
  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Texts sent to a chat with sendMessage, in order. */
  textsTo(chatId: number): string[] {
    return this.callsOf('sendMessage')
      .filter((c) => Number(c.payload.chat_id) === chatId)
      .map((c) => String(c.payload.text));
  }

  /** Make the next `times` calls of `method` (optionally only those matching) fail with `failure`. */

  fail(
    method: string,
    failure: ScriptedFailure,
    times = 1,
    match?: (payload: Record<string, any>) => boolean,
  ): void {
    this.rules.push({ method, failure, remaining: times, match });
  }

  /** Serve a file through getFile. */
  addFile(fileId: string, file: FakeFile): void {
    this.files.set(fileId, file);
  }

  /** Queue an update for getUpdates; returns it (with its update_id). */
  queueUpdate(update: Omit<Update, 'update_id'>): Update {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.queue.push(full);
    for (const w of this.waiters.splice(0)) w();
    return full;
  }

  /** A new update id (for updates posted to a webhook). */
  newUpdateId(): number {
    return this.nextUpdateId++;
  }

  /** Updates still waiting to be fetched (not yet confirmed by a later offset). */
  get pendingUpdates(): number {
    return this.queue.length;
  }

  /** Resolve when `predicate` holds over the recorded calls; reject after `timeoutMs` (a test deadline, not an assertion). */
  async waitFor(
    predicate: (calls: RecordedCall[]) => boolean,
    timeoutMs = 15_000,
    what = 'condition',
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      if (Date.now() > deadline) {
        const seen = this.calls.map((c) => c.method).join(', ');
        throw new Error(`FakeTelegram: timed out waiting for ${what}; calls so far: ${seen}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Stop the server. */
  async close(): Promise<void> {
    for (const w of this.waiters.splice(0)) w();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch) return this.serveFile(fileMatch[1], fileMatch[2], res);
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!m) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (m[1] !== this.token)
      return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = m[2];
    const payload = await readJson(req);
    const call: RecordedCall = { method, payload };
    this.calls.push(call);
    const rule = this.rules.find(
      (r) => r.method === method && r.remaining > 0 && (!r.match || r.match(payload)),
    );
    if (rule) {
      rule.remaining--;
      const { error_code, description, retry_after } = rule.failure;
      return send(res, error_code, {
        ok: false,
        error_code,
        description,
        ...(retry_after !== undefined ? { parameters: { retry_after } } : {}),
      });
    }
    if (method === 'getUpdates') return this.getUpdates(payload, req, res);
    call.result = this.result(method, payload);
    return send(res, 200, { ok: true, result: call.result });
  }

  private result(method: string, p: Record<string, any>): unknown {
    switch (method) {
      case 'getMe':
        return this.botInfo;
      case 'sendMessage':
      case 'sendPhoto':
        return {
          message_id: this.nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: Number(p.chat_id), type: 'private', first_name: 'Citizen' },
          from: { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name },
          text: p.text,
        };
      case 'getFile': {
        const f = this.files.get(String(p.file_id));
        if (!f) return { file_id: p.file_id, file_unique_id: `u-${p.file_id}` };
        return {
          file_id: p.file_id,
          file_unique_id: `u-${p.file_id}`,
          file_size: f.file_size,
          file_path: f.file_path,
        };
      }
      case 'getWebhookInfo':
        return { url: '', has_custom_certificate: false, pending_update_count: this.queue.length };
      default:
        return true;
    }
  }

  private async getUpdates(p: Record<string, any>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const offset = typeof p.offset === 'number' ? p.offset : 0;
    this.queue = this.queue.filter((u) => u.update_id >= offset);
    const limit = typeof p.limit === 'number' && p.limit > 0 ? p.limit : 100;
    const timeoutMs = Math.min(Number(p.timeout ?? 0), 30) * 1000;
    if (this.queue.length === 0 && timeoutMs > 0) {
      let aborted = false;
      req.on('close', () => (aborted = true));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (aborted || res.destroyed) return;
    }
    send(res, 200, { ok: true, result: this.queue.slice(0, limit) });
  }

  private serveFile(token: string, path: string, res: ServerResponse): void {
    if (token !== this.token)
      return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const file = [...this.files.values()].find((f) => f.file_path === path);
    if (!file) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    res.end(file.bytes ?? Buffer.alloc(0));
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, any>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if (!raw) return {};
  try {
    return JSON.parse(raw);
  } catch {
    return { _raw: raw };
  }
}

/** Who sends the test updates. */
export interface Citizen {
  id: number;
  languageCode?: string;
}

let messageSeq = 1;

function msgBase(c: Citizen) {
  return {
    message_id: messageSeq++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: c.id, type: 'private' as const, first_name: 'Citizen' },
    from: {
      id: c.id,
      is_bot: false,
      first_name: 'Citizen',
      ...(c.languageCode ? { language_code: c.languageCode } : {}),
    },
  };
}

/** A text message (commands included) from a citizen. */
export function textMessage(c: Citizen, text: string): Omit<Update, 'update_id'> {
  const entities = text.startsWith('/')
    ? [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0].length }]
    : undefined;
  return { message: { ...msgBase(c), text, ...(entities ? { entities } : {}) } } as Omit<Update, 'update_id'>;
}

/** A tap on an inline button of bot message `messageId`. */
export function buttonTap(c: Citizen, data: string, messageId: number): Omit<Update, 'update_id'> {
  const base = msgBase(c);
  return {
    callback_query: {
      id: `cq-${messageSeq++}`,
      from: base.from,
      chat_instance: 'ci-1',
      data,
      message: { message_id: messageId, date: base.date, chat: base.chat, text: '…' },
    },
  } as Omit<Update, 'update_id'>;
}

/** A shared location pin. */
export function locationMessage(c: Citizen, latitude: number, longitude: number): Omit<Update, 'update_id'> {
  return { message: { ...msgBase(c), location: { latitude, longitude } } } as Omit<Update, 'update_id'>;
}

/** A photo in the usual three sizes (the last one largest). */
export function photoMessage(
  c: Citizen,
  fileId: string,
  caption?: string,
  size = 150_000,
): Omit<Update, 'update_id'> {
  const photo = [
    { file_id: `${fileId}-s`, file_unique_id: `${fileId}-us`, width: 90, height: 67, file_size: 1_200 },
    { file_id: fileId, file_unique_id: `${fileId}-u`, width: 1280, height: 960, file_size: size },
    { file_id: `${fileId}-m`, file_unique_id: `${fileId}-um`, width: 320, height: 240, file_size: 14_000 },
  ];
  return { message: { ...msgBase(c), photo, ...(caption ? { caption } : {}) } } as Omit<Update, 'update_id'>;
}

/** A shared contact (own number when `own`). */
export function contactMessage(c: Citizen, phone: string, own = true): Omit<Update, 'update_id'> {
  return {
    message: {
      ...msgBase(c),
      contact: {
        phone_number: phone,
        first_name: 'Aminah',
        last_name: 'Ali',
        ...(own ? { user_id: c.id } : {}),
      },
    },
  } as Omit<Update, 'update_id'>;
}

/** A sticker (a message kind Suara does not read). */
export function stickerMessage(c: Citizen): Omit<Update, 'update_id'> {
  return {
    message: {
      ...msgBase(c),
      sticker: {
        file_id: 'st',
        file_unique_id: 'stu',
        type: 'regular',
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
      },
    },
  } as Omit<Update, 'update_id'>;
}
