/** The Teams staff app: build it, mount it, prepare its collections, post channel cards. The composition root uses only this file. */
import type { CloudAdapter } from 'botbuilder';
import type { Db } from 'mongodb';
import { FeedbackRepository } from '../../../services/feedback/repository';
import type { Language } from '../../../services/feedback/types';
import type { Localizer } from '../../../services/i18n';
import { silentLogger, type Logger } from '../../../services/log';
import { StaffFeedback, type Viewer } from '../../../services/staff/feedbackQueries';
import { StaffRepository } from '../../../services/staff/repository';
import { channelCard } from './cards';
import { TeamsCardPoster, type CardPosterDeps } from './cardPoster';
import { TeamsCardQueue } from './cardQueue';
import { cloudCardTransport, type CardTransport } from './cardTransport';
import { TeamsChannelLinks } from './channelLinks';
import type { TeamsConfig } from './config';
import { TeamsStaffLinks } from './links';

export { createTeamsApp, teamsLanguage, type TeamsAppDeps, type MemberEmail } from './app';
export { loadTeamsConfig, TeamsConfigError, type TeamsConfig } from './config';
export { TeamsStaffLinks, type TeamsStaff } from './links';
export { createTeamsAdapter, mountTeams, TEAMS_MESSAGES_PATH } from './mount';
export { TeamsCardPoster } from './cardPoster';
export { TeamsChannelLinks } from './channelLinks';
export { TeamsCardQueue } from './cardQueue';

/** Create the Teams collections' indexes and apply `TEAMS_STAFF_LINKS` (idempotent); returns how many were seeded. */
export async function prepareTeams(
  db: Db,
  config: Pick<TeamsConfig, 'staffLinks'>,
  log: Logger = silentLogger,
): Promise<number> {
  const links = new TeamsStaffLinks(db);
  await Promise.all([
    links.ensureIndexes(),
    new TeamsChannelLinks(db).ensureIndexes(),
    new TeamsCardQueue(db).ensureIndexes(),
  ]);
  const seeded = config.staffLinks ? await links.seed(config.staffLinks) : 0;
  if (seeded) log.info('teams staff links seeded', { count: seeded });
  return seeded;
}

/** What channel cards need from the composition root. */
export interface TeamsCardsDeps {
  db: Db;
  /** The Teams CloudAdapter and the bot's app id (proactive posts), or another transport (tests). */
  transport: { adapter: CloudAdapter; appId: string } | CardTransport;
  l10n: Localizer;
  agencyName(id: string, lang: Language): string;
  log?: Logger;
  backoff?: CardPosterDeps['backoff'];
}

/** The body's own view of its items: a channel card shows only what an officer of that body may see. */
const bodyViewer = (agencyId: string): Viewer => ({
  role: 'staff',
  agencyId,
  staffId: `teams-channel:${agencyId}`,
});

/** The channel-card poster over the feedback records (read through the body-scoped staff queries). */
export function createTeamsCards(deps: TeamsCardsDeps): TeamsCardPoster {
  const feedback = new StaffFeedback(new FeedbackRepository(deps.db));
  const staff = new StaffRepository(deps.db);
  const transport =
    'adapter' in deps.transport
      ? cloudCardTransport(deps.transport.adapter, deps.transport.appId)
      : deps.transport;
  return new TeamsCardPoster({
    cards: new TeamsCardQueue(deps.db),
    links: new TeamsChannelLinks(deps.db),
    transport,
    render: async (agencyId, reference, lang) => {
      const d = await feedback.detail(bodyViewer(agencyId), reference);
      const record = d ? await feedback.find(bodyViewer(agencyId), reference) : null;
      if (!d || !record) return null;
      const assigneeId = record.assignee?.staffId;
      const names = assigneeId ? await staff.namesOf([assigneeId]) : new Map<string, string>();
      return channelCard({ t: deps.l10n.t, lang, agencyName: deps.agencyName }, d, {
        assignee: assigneeId ? (names.get(assigneeId) ?? assigneeId) : null,
        notes: record.notes?.length ?? 0,
        duplicates: record.duplicates ?? [],
      });
    },
    newest: async (agencyId, page) =>
      (await feedback.list(bodyViewer(agencyId), { page })).items.map((i) => ({
        reference: i.reference,
        createdAt: i.createdAt,
      })),
    ...(deps.log ? { log: deps.log } : {}),
    ...(deps.backoff ? { backoff: deps.backoff } : {}),
  });
}
