/** Small HTTP helpers for the web chat routes: bounded body reading, JSON/error replies, origin and base URL. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, Response } from 'restify';
import { parseBoundedJson } from '../../../services/json/bounded';
import { BodyTooLargeError, readBodyBytes } from '../../http/body';
import { DirectLineHttpError, errorBody, languageFromHeader } from './errors';
import type { Logger } from '../../../services/log';

/** Read the raw body, refusing more than `limit` bytes with 413 (also honours a body a plugin already read). */
export async function readBody(
  req: IncomingMessage & { body?: unknown; rawBody?: unknown },
  limit: number,
): Promise<Buffer> {
  try {
    return await readBodyBytes(req, limit);
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new DirectLineHttpError(413, 'MessageSizeTooBig', 'tooLarge');
    throw e;
  }
}

/** Read and parse a JSON body (empty body → `{}`), 400 BadArgument on malformed or too deeply nested JSON. */
export async function readJson(req: Request, limit: number): Promise<unknown> {
  const raw = await readBody(req, limit);
  if (raw.length === 0) return {};
  try {
    return parseBoundedJson(raw.toString('utf8'));
  } catch {
    throw new DirectLineHttpError(400, 'BadArgument', 'badJson');
  }
}

/** Send a JSON reply. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Turn any thrown value into a Direct Line error reply (unknown errors → 500 without details). */
export function sendError(req: Request, res: Response, err: unknown, log: Logger): void {
  const lang = languageFromHeader(req.headers['accept-language']);
  if (err instanceof DirectLineHttpError) {
    // 413/429 may be sent before the request body was read: close rather than drain it.
    const close: Record<string, string> =
      err.status === 413 || err.status === 429 ? { Connection: 'close' } : {};
    sendJson(res, err.status, errorBody(err, lang), { ...err.headers, ...close });
    return;
  }
  const e = err as { name?: string; code?: unknown };
  log.error('webchat.unexpected_error', {
    name: e.name ?? 'error',
    code: String(e.code ?? 'no code'),
    method: req.method,
    route: routeOf(req),
  });
  sendJson(res, 500, errorBody(new DirectLineHttpError(500, 'ServiceError', 'internal'), lang));
}

/** The request path with ids and tokens removed, for logs. */
function routeOf(req: Request): string {
  return (req.url ?? '').split('?')[0].replace(/\/conversations\/[^/]+/, '/conversations/:id');
}

/** The bearer credential from the Authorization header, if any. */
export function bearer(req: IncomingMessage): string | undefined {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+(\S+)$/i.exec(h) : null;
  return m ? m[1] : undefined;
}

/** Query parameters of a request. */
export function query(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/** Our own origin as the client sees it: PUBLIC_URL when configured, else derived from the Host header. */
export function publicOrigin(req: IncomingMessage, publicUrl?: string): string {
  if (publicUrl) return new URL(publicUrl).origin;
  const host = String(req.headers.host ?? 'localhost');
  const safeHost = /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : 'localhost';
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const forwarded = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    .trim();
  const proto = forwarded === 'https' || encrypted ? 'https' : 'http';
  return `${proto}://${safeHost}`;
}
