/** Shared HTTP plumbing for senders: a fetch with a deadline, and the mapping of a response status to an outcome. */
import { DeliveryRejectedError, DeliveryTransportError, type RejectedCode } from './errors';

/** Parse `Retry-After` (delta-seconds or an HTTP date) into milliseconds from `now`; undefined when absent/invalid. */
export function parseRetryAfter(
  value: string | null | undefined,
  now: Date = new Date(),
): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (Number.isNaN(t)) return undefined;
  return Math.max(0, t - now.getTime());
}

/** Throw the right delivery error for a non-2xx response; return normally for 2xx. */
export function assertDelivered(
  res: Response,
  detail: string,
  rejectedCode: RejectedCode = 'REJECTED',
): void {
  const s = res.status;
  if (s >= 200 && s < 300) return;
  if (s === 429) {
    const after = parseRetryAfter(res.headers.get('retry-after'));
    throw new DeliveryTransportError('RATE_LIMITED', `HTTP 429${detail}`, s, after);
  }
  if (s === 408) throw new DeliveryTransportError('REQUEST_TIMEOUT', `HTTP 408${detail}`, s);
  if (s >= 500) {
    const after = s === 503 ? parseRetryAfter(res.headers.get('retry-after')) : undefined;
    throw new DeliveryTransportError('SERVER_ERROR', `HTTP ${s}${detail}`, s, after);
  }
  throw new DeliveryRejectedError(rejectedCode, `HTTP ${s}${detail}`, s);
}

/** fetch with a deadline; network failures and timeouts become DeliveryTransportError. */
export async function fetchWithDeadline(
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (e) {
    const err = e as Error;
    if (err.name === 'TimeoutError' || err.name === 'AbortError') {
      throw new DeliveryTransportError('TIMEOUT', `no answer within ${timeoutMs} ms`);
    }
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new DeliveryTransportError('NETWORK', `network error${cause ? ` (${cause})` : ''}`);
  }
}

/** Read at most `limit` characters of a body for error details, never throwing. */
export async function safeText(res: Response, limit = 300): Promise<string> {
  try {
    return (await res.text()).slice(0, limit);
  } catch {
    return '';
  }
}
