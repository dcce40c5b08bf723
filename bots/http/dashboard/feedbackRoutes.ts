/**
 * The feedback API. Every handler resolves the session first and reads records only through the scoped queries of
 * `services/staff/feedbackQueries`; every change goes through the StaffActionService (scope, change, audit, notify),
 * the same path as Teams and the agency API. Another agency's reference answers 404 exactly like a reference that
 * does not exist (a FeedbackNotFoundError, mapped to 404 once, in `route`).
 */
import type { Request, Server } from 'restify';
import { z } from 'zod';
import { parseReference } from '../../../services/feedback/reference';
import type { FeedbackStatus } from '../../../services/feedback/types';
import { staffActor, type StaffActionService } from '../../../services/staff/actionService';
import { AGENCY_STATUSES, MAX_NOTE } from '../../../services/status/statusService';
import {
  ApiError,
  issueDetail,
  readJson,
  requireSession,
  route,
  type Authed,
  type DashboardContext,
} from './http';
import { inboxQueryOf } from './inboxQuery';
import { staffLanguage, type ItemReader } from './itemDetail';

/** What the feedback routes need beyond the context. */
export interface FeedbackRouteDeps {
  /** The one action path (shared with Teams and the agency API). */
  actions: StaffActionService;
  /** Ids of every agency (to validate an admin's assignment). */
  agencyIds: () => Promise<string[]>;
  /** The item with the inbox extras, scoped through the action service. */
  item: ItemReader;
}

/** Longest reply. */
export const MAX_REPLY = 2000;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const agencySchema = z.object({
  agency: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/)
      .optional(),
  ),
});
const statusSchema = z.object({ status: z.string(), note: z.string().max(MAX_NOTE).optional() });
const replySchema = z.object({ text: z.string().max(MAX_REPLY) });
const assignSchema = z.object({ agencyId: z.string().max(64) });

/** The reference in the path (404 when it is not one). */
export function referenceOf(req: Request): string {
  const parsed = parseReference(String(req.params?.ref ?? '').slice(0, 40));
  if (!parsed.ok) throw new ApiError(404, 'NOT_FOUND');
  return parsed.reference;
}

/** Parse a body with a schema (400 BODY_INVALID). */
export function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, 'BODY_INVALID', { detail: issueDetail(r.error.issues) });
  return r.data;
}

/** One change to one item, posted to `/dashboard/api/feedback/:ref/<action>`. */
export interface ItemAction<T> {
  action: string;
  /** The JSON body's schema (400 BODY_INVALID otherwise). */
  schema: z.ZodType<T, z.ZodTypeDef, unknown>;
  /** Administrators only (403 before anything else is read). */
  adminOnly?: boolean;
  /** Makes the change; returns the reference to answer with when it is not the URL's (a merge's original). */
  change: (a: Authed, reference: string, body: T) => Promise<string | void>;
}

/**
 * Add an item action: a signed-in staff member with the CSRF token, the URL's reference (404 when it is not one), the
 * checked body, the change; the answer is the item as that staff member now sees it.
 */
export function postItemAction<T>(
  server: Server,
  ctx: DashboardContext,
  item: ItemReader,
  spec: ItemAction<T>,
): void {
  server.post(
    `/dashboard/api/feedback/:ref/${spec.action}`,
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: true });
      if (spec.adminOnly && a.session.role !== 'admin') throw new ApiError(403, 'FORBIDDEN');
      const reference = referenceOf(req);
      const body = parse(spec.schema, await readJson(req));
      const answer = (await spec.change(a, reference, body)) ?? reference;
      res.send(200, await item(staffActor(a.session, 'dashboard'), answer, staffLanguage(req)));
    }),
  );
}

/** Add the feedback routes. */
export function mountFeedbackRoutes(server: Server, ctx: DashboardContext, deps: FeedbackRouteDeps): void {
  const { feedback, inbox } = ctx.services;
  const { actions } = deps;
  const actor = (a: Authed) => staffActor(a.session, 'dashboard');
  const item = (a: Authed, req: Request, reference: string) =>
    deps.item(actor(a), reference, staffLanguage(req));

  server.get(
    '/dashboard/api/feedback',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      res.send(200, await inbox.list(a.session, inboxQueryOf(req, a.session)));
    }),
  );

  server.get(
    '/dashboard/api/deadlines',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      const params = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
      const { agency } = parse(agencySchema, params);
      // Staff are held to their own agency (scopeOf ignores the filter for them); admins may pick one.
      res.send(
        200,
        await feedback.deadlineCounts(a.session, a.session.role === 'admin' ? agency : undefined),
      );
    }),
  );

  server.get(
    '/dashboard/api/feedback/:ref',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      res.send(200, await item(a, req, referenceOf(req)));
    }),
  );

  postItemAction(server, ctx, deps.item, {
    action: 'status',
    schema: statusSchema,
    change: async (a, reference, body) => {
      if (!(AGENCY_STATUSES as string[]).includes(body.status)) throw new ApiError(400, 'STATUS_INVALID');
      const status = body.status as FeedbackStatus;
      const note = body.note?.trim() || undefined;
      await actions.setStatus(actor(a), { reference, status, ...(note ? { note } : {}) });
    },
  });

  postItemAction(server, ctx, deps.item, {
    action: 'reply',
    schema: replySchema,
    change: async (a, reference, body) => {
      const text = body.text.trim();
      if (!text) throw new ApiError(400, 'TEXT_REQUIRED');
      await actions.reply(actor(a), reference, text);
    },
  });

  postItemAction(server, ctx, deps.item, {
    action: 'assign',
    schema: assignSchema,
    adminOnly: true,
    change: async (a, reference, { agencyId }) => {
      if (!(await deps.agencyIds()).includes(agencyId)) throw new ApiError(400, 'AGENCY_UNKNOWN');
      if (!(await actions.assign(actor(a), reference, agencyId))) throw new ApiError(409, 'NOT_UNROUTED');
    },
  });
}
