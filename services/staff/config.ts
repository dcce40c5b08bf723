/** Staff-dashboard settings from the environment (zod). Listed in the report for `.env.example`. */
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.string().optional(),
  /** 'false' turns the demo accounts of data/staff.json off (they are always off in production). */
  STAFF_DEMO_ACCOUNTS: z.enum(['true', 'false']).default('true'),
  /** Session lifetime in hours. */
  STAFF_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** Failed logins allowed per email+IP within the window. */
  STAFF_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** The failed-login window in minutes. */
  STAFF_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
});

/** Validated staff settings. */
export interface StaffConfig {
  demoAccounts: boolean;
  sessionMs: number;
  maxFailures: number;
  windowMs: number;
}

/** Read the staff settings; throws a zod error naming the variable on bad values. */
export function loadStaffConfig(env: NodeJS.ProcessEnv = process.env): StaffConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const c = schema.parse(cleaned);
  return {
    demoAccounts: c.NODE_ENV !== 'production' && c.STAFF_DEMO_ACCOUNTS !== 'false',
    sessionMs: c.STAFF_SESSION_HOURS * 3600 * 1000,
    maxFailures: c.STAFF_LOGIN_MAX_FAILURES,
    windowMs: c.STAFF_LOGIN_WINDOW_MINUTES * 60 * 1000,
  };
}
