/** Deadlines over real HTTP: the list and the item carry due dates and flags, and counts stay within the body. */
import type { FeedbackRecord } from '../../services/feedback/types';
import {
  type Client,
  type DashboardHarness,
  insertRecords,
  loggedIn,
  makeRecord,
  startDashboard,
} from './harness';

describe('dashboard deadlines', () => {
  let h: DashboardHarness;
  let dbkl: Client;
  let mbpj: Client;
  let admin: Client;
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
  const old = daysAgo(60);
  const overdue = [makeRecord({ createdAt: old }), makeRecord({ createdAt: daysAgo(40), category: 'waste' })];
  const resolvedInTime = makeRecord({
    createdAt: old,
    status: 'resolved',
    statusHistory: [
      { status: 'received', at: old },
      { status: 'acknowledged', at: new Date(old.getTime() + 60_000) },
      { status: 'resolved', at: new Date(old.getTime() + 120_000) },
    ],
  });
  const fresh = makeRecord({ createdAt: new Date() });
  const theirs = [0, 1, 2].map(() => makeRecord({ agencyId: 'mbpj', createdAt: old }));

  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [...overdue, resolvedInTime, fresh, ...theirs] as FeedbackRecord[]);
    dbkl = await loggedIn(h.base, 'dbkl');
    mbpj = await loggedIn(h.base, 'mbpj');
    admin = await loggedIn(h.base, 'admin');
  });
  afterAll(async () => h?.close());

  it('shows each row of the list with its due dates and an overdue flag, for the own body only', async () => {
    const r = await dbkl.request('GET', '/dashboard/api/feedback');
    expect(r.status).toBe(200);
    const byRef = new Map(
      r.body.items.map((i: { reference: string; deadline: unknown }) => [i.reference, i.deadline]),
    );
    expect(byRef.size).toBe(4);
    for (const o of overdue)
      expect(byRef.get(o._id)).toMatchObject({ flag: 'overdue', acknowledge: 'overdue', resolve: 'overdue' });
    expect(byRef.get(resolvedInTime._id)).toMatchObject({ flag: null, acknowledge: 'met', resolve: 'met' });
    const f = byRef.get(fresh._id) as { flag: string | null; acknowledgeBy: string; resolveBy: string };
    expect(f.flag).not.toBe('overdue');
    expect(Date.parse(f.acknowledgeBy)).toBeGreaterThan(Date.now());
    expect(Date.parse(f.resolveBy)).toBeGreaterThan(Date.parse(f.acknowledgeBy));
  });

  it('shows the deadline in the item view, and another body’s item stays not found', async () => {
    const mine = await dbkl.request('GET', `/dashboard/api/feedback/${overdue[0]!._id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.deadline).toMatchObject({ flag: 'overdue' });
    const other = await dbkl.request('GET', `/dashboard/api/feedback/${theirs[0]!._id}`);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.body)).not.toContain('deadline');
  });

  it('counts today’s overdue items per body, the own body only for staff, whatever agency the URL asks for', async () => {
    const own = await dbkl.request('GET', '/dashboard/api/deadlines');
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ overdue: 2, open: 3 });
    expect((await dbkl.request('GET', '/dashboard/api/deadlines?agency=mbpj')).body).toEqual(own.body);
    expect((await mbpj.request('GET', '/dashboard/api/deadlines')).body).toMatchObject({
      overdue: 3,
      open: 3,
    });
    expect(own.body.byAgency).toEqual({ dbkl: { overdue: 2, dueSoon: expect.any(Number), open: 3 } });
    const all = await admin.request('GET', '/dashboard/api/deadlines');
    expect(all.body.byAgency).toMatchObject({ dbkl: { overdue: 2, open: 3 }, mbpj: { overdue: 3, open: 3 } });
    expect((await admin.request('GET', '/dashboard/api/deadlines?agency=mbpj')).body).toMatchObject({
      overdue: 3,
      open: 3,
    });
  });
});
