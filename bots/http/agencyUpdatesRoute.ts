/** Mounts `POST /api/agencies/:id/updates` (signed status updates from agencies) on the restify server. */
import type { Request, Response, Server } from 'restify';
import type { Language } from '../../services/feedback/types';
import { handleAgencyUpdate, type AgencyUpdateDeps } from '../../services/status/agencyUpdates';

/** Largest body we read (bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

/** Raised when a body is over MAX_BODY_BYTES. */
export class BodyTooLargeError extends Error {
  readonly code = 'BODY_TOO_LARGE';
}

/** The exact bytes of the body as a UTF-8 string, whether or not a restify body parser ran before us. */
export async function readRawBody(req: Request, limit = MAX_BODY_BYTES): Promise<string> {
  const pre = (req as unknown as { rawBody?: unknown }).rawBody;
  if (typeof pre === 'string') return pre;
  if (Buffer.isBuffer(pre)) return pre.toString('utf8');
  if (typeof (req as unknown as { body?: unknown }).body === 'string')
    return (req as unknown as { body: string }).body;
  // `complete` only says the parser has it all; unread data is still buffered in the stream, so read it.
  if (req.readableEnded) return '';
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLargeError(`body over ${limit} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
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
