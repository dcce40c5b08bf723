/**
 * `POST /api/teams/messages` over real HTTP on 127.0.0.1: the CloudAdapter authenticates (anonymous when no app id is
 * configured, 401 without a token when one is), the app answers (expectReplies puts the answers in the response),
 * and linking by Teams email asks a connector on 127.0.0.1 for the member's profile.
 */
import restify from 'restify';
import { createTeamsAdapter, loadTeamsConfig, mountTeams, TeamsConfigError } from '../../bots/channels/teams';
import { listen } from '../../bots/http/server';
import { StaffRepository } from '../../services/staff/repository';
import { startTeams, TENANT, USERS, type TeamsHarness } from './harness';

const servers: restify.Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

async function serve(h: TeamsHarness, env: NodeJS.ProcessEnv): Promise<string> {
  const server = restify.createServer({ name: 'suara-teams-test', handleUncaughtExceptions: false });
  mountTeams(server, h.app, createTeamsAdapter(loadTeamsConfig(env)));
  servers.push(server);
  return `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}/api/teams/messages`;
}

const activity = (over: Record<string, unknown> = {}) => ({
  type: 'message',
  id: 'm1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/',
  deliveryMode: 'expectReplies',
  locale: 'en-US',
  from: { id: '29:dbkl', aadObjectId: USERS.dbkl.aad },
  recipient: { id: '28:suara-staff-bot' },
  conversation: { id: 'a:personal-dbkl', conversationType: 'personal', tenantId: TENANT },
  text: 'help',
  ...over,
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('mounted endpoint', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeams();
  });
  afterAll(async () => {
    await h.close();
  });

  test('without an app id (local testing) a turn runs and its replies come back', async () => {
    const url = await serve(h, {});
    const res = await post(url, activity());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: { text: string }[] };
    expect(body.activities).toHaveLength(1);
    expect(body.activities[0]!.text).toContain(`You are signed in as ${USERS.dbkl.email}`);
  });

  test('with an app id, a request without a Bot Framework token is refused', async () => {
    const url = await serve(h, {
      TEAMS_APP_ID: '00000000-0000-0000-0000-000000000001',
      TEAMS_APP_PASSWORD: 'not-a-real-secret',
    });
    const res = await post(url, activity({ text: `status SRA-AAAA-AAAA resolved` }));
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain('not-a-real-secret');
  });

  test('a body that is not JSON is a 400', async () => {
    const url = await serve(h, {});
    expect((await post(url, '{not json')).status).toBe(400);
  });
});

describe('configuration', () => {
  test('defaults, and a SingleTenant app without a tenant id is refused by name', () => {
    expect(loadTeamsConfig({})).toEqual({
      appId: '',
      appPassword: '',
      tenantId: '',
      appType: 'MultiTenant',
      staffLinks: '',
      linkByEmail: false,
    });
    expect(() => loadTeamsConfig({ TEAMS_APP_TYPE: 'SingleTenant' })).toThrow(TeamsConfigError);
    expect(() => loadTeamsConfig({ TEAMS_APP_TYPE: 'SingleTenant' })).toThrow(/TEAMS_APP_TENANT_ID/);
    expect(() => loadTeamsConfig({ TEAMS_APP_TYPE: 'Other' })).toThrow(/TEAMS_APP_TYPE/);
    expect(() => loadTeamsConfig({ TEAMS_LINK_BY_EMAIL: 'true' })).toThrow(
      /only that tenant may link by email/,
    );
    expect(loadTeamsConfig({ TEAMS_LINK_BY_EMAIL: 'true', TEAMS_APP_TENANT_ID: TENANT })).toMatchObject({
      linkByEmail: true,
      tenantId: TENANT,
    });
  });
});

describe('linking by Teams email', () => {
  const NEW_AAD = '5abe8b6d-6c7f-4b8a-8d9e-0f1a2b3c4d56';
  let h: TeamsHarness;
  let connectorUrl: string;
  const asked: string[] = [];
  beforeAll(async () => {
    h = await startTeams({ linkByEmail: { tenantId: TENANT } });
    await new StaffRepository(h.db).add({
      email: 'nurul.dbkl@staff.suara.test',
      password: 'test-password-for-teams',
      agencyId: 'dbkl',
      role: 'staff',
    });
    // A stand-in for the Teams connector's "get member" API, on 127.0.0.1.
    const connector = restify.createServer({ name: 'fake-teams-connector', handleUncaughtExceptions: false });
    connector.get('/v3/conversations/:conversation/members/:member', async (req, res) => {
      asked.push(String(req.params.member));
      const known = req.params.member === '29:nurul';
      res.send(
        known ? 200 : 404,
        known
          ? {
              id: '29:nurul',
              aadObjectId: NEW_AAD,
              name: 'Nurul',
              email: 'Nurul.DBKL@staff.suara.test',
              userPrincipalName: 'nurul.dbkl@staff.suara.test',
            }
          : { error: { code: 'NotFound' } },
      );
    });
    servers.push(connector);
    connectorUrl = `http://127.0.0.1:${await listen(connector, 0, '127.0.0.1')}/`;
  });
  afterAll(async () => {
    await h.close();
  });

  test('a user of the configured tenant whose Teams email is a staff account is linked on first message', async () => {
    const url = await serve(h, {});
    const res = await post(
      url,
      activity({ serviceUrl: connectorUrl, from: { id: '29:nurul', aadObjectId: NEW_AAD } }),
    );
    const body = (await res.json()) as { activities: { text: string }[] };
    expect(body.activities[0]!.text).toContain('You are signed in as nurul.dbkl@staff.suara.test');
    expect(await h.db.collection('teamsStaffLinks').findOne({ _id: NEW_AAD as never })).toMatchObject({
      email: 'nurul.dbkl@staff.suara.test',
      source: 'teams-email',
    });
    // The link is stored: the next message does not ask the connector again.
    const before = asked.length;
    await post(url, activity({ serviceUrl: connectorUrl, from: { id: '29:nurul', aadObjectId: NEW_AAD } }));
    expect(asked.length).toBe(before);
  });

  test('another tenant, or an email with no staff account, is not linked', async () => {
    const url = await serve(h, {});
    const other = '6bcf9c7e-7d8a-4c9b-9eaf-1a2b3c4d5e67';
    const before = asked.length;
    const foreign = await post(
      url,
      activity({
        serviceUrl: connectorUrl,
        from: { id: '29:nurul', aadObjectId: other },
        conversation: {
          id: 'a:x',
          conversationType: 'personal',
          tenantId: '11111111-2222-4333-8444-555555555555',
        },
      }),
    );
    expect(((await foreign.json()) as { activities: { text: string }[] }).activities[0]!.text).toMatch(
      /^Sorry, your Teams account is not linked/,
    );
    expect(asked.length).toBe(before); // never asked: wrong tenant
    const unknown = await post(
      url,
      activity({ serviceUrl: connectorUrl, from: { id: '29:someone', aadObjectId: other } }),
    );
    expect(((await unknown.json()) as { activities: { text: string }[] }).activities[0]!.text).toMatch(
      /^Sorry, your Teams account is not linked/,
    );
    expect(asked.at(-1)).toBe('29:someone');
    expect(await h.db.collection('teamsStaffLinks').findOne({ _id: other as never })).toBeNull();
  });
});
