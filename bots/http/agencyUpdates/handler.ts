/**
 * `POST /api/agencies/:id/updates`, framework-free: verify the agency's signature (same scheme as our webhooks,
 * 5-minute window, each signature usable once), validate `{reference, status, note?, language?}`, apply it within
 * that agency's records only (404 otherwise) through the StaffActionService, like the dashboard and Teams. Answers carry a stable `code` and a localized `message`.
 */
import { z } from 'zod';
import type { Agency } from '../../../services/agencies/types';
import { parseReference } from '../../../services/feedback/reference';
import { parseBoundedJson } from '../../../services/json/bounded';
import type { Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import { DEFAULT_TOLERANCE_SECONDS, verifySignature } from '../../../services/delivery/signature';
import { FeedbackNotFoundError } from '../../../services/feedback/repository';
import {
  agencyActor,
  FeedbackConflictError,
  type StaffActionService,
} from '../../../services/staff/actionService';
import { AGENCY_STATUSES, MAX_NOTE } from '../../../services/status/statusService';
import type { ReplayGuard } from '../../../services/status/replayGuard';
import type { Env } from '../../../services/config';

/** The signing secret an agency uses for its updates, or undefined when it has none. */
export type SecretFor = (agencyId: string) => Promise<string | undefined>;

/**
 * Default: the env var named by the agency's webhook endpoint (`secretEnv`), or its Open311 `apiKeyEnv`. Email and
 * inbox bodies have no signing secret: they report status in the dashboard (or by replying to the email).
 */
export function agencySecretFrom(findAgency: (id: string) => Promise<Agency | null>, env: Env): SecretFor {
  return async (id) => {
    const a = await findAgency(id);
    const e = a?.endpoint;
    if (e?.kind === 'webhook') return env[e.secretEnv] || undefined;
    if (e?.kind === 'open311') return env[e.apiKeyEnv] || undefined;
    return undefined;
  };
}

const bodySchema = z
  .object({
    reference: z.string().min(1).max(40),
    status: z.enum(AGENCY_STATUSES as [string, ...string[]]),
    note: z.string().max(MAX_NOTE).optional(),
    language: z.enum(['en', 'ms']).optional(),
    /** Optional id of the update on the agency's side; makes otherwise identical requests distinct. */
    updateId: z.string().max(100).optional(),
  })
  .strict();

/** Dependencies of the handler. */
export interface AgencyUpdateDeps {
  secretFor: SecretFor;
  guard: ReplayGuard;
  /** The one action path (scope, change, audit, notify). */
  actions: Pick<StaffActionService, 'setStatus'>;
  t: Translate;
  now?: () => Date;
}

/** The incoming request, already read. */
export interface AgencyUpdateRequest {
  agencyId: string;
  timestamp?: string;
  signature?: string;
  rawBody: string;
  /** Language for error messages (from Accept-Language). */
  language: Language;
}

/** A reply: HTTP status and JSON body. */
export interface JsonReply {
  status: number;
  body: Record<string, unknown>;
}

/** Handle one update. Never throws for bad input. */
export async function handleAgencyUpdate(
  req: AgencyUpdateRequest,
  deps: AgencyUpdateDeps,
): Promise<JsonReply> {
  const { t } = deps;
  const lng = req.language;
  const fail = (status: number, code: string, key: string, vars?: Record<string, string>): JsonReply => ({
    status,
    body: { error: { code, message: t(lng, `notifications:api.${key}`, vars) } },
  });
  const secret = /^[a-z][a-z0-9_-]{0,63}$/.test(req.agencyId)
    ? await deps.secretFor(req.agencyId)
    : undefined;
  if (!secret) return fail(404, 'AGENCY_NOT_FOUND', 'unknownAgency');
  const now = deps.now?.() ?? new Date();
  const check = verifySignature({
    secret,
    timestamp: req.timestamp,
    signature: req.signature,
    body: req.rawBody,
    now,
  });
  if (!check.ok) return fail(401, check.code, 'badSignature');
  const fresh = await deps.guard.firstUse(
    `${req.agencyId}:${check.signature}`,
    DEFAULT_TOLERANCE_SECONDS * 1000,
    now,
  );
  if (!fresh) return fail(401, 'SIGNATURE_REPLAYED', 'replayed');
  let json: unknown;
  try {
    json = parseBoundedJson(req.rawBody);
  } catch {
    return fail(400, 'BODY_INVALID', 'badBody', { detail: 'not JSON' });
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    if (i.path[0] === 'status') return fail(400, 'STATUS_INVALID', 'badStatus');
    return fail(400, 'BODY_INVALID', 'badBody', { detail: `${i.path.join('.') || 'body'}: ${i.message}` });
  }
  const ref = parseReference(parsed.data.reference);
  if (!ref.ok) return fail(400, 'REFERENCE_INVALID', 'badReference');
  let result;
  try {
    result = await deps.actions.setStatus(agencyActor(req.agencyId), {
      reference: ref.reference,
      status: parsed.data.status as (typeof AGENCY_STATUSES)[number],
      ...(parsed.data.note ? { note: parsed.data.note } : {}),
      ...(parsed.data.language ? { noteLanguage: parsed.data.language } : {}),
      at: now,
    });
  } catch (e) {
    if (e instanceof FeedbackNotFoundError) return fail(404, 'FEEDBACK_NOT_FOUND', 'notFound');
    if (e instanceof FeedbackConflictError) return fail(503, 'CONFLICT', 'serverError');
    throw e;
  }
  return {
    status: 200,
    body: {
      reference: ref.reference,
      status: result.status,
      changed: result.changed,
      notified: result.notified,
    },
  };
}
