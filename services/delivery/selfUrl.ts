/**
 * Endpoint URLs that point at this Suara server itself (the demo agency inbox): written in the data as
 * `{{self}}/demo-agency/<id>/feedback` and resolved against the running server's own listening address when a
 * delivery is sent, so an instance on any PORT delivers to itself and never to whatever listens on 3978.
 */
import { z } from 'zod';
import type { DeliveryEndpoint } from '../agencies/types';

/** Placeholder for "this server's own base URL" at the start of an endpoint URL. */
export const SELF_URL_PLACEHOLDER = '{{self}}';

/** True when `url` is relative to this server. */
export function isSelfUrl(url: string): boolean {
  return url.startsWith(`${SELF_URL_PLACEHOLDER}/`);
}

/** zod schema of an endpoint URL in the data files: an absolute http(s) URL or `{{self}}/<path>`. */
export const endpointUrlSchema = z
  .string()
  .refine(
    (u) =>
      isSelfUrl(u) ? /^\/[A-Za-z0-9._~\-/]*$/.test(u.slice(SELF_URL_PLACEHOLDER.length)) : isHttpUrl(u),
    'must be an http(s) URL or {{self}}/<path>',
  );

function isHttpUrl(u: string): boolean {
  try {
    return /^https?:$/.test(new URL(u).protocol);
  } catch {
    return false;
  }
}

/** Thrown when a `{{self}}` URL must be resolved but this process does not know its own address. */
export class SelfUrlUnknownError extends Error {
  readonly code = 'SELF_URL_UNKNOWN';
}

/** `url` with a leading `{{self}}` replaced by `self` (e.g. `http://127.0.0.1:4100`); other URLs unchanged. */
export function resolveSelfUrl(url: string, self: string | undefined): string {
  if (!isSelfUrl(url)) return url;
  if (!self) throw new SelfUrlUnknownError('this server does not know its own address yet');
  return self.replace(/\/+$/, '') + url.slice(SELF_URL_PLACEHOLDER.length);
}

/** The endpoint with its URL resolved against `self`. */
export function resolveEndpoint(endpoint: DeliveryEndpoint, self: string | undefined): DeliveryEndpoint {
  if (endpoint.kind !== 'webhook' && endpoint.kind !== 'open311') return endpoint;
  return { ...endpoint, url: resolveSelfUrl(endpoint.url, self) };
}

/**
 * The base URL this process reaches itself at, from a listening server's address (a wildcard host becomes the
 * loopback address). Undefined while the server is not listening.
 */
export function selfUrlOf(address: unknown): string | undefined {
  if (!address || typeof address !== 'object') return undefined;
  const { address: host, port } = address as { address?: string; port?: number };
  if (typeof port !== 'number' || port <= 0 || typeof host !== 'string') return undefined;
  if (host === '0.0.0.0' || host === '' || host === '::') return `http://127.0.0.1:${port}`;
  return host.includes(':') ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
