/** `POST /dashboard/api/login`, `POST /dashboard/api/logout`, `GET /dashboard/api/me`. */
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import { login } from '../../../services/staff/auth';
import { newToken } from '../../../services/staff/sessions';
import type { StaffProfile, StaffSession } from '../../../services/staff/types';
import { CSRF_COOKIE, SESSION_COOKIE, cookie, readCookies, setCookies } from './cookies';
import {
  ApiError,
  clientIp,
  csrfHeader,
  readJson,
  requireSession,
  route,
  type DashboardContext,
} from './http';

const loginSchema = z.object({ email: z.string().max(254), password: z.string().min(1).max(200) });

/** Names of an agency in both languages. */
export type AgencyNames = (id: string) => { en: string; ms: string };

/** The signed-in member as the page sees it (the id lets the page offer "assign to me"). */
export function profileView(
  s:
    | Pick<StaffProfile, '_id' | 'email' | 'role' | 'agencyId'>
    | Pick<StaffSession, 'staffId' | 'email' | 'role' | 'agencyId'>,
  names: AgencyNames,
) {
  return {
    id: '_id' in s ? s._id : s.staffId,
    email: s.email,
    role: s.role,
    agencyId: s.agencyId,
    agencyName: s.agencyId ? names(s.agencyId) : null,
  };
}

/** Give the browser a pre-session CSRF cookie if it has none (double submit for the login POST). */
export function ensureCsrfCookie(ctx: DashboardContext, req: Request, res: Response): void {
  if (readCookies(req)[CSRF_COOKIE]) return;
  setCookies(res, [cookie(CSRF_COOKIE, newToken(), { httpOnly: false, secure: ctx.secure })]);
}

/** Add the session routes. */
export function mountAuthRoutes(server: Server, ctx: DashboardContext, names: AgencyNames): void {
  server.post(
    '/dashboard/api/login',
    route(ctx, async (req, res) => {
      csrfHeader(req);
      const body = loginSchema.safeParse(await readJson(req));
      if (!body.success) throw new ApiError(400, 'LOGIN_FAILED');
      const r = await login(ctx.services, body.data.email, body.data.password, clientIp(req));
      if (!r.ok) {
        if (r.code === 'LOGIN_RATE_LIMITED') throw new ApiError(429, r.code, { minutes: ctx.windowMinutes });
        throw new ApiError(r.code === 'ACCOUNT_DISABLED' ? 403 : 401, r.code);
      }
      const maxAge = (r.session.session.expiresAt.getTime() - Date.now()) / 1000;
      setCookies(res, [
        cookie(SESSION_COOKIE, r.session.token, { httpOnly: true, secure: ctx.secure, maxAge }),
        cookie(CSRF_COOKIE, r.session.csrfToken, { httpOnly: false, secure: ctx.secure, maxAge }),
      ]);
      await ctx.services.audit.record({ staffId: r.staff._id, agencyId: r.staff.agencyId, action: 'login' });
      res.send(200, { staff: profileView(r.staff, names), csrfToken: r.session.csrfToken });
    }),
  );

  server.post(
    '/dashboard/api/logout',
    route(ctx, async (req, res) => {
      const { session, token } = await requireSession(ctx, req, { csrf: true });
      await ctx.services.sessions.end(token);
      await ctx.services.audit.record({
        staffId: session.staffId,
        agencyId: session.agencyId,
        action: 'logout',
      });
      setCookies(res, [
        cookie(SESSION_COOKIE, '', { httpOnly: true, secure: ctx.secure, maxAge: 0 }),
        cookie(CSRF_COOKIE, newToken(), { httpOnly: false, secure: ctx.secure }),
      ]);
      res.send(200, { ok: true });
    }),
  );

  server.get(
    '/dashboard/api/me',
    route(ctx, async (req, res) => {
      ensureCsrfCookie(ctx, req, res);
      const { session } = await requireSession(ctx, req, { csrf: false });
      res.send(200, { staff: profileView(session, names) });
    }),
  );
}
