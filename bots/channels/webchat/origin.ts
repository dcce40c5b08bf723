/** Origin policy: a browser may call the endpoint only from an origin its site allows (or from our own origin). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Site } from '../../../services/sites/schema';
import { DirectLineHttpError } from './errors';

/** Headers a Direct Line client sends. */
export const ALLOWED_HEADERS =
  'Authorization, Content-Type, x-ms-bot-agent, x-requested-with, Accept, Accept-Language';

/**
 * Check the request's Origin against `site` and set the CORS response headers.
 * No Origin (server-to-server) or our own origin pass; any other origin must be in the site's list, else 403.
 */
export function enforceOrigin(
  req: IncomingMessage,
  res: ServerResponse,
  site: Pick<Site, 'allowedOrigins'> | null,
  ownOrigin: string,
  opts: { requireOrigin?: boolean } = {},
): void {
  const origin = req.headers.origin;
  if (!origin) {
    if (opts.requireOrigin) throw new DirectLineHttpError(403, 'OriginNotAllowed', 'originNotAllowed');
    return;
  }
  const allowed = site?.allowedOrigins.includes(origin) ?? false;
  if (!allowed && (opts.requireOrigin || origin !== ownOrigin)) {
    throw new DirectLineHttpError(403, 'OriginNotAllowed', 'originNotAllowed');
  }
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  res.setHeader('Vary', 'Origin');
}
