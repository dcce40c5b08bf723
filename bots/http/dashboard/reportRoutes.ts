/**
 * Staff reports: `GET /dashboard/api/reports` (figures as JSON) and `/dashboard/api/reports.csv` (the same figures as
 * CSV rows). Staff always get their own body (an `agency` they pass is ignored); admins get all bodies, one, or the
 * "could not route" queue with `agency=<id>|unrouted`. Period: `from`/`to` days (YYYY-MM-DD, Malaysian time, inclusive).
 */
import type { Request, Server } from 'restify';
import { z } from 'zod';
import type { Language } from '../../../services/feedback/types';
import type { FeedbackRepository } from '../../../services/feedback/repository';
import { periodOf, ReportService, staffReportCsv } from '../../../services/reports';
import { ApiError, issueDetail, languageOf, requireSession, route, type DashboardContext } from './http';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const day = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
);
const reportSchema = z.object({
  from: day,
  to: day,
  agency: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^[a-z][a-z0-9_-]{0,63}$/)
      .optional(),
  ),
  lang: z.preprocess(blankToUndefined, z.enum(['en', 'ms']).optional()),
});

function queryOf(req: Request): z.infer<typeof reportSchema> {
  const params = Object.fromEntries(new URL(req.url ?? '/', 'http://localhost').searchParams);
  const r = reportSchema.safeParse(params);
  if (!r.success) throw new ApiError(400, 'BODY_INVALID', { detail: issueDetail(r.error.issues) });
  if (!periodOf(r.data)) throw new ApiError(400, 'BODY_INVALID', { detail: 'from/to' });
  return r.data;
}

/** Add the report routes (figures through the feedback repository's aggregation reads; `reports` for tests). */
export function mountReportRoutes(
  server: Server,
  ctx: DashboardContext,
  feedback: Pick<FeedbackRepository, 'aggregates'>,
  reports = new ReportService({ facts: feedback.aggregates, t: ctx.t }),
): void {
  const report = async (req: Request) => {
    const a = await requireSession(ctx, req, { csrf: false });
    const q = queryOf(req);
    const lang: Language = q.lang ?? languageOf(req);
    const query = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
    // scopeOf inside the service holds staff to their own body; only an admin's `agency` is passed on.
    if (a.session.role === 'admin' && q.agency) Object.assign(query, { agency: q.agency });
    return { lang, figures: await reports.staffReport(a.session, query, lang) };
  };

  server.get(
    '/dashboard/api/reports',
    route(ctx, async (req, res) => {
      res.send(200, (await report(req)).figures);
    }),
  );

  server.get(
    '/dashboard/api/reports.csv',
    route(ctx, async (req, res) => {
      const { lang, figures } = await report(req);
      const who = figures.agency ?? 'all';
      const date = figures.generatedAt.slice(0, 10);
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="suara-statistics-${who}-${date}.csv"`);
      res.sendRaw(200, staffReportCsv(figures, ctx.t, lang));
    }),
  );
}
