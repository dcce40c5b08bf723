/**
 * The staff dashboard on the one restify server: `GET /dashboard` (the page) and the JSON API under
 * `/dashboard/api/`. The composition root calls `mountDashboard` once and prints the returned demo logins.
 */
import type { Db } from 'mongodb';
import type restify from 'restify';
import { DEFAULT_AGENCIES_PATH, loadAgencies } from '../../../services/agencies/directory';
import type { Language } from '../../../services/feedback/types';
import { createLocalizer } from '../../../services/i18n';
import type { Logger } from '../../../services/log';
import { createStaffServices, type StaffServices } from '../../../services/staff';
import { loadStaffConfig } from '../../../services/staff/config';
import {
  DEFAULT_STAFF_FILE,
  demoLoginLines,
  disableDemoAccounts,
  loadDemoAccounts,
  seedDemoAccounts,
} from '../../../services/staff/seed';
import { mountAuthRoutes } from './authRoutes';
import type { StaffActionService } from '../../../services/staff/actionService';
import { mountFeedbackRoutes } from './feedbackRoutes';
import { mountInboxRoutes } from './inboxRoutes';
import { createItemReader } from './itemDetail';
import { UploadsRepository } from '../../../services/directline/uploads';
import { MongoTranscriptStore } from '../../../services/state/transcriptStore';
import type { DashboardContext } from './http';
import { mountPage, type AgencyOption } from './page';
import { processEnv, type Env } from '../../../services/config';

/** What the dashboard needs from the composition root. */
export interface DashboardDeps {
  db: Db;
  /** The one staff-action service (shared with Teams and the agency API). */
  actions: StaffActionService;
  agencyName(id: string, lang: Language): string;
  /** Public base URL; cookies get `Secure` when it is https. */
  publicUrl?: string;
  log: Logger;
  /** Environment to read settings from (tests); defaults to the process environment. */
  env?: Env;
  /** Demo-account file (tests); defaults to data/staff.json. */
  staffFile?: string;
}

/** What mounting returns: the lines to print at start-up, and the services (for tests and tools). */
export interface MountedDashboard {
  demoLogins: string;
  services: StaffServices;
  /** Re-create staff indexes and demo accounts (idempotent; for the SeedKeeper). */
  ensureSeed(): Promise<void>;
}

/** Ids of the agency directory: the `agencies` collection, or the directory files (data/bodies) when it is empty. */
function agencyIdsFrom(db: Db): () => Promise<string[]> {
  let fileIds: string[] | undefined;
  return async () => {
    const docs = await db
      .collection<{ _id: string }>('agencies')
      .find({}, { projection: { _id: 1 } })
      .toArray();
    if (docs.length) return docs.map((d) => String(d._id)).sort();
    fileIds ??= loadAgencies(DEFAULT_AGENCIES_PATH).map((a) => a.id);
    return fileIds;
  };
}

/** Mount the staff dashboard (page + API) and seed the demo accounts when allowed. */
export async function mountDashboard(server: restify.Server, deps: DashboardDeps): Promise<MountedDashboard> {
  const config = loadStaffConfig(deps.env ?? processEnv());
  const services = await createStaffServices(deps.db, config);
  const localizer = createLocalizer();
  const ctx: DashboardContext = {
    services,
    t: localizer.t,
    log: deps.log,
    secure: /^https:/i.test(deps.publicUrl ?? ''),
    windowMinutes: Math.round(config.windowMs / 60000),
  };
  const names = (id: string) => ({ en: deps.agencyName(id, 'en'), ms: deps.agencyName(id, 'ms') });
  const agencyIds = agencyIdsFrom(deps.db);
  const agencies = async (): Promise<AgencyOption[]> =>
    (await agencyIds()).map((id) => ({ id, name: names(id) }));

  mountAuthRoutes(server, ctx, names);
  const item = createItemReader({
    actions: deps.actions,
    inbox: services.inbox,
    feedbackRepo: services.feedbackRepo,
    transcripts: new MongoTranscriptStore(deps.db, 365), // read only: retention is set by the bot's store
    agencyName: deps.agencyName,
    t: ctx.t,
  });
  mountFeedbackRoutes(server, ctx, { actions: deps.actions, agencyIds, item });
  const uploads = new UploadsRepository(deps.db, 0); // read only
  mountInboxRoutes(server, ctx, { actions: deps.actions, item, uploads, agencyName: deps.agencyName });
  mountPage(server, ctx, agencies);

  const url = `${(deps.publicUrl ?? '').replace(/\/+$/, '')}/dashboard`;
  let demoLogins: string;
  if (config.demoAccounts) {
    const accounts = loadDemoAccounts(deps.staffFile ?? DEFAULT_STAFF_FILE);
    const created = await seedDemoAccounts(services.staff, accounts);
    if (created) deps.log.info('staff demo accounts seeded', { created });
    demoLogins = demoLoginLines(url, accounts);
  } else {
    const disabled = await disableDemoAccounts(services.staff, services.sessions);
    if (disabled) deps.log.warn('staff demo accounts disabled', { disabled });
    demoLogins = `  Staff dashboard: ${url}  (add an account: npm run staff -- add <agencyId> <email>)`;
  }
  const ensureSeed = async () => {
    await createStaffServices(deps.db, config);
    if (config.demoAccounts)
      await seedDemoAccounts(services.staff, loadDemoAccounts(deps.staffFile ?? DEFAULT_STAFF_FILE));
  };
  return { demoLogins, services, ensureSeed };
}
