/** Teams staff-app settings from the environment (zod). Listed in the report for `.env.example`. */
import { z } from 'zod';
import { teamsVars, type Env } from '../../../services/config';

const schema = z
  .object(teamsVars)
  .refine((c) => c.TEAMS_LINK_BY_EMAIL === 'false' || c.TEAMS_APP_TENANT_ID !== '', {
    message:
      'TEAMS_APP_TENANT_ID is required when TEAMS_LINK_BY_EMAIL is true (only that tenant may link by email)',
    path: ['TEAMS_APP_TENANT_ID'],
  })
  .refine((c) => c.TEAMS_APP_TYPE !== 'SingleTenant' || c.TEAMS_APP_TENANT_ID !== '', {
    message: 'TEAMS_APP_TENANT_ID is required when TEAMS_APP_TYPE is SingleTenant',
    path: ['TEAMS_APP_TENANT_ID'],
  });

/** Validated Teams settings. */
export interface TeamsConfig {
  appId: string;
  appPassword: string;
  tenantId: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  staffLinks: string;
  linkByEmail: boolean;
}

/** Thrown for a bad Teams setting; the message names the variable. */
export class TeamsConfigError extends Error {
  readonly code = 'TEAMS_CONFIG_INVALID';
}

/** Read the Teams settings; throws TeamsConfigError naming the variable on bad values. */
export function loadTeamsConfig(env: Env): TeamsConfig {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('TEAMS_') && v !== ''),
  );
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new TeamsConfigError(`${i.path.join('.')}: ${i.message}`);
  }
  const c = r.data;
  return {
    appId: c.TEAMS_APP_ID,
    appPassword: c.TEAMS_APP_PASSWORD,
    tenantId: c.TEAMS_APP_TENANT_ID,
    appType: c.TEAMS_APP_TYPE,
    staffLinks: c.TEAMS_STAFF_LINKS,
    linkByEmail: c.TEAMS_LINK_BY_EMAIL === 'true',
  };
}
