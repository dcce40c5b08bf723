/** The Teams staff app on a fresh test database, driven through botbuilder's TestAdapter as Teams would drive it. */
import { makeRecord as baseRecord } from '../support/records';
import type { Application, TurnState } from '@microsoft/teams-ai';
import { TestAdapter, type Activity, type Storage } from 'botbuilder';
import type { Collection, Db } from 'mongodb';
import { createTeamsApp, prepareTeams, type TeamsAppDeps } from '../../bots/channels/teams';
import { loadAgencies } from '../../services/agencies/directory';
import type { FeedbackRecord } from '../../services/feedback/types';
import { createLocalizer } from '../../services/i18n';
import { StaffRepository } from '../../services/staff/repository';
import { MongoStateStore } from '../../services/state/mongoStateStore';
import { testDb, type TestDb } from '../support/mongo';
import { staffActions } from '../support/staffActions';

/** Teams users of the tests. `email: null` has no staff account; `disabled` has a disabled one. */
export const USERS = {
  dbkl: {
    aad: '0b6f3c1e-1d2a-4c3b-9e4f-5a6b7c8d9e01',
    email: 'siti.dbkl@staff.suara.test',
    agencyId: 'dbkl',
    role: 'staff',
  },
  mbpj: {
    aad: '1c7a4d2f-2e3b-4d4c-8f5a-6b7c8d9e0f12',
    email: 'raj.mbpj@staff.suara.test',
    agencyId: 'mbpj',
    role: 'staff',
  },
  admin: {
    aad: '2d8b5e3a-3f4c-4e5d-9a6b-7c8d9e0f1a23',
    email: 'admin.teams@staff.suara.test',
    agencyId: null,
    role: 'admin',
  },
  disabled: {
    aad: '3e9c6f4b-4a5d-4f6e-8b7c-8d9e0f1a2b34',
    email: 'left.dbkl@staff.suara.test',
    agencyId: 'dbkl',
    role: 'staff',
  },
  stranger: { aad: '4fad7a5c-5b6e-4a7f-9c8d-9e0f1a2b3c45', email: null, agencyId: null, role: 'staff' },
} as const;

/** A user of the tests. */
export type UserKey = keyof typeof USERS;

/** The tenant of the tests. */
export const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const agencies = new Map(loadAgencies().map((a) => [a.id, a]));

/** Agency display name, as the composition root gives it. */
export function agencyName(id: string, lang: 'en' | 'ms'): string {
  return agencies.get(id)?.name[lang] ?? id;
}

/** A feedback record in the `feedback` collection's shape (the shared one, as Teams tests expect it); `over` wins. */
export function makeRecord(over: Partial<FeedbackRecord> = {}): FeedbackRecord {
  const now = over.createdAt ?? new Date();
  return baseRecord({
    text: 'Longkang tersumbat di Jalan Ampang, air bertakung sejak minggu lepas',
    statusHistory: [
      { status: 'received', at: now },
      { status: 'sent', at: now },
    ],
    channel: { channelId: 'telegram', conversationReference: { conversation: { id: 'tg-conversation-1' } } },
    contact: { name: 'Aminah binti Yusof', phone: '+60123456789' },
    ...over,
  });
}

/** A running app. */
export interface TeamsHarness {
  db: Db;
  app: Application<TurnState>;
  feedback: Collection<FeedbackRecord>;
  /**
   * Send one activity as `user` (text, or a card submit's value; `from` overrides the user) and return the replies.
   * `where` places it in another conversation (a Teams channel: `inChannel(...)`); a personal chat by default.
   */
  say(
    user: UserKey,
    input: string | Partial<Activity>,
    locale?: string,
    where?: Partial<Activity>,
  ): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

/** Staff accounts for every user with an email; links seeded through TEAMS_STAFF_LINKS (the stranger has none). */
export async function startTeams(
  extra: Partial<TeamsAppDeps> = {},
  database?: TestDb,
): Promise<TeamsHarness> {
  const t = database ?? (await testDb('teams'));
  const repo = new StaffRepository(t.db);
  await repo.ensureIndexes();
  const seed: string[] = [];
  for (const u of Object.values(USERS)) {
    if (!u.email) continue;
    await repo.add({
      email: u.email,
      password: 'test-password-for-teams',
      agencyId: u.agencyId,
      role: u.role,
    });
    seed.push(`${u.aad}=${u.email}`);
  }
  await repo.disable(USERS.disabled.email);
  await prepareTeams(t.db, { staffLinks: seed.join(', ') });
  const app = createTeamsApp({
    db: t.db,
    storage: new MongoStateStore(t.db) as unknown as Storage,
    actions: staffActions(t.db),
    agencyName,
    l10n: createLocalizer(),
    ...extra,
  });
  const say = async (
    user: UserKey,
    input: string | Partial<Activity>,
    locale = 'en-US',
    where: Partial<Activity> = {},
  ) => {
    const u = USERS[user];
    const adapter = new TestAdapter(async (ctx) => void (await app.run(ctx)), {
      channelId: 'msteams',
      locale,
      from: (typeof input !== 'string' && input.from) || { id: `29:${user}`, name: user, aadObjectId: u.aad },
      recipient: { id: '28:suara-staff-bot', name: 'Suara' },
      conversation: {
        id: `a:personal-${user}`,
        conversationType: 'personal',
        tenantId: TENANT,
      } as Activity['conversation'],
      ...where,
    });
    const activity =
      typeof input === 'string' ? { type: 'message', text: input } : { type: 'message', ...input };
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(0);
  };
  return { db: t.db, app, feedback: t.db.collection<FeedbackRecord>('feedback'), say, close: t.close };
}

/** The Adaptive Card of a reply (throws when there is none). */
export function cardOf(reply: Partial<Activity> | undefined): Record<string, any> {
  const a = reply?.attachments?.[0];
  if (a?.contentType !== 'application/vnd.microsoft.card.adaptive')
    throw new Error(`no adaptive card in ${JSON.stringify(reply)}`);
  return a.content as Record<string, any>;
}

/** Every string in a card (to look for texts without caring about layout). */
export function cardStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(cardStrings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(cardStrings);
  return [];
}

/** Every Action.Submit `data` in a card. */
export function submits(node: unknown): Record<string, unknown>[] {
  if (Array.isArray(node)) return node.flatMap(submits);
  if (!node || typeof node !== 'object') return [];
  const o = node as Record<string, unknown>;
  const own = o.type === 'Action.Submit' ? [o.data as Record<string, unknown>] : [];
  return [...own, ...Object.values(o).flatMap(submits)];
}

/** A Teams channel (`19:…@thread.tacv2`) of the test tenant, posted to through the connector at `serviceUrl`. */
export function inChannel(teamsChannelId: string, serviceUrl: string): Partial<Activity> {
  return {
    serviceUrl,
    conversation: {
      id: `${teamsChannelId};messageid=1700000000000`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    } as Activity['conversation'],
    channelData: {
      channel: { id: teamsChannelId },
      team: { id: '19:team@thread.tacv2' },
      tenant: { id: TENANT },
    },
  };
}
