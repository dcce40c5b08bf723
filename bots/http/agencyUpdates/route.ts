/** Mounts `POST /api/agencies/:id/updates` (signed status updates from agencies) on the restify server. */
import type { Request, Response, Server } from 'restify';
import type { Language } from '../../../services/feedback/types';
import { handleAgencyUpdate, type AgencyUpdateDeps } from './handler';
import { BodyTooLargeError, readBodyBytes } from '../body';

/** Largest body we read (bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

export { BodyTooLargeError };

/** The exact bytes of the body as a UTF-8 string, whether or not a restify body parser ran before us. */
export async function readRawBody(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  return (await readBodyBytes(req, limit)).toString('utf8');
}

/** 'ms' when the client prefers Malay, else 'en'. */
export function languageOf(req: Request): Language {
  const al = String(req.headers['accept-language'] ?? '').toLowerCase();
  return /^\s*(ms|zsm|may)\b/.test(al) ? 'ms' : 'en';
}

/** Header value as a single string. */
export function header(req: Request, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Add the agency status-update route. */
export function mountAgencyUpdates(server: Server, deps: AgencyUpdateDeps): void {
  server.post('/api/agencies/:id/updates', async (req: Request, res: Response) => {
    const language = languageOf(req);
    try {
      const rawBody = await readRawBody(req);
      const reply = await handleAgencyUpdate(
        {
          agencyId: String(req.params?.id ?? ''),
          timestamp: header(req, 'x-suara-timestamp'),
          signature: header(req, 'x-suara-signature'),
          rawBody,
          language,
        },
        deps,
      );
      res.send(reply.status, reply.body);
    } catch (e) {
      const tooLarge = e instanceof BodyTooLargeError;
      res.send(tooLarge ? 413 : 500, {
        error: {
          code: tooLarge ? 'BODY_TOO_LARGE' : 'INTERNAL',
          message: deps.t(
            language,
            tooLarge ? 'notifications:api.badBody' : 'notifications:api.serverError',
            {
              detail: 'too large',
            },
          ),
        },
      });
    }
  });
}
