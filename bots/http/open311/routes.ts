/** Mounts our Open311 GeoReport v2 server at `/open311/v2/` (GET and POST; format by `.json`/`.xml` suffix). */
import type { Request, Response, Server } from 'restify';
import type { Language } from '../../../services/feedback/types';
import { handleOpen311, type Open311ServerDeps } from './handler';
import { renderErrors } from '../../../services/open311/render';
import { BodyTooLargeError, languageOf, readRawBody } from '../agencyUpdates/route';

/** Path prefix of the server. */
export const OPEN311_PREFIX = '/open311/v2/';

/** The POSTed form, whether or not a restify body parser ran before us. */
async function formOf(req: Request): Promise<URLSearchParams> {
  const parsed = (req as unknown as { body?: unknown }).body;
  if (parsed && typeof parsed === 'object' && !Buffer.isBuffer(parsed)) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) {
      for (const x of Array.isArray(v) ? v : [v]) form.append(k, String(x));
    }
    return form;
  }
  return new URLSearchParams(await readRawBody(req));
}

/** Add the Open311 routes. */
export function mountOpen311(server: Server, deps: Open311ServerDeps): void {
  const handler = async (req: Request, res: Response) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const locale = url.searchParams.get('locale');
    const language: Language = locale === 'ms' || locale === 'en' ? locale : languageOf(req);
    const format = url.pathname.endsWith('.xml') ? 'xml' : 'json';
    try {
      const form = req.method === 'POST' ? await formOf(req) : new URLSearchParams();
      const reply = await handleOpen311(
        {
          method: req.method ?? 'GET',
          path: url.pathname.slice(OPEN311_PREFIX.length),
          query: url.searchParams,
          form,
          language,
        },
        deps,
      );
      res.writeHead(reply.status, { 'Content-Type': reply.contentType });
      res.end(reply.body);
    } catch (e) {
      const status = e instanceof BodyTooLargeError ? 413 : 500;
      const key = status === 413 ? 'notifications:api.badRequest' : 'notifications:api.serverError';
      const r = renderErrors(format, [
        { code: status, description: deps.t(language, key, { detail: 'too large' }) },
      ]);
      res.writeHead(status, { 'Content-Type': r.contentType });
      res.end(r.body);
    }
  };
  server.get(`${OPEN311_PREFIX}*`, handler);
  server.post(`${OPEN311_PREFIX}*`, handler);
}
