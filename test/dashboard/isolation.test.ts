/** Agency isolation over real HTTP: DBKL staff never see or change another agency's (or unrouted) feedback. */
import type { FeedbackRecord } from '../../services/feedback/types';
import { newReference } from '../../services/feedback/reference';
import {
  type Client,
  type DashboardHarness,
  insertRecords,
  loggedIn,
  makeRecord,
  startDashboard,
} from './harness';

describe('dashboard agency isolation', () => {
  let h: DashboardHarness;
  let dbkl: Client;
  const t0 = Date.parse('2025-03-01T08:00:00Z');
  const at = (min: number) => new Date(t0 + min * 60_000);
  const ours = [
    makeRecord({ createdAt: at(1) }),
    makeRecord({ createdAt: at(3) }),
    makeRecord({ createdAt: at(5), category: 'waste' }),
  ];
  const theirs = [
    makeRecord({ agencyId: 'mbpj', createdAt: at(2), text: 'Longkang tersumbat di Petaling Jaya' }),
    makeRecord({ agencyId: 'mbpj', createdAt: at(4) }),
  ];
  const unrouted = makeRecord({ agencyId: null, createdAt: at(6), text: 'Longkang tersumbat, tiada agensi' });
  const feedback = () => h.db.collection<FeedbackRecord>('feedback');

  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [...ours, ...theirs, unrouted]);
    dbkl = await loggedIn(h.base, 'dbkl');
  });
  afterAll(async () => h?.close());

  it('lists only the own agency, newest first, whatever the filters ask for', async () => {
    const r = await dbkl.request('GET', '/dashboard/api/feedback');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
    expect(r.body.items.map((i: { reference: string }) => i.reference)).toEqual([
      ours[2]!._id,
      ours[1]!._id,
      ours[0]!._id,
    ]);
    expect(r.body.items.every((i: { agencyId: string }) => i.agencyId === 'dbkl')).toBe(true);
    for (const agency of ['mbpj', 'unrouted']) {
      const other = await dbkl.request('GET', `/dashboard/api/feedback?agency=${agency}`);
      expect(other.body.items.map((i: { reference: string }) => i.reference).sort()).toEqual(
        ours.map((o) => o._id).sort(),
      );
    }
    const search = await dbkl.request(
      'GET',
      `/dashboard/api/feedback?q=${encodeURIComponent(theirs[0]!._id)}`,
    );
    expect(search.body).toMatchObject({ total: 0, items: [] });
    const words = await dbkl.request('GET', '/dashboard/api/feedback?q=Petaling');
    expect(words.body.total).toBe(0);
  });

  it('answers 404 for another agency’s reference, exactly like a reference that does not exist', async () => {
    const missing = await dbkl.request('GET', `/dashboard/api/feedback/${newReference()}`);
    expect(missing.status).toBe(404);
    for (const rec of [...theirs, unrouted]) {
      const r = await dbkl.request('GET', `/dashboard/api/feedback/${rec._id}`);
      expect(r.status).toBe(404);
      expect(r.body).toEqual(missing.body);
    }
    const own = await dbkl.request('GET', `/dashboard/api/feedback/${ours[0]!._id}`);
    expect(own.status).toBe(200);
    expect(own.body.reference).toBe(ours[0]!._id);
  });

  it('cannot change the status of, reply to, or assign another agency’s record', async () => {
    const target = theirs[1]!;
    const s = await dbkl.request('POST', `/dashboard/api/feedback/${target._id}/status`, {
      status: 'resolved',
      note: 'x',
    });
    expect(s.status).toBe(404);
    const r = await dbkl.request('POST', `/dashboard/api/feedback/${target._id}/reply`, { text: 'hello' });
    expect(r.status).toBe(404);
    const u = await dbkl.request('POST', `/dashboard/api/feedback/${unrouted._id}/status`, {
      status: 'closed',
    });
    expect(u.status).toBe(404);
    const a = await dbkl.request('POST', `/dashboard/api/feedback/${unrouted._id}/assign`, {
      agencyId: 'dbkl',
    });
    expect(a.status).toBe(403);
    const after = await feedback()
      .find({ _id: { $in: [target._id, unrouted._id] } })
      .toArray();
    for (const rec of after) {
      expect(rec.status).toBe('sent');
      expect(rec.statusHistory).toHaveLength(1);
      expect((rec as { replies?: unknown }).replies).toBeUndefined();
    }
    expect(after.find((x) => x._id === unrouted._id)?.agencyId).toBeNull();
    expect(
      await h.db.collection('auditLog').countDocuments({ reference: { $in: [target._id, unrouted._id] } }),
    ).toBe(0);
  });

  it('MBPJ staff, in their own session, see their records and not DBKL’s', async () => {
    const mbpj = await loggedIn(h.base, 'mbpj');
    const list = await mbpj.request('GET', '/dashboard/api/feedback');
    expect(list.body.items.map((i: { reference: string }) => i.reference)).toEqual([
      theirs[1]!._id,
      theirs[0]!._id,
    ]);
    expect((await mbpj.request('GET', `/dashboard/api/feedback/${ours[0]!._id}`)).status).toBe(404);
  });

  it('the admin sees every agency, one agency, or the "could not route" queue', async () => {
    const admin = await loggedIn(h.base, 'admin');
    expect((await admin.request('GET', '/dashboard/api/feedback')).body.total).toBe(6);
    const mbpj = await admin.request('GET', '/dashboard/api/feedback?agency=mbpj');
    expect(mbpj.body.items.map((i: { reference: string }) => i.reference).sort()).toEqual(
      theirs.map((x) => x._id).sort(),
    );
    const queue = await admin.request('GET', '/dashboard/api/feedback?agency=unrouted');
    expect(queue.body.items.map((i: { reference: string }) => i.reference)).toEqual([unrouted._id]);
    expect((await admin.request('GET', `/dashboard/api/feedback/${theirs[0]!._id}`)).status).toBe(200);
  });
});
