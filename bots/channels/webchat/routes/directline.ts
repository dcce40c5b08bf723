/** Direct Line 3.0 REST routes on the restify server: tokens, conversations, activities, uploads, CORS preflight. */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { UploadsRepository } from '../../../../services/directline/uploads';
import { UploadRejectedError } from '../../../../services/directline/uploads';
import type { SitesRepository } from '../../../../services/sites/repository';
import { RESUME_KEY_PATTERN } from '../../../../services/directline/resumeKeys';
import { DirectLineHttpError } from '../errors';
import { parseBoundedJson } from '../../../../services/json/bounded';
import { bearer, publicOrigin, query, readBody, readJson, sendError, sendJson } from '../http';
import { MAX_ACTIVITY_BYTES, parseInboundActivity } from '../inbound';
import type { WebChatLimits } from '../limits';
import { boundaryOf, MultipartError, parseMultipart } from '../multipart';
import { ALLOWED_HEADERS, enforceOrigin } from '../origin';
import type { DirectLineService } from '../service';
import type { Logger } from '../../../../services/log';

/** What the routes need. */
export interface DirectLineRouteDeps {
  service: DirectLineService;
  sites: SitesRepository;
  uploads: UploadsRepository;
  limits: WebChatLimits;
  publicUrl?: string;
  log: Logger;
}

const SMALL_BODY = 16 * 1024;
const BASE = '/v3/directline';

const generateBody = z.object({
  site: z.string().max(40).optional(),
  locale: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional(),
  user: z
    .object({
      id: z
        .string()
        .regex(/^[\w.:@-]{1,100}$/)
        .optional(),
    })
    .passthrough()
    .optional(),
  /** Resume: the conversation to get a fresh token for, and its resume key. */
  conversationId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,100}$/)
    .optional(),
  resumeKey: z.string().regex(RESUME_KEY_PATTERN).optional(),
});

/** Add the Direct Line routes to `server`. */
// TODO(split): longer than 80 lines until it is split into named steps.
// eslint-disable-next-line max-lines-per-function
export function mountDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const { service, sites, uploads, limits } = deps;
  const own = (req: Request) => publicOrigin(req, deps.publicUrl);
  const handle =
    (fn: (req: Request, res: Response) => Promise<void>) =>
    async (req: Request, res: Response): Promise<void> => {
      try {
        await fn(req, res);
      } catch (err) {
        sendError(req, res, err, deps.log);
      }
    };
  /** Verify the token for this route's conversation and the caller's origin for the token's site. */
  const authorized = async (req: Request, res: Response, conversationId?: string) => {
    const claims = service.authorize(bearer(req), conversationId);
    enforceOrigin(req, res, await sites.get(claims.siteId), own(req));
    return claims;
  };
  const parseGenerate = (body: unknown) => {
    const parsed = generateBody.safeParse(body);
    if (!parsed.success)
      throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail: 'site, locale or user' });
    return parsed.data;
  };

  server.opts(
    `${BASE}/*`,
    handle(async (req, res) => {
      const origin = req.headers.origin;
      if (origin && origin !== own(req) && !(await sites.isAnyOriginAllowed(origin))) {
        throw new DirectLineHttpError(403, 'OriginNotAllowed', 'originNotAllowed');
      }
      res.writeHead(204, {
        ...(origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {}),
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
      });
      res.end();
    }),
  );

  server.post(
    `${BASE}/tokens/generate`,
    handle(async (req, res) => {
      const body = parseGenerate(await readJson(req, SMALL_BODY));
      const secret = bearer(req);
      let site;
      if (secret) {
        site = await sites.findBySecret(secret);
        if (!site) throw new DirectLineHttpError(401, 'Unauthorized', 'badSecret');
        enforceOrigin(req, res, site, own(req));
      } else {
        if (!body.site) throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail: 'site' });
        site = await service.site(body.site);
        enforceOrigin(req, res, site, own(req), { requireOrigin: true });
      }
      const resuming = body.conversationId !== undefined || body.resumeKey !== undefined;
      if (resuming && !(body.conversationId && body.resumeKey)) {
        throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', {
          detail: 'conversationId and resumeKey',
        });
      }
      await limits.tokenIssued(req, site.id, { countIp: !secret });
      if (body.conversationId && body.resumeKey) {
        sendJson(res, 200, await service.resumeToken(site, body.conversationId, body.resumeKey, body.locale));
        return;
      }
      const userId = secret ? body.user?.id : undefined;
      sendJson(res, 200, await service.generateToken(site, { locale: body.locale, userId }));
    }),
  );

  server.post(
    `${BASE}/tokens/refresh`,
    handle(async (req, res) => {
      sendJson(res, 200, service.refreshToken(await authorized(req, res)));
    }),
  );

  server.post(
    `${BASE}/conversations`,
    handle(async (req, res) => {
      const body = parseGenerate(await readJson(req, SMALL_BODY));
      const credential = bearer(req);
      if (credential && !credential.startsWith('dl1.')) {
        // A site's backend starting a conversation directly with its secret.
        const site = await sites.findBySecret(credential);
        if (!site) throw new DirectLineHttpError(401, 'Unauthorized', 'badSecret');
        enforceOrigin(req, res, site, own(req));
        await limits.tokenIssued(req, site.id, { countIp: false });
        const generated = await service.generateToken(site, { locale: body.locale, userId: body.user?.id });
        const info = await service.startConversation(service.authorize(generated.token), own(req));
        sendJson(res, 201, { ...info, resumeKey: generated.resumeKey });
        return;
      }
      sendJson(res, 201, await service.startConversation(await authorized(req, res), own(req)));
    }),
  );

  server.get(
    `${BASE}/conversations/:id`,
    handle(async (req, res) => {
      const claims = await authorized(req, res, req.params.id);
      sendJson(
        res,
        200,
        await service.resumeConversation(claims, own(req), query(req).get('watermark') ?? undefined),
      );
    }),
  );

  server.post(
    `${BASE}/conversations/:id/activities`,
    handle(async (req, res) => {
      const claims = await authorized(req, res, req.params.id);
      const inbound = parseInboundActivity(await readJson(req, MAX_ACTIVITY_BYTES));
      if (inbound.type !== 'typing') await limits.activityPosted(claims.conversationId);
      sendJson(res, 200, await service.postActivity(claims, inbound, own(req)));
    }),
  );

  server.get(
    `${BASE}/conversations/:id/activities`,
    handle(async (req, res) => {
      const claims = await authorized(req, res, req.params.id);
      sendJson(res, 200, await service.readActivities(claims, query(req).get('watermark') ?? undefined));
    }),
  );

  server.post(
    `${BASE}/conversations/:id/upload`,
    handle(async (req, res) => {
      const claims = await authorized(req, res, req.params.id);
      const boundary = boundaryOf(req.headers['content-type']);
      if (!boundary) throw new DirectLineHttpError(415, 'BadArgument', 'unsupportedMedia');
      await limits.activityPosted(claims.conversationId);
      const body = await readBody(req, uploads.maxBytes * 2 + MAX_ACTIVITY_BYTES);
      let parts;
      try {
        parts = parseMultipart(body, boundary);
      } catch (e) {
        if (e instanceof MultipartError)
          throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail: 'multipart' });
        throw e;
      }
      const activityPart = parts.find((p) => p.name === 'activity');
      let template: unknown = { type: 'message' };
      if (activityPart) {
        try {
          template = parseBoundedJson(activityPart.data.toString('utf8'));
        } catch {
          throw new DirectLineHttpError(400, 'BadArgument', 'badJson');
        }
      }
      const files = parts.filter((p) => p !== activityPart && p.filename !== undefined);
      if (files.length === 0 || files.length > 3) {
        throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail: 'one to three files' });
      }
      const origin = own(req);
      const attachments = [];
      for (const file of files) {
        try {
          const saved = await uploads.save(claims.conversationId, file.filename ?? 'photo', file.data);
          const name = (file.filename ?? 'photo').slice(0, 100);
          attachments.push({
            contentType: saved.contentType,
            contentUrl: `${origin}${BASE}/uploads/${saved.id}`,
            name,
          });
        } catch (e) {
          if (!(e instanceof UploadRejectedError)) throw e;
          if (e.code === 'UPLOAD_TOO_LARGE') {
            const limit = String(Math.round((uploads.maxBytes / 1024 / 1024) * 10) / 10);
            throw new DirectLineHttpError(413, 'MessageSizeTooBig', 'uploadTooLarge', { limit });
          }
          throw new DirectLineHttpError(415, 'BadArgument', 'unsupportedMedia');
        }
      }
      const inbound = parseInboundActivity({ ...(template as object), type: 'message', attachments });
      sendJson(res, 200, await service.postActivity(claims, inbound, origin));
    }),
  );

  server.get(
    `${BASE}/uploads/:id`,
    handle(async (req, res) => {
      const upload = await uploads.get(String(req.params.id));
      if (!upload) throw new DirectLineHttpError(404, 'NotFound', 'uploadNotFound');
      res.writeHead(200, {
        'Content-Type': upload.contentType,
        'Content-Length': String(upload.data.length),
        'Content-Disposition': `inline; filename="${upload.name.replace(/"/g, '')}"`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=86400',
        'Cross-Origin-Resource-Policy': 'cross-origin',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
      res.end(upload.data);
    }),
  );
}
