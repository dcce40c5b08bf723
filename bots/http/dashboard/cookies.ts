/** Reading and writing the dashboard's cookies (session: HttpOnly; CSRF: readable by the page for double submit). */
import type { Request, Response } from 'restify';

/** Session cookie name. */
export const SESSION_COOKIE = 'suara_staff';
/** CSRF cookie name (double-submit: the page copies it into the X-CSRF-Token header). */
export const CSRF_COOKIE = 'suara_csrf';
/** Every dashboard cookie is scoped to this path. */
export const COOKIE_PATH = '/dashboard';

/** Cookies of a request, by name (first value wins). */
export function readCookies(req: Request): Record<string, string> {
  // No prototype: a cookie named "__proto__" or "constructor" is just an (ignored) cookie.
  const out = Object.create(null) as Record<string, string>;
  const raw = req.headers.cookie;
  if (!raw) return out;
  for (const part of String(raw).split(';')) {
    const i = part.indexOf('=');
    if (i < 1) continue;
    const name = part.slice(0, i).trim();
    if (Object.hasOwn(out, name)) continue;
    try {
      out[name] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // A malformed value is ignored, as if the cookie were absent.
    }
  }
  return out;
}

/** Cookie attributes. */
export interface CookieOptions {
  httpOnly: boolean;
  secure: boolean;
  /** Seconds; 0 deletes the cookie. */
  maxAge?: number;
}

/** A Set-Cookie value with SameSite=Strict and Path=/dashboard. */
export function cookie(name: string, value: string, o: CookieOptions): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, `Path=${COOKIE_PATH}`, 'SameSite=Strict'];
  if (o.httpOnly) parts.push('HttpOnly');
  if (o.secure) parts.push('Secure');
  if (o.maxAge !== undefined) parts.push(`Max-Age=${Math.max(0, Math.floor(o.maxAge))}`);
  return parts.join('; ');
}

/** Add Set-Cookie headers to a response (keeping any already set). */
export function setCookies(res: Response, values: string[]): void {
  const prev = res.getHeader('set-cookie');
  const list = prev === undefined ? [] : Array.isArray(prev) ? prev.map(String) : [String(prev)];
  res.setHeader('set-cookie', [...list, ...values]);
}
