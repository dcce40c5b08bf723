/**
 * Direct Line 3.0 REST routes on the restify server: tokens, conversations, activities, uploads, CORS preflight.
 * mountDirectLineRoutes names the routes; each handler below is one step.
 */
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
import { boundaryOf, type FormPart, MultipartError, parseMultipart } from '../multipart';
import { ALLOWED_HEADERS, enforceOrigin } from '../origin';
import type { DirectLineService } from '../service';
import type { TokenClaims } from '../../../../services/directline/tokens';
import type { Site } from '../../../../services/sites/schema';
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

/** What every route handler shares: its dependencies and the checks each request goes through. */
interface RouteKit extends DirectLineRouteDeps {
  /** Our own public origin for this request. */
  own(req: Request): string;
  /** Wrap a handler so that any error becomes a Direct Line error response. */
  handle(fn: (req: Request, res: Response) => Promise<void>): (req: Request, res: Response) => Promise<void>;
  /** Verify the token for this route's conversation and the caller's origin for the token's site. */
  authorized(req: Request, res: Response, conversationId?: string): Promise<TokenClaims>;
}

/** Add the Direct Line routes to `server`. */
export function mountDirectLineRoutes(server: Server, deps: DirectLineRouteDeps): void {
  const kit = routeKit(deps);
  server.opts(`${BASE}/*`, kit.handle(preflight(kit)));
  server.post(`${BASE}/tokens/generate`, kit.handle(generateToken(kit)));
  server.post(
    `${BASE}/tokens/refresh`,
    kit.handle(async (req, res) =>
      sendJson(res, 200, deps.service.refreshToken(await kit.authorized(req, res))),
    ),
  );
  server.post(`${BASE}/conversations`, kit.handle(startConversation(kit)));
  server.get(
    `${BASE}/conversations/:id`,
    kit.handle(async (req, res) => {
      const claims = await kit.authorized(req, res, req.params.id);
      const watermark = query(req).get('watermark') ?? undefined;
      sendJson(res, 200, await deps.service.resumeConversation(claims, kit.own(req), watermark));
    }),
  );
  server.post(`${BASE}/conversations/:id/activities`, kit.handle(postActivity(kit)));
  server.get(
    `${BASE}/conversations/:id/activities`,
    kit.handle(async (req, res) => {
      const claims = await kit.authorized(req, res, req.params.id);
      sendJson(res, 200, await deps.service.readActivities(claims, query(req).get('watermark') ?? undefined));
    }),
  );
  server.post(`${BASE}/conversations/:id/upload`, kit.handle(upload(kit)));
  server.get(`${BASE}/uploads/:id`, kit.handle(serveUpload(kit)));
}

function routeKit(deps: DirectLineRouteDeps): RouteKit {
  const own = (req: Request) => publicOrigin(req, deps.publicUrl);
  return {
    ...deps,
    own,
    handle: (fn) => async (req, res) => {
      try {
        await fn(req, res);
      } catch (err) {
        sendError(req, res, err, deps.log);
      }
    },
    authorized: async (req, res, conversationId) => {
      const claims = deps.service.authorize(bearer(req), conversationId);
      enforceOrigin(req, res, await deps.sites.get(claims.siteId), own(req));
      return claims;
    },
  };
}

function parseGenerate(body: unknown) {
  const parsed = generateBody.safeParse(body);
  if (!parsed.success)
    throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail: 'site, locale or user' });
  return parsed.data;
}

/** CORS preflight: our own origin or one a site allows. */
function preflight(kit: RouteKit) {
  return async (req: Request, res: Response): Promise<void> => {
    const origin = req.headers.origin;
    if (origin && origin !== kit.own(req) && !(await kit.sites.isAnyOriginAllowed(origin))) {
      throw new DirectLineHttpError(403, 'OriginNotAllowed', 'originNotAllowed');
    }
    res.writeHead(204, {
      ...(origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : {}),
      'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
    });
    res.end();
  };
}

/** The site a token request is for: by the backend secret it carries, or by name from a page (origin required). */
async function siteOfTokenRequest(
  kit: RouteKit,
  req: Request,
  res: Response,
  siteId?: string,
): Promise<Site> {
  const secret = bearer(req);
  if (secret) {
    const site = await kit.sites.findBySecret(secret);
    if (!site) throw new DirectLineHttpError(401, 'Unauthorized', 'badSecret');
    enforceOrigin(req, res, site, kit.own(req));
    return site;
  }
  if (!siteId) throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail: 'site' });
  const site = await kit.service.site(siteId);
  enforceOrigin(req, res, site, kit.own(req), { requireOrigin: true });
  return site;
}

/** tokens/generate: a new conversation's token (and resume key), or a resumed one's with its resume key. */
function generateToken(kit: RouteKit) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = parseGenerate(await readJson(req, SMALL_BODY));
    const secret = bearer(req);
    const site = await siteOfTokenRequest(kit, req, res, body.site);
    const resuming = body.conversationId !== undefined || body.resumeKey !== undefined;
    if (resuming && !(body.conversationId && body.resumeKey)) {
      throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', {
        detail: 'conversationId and resumeKey',
      });
    }
    await kit.limits.tokenIssued(req, site.id, { countIp: !secret });
    if (body.conversationId && body.resumeKey) {
      sendJson(
        res,
        200,
        await kit.service.resumeToken(site, body.conversationId, body.resumeKey, body.locale),
      );
      return;
    }
    const userId = secret ? body.user?.id : undefined;
    sendJson(res, 200, await kit.service.generateToken(site, { locale: body.locale, userId }));
  };
}

/** POST /conversations: with a token from tokens/generate, or directly with a site's backend secret. */
function startConversation(kit: RouteKit) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = parseGenerate(await readJson(req, SMALL_BODY));
    const credential = bearer(req);
    if (!credential || credential.startsWith('dl1.')) {
      sendJson(res, 201, await kit.service.startConversation(await kit.authorized(req, res), kit.own(req)));
      return;
    }
    const site = await kit.sites.findBySecret(credential);
    if (!site) throw new DirectLineHttpError(401, 'Unauthorized', 'badSecret');
    enforceOrigin(req, res, site, kit.own(req));
    await kit.limits.tokenIssued(req, site.id, { countIp: false });
    const generated = await kit.service.generateToken(site, { locale: body.locale, userId: body.user?.id });
    const info = await kit.service.startConversation(kit.service.authorize(generated.token), kit.own(req));
    sendJson(res, 201, { ...info, resumeKey: generated.resumeKey });
  };
}

/** POST an activity: the citizen's message is stored, then its turn runs. */
function postActivity(kit: RouteKit) {
  return async (req: Request, res: Response): Promise<void> => {
    const claims = await kit.authorized(req, res, req.params.id);
    const inbound = parseInboundActivity(await readJson(req, MAX_ACTIVITY_BYTES));
    if (inbound.type !== 'typing') await kit.limits.activityPosted(claims.conversationId);
    sendJson(res, 200, await kit.service.postActivity(claims, inbound, kit.own(req)));
  };
}

/** The multipart body's parts; 400 when it is not valid multipart. */
function multipartParts(body: Buffer, boundary: string) {
  try {
    return parseMultipart(body, boundary);
  } catch (e) {
    if (e instanceof MultipartError)
      throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail: 'multipart' });
    throw e;
  }
}

/** The activity template of an upload (its `activity` part), or a plain message. */
function uploadTemplate(part: { data: Buffer } | undefined): unknown {
  if (!part) return { type: 'message' };
  try {
    return parseBoundedJson(part.data.toString('utf8'));
  } catch {
    throw new DirectLineHttpError(400, 'BadArgument', 'badJson');
  }
}

/** Store one uploaded file; its attachment for the activity. Too large → 413, not a photo → 415. */
async function saveUpload(kit: RouteKit, conversationId: string, origin: string, file: FormPart) {
  try {
    const saved = await kit.uploads.save(conversationId, file.filename ?? 'photo', file.data);
    const name = (file.filename ?? 'photo').slice(0, 100);
    return { contentType: saved.contentType, contentUrl: `${origin}${BASE}/uploads/${saved.id}`, name };
  } catch (e) {
    if (!(e instanceof UploadRejectedError)) throw e;
    if (e.code === 'UPLOAD_TOO_LARGE') {
      const limit = String(Math.round((kit.uploads.maxBytes / 1024 / 1024) * 10) / 10);
      throw new DirectLineHttpError(413, 'MessageSizeTooBig', 'uploadTooLarge', { limit });
    }
    throw new DirectLineHttpError(415, 'BadArgument', 'unsupportedMedia');
  }
}

/** POST /upload: one to three photos (and an optional activity part) become one message with attachments. */
function upload(kit: RouteKit) {
  return async (req: Request, res: Response): Promise<void> => {
    const claims = await kit.authorized(req, res, req.params.id);
    const boundary = boundaryOf(req.headers['content-type']);
    if (!boundary) throw new DirectLineHttpError(415, 'BadArgument', 'unsupportedMedia');
    await kit.limits.activityPosted(claims.conversationId);
    const parts = multipartParts(
      await readBody(req, kit.uploads.maxBytes * 2 + MAX_ACTIVITY_BYTES),
      boundary,
    );
    const activityPart = parts.find((p) => p.name === 'activity');
    const template = uploadTemplate(activityPart);
    const files = parts.filter((p) => p !== activityPart && p.filename !== undefined);
    if (files.length === 0 || files.length > 3) {
      throw new DirectLineHttpError(400, 'BadArgument', 'badRequest', { detail: 'one to three files' });
    }
    const origin = kit.own(req);
    const attachments = [];
    for (const file of files) attachments.push(await saveUpload(kit, claims.conversationId, origin, file));
    const inbound = parseInboundActivity({ ...(template as object), type: 'message', attachments });
    sendJson(res, 200, await kit.service.postActivity(claims, inbound, origin));
  };
}

/** GET an uploaded photo (sandboxed, never sniffed). */
function serveUpload(kit: RouteKit) {
  return async (req: Request, res: Response): Promise<void> => {
    const upload = await kit.uploads.get(String(req.params.id));
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
  };
}
