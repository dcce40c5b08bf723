/** The Teams staff app: build it, mount it, prepare its collection. The composition root uses only this file. */
import type { Db } from 'mongodb';
import { silentLogger, type Logger } from '../../../services/log';
import type { TeamsConfig } from './config';
import { TeamsStaffLinks } from './links';

export { createTeamsApp, teamsLanguage, type TeamsAppDeps, type MemberEmail } from './app';
export { loadTeamsConfig, TeamsConfigError, type TeamsConfig } from './config';
export { TeamsStaffLinks, type TeamsStaff } from './links';
export { createTeamsAdapter, mountTeams, TEAMS_MESSAGES_PATH } from './mount';

/** Create the `teamsStaffLinks` index and apply `TEAMS_STAFF_LINKS` (idempotent); returns how many were seeded. */
export async function prepareTeams(
  db: Db,
  config: Pick<TeamsConfig, 'staffLinks'>,
  log: Logger = silentLogger,
): Promise<number> {
  const links = new TeamsStaffLinks(db);
  await links.ensureIndexes();
  const seeded = config.staffLinks ? await links.seed(config.staffLinks) : 0;
  if (seeded) log.info('teams staff links seeded', { count: seeded });
  return seeded;
}
