/**
 * The dashboard API from the browser: JSON in and out, the session cookie, and the CSRF double-submit header on
 * every POST. Paths are relative to `/dashboard/api` (`getJson('/feedback?page=2')`); a full `/dashboard/...` path is
 * used as is. Failures reject with an `ApiError` whose `message` is in the staff member's language.
 */
import { hasKey, lang, t } from './i18n';

/** Where the API lives. */
export const API_BASE = '/dashboard/api';

/** A failed call: HTTP status (0 for a network failure), the server's stable code, a message to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const unauthenticated = new Set<(e: ApiError) => void>();

/** Call `fn` whenever a call answers 401 (the session ended); returns the unsubscribe function. */
export function onUnauthenticated(fn: (e: ApiError) => void): () => void {
  unauthenticated.add(fn);
  return () => unauthenticated.delete(fn);
}

/** The full URL path for an API path (for links such as the CSV export). */
export function apiUrl(path: string): string {
  return path.startsWith('/dashboard/') ? path : `${API_BASE}${path.startsWith('/') ? '' : '/'}${path}`;
}

function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)suara_csrf=([^;]*)/);
  return m ? decodeURIComponent(m[1]!) : '';
}

/** Our own message for codes we know; the server's when it carries details (limits, invalid fields). */
function messageFor(code: string, serverMessage: string | undefined): string {
  const serverKnowsBetter = code === 'BODY_INVALID' || code === 'LOGIN_RATE_LIMITED';
  if (serverMessage && (serverKnowsBetter || !hasKey(`errors.${code}`))) return serverMessage;
  return t(`errors.${code}`);
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': lang() };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/json';
    headers['X-CSRF-Token'] = csrfToken();
  }
  let res: Response;
  try {
    res = await fetch(apiUrl(path), {
      method,
      headers,
      credentials: 'same-origin',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', t('errors.NETWORK'));
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new ApiError(res.status, 'INTERNAL', t('errors.INTERNAL'));
  }
  if (res.ok) return json as T;
  const e = (json as { error?: { code?: string; message?: string } } | null)?.error ?? {};
  const err = new ApiError(res.status, e.code ?? 'INTERNAL', messageFor(e.code ?? 'INTERNAL', e.message));
  if (res.status === 401) for (const fn of unauthenticated) fn(err);
  throw err;
}

/** GET a JSON resource. */
export function getJson<T>(path: string): Promise<T> {
  return call<T>('GET', path);
}

/** POST a JSON body (with the CSRF header) and read the JSON answer. */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return call<T>('POST', path, body ?? {});
}
