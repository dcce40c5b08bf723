/** The inbox's query string (list and CSV): validated with zod; staff never get another body by `agency=`. */
import type { Request } from 'restify';
import { z } from 'zod';
import { CATEGORY_IDS } from '../../../services/agencies/types';
import { FEEDBACK_STATUSES } from '../../../services/feedback/types';
import type { InboxQuery } from '../../../services/staff/inbox';
import type { StaffSession } from '../../../services/staff/types';
import { ApiError, issueDetail } from './http';

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const MYT = '+08:00';

/** Filters of the list and the export. */
export const inboxQuerySchema = z.object({
  status: z.preprocess(blank, z.enum(FEEDBACK_STATUSES).optional()),
  category: z.preprocess(blank, z.enum(CATEGORY_IDS).optional()),
  from: z.preprocess(blank, day.optional()),
  to: z.preprocess(blank, day.optional()),
  due: z.preprocess(blank, z.enum(['overdue', 'soon']).optional()),
  assigned: z.preprocess(
    blank,
    z
      .string()
      .regex(/^(me|none|stf_[A-Za-z0-9]{1,64})$/)
      .optional(),
  ),
  place: z.preprocess(blank, z.string().max(100).optional()),
  q: z.preprocess(blank, z.string().max(100).optional()),
  agency: z.preprocess(
    blank,
    z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/)
      .optional(),
  ),
  sort: z.preprocess(blank, z.enum(['age', 'oldest', 'deadline', 'activity']).optional()),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100000).default(1)),
  lang: z.preprocess(blank, z.enum(['en', 'ms']).optional()),
});

/** A YYYY-MM-DD day in Malaysia as the moment it starts (`next`: the day after it). */
function dayStart(iso: string, next = false): Date {
  const at = new Date(`${iso}T00:00:00${MYT}`);
  if (Number.isNaN(at.getTime())) throw new ApiError(400, 'BODY_INVALID', { detail: `date ${iso}` });
  return next ? new Date(at.getTime() + 86_400_000) : at;
}

/** The inbox query of a request (400 BODY_INVALID when a filter is not valid). */
export function inboxQueryOf(req: Request, session: Pick<StaffSession, 'role'>): InboxQuery {
  const params = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
  const r = inboxQuerySchema.safeParse(params);
  if (!r.success) throw new ApiError(400, 'BODY_INVALID', { detail: issueDetail(r.error.issues) });
  const { from, to, lang, agency, ...rest } = r.data;
  void lang;
  return {
    ...Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)),
    ...(from ? { from: dayStart(from) } : {}),
    ...(to ? { to: dayStart(to, true) } : {}),
    // Staff are always held to their own body (scopeOf ignores it too); admins may pick one.
    ...(agency && session.role === 'admin' ? { agency } : {}),
  } as InboxQuery;
}
