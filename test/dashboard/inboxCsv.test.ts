/** CSV export of a filtered list over real HTTP: headers in the staff's language, same filters, contact rules. */
import type { FeedbackRecord } from '../../services/feedback/types';
import { getDefaultRouter } from '../../services/routing';
import {
  type Client,
  type DashboardHarness,
  insertRecords,
  loggedIn,
  makeRecord,
  startDashboard,
} from './harness';

/** Parse RFC 4180 CSV (quoted cells with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      cell += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe('inbox CSV export', () => {
  let h: DashboardHarness;
  let dbkl: Client;
  let admin: Client;
  const consented = makeRecord({
    category: 'roads',
    text: 'Jalan berlubang, "bahaya", sila baiki\nsegera',
    contact: { name: 'Aminah', phone: '+60123456789', email: 'aminah@example.my' },
  });
  const anonymous = makeRecord({
    category: 'roads',
    anonymous: true,
    consent: { contact: false },
    contact: { phone: '+60111111111' },
  });
  const formula = makeRecord({ category: 'drainage', text: '=HYPERLINK("http://evil.example","klik")' });
  const mbpj = makeRecord({ agencyId: 'mbpj', category: 'roads' });
  const get = async (c: Client, q: string) => {
    const res = await fetch(`${h.base}/dashboard/api/feedback.csv${q}`, {
      headers: {
        cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        'accept-language': c.language,
      },
    });
    return { res, rows: parseCsv((await res.text()).replace(/^\uFEFF/, '')) };
  };

  beforeAll(async () => {
    // Load the directory and calendars first: a first request that blocks the loop for seconds races the client's
    // pooled keep-alive sockets (ECONNRESET), which is not what this file tests.
    getDefaultRouter();
    h = await startDashboard();
    await insertRecords(h.db, [consented, anonymous, formula, mbpj]);
    await h.db
      .collection<FeedbackRecord>('feedback')
      .updateOne(
        { _id: consented._id },
        { $push: { notes: { id: 'n1', at: new Date(), by: 'staff:x', text: 'NOTA-RAHSIA' } } },
      );
    dbkl = await loggedIn(h.base, 'dbkl');
    admin = await loggedIn(h.base, 'admin');
  });
  afterAll(async () => h?.close());

  it('exports the filtered list with Malay headers, as an attachment named after the body and date', async () => {
    const { res, rows } = await get(dbkl, '?category=roads&lang=ms');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="suara-dbkl-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(rows[0]!.slice(0, 4)).toEqual(['Nombor rujukan', 'Jenis', 'Kategori', 'Status']);
    expect(
      rows
        .slice(1)
        .map((r) => r[0])
        .sort(),
    ).toEqual([consented._id, anonymous._id].sort());
    const row = rows.find((r) => r[0] === consented._id)!;
    expect(row[7]).toBe('Jalan berlubang, "bahaya", sila baiki\nsegera');
    const en = await get(dbkl, '?category=roads&lang=en');
    expect(en.rows[0]!.slice(0, 2)).toEqual(['Reference number', 'Type']);
  });

  it('gives contact details only where the citizen consented, only to staff of that body; never notes', async () => {
    const { rows } = await get(dbkl, '');
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    const byRef = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byRef.get(consented._id)![col('Contact phone')]).toBe('+60123456789');
    expect(byRef.get(anonymous._id)![col('Contact phone')]).toBe('');
    expect(rows.flat().join(' ')).not.toContain('NOTA-RAHSIA');
    const all = await get(admin, '');
    expect(all.rows).toHaveLength(5);
    expect(all.rows.flat().join(' ')).not.toContain('+60123456789');
  });

  it('defuses cells a spreadsheet would run as a formula', async () => {
    const { rows } = await get(dbkl, '?category=drainage');
    expect(rows[1]![7]).toBe(`'=HYPERLINK("http://evil.example","klik")`);
  });
});
