/** Staff-dashboard settings from the environment (zod). Listed in the report for `.env.example`. */
import { z } from 'zod';
import { cleanEnv, coreVars, staffVars, type Env } from '../config';

const schema = z.object({ ...staffVars, NODE_ENV: coreVars.NODE_ENV });

/** Validated staff settings. */
export interface StaffConfig {
  demoAccounts: boolean;
  sessionMs: number;
  maxFailures: number;
  windowMs: number;
}

/** Read the staff settings; throws a zod error naming the variable on bad values. */
export function loadStaffConfig(env: Env): StaffConfig {
  const c = schema.parse(cleanEnv(env));
  return {
    demoAccounts: c.NODE_ENV !== 'production' && c.STAFF_DEMO_ACCOUNTS !== 'false',
    sessionMs: c.STAFF_SESSION_HOURS * 3600 * 1000,
    maxFailures: c.STAFF_LOGIN_MAX_FAILURES,
    windowMs: c.STAFF_LOGIN_WINDOW_MINUTES * 60 * 1000,
  };
}
