/** Shared HTTP plumbing of the dashboard: errors with stable codes, JSON bodies, security headers, sessions, CSRF. */
import type { Request, Response } from 'restify';
import { FeedbackNotFoundError } from '../../../services/feedback/repository';
import type { Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import type { Logger } from '../../../services/log';
import type { StaffServices } from '../../../services/staff';
import { tokenMatches } from '../../../services/staff/sessions';
import type { StaffSession } from '../../../services/staff/types';
import { CSRF_COOKIE, SESSION_COOKIE, readCookies } from './cookies';
import { BodyTooLargeError, readBodyBytes } from '../body';
import { parseBoundedJson } from '../../../services/json/bounded';

/** Largest JSON body the dashboard reads. */
export const MAX_JSON_BYTES = 16 * 1024;

/** Error codes the API answers with (each has a message in `dashboard:errors`). */
export type ApiErrorCode =
  | 'UNAUTHENTICATED'
  | 'CSRF_INVALID'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BODY_INVALID'
  | 'STATUS_INVALID'
  | 'TEXT_REQUIRED'
  | 'LOGIN_FAILED'
  | 'LOGIN_RATE_LIMITED'
  | 'ACCOUNT_DISABLED'
  | 'BODY_TOO_LARGE'
  | 'CONTENT_TYPE'
  | 'AGENCY_UNKNOWN'
  | 'NOT_UNROUTED'
  | 'ASSIGNEE_INVALID'
  | 'MERGE_INVALID'
  | 'PHOTO_NOT_FOUND'
  | 'INTERNAL';

/** An API failure: HTTP status, stable code, message variables. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly vars: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** What every route handler shares. */
export interface DashboardContext {
  services: StaffServices;
  t: Translate;
  log: Logger;
  /** Cookies get `Secure` (PUBLIC_URL is https). */
  secure: boolean;
  /** Minutes of the failed-login window (for the message). */
  windowMinutes: number;
}

/** 'ms' when the client prefers Malay, else 'en'. */
export function languageOf(req: Request): Language {
  const al = String(req.headers['accept-language'] ?? '').toLowerCase();
  return /^\s*(ms|zsm|may)\b/.test(al) ? 'ms' : 'en';
}

/** Headers for every dashboard response: no caching, no sniffing, no framing, no referrer. */
export function securityHeaders(res: Response): void {
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
}

/** Send `{error: {code, message}}` in the client's language. */
export function sendError(ctx: DashboardContext, req: Request, res: Response, err: ApiError): void {
  const message = ctx.t(languageOf(req), `dashboard:errors.${err.code}`, err.vars);
  res.send(err.status, { error: { code: err.code, message } });
}

/** Wrap an async handler: ApiError → its answer; anything else → 500 INTERNAL, logged without personal data. */
export function route(ctx: DashboardContext, fn: (req: Request, res: Response) => Promise<void>) {
  return async (req: Request, res: Response): Promise<void> => {
    securityHeaders(res);
    try {
      await fn(req, res);
    } catch (e) {
      if (e instanceof ApiError) return sendError(ctx, req, res, e);
      // The one mapping of "not found / not yours" for the dashboard.
      if (e instanceof FeedbackNotFoundError) return sendError(ctx, req, res, new ApiError(404, 'NOT_FOUND'));
      ctx.log.error('dashboard request failed', {
        route: req.getRoute()?.path,
        name: (e as Error).name,
        code: (e as { code?: unknown }).code,
      });
      sendError(ctx, req, res, new ApiError(500, 'INTERNAL'));
    }
  };
}

/** The JSON body of a POST (must be `application/json`, at most MAX_JSON_BYTES). */
export async function readJson(req: Request): Promise<unknown> {
  const type = String(req.headers['content-type'] ?? '').toLowerCase();
  if (!/^application\/json\s*(;|$)/.test(type)) throw new ApiError(415, 'CONTENT_TYPE');
  let raw: string;
  try {
    raw = (await readBodyBytes(req, MAX_JSON_BYTES)).toString('utf8');
  } catch (e) {
    if (e instanceof BodyTooLargeError) throw new ApiError(413, 'BODY_TOO_LARGE');
    throw e;
  }
  try {
    return parseBoundedJson(raw || '{}');
  } catch {
    throw new ApiError(400, 'BODY_INVALID', { detail: 'JSON' });
  }
}

/** The X-CSRF-Token header, which must equal the CSRF cookie (double submit). */
export function csrfHeader(req: Request): string {
  const h = req.headers['x-csrf-token'];
  const value = Array.isArray(h) ? h[0] : h;
  const fromCookie = readCookies(req)[CSRF_COOKIE];
  if (!value || !fromCookie || value !== fromCookie) throw new ApiError(403, 'CSRF_INVALID');
  return value;
}

/** An authenticated request. */
export interface Authed {
  session: StaffSession;
  token: string;
}

/** The session of the request; for POSTs also the CSRF token bound to it. Throws 401/403 ApiErrors. */
export async function requireSession(
  ctx: DashboardContext,
  req: Request,
  opts: { csrf: boolean },
): Promise<Authed> {
  const token = readCookies(req)[SESSION_COOKIE];
  const found = await ctx.services.sessions.get(token);
  if (!token || !found) throw new ApiError(401, 'UNAUTHENTICATED');
  // The account as it is now: a disabled (or deleted) account's sessions stop at once, and a changed agency or
  // role applies from the next request.
  const account = await ctx.services.staff.get(found.staffId);
  if (!account || account.disabled) {
    await ctx.services.sessions.end(token);
    throw new ApiError(401, 'UNAUTHENTICATED');
  }
  const session: StaffSession = { ...found, agencyId: account.agencyId, role: account.role };
  if (opts.csrf && !tokenMatches(csrfHeader(req), session.csrfHash)) throw new ApiError(403, 'CSRF_INVALID');
  return { session, token };
}

/** The client's address for the login limit (the socket peer; a trusted proxy setup would pass it explicitly). */
export function clientIp(req: Request): string {
  return req.socket?.remoteAddress ?? 'unknown';
}

/** First zod issue as a short, non-personal detail. */
export function issueDetail(issues: { path: (string | number)[]; message: string }[]): string {
  const i = issues[0];
  return i ? `${i.path.join('.') || 'body'}: ${i.message}` : 'body';
}
