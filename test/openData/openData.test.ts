/** The public open data (/open-data, .json, .csv): equal to a direct count, small cells suppressed, nothing personal, cached. */
import type { FeedbackRecord } from '../../services/feedback/types';
import { startOpenData, type OpenDataHarness } from './harness';
import { item, PERSONAL, seedRecords } from './seed';

interface Cell {
  key: string;
  name: { en: string; ms: string };
  items: number | null;
}

async function get(
  h: OpenDataHarness,
  path: string,
): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(h.base + path);
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const cell = (list: Cell[], key: string) => list.find((c) => c.key === key);

describe('open data', () => {
  let h: OpenDataHarness;
  const records = seedRecords();
  beforeAll(async () => {
    h = await startOpenData(records);
  });
  afterAll(() => h?.close());

  it('the open-data figures equal a direct count on seeded data', async () => {
    const r = await get(h, '/open-data.json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    const d = JSON.parse(r.text);
    const col = h.db.collection<FeedbackRecord>('feedback');
    expect(d.total).toBe(await col.countDocuments({}));
    for (const c of d.byCategory as Cell[])
      if (c.items !== null)
        expect([c.key, c.items]).toEqual([c.key, await col.countDocuments({ category: c.key as never })]);
    expect(cell(d.byCategory, 'drainage')?.items).toBe(14);
    for (const c of d.byBody as Cell[])
      expect([c.key, c.items]).toEqual([c.key, await col.countDocuments({ agencyId: c.key })]);
    // DBKL is Kuala Lumpur's council, MBPJ Selangor's.
    expect(cell(d.byState, 'kul')?.items).toBe(await col.countDocuments({ agencyId: 'dbkl' }));
    expect(cell(d.byState, 'sgr')?.items).toBe(await col.countDocuments({ agencyId: 'mbpj' }));
    const inMonth = (from: string, to: string) =>
      col.countDocuments({
        createdAt: { $gte: new Date(`${from}T00:00:00+08:00`), $lt: new Date(`${to}T00:00:00+08:00`) },
      });
    expect(cell(d.byMonth, '2026-10')?.items).toBe(await inMonth('2026-10-01', '2026-11-01'));
    expect(cell(d.byMonth, '2026-11')?.items).toBe(await inMonth('2026-11-01', '2026-12-01'));
    expect(d.period).toEqual({ from: '2026-10', to: '2026-11' });
    // Acknowledged after 1 h (3 replies), 3 h ×6, 5–12 h ×8, 30 h ×6: 23 items, the 12th is 7 h.
    expect(d.overall.acknowledgeMedianHours).toBe(7);
    // Resolved after 48, 72, …, 216 h (8) and 400 h ×6: 14 items, median (192 + 216) / 2.
    expect(d.overall.resolveMedianHours).toBe(204);
    // Ratings: 6×5 and 2×2 (DBKL drains), 6×4 (DBKL roads): 12 of 14 rated 4–5.
    expect(d.overall.satisfied).toEqual({ share: 0.857, base: 14 });
    expect(d.overall.averageRating).toBe(Number(((6 * 5 + 2 * 2 + 6 * 4) / 14).toFixed(2)));
    const dbkl = (d.byBody as (Cell & { satisfied: unknown; resolveMedianHours: number | null })[]).find(
      (b) => b.key === 'dbkl',
    )!;
    expect(dbkl.satisfied).toEqual({ share: 0.857, base: 14 });
    expect(dbkl.resolveMedianHours).toBe(132); // 48…216 h: (120 + 144) / 2
  });

  it('a cell under 5 items is suppressed in JSON, CSV and the page', async () => {
    const d = JSON.parse((await get(h, '/open-data.json')).text);
    expect(cell(d.byCategory, 'streetlights')?.items).toBeNull(); // 3 items
    expect(cell(d.byCategory, 'waste')?.items).toBeNull(); // 2 items
    expect(cell(d.byCategory, 'roads')?.items).toBe(6);
    const mbpj = (d.byBody as { key: string; satisfied: unknown; averageRating: unknown }[]).find(
      (b) => b.key === 'mbpj',
    )!;
    expect([mbpj.satisfied, mbpj.averageRating]).toEqual([null, null]); // no ratings at all

    const csv = await get(h, '/open-data.csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('table,key,name_en,name_ms,measure,value,suppressed');
    expect(lines.find((l) => l.startsWith('category,streetlights,'))).toMatch(/,items,,yes$/);
    expect(lines.find((l) => l.startsWith('category,waste,'))).toMatch(/,items,,yes$/);
    expect(lines.find((l) => l.startsWith('category,drainage,'))).toMatch(/,items,14,no$/);

    for (const [lang, label, rule] of [
      ['ms', 'Lampu jalan', 'kurang daripada 5 maklum balas disembunyikan'],
      ['en', 'Street lights', 'fewer than 5 items is hidden'],
    ] as const) {
      const page = (await get(h, `/open-data?lang=${lang}`)).text;
      expect(page).toContain(rule);
      const row = page.match(new RegExp(`<tr><th scope="row">${label}</th>.*?</tr>`))?.[0] ?? '';
      expect(row).toContain('class="suppressed"');
      expect(row).toContain('&#60;5');
      expect(row).not.toMatch(/<td>3<\/td>/);
    }
  });

  it('the page offers the other language by its own name', async () => {
    expect((await get(h, '/open-data?lang=en')).text).toMatch(
      /<a href="\/open-data\?lang=ms" lang="ms" hreflang="ms">Bahasa Melayu<\/a>/,
    );
    expect((await get(h, '/open-data?lang=ms')).text).toMatch(
      /<a href="\/open-data\?lang=en" lang="en" hreflang="en">English<\/a>/,
    );
  });

  it('the open data holds no names, contacts or free text', async () => {
    const outputs = await Promise.all(
      ['/open-data.json', '/open-data.csv', '/open-data?lang=ms', '/open-data?lang=en'].map(
        async (p) => (await get(h, p)).text,
      ),
    );
    const secrets = [...Object.values(PERSONAL), ...records.map((r) => r._id), 'SRA-', 'stf_1', '50450'];
    for (const text of outputs) {
      expect(text.length).toBeGreaterThan(500);
      for (const s of secrets) expect([s, text.toLowerCase().includes(s.toLowerCase())]).toEqual([s, false]);
    }
  });

  it('a flood of requests costs one computation; figures refresh after the cache period, and the page says how old they are', async () => {
    const before = h.mounted.cache.computations;
    h.clock.now = new Date(h.clock.now.getTime() + 11 * 60_000); // past the first computation's 10 minutes
    const paths = ['/open-data.json', '/open-data.csv', '/open-data', '/open-data?lang=en'];
    const replies = await Promise.all(Array.from({ length: 40 }, (_, i) => get(h, paths[i % 4]!)));
    await h.mounted.cache.settled();
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(h.mounted.cache.computations).toBe(before + 1);

    await h.db.collection<FeedbackRecord>('feedback').insertOne(item('dbkl', 'drainage', '2026-11-27'));
    h.clock.now = new Date(h.clock.now.getTime() + 3 * 60_000);
    expect(JSON.parse((await get(h, '/open-data.json')).text).total).toBe(25); // still the cached figures
    expect((await get(h, '/open-data?lang=ms')).text).toContain('dikira 3 minit yang lalu');
    expect((await get(h, '/open-data?lang=en')).text).toContain('computed 3 minutes ago');
    h.clock.now = new Date(h.clock.now.getTime() + 8 * 60_000);
    // Stale: answered at once with the last figures while one refresh runs; the next request has the new ones.
    expect(JSON.parse((await get(h, '/open-data.json')).text).total).toBe(25);
    await h.mounted.cache.settled();
    expect(JSON.parse((await get(h, '/open-data.json')).text).total).toBe(26);
    expect(h.mounted.cache.computations).toBe(before + 2);
  });
});

describe('open data suppression across a table', () => {
  it('a single hidden count is not given away by the total: the next smallest is hidden too', async () => {
    const recs = [
      ...Array.from({ length: 10 }, (_, i) => item('dbkl', 'drainage', `2026-11-0${(i % 9) + 1}`)),
      ...Array.from({ length: 6 }, (_, i) => item('dbkl', 'roads', `2026-11-0${i + 1}`)),
      ...Array.from({ length: 2 }, (_, i) => item('dbkl', 'waste', `2026-11-0${i + 1}`)),
    ];
    const h = await startOpenData(recs);
    try {
      const d = JSON.parse(await (await fetch(`${h.base}/open-data.json`)).text());
      expect(d.total).toBe(18);
      expect((d.byCategory as Cell[]).map((c) => [c.key, c.items])).toEqual([
        ['drainage', 10],
        ['roads', null],
        ['waste', null],
      ]);
    } finally {
      await h.close();
    }
  });
});
