/**
 * Staff login: count the attempt first (atomic, per email+IP; over the limit → refused without checking), then the
 * scrypt check (same cost for unknown emails), then a new session.
 */
import type { LoginLimiter } from './loginLimiter';
import { verifyDummy, verifyPassword } from './password';
import { toProfile, type StaffRepository } from './repository';
import type { NewSession, SessionStore } from './sessions';
import type { StaffProfile } from './types';

/** Why a login did not succeed (stable codes). */
export type LoginFailure = 'LOGIN_FAILED' | 'LOGIN_RATE_LIMITED' | 'ACCOUNT_DISABLED';

/** Outcome of a login attempt. */
export type LoginResult =
  { ok: true; staff: StaffProfile; session: NewSession } | { ok: false; code: LoginFailure };

/** What the login needs. */
export interface AuthDeps {
  staff: StaffRepository;
  sessions: SessionStore;
  limiter: LoginLimiter;
}

/** Check credentials and start a session. Unknown email and wrong password are indistinguishable to the caller. */
export async function login(
  deps: AuthDeps,
  email: string,
  password: string,
  ip: string,
): Promise<LoginResult> {
  if (!(await deps.limiter.attempt(email, ip))) return { ok: false, code: 'LOGIN_RATE_LIMITED' };
  const account = await deps.staff.findByEmail(email);
  let good = false;
  if (account) good = await verifyPassword(password, account.passwordHash);
  else await verifyDummy(password);
  if (!account || !good) return { ok: false, code: 'LOGIN_FAILED' };
  if (account.disabled) return { ok: false, code: 'ACCOUNT_DISABLED' };
  await deps.limiter.reset(email, ip);
  const staff = toProfile(account);
  return { ok: true, staff, session: await deps.sessions.create(staff) };
}
