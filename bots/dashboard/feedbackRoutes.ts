/**
 * The feedback API. Every handler resolves the session first and reads records only through the scoped queries of
 * `services/staff/feedbackQueries`, so another agency's reference answers 404 exactly like a reference that does not
 * exist. Every change is written to the audit log.
 */
import type { Request, Server } from 'restify';
import { z } from 'zod';
import { CATEGORY_IDS } from '../../services/agencies/types';
import { parseReference } from '../../services/feedback/reference';
import { FEEDBACK_STATUSES, type FeedbackStatus } from '../../services/feedback/types';
import { AGENCY_STATUSES, MAX_NOTE } from '../../services/status/statusService';
import {
  ApiError,
  issueDetail,
  readJson,
  requireSession,
  route,
  type Authed,
  type DashboardContext,
} from './http';

export type { ApplyStatus, SendReply } from '../../services/status/statusService';
import type { ApplyStatus, SendReply } from '../../services/status/statusService';

/** What the feedback routes need beyond the context. */
export interface FeedbackRouteDeps {
  applyStatus: ApplyStatus;
  sendReply: SendReply;
  /** Ids of every agency (to validate an admin's assignment). */
  agencyIds: () => Promise<string[]>;
}

/** Longest reply. */
export const MAX_REPLY = 2000;

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const listSchema = z.object({
  status: z.preprocess(blankToUndefined, z.enum(FEEDBACK_STATUSES).optional()),
  category: z.preprocess(blankToUndefined, z.enum(CATEGORY_IDS).optional()),
  q: z.preprocess(blankToUndefined, z.string().max(100).optional()),
  agency: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/)
      .optional(),
  ),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100000).default(1)),
});
const statusSchema = z.object({ status: z.string(), note: z.string().max(MAX_NOTE).optional() });
const replySchema = z.object({ text: z.string().max(MAX_REPLY) });
const assignSchema = z.object({ agencyId: z.string().max(64) });

function referenceOf(req: Request): string {
  const parsed = parseReference(String(req.params?.ref ?? '').slice(0, 40));
  if (!parsed.ok) throw new ApiError(404, 'NOT_FOUND');
  return parsed.reference;
}

function parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiError(400, 'BODY_INVALID', { detail: issueDetail(r.error.issues) });
  return r.data;
}

/** "not found" from a dependency (the record vanished or moved) becomes our 404. */
async function callDependency(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    if (code === 'NOT_FOUND' || code === 'FEEDBACK_NOT_FOUND') throw new ApiError(404, 'NOT_FOUND');
    throw e;
  }
}

/** Add the feedback routes. */
export function mountFeedbackRoutes(server: Server, ctx: DashboardContext, deps: FeedbackRouteDeps): void {
  const { feedback, audit } = ctx.services;
  /** The record must be visible to this session, else 404. */
  const mustSee = async (a: Authed, reference: string) => {
    if (!(await feedback.find(a.session, reference))) throw new ApiError(404, 'NOT_FOUND');
  };

  server.get(
    '/dashboard/api/feedback',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      const params = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
      const query = parse(listSchema, params);
      if (a.session.role !== 'admin') delete query.agency; // staff are always held to their own agency
      res.send(200, await feedback.list(a.session, query));
    }),
  );

  server.get(
    '/dashboard/api/feedback/:ref',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: false });
      const detail = await feedback.detail(a.session, referenceOf(req));
      if (!detail) throw new ApiError(404, 'NOT_FOUND');
      res.send(200, detail);
    }),
  );

  server.post(
    '/dashboard/api/feedback/:ref/status',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: true });
      const reference = referenceOf(req);
      const body = parse(statusSchema, await readJson(req));
      if (!(AGENCY_STATUSES as string[]).includes(body.status)) throw new ApiError(400, 'STATUS_INVALID');
      const status = body.status as FeedbackStatus;
      await mustSee(a, reference);
      const note = body.note?.trim() || undefined;
      await callDependency(() => deps.applyStatus(reference, status, note, `staff:${a.session.staffId}`));
      await audit.record({
        staffId: a.session.staffId,
        agencyId: a.session.agencyId,
        action: 'status',
        reference,
        detail: { status },
      });
      res.send(200, await feedback.detail(a.session, reference));
    }),
  );

  server.post(
    '/dashboard/api/feedback/:ref/reply',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: true });
      const reference = referenceOf(req);
      const text = parse(replySchema, await readJson(req)).text.trim();
      if (!text) throw new ApiError(400, 'TEXT_REQUIRED');
      await mustSee(a, reference);
      await callDependency(() => deps.sendReply(reference, text, `staff:${a.session.staffId}`));
      await audit.record({
        staffId: a.session.staffId,
        agencyId: a.session.agencyId,
        action: 'reply',
        reference,
      });
      res.send(200, await feedback.detail(a.session, reference));
    }),
  );

  server.post(
    '/dashboard/api/feedback/:ref/assign',
    route(ctx, async (req, res) => {
      const a = await requireSession(ctx, req, { csrf: true });
      if (a.session.role !== 'admin') throw new ApiError(403, 'FORBIDDEN');
      const reference = referenceOf(req);
      const { agencyId } = parse(assignSchema, await readJson(req));
      if (!(await deps.agencyIds()).includes(agencyId)) throw new ApiError(400, 'AGENCY_UNKNOWN');
      await mustSee(a, reference);
      if (!(await feedback.assign(a.session, reference, agencyId))) throw new ApiError(409, 'NOT_UNROUTED');
      await audit.record({
        staffId: a.session.staffId,
        agencyId: a.session.agencyId,
        action: 'assign',
        reference,
        detail: { agencyId },
      });
      res.send(200, await feedback.detail(a.session, reference));
    }),
  );
}
