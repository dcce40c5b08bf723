/** Static web chat routes: /widget.js, /vendor/webchat.js, the demo page (/), /embed docs, the official Web Chat demo. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Request, Response, Server } from 'restify';
import type { SitesRepository } from '../../../../services/sites/repository';
import { publicSite } from '../../../../services/sites/schema';
import { DirectLineHttpError } from '../errors';
import { publicOrigin, sendError, sendJson } from '../http';
import { ROOT, WIDGET_OUT } from '../widgetBuild';
import type { Logger } from '../../../../services/log';

/** Microsoft's official Web Chat bundle, served as is. */
export const VENDOR_WEBCHAT = path.join(ROOT, 'node_modules/botframework-webchat/dist/webchat.js');

interface CachedFile {
  mtimeMs: number;
  body: Buffer;
  gz: Buffer;
  etag: string;
}

/** Serves files from disk with gzip and ETag, re-reading a file only when its mtime changes. */
class FileCache {
  private readonly files = new Map<string, CachedFile>();

  get(file: string): CachedFile | null {
    if (!existsSync(file)) return null;
    const mtimeMs = statSync(file).mtimeMs;
    const hit = this.files.get(file);
    if (hit && hit.mtimeMs === mtimeMs) return hit;
    const body = readFileSync(file);
    const entry = {
      mtimeMs,
      body,
      gz: gzipSync(body, { level: 6 }),
      etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 20)}"`,
    };
    this.files.set(file, entry);
    return entry;
  }
}

/** Send a body with gzip when accepted, ETag revalidation and the given headers. */
function sendCached(
  req: IncomingMessage,
  res: ServerResponse,
  f: CachedFile,
  headers: Record<string, string>,
): void {
  if (req.headers['if-none-match'] === f.etag) {
    res.writeHead(304, { ETag: f.etag });
    res.end();
    return;
  }
  const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  const body = gzip ? f.gz : f.body;
  res.writeHead(200, {
    ...headers,
    ETag: f.etag,
    Vary: 'Accept-Encoding',
    'Content-Length': String(body.length),
    'X-Content-Type-Options': 'nosniff',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
  });
  res.end(body);
}

/** Add the static routes. `sites` feeds GET /webchat/sites/:id (public look of a site for the widget). */
export function mountStaticRoutes(
  server: Server,
  deps: { sites: SitesRepository; publicUrl?: string; log: Logger },
): void {
  const cache = new FileCache();
  const page = (name: string) => path.join(ROOT, 'web', name);
  const js = { 'Content-Type': 'application/javascript; charset=utf-8' };
  const html = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' };

  const asset =
    (
      file: () => string,
      headers: Record<string, string>,
      transform?: (body: string, req: Request) => string,
    ) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        const f = cache.get(file());
        if (!f) throw new DirectLineHttpError(503, 'ServiceUnavailable', 'internal');
        if (!transform) return sendCached(req, res, f, headers);
        const body = Buffer.from(transform(f.body.toString('utf8'), req), 'utf8');
        sendCached(req, res, { ...f, body, gz: gzipSync(body), etag: `"${f.etag.slice(1, -1)}-t"` }, headers);
      } catch (e) {
        sendError(req, res, e, deps.log);
      }
    };
  const withOrigin = (body: string, req: Request) =>
    body.replace(/\{\{ORIGIN\}\}/g, publicOrigin(req, deps.publicUrl).replace(/[<>"']/g, ''));

  server.get(
    '/widget.js',
    asset(() => WIDGET_OUT, {
      ...js,
      'Cache-Control': 'public, max-age=300',
      'Cross-Origin-Resource-Policy': 'cross-origin',
    }),
  );
  server.get(
    '/vendor/webchat.js',
    asset(() => VENDOR_WEBCHAT, { ...js, 'Cache-Control': 'public, max-age=86400' }),
  );
  server.get(
    '/',
    asset(() => page('demo.html'), html, withOrigin),
  );
  server.get(
    '/embed',
    asset(() => page('embed.html'), html, withOrigin),
  );
  server.get(
    '/demo/webchat',
    asset(() => page('official.html'), html, withOrigin),
  );

  server.get('/webchat/sites/:id', async (req: Request, res: Response) => {
    try {
      const site = await deps.sites.get(String(req.params.id));
      if (!site) throw new DirectLineHttpError(404, 'UnknownSite', 'unknownSite');
      sendJson(res, 200, publicSite(site), {
        'Access-Control-Allow-Origin': '*',
        'Cache-Control': 'public, max-age=60',
      });
    } catch (e) {
      sendError(req, res, e, deps.log);
    }
  });
}
