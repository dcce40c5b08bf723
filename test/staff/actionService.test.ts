/**
 * One path for every staff action: the dashboard (real HTTP) and the Teams app (real bot turns) share one
 * StaffActionService over one database. An officer of DBKL cannot change or reply to an MBPJ item through either
 * surface; both reach the shared service, both are refused with "not found", and nothing is written or audited.
 */
import { FeedbackNotFoundError, FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { AuditLog } from '../../services/staff/audit';
import {
  agencyActor,
  staffActor,
  StaffActionService,
  type Actor,
  type StatusRequest,
} from '../../services/staff/actionService';
import { StaffFeedback } from '../../services/staff/feedbackQueries';
import { StatusService } from '../../services/status/statusService';
import { testDb, type TestDb } from '../support/mongo';
import { loggedIn, makeRecord, startDashboard, type DashboardHarness } from '../dashboard/harness';
import { startTeams, type TeamsHarness } from '../teams/harness';

/** The real service, noting which surface reached it (a witness, not a mock: every call goes through). */
class WitnessedActions extends StaffActionService {
  readonly seen: string[] = [];
  override async setStatus(actor: Actor, req: StatusRequest) {
    this.seen.push(`${actor.via}:status`);
    return super.setStatus(actor, req);
  }
  override async reply(actor: Actor, reference: string, text: string) {
    this.seen.push(`${actor.via}:reply`);
    return super.reply(actor, reference, text);
  }
}

let database: TestDb;
let dashboard: DashboardHarness;
let teams: TeamsHarness;
let shared: WitnessedActions;
const mbpjItem = makeRecord({ agencyId: 'mbpj', text: 'Longkang tersumbat di Petaling Jaya' });
const dbklItem = makeRecord({ agencyId: 'dbkl', text: 'Lampu jalan padam di Jalan Ampang' });
const feedback = () => database.db.collection<FeedbackRecord>('feedback');

beforeAll(async () => {
  database = await testDb('shared_actions');
  const repo = new FeedbackRepository(database.db);
  shared = new WitnessedActions({
    feedback: new StaffFeedback(repo),
    audit: new AuditLog(database.db),
    status: new StatusService(repo),
  });
  dashboard = await startDashboard({ database: { ...database, close: async () => {} }, actions: shared });
  teams = await startTeams({ actions: shared }, { ...database, close: async () => {} });
  await feedback().insertMany([mbpjItem, dbklItem]);
});
afterAll(async () => {
  await dashboard?.close();
  await database?.close();
});

test("an officer of DBKL cannot act on MBPJ's item through the dashboard or Teams, and both go through the one service", async () => {
  const before = (await feedback().findOne({ _id: mbpjItem._id }))!;
  const officer = await loggedIn(dashboard.base, 'dbkl');

  const status = await officer.request('POST', `/dashboard/api/feedback/${mbpjItem._id}/status`, {
    status: 'resolved',
  });
  const reply = await officer.request('POST', `/dashboard/api/feedback/${mbpjItem._id}/reply`, {
    text: 'Kami akan datang esok.',
  });
  expect([status.status, status.body.error.code]).toEqual([404, 'NOT_FOUND']);
  expect([reply.status, reply.body.error.code]).toEqual([404, 'NOT_FOUND']);

  const [teamsStatus] = await teams.say('dbkl', `status ${mbpjItem._id} resolved`);
  const [teamsReply] = await teams.say('dbkl', `reply ${mbpjItem._id} Kami akan datang esok.`);
  expect(teamsStatus?.text).toBe(`I could not find feedback ${mbpjItem._id}.`);
  expect(teamsReply?.text).toBe(`I could not find feedback ${mbpjItem._id}.`);

  expect(shared.seen).toEqual(['dashboard:status', 'dashboard:reply', 'teams:status', 'teams:reply']);
  const after = (await feedback().findOne({ _id: mbpjItem._id }))!;
  expect(after.status).toBe(before.status);
  expect(after.statusHistory).toEqual(before.statusHistory);
  expect(after.replies).toBeUndefined();
  expect(await new AuditLog(database.db).forReference(mbpjItem._id)).toEqual([]);
});

test('the same service lets each surface act on its own agency and audits where the change came from', async () => {
  const officer = await loggedIn(dashboard.base, 'dbkl');
  const r = await officer.request('POST', `/dashboard/api/feedback/${dbklItem._id}/status`, {
    status: 'in_progress',
  });
  expect(r.status).toBe(200);
  const [done] = await teams.say('dbkl', `status ${dbklItem._id} resolved`);
  expect(done?.text).toBe(`${dbklItem._id} is now “Resolved”.`);
  const audit = await new AuditLog(database.db).forReference(dbklItem._id);
  expect(audit.map((e) => e.detail)).toEqual([
    { status: 'resolved', via: 'teams' },
    { status: 'in_progress', via: 'dashboard' },
  ]);
});

test("one error type for 'not found / not yours' straight from the service, for staff and agencies alike", async () => {
  const dbklStaff = staffActor({ role: 'staff', agencyId: 'dbkl', staffId: 'officer-a' }, 'dashboard');
  await expect(
    shared.setStatus(dbklStaff, { reference: mbpjItem._id, status: 'resolved' }),
  ).rejects.toBeInstanceOf(FeedbackNotFoundError);
  await expect(shared.reply(dbklStaff, mbpjItem._id, 'Hello')).rejects.toMatchObject({
    code: 'FEEDBACK_NOT_FOUND',
    reference: mbpjItem._id,
  });
  await expect(
    shared.setStatus(agencyActor('dbkl'), { reference: mbpjItem._id, status: 'resolved' }),
  ).rejects.toBeInstanceOf(FeedbackNotFoundError);
  const noAgency = staffActor({ role: 'staff', agencyId: null, staffId: 'orphan' }, 'teams');
  await expect(shared.detail(noAgency, dbklItem._id)).rejects.toBeInstanceOf(FeedbackNotFoundError);
  await expect(shared.reply(noAgency, dbklItem._id, 'Hello')).rejects.toBeInstanceOf(FeedbackNotFoundError);
});
