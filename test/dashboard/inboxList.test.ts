/** The inbox list over real HTTP: filters, sorts, counts per status, pages, and the due filter agreeing with the flags. */
import type { FeedbackRecord, FeedbackStatus } from '../../services/feedback/types';
import {
  type Client,
  type DashboardHarness,
  insertRecords,
  loggedIn,
  makeRecord,
  startDashboard,
} from './harness';

type Row = {
  reference: string;
  status: string;
  due: { state: string };
  createdAt: string;
  lastActivityAt: string;
};

describe('inbox list', () => {
  let h: DashboardHarness;
  let dbkl: Client;
  const now = Date.now();
  const hours = [0.5, 3, 20, 30, 50, 75, 100, 150, 200, 260, 330, 400, 480, 560, 700, 900];
  const statuses: FeedbackStatus[] = ['sent', 'acknowledged', 'in_progress', 'resolved'];
  const records: FeedbackRecord[] = hours.map((hr, i) => {
    const createdAt = new Date(now - hr * 3_600_000);
    const status = statuses[i % statuses.length]!;
    return makeRecord({
      createdAt,
      updatedAt: new Date(now - (i % 5) * 60_000),
      status,
      category: i % 3 === 0 ? 'roads' : 'drainage',
      location: i % 4 === 0 ? { text: 'Jalan Tun Razak', place: 'Kampung Baru' } : { text: 'Jalan Ampang' },
      statusHistory: [
        { status: 'received', at: createdAt },
        ...(status !== 'sent' ? [{ status, at: new Date(createdAt.getTime() + 3_600_000) }] : []),
      ],
    });
  });
  const extra = Array.from({ length: 9 }, (_, i) => {
    const createdAt = new Date(Date.parse('2025-01-10T02:00:00Z') + i * 86_400_000);
    return makeRecord({
      createdAt,
      status: 'closed',
      statusHistory: [
        { status: 'received', at: createdAt },
        { status: 'closed', at: new Date(createdAt.getTime() + 86_400_000) },
      ],
    });
  });
  const mbpj = makeRecord({ agencyId: 'mbpj', createdAt: new Date(now - 3_600_000) });

  const all = async (query = ''): Promise<Row[]> => {
    const rows: Row[] = [];
    for (let page = 1; ; page++) {
      const r = await dbkl.request('GET', `/dashboard/api/feedback?${query}&page=${page}`);
      expect(r.status).toBe(200);
      rows.push(...r.body.items);
      if (page >= r.body.pages) return rows;
    }
  };

  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [...records, ...extra, mbpj]);
    dbkl = await loggedIn(h.base, 'dbkl');
  });
  afterAll(async () => h?.close());

  it('pages through the own body newest first, with counts per status for the same filters', async () => {
    const first = await dbkl.request('GET', '/dashboard/api/feedback');
    expect(first.body).toMatchObject({ total: 25, page: 1, pageSize: 20, pages: 2 });
    expect(first.body.counts).toEqual({ sent: 4, acknowledged: 4, in_progress: 4, resolved: 4, closed: 9 });
    const rows = await all();
    expect(rows).toHaveLength(25);
    const times = rows.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(rows.every((r) => ['overdue', 'soon', 'ok', 'done'].includes(r.due.state))).toBe(true);
    const filtered = await dbkl.request('GET', '/dashboard/api/feedback?status=sent&category=roads');
    expect(filtered.body.items.every((i: Row) => i.status === 'sent')).toBe(true);
    expect(filtered.body.counts.sent).toBe(filtered.body.total);
    expect(Object.values(filtered.body.counts as Record<string, number>).reduce((a, b) => a + b)).toBe(
      records.filter((r) => r.category === 'roads').length,
    );
  });

  it('sorts oldest first and by last activity', async () => {
    const oldest = await all('sort=oldest');
    expect(oldest[0]!.reference).toBe(extra[0]!._id);
    const activity = await all('sort=activity');
    const at = activity.map((r) => Date.parse(r.lastActivityAt));
    expect(at).toEqual([...at].sort((a, b) => b - a));
  });

  it('filters by a date range in Malaysian days, by place words and by text', async () => {
    const jan = await all('from=2025-01-11&to=2025-01-13');
    expect(jan.map((r) => r.reference).sort()).toEqual([extra[1]!._id, extra[2]!._id, extra[3]!._id].sort());
    const place = await all('place=kampung%20baru');
    expect(place.map((r) => r.reference).sort()).toEqual(
      records
        .filter((r) => r.location?.place === 'Kampung Baru')
        .map((r) => r._id)
        .sort(),
    );
    const none = await all('place=Petaling');
    expect(none).toHaveLength(0);
  });

  it('the due filter agrees with the flags each row shows', async () => {
    const rows = await all();
    for (const [due, state] of [
      ['overdue', 'overdue'],
      ['soon', 'soon'],
    ] as const) {
      const expected = rows
        .filter((r) => r.due.state === state)
        .map((r) => r.reference)
        .sort();
      const got = (await all(`due=${due}`)).map((r) => r.reference).sort();
      expect(got).toEqual(expected);
    }
    expect(rows.some((r) => r.due.state === 'overdue')).toBe(true);
  });

  it('answers a bad filter with 400 and a message, not a crash', async () => {
    for (const q of ['from=yesterday', 'due=late', 'assigned=someone', 'sort=random', 'status=open']) {
      const r = await dbkl.request('GET', `/dashboard/api/feedback?${q}`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('BODY_INVALID');
    }
  });
});
