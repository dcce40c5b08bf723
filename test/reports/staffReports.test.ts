/** Staff reports over real HTTP and the MongoDB stand-in: scoping, periods, known-answer times, CSV. */
import { quantile } from '../../services/reports';
import { item } from '../openData/seed';
import { type DashboardHarness, insertRecords, loggedIn, startDashboard } from '../dashboard/harness';

describe('staff reports', () => {
  let h: DashboardHarness;
  // Resolve times (hours) of the known-answer set: median (7 + 9) / 2 = 8; p90 at rank 8.1: 20 + 0.1 × (30 − 20) = 21.
  const resolveHours = [30, 2, 4, 4, 5, 7, 9, 10, 12, 20];
  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [
      ...resolveHours.map((r, i) =>
        item('dbkl', i < 6 ? 'drainage' : 'roads', `2026-11-0${(i % 9) + 1}`, {
          ack: 1 + i,
          resolve: r,
          rating: i < 7 ? 5 : 3,
        }),
      ),
      item('mbpj', 'waste', '2026-10-05'),
      item('mbpj', 'waste', '2026-10-06', { reply: 2 }),
    ]);
  });
  afterAll(() => h?.close());

  it("a DBKL officer's report holds only DBKL items; an admin's can pick a body", async () => {
    const dbkl = await loggedIn(h.base, 'dbkl');
    for (const path of ['/dashboard/api/reports', '/dashboard/api/reports?agency=mbpj']) {
      const r = await dbkl.request('GET', path);
      expect(r.status).toBe(200);
      expect(r.body.total).toBe(10);
      expect(r.body.agency).toBe('dbkl');
      expect(r.body.volumes.byAgency.map((a: { key: string }) => a.key)).toEqual(['dbkl']);
      expect(r.body.volumes.byCategory.map((a: { key: string }) => a.key).sort()).toEqual([
        'drainage',
        'roads',
      ]);
    }
    const csv = await dbkl.request('GET', '/dashboard/api/reports.csv?agency=mbpj&lang=en');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/suara-statistics-dbkl-/);
    expect(csv.body.html).toContain('body,dbkl,');
    expect(csv.body.html).not.toMatch(/mbpj|waste/);

    const admin = await loggedIn(h.base, 'admin');
    expect((await admin.request('GET', '/dashboard/api/reports')).body.total).toBe(12);
    const mbpj = await admin.request('GET', '/dashboard/api/reports?agency=mbpj');
    expect(mbpj.body.total).toBe(2);
    expect(mbpj.body.agency).toBe('mbpj');
    expect(mbpj.body.volumes.byAgency).toEqual([
      { key: 'mbpj', name: 'Petaling Jaya City Council', count: 2 },
    ]);
    // One of the two was acknowledged by a reply after 2 hours; the other never was.
    expect(mbpj.body.acknowledge).toEqual({ medianHours: 2, p90Hours: 2, n: 1 });
    const admCsv = await admin.request('GET', '/dashboard/api/reports.csv?agency=mbpj&lang=ms');
    expect(admCsv.body.html.split('\r\n')[0]).toBe('bahagian,kunci,nama,nilai');
  });

  it('median and 90th percentile time to resolve on a known-answer set', async () => {
    expect(quantile([2, 4, 4, 5, 7, 9, 10, 12, 20, 30], 0.5)).toBe(8);
    expect(quantile([2, 4, 4, 5, 7, 9, 10, 12, 20, 30], 0.9)).toBeCloseTo(21);
    expect(quantile([1, 2, 3], 0.5)).toBe(2);
    expect(quantile([5], 0.9)).toBe(5);
    expect(quantile([], 0.5)).toBeNull();

    const dbkl = await loggedIn(h.base, 'dbkl');
    const r = await dbkl.request('GET', '/dashboard/api/reports');
    expect(r.body.resolve).toEqual({ medianHours: 8, p90Hours: 21, n: 10 });
    // Acknowledged after 1…10 hours: median 5.5, p90 at rank 8.1: 9 + 0.1 = 9.1.
    expect(r.body.acknowledge).toEqual({ medianHours: 5.5, p90Hours: 9.1, n: 10 });
    // Filed at 10:00 and acknowledged within 10 hours: all within 1 working day. Resolved within 30 hours: all in 15.
    expect(r.body.compliance.acknowledge).toEqual({ met: 10, total: 10, share: 1 });
    expect(r.body.compliance.resolve).toEqual({ met: 10, total: 10, share: 1 });
    expect(r.body.satisfaction).toEqual({ rated: 10, positive: 7, share: 0.7, average: 4.4 });
  });

  it('a period keeps to its days (Malaysian time), fills empty weeks, and a wrong day is a polite 400', async () => {
    const admin = await loggedIn(h.base, 'admin');
    const oct = await admin.request('GET', '/dashboard/api/reports?from=2026-10-01&to=2026-10-31');
    expect(oct.body.total).toBe(2);
    expect(oct.body.volumes.byMonth).toEqual([{ month: '2026-10', count: 2 }]);
    const all = await admin.request('GET', '/dashboard/api/reports');
    const weeks = all.body.volumes.byWeek.map((w: { week: string }) => w.week);
    expect(weeks[0]).toBe('2026-W41');
    expect(weeks.at(-1)).toBe('2026-W46'); // Monday 9 November
    expect(weeks).toHaveLength(6);
    const bad = await admin.request('GET', '/dashboard/api/reports?from=2026-02-30');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BODY_INVALID');
    const anon = await (await fetch(`${h.base}/dashboard/api/reports`)).json();
    expect(anon.error.code).toBe('UNAUTHENTICATED');
  });
});
