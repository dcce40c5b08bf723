/** Reading, changing status, replying and assigning over real HTTP; every change lands in the record and the audit log. */
import type { FeedbackRecord } from '../../services/feedback/types';
import {
  type Client,
  type DashboardHarness,
  insertRecords,
  loggedIn,
  makeRecord,
  startDashboard,
} from './harness';

describe('dashboard actions', () => {
  let h: DashboardHarness;
  let dbkl: Client;
  const feedback = () => h.db.collection<FeedbackRecord>('feedback');
  const consented = makeRecord({
    text: 'Lampu jalan padam di Jalan Tun Razak',
    category: 'streetlights',
    attachments: [
      { contentType: 'image/jpeg', name: 'lampu.jpg', url: 'https://files.example.my/lampu.jpg' },
      {
        contentType: 'image/jpeg',
        name: 'tg.jpg',
        url: 'https://api.telegram.org/file/bot123456:SECRET/photos/a.jpg',
      },
      { contentType: 'image/png', name: 'js.png', url: 'javascript:alert(1)' },
    ],
  });
  const anonymous = makeRecord({
    anonymous: true,
    consent: { contact: false },
    contact: { name: 'should never show' },
  });
  const unrouted = makeRecord({ agencyId: null });

  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [consented, anonymous, unrouted]);
    dbkl = await loggedIn(h.base, 'dbkl');
  });
  afterAll(async () => h?.close());

  it('shows the record without the citizen’s channel reference or key; contact only with consent', async () => {
    const r = await dbkl.request(
      'GET',
      `/dashboard/api/feedback/${consented._id.toLowerCase().replace(/-/g, ' ')}`,
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      reference: consented._id,
      text: consented.text,
      category: 'streetlights',
      contact: { name: 'Aminah', phone: '+60123456789' },
      delivery: { state: 'delivered', attempts: 1 },
    });
    expect(r.body.attachments).toEqual([
      { contentType: 'image/jpeg', name: 'lampu.jpg', url: 'https://files.example.my/lampu.jpg' },
      { contentType: 'image/jpeg', name: 'tg.jpg' },
      { contentType: 'image/png', name: 'js.png' },
    ]);
    const raw = JSON.stringify(r.body);
    for (const secret of [
      'secret-conversation',
      'citizen-key-hash',
      'conversationReference',
      'citizenKey',
      'channel',
    ]) {
      expect(raw).not.toContain(secret);
    }
    const anon = await dbkl.request('GET', `/dashboard/api/feedback/${anonymous._id}`);
    expect(anon.body.contact).toBeUndefined();
    expect(JSON.stringify(anon.body)).not.toContain('should never show');
  });

  it('changes a status through applyStatus, returns the updated record and writes the audit log', async () => {
    const r = await dbkl.request('POST', `/dashboard/api/feedback/${consented._id}/status`, {
      status: 'in_progress',
      note: '  Pasukan akan ke lokasi esok.  ',
    });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('in_progress');
    const rec = await feedback().findOne({ _id: consented._id });
    const staffId = (await h.db.collection('staff').findOne({ email: 'dbkl@staff.suara.test' }))!._id;
    expect(rec!.status).toBe('in_progress');
    expect(rec!.statusHistory.at(-1)).toMatchObject({
      status: 'in_progress',
      note: 'Pasukan akan ke lokasi esok.',
      by: `staff:${staffId}`,
    });
    const audit = await h.db.collection('auditLog').find({ reference: consented._id }).toArray();
    expect(audit).toEqual([
      expect.objectContaining({
        staffId,
        agencyId: 'dbkl',
        action: 'status',
        reference: consented._id,
        at: expect.any(Date),
      }),
    ]);
  });

  it('sends a reply through sendReply and audits it', async () => {
    const r = await dbkl.request('POST', `/dashboard/api/feedback/${consented._id}/reply`, {
      text: 'Terima kasih, kami sedang menyiasat.',
    });
    expect(r.status).toBe(200);
    expect(r.body.replies).toEqual([
      expect.objectContaining({ text: 'Terima kasih, kami sedang menyiasat.' }),
    ]);
    const rec = (await feedback().findOne({ _id: consented._id })) as FeedbackRecord & {
      replies: { text: string }[];
    };
    expect(rec.replies.map((x) => x.text)).toEqual(['Terima kasih, kami sedang menyiasat.']);
    expect(
      await h.db.collection('auditLog').countDocuments({ reference: consented._id, action: 'reply' }),
    ).toBe(1);
  });

  it('refuses bad input with clear, localized errors and changes nothing', async () => {
    dbkl.language = 'ms';
    const path = `/dashboard/api/feedback/${anonymous._id}`;
    const badStatus = await dbkl.request('POST', `${path}/status`, { status: 'received' });
    expect([badStatus.status, badStatus.body.error.code]).toEqual([400, 'STATUS_INVALID']);
    expect(badStatus.body.error.message).toBe('Sila pilih salah satu status yang disenaraikan.');
    const unknown = await dbkl.request('POST', `${path}/status`, { status: 'done!' });
    expect(unknown.body.error.code).toBe('STATUS_INVALID');
    const empty = await dbkl.request('POST', `${path}/reply`, { text: '   ' });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'TEXT_REQUIRED']);
    const tooLong = await dbkl.request('POST', `${path}/reply`, { text: 'x'.repeat(2001) });
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'BODY_INVALID']);
    const notJson = await dbkl.request('POST', `${path}/reply`, 'text=hello', {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect([notJson.status, notJson.body.error.code]).toEqual([415, 'CONTENT_TYPE']);
    const broken = await dbkl.request('POST', `${path}/reply`, '{"text": ');
    expect([broken.status, broken.body.error.code]).toEqual([400, 'BODY_INVALID']);
    const huge = await dbkl.request('POST', `${path}/reply`, { text: 'x'.repeat(20_000) });
    expect([huge.status, huge.body.error.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const badPage = await dbkl.request('GET', '/dashboard/api/feedback?page=abc');
    expect([badPage.status, badPage.body.error.code]).toEqual([400, 'BODY_INVALID']);
    const badRef = await dbkl.request('GET', '/dashboard/api/feedback/not-a-reference');
    expect(badRef.status).toBe(404);
    const rec = await feedback().findOne({ _id: anonymous._id });
    expect(rec!.status).toBe('sent');
    expect((rec as { replies?: unknown }).replies).toBeUndefined();
    dbkl.language = 'en';
  });

  it('lets the admin assign an unrouted record once; delivery is queued and the assigned agency sees it', async () => {
    const admin = await loggedIn(h.base, 'admin');
    const path = `/dashboard/api/feedback/${unrouted._id}/assign`;
    const unknownAgency = await admin.request('POST', path, { agencyId: 'nope' });
    expect([unknownAgency.status, unknownAgency.body.error.code]).toEqual([400, 'AGENCY_UNKNOWN']);
    const ok = await admin.request('POST', path, { agencyId: 'dbkl' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      agencyId: 'dbkl',
      routing: { state: 'routed' },
      delivery: { state: 'pending', attempts: 0 },
    });
    const again = await admin.request('POST', `/dashboard/api/feedback/${consented._id}/assign`, {
      agencyId: 'mbpj',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'NOT_UNROUTED']);
    expect((await feedback().findOne({ _id: consented._id }))!.agencyId).toBe('dbkl');
    expect(
      await h.db.collection('auditLog').countDocuments({ action: 'assign', reference: unrouted._id }),
    ).toBe(1);
    expect((await dbkl.request('GET', `/dashboard/api/feedback/${unrouted._id}`)).status).toBe(200);
  });

  it('filters by status, category and words, and pages 20 at a time, newest first', async () => {
    const t0 = Date.parse('2024-01-01T00:00:00Z');
    const many = Array.from({ length: 23 }, (_, i) =>
      makeRecord({
        createdAt: new Date(t0 + i * 60_000),
        category: 'roads',
        text: `Jalan berlubang nombor ${i}`,
        status: 'acknowledged',
      }),
    );
    await insertRecords(h.db, many);
    const page1 = await dbkl.request('GET', '/dashboard/api/feedback?category=roads&page=1');
    expect(page1.body).toMatchObject({ total: 23, page: 1, pages: 2, pageSize: 20 });
    expect(page1.body.items).toHaveLength(20);
    expect(page1.body.items[0].reference).toBe(many[22]!._id);
    const page2 = await dbkl.request('GET', '/dashboard/api/feedback?category=roads&page=2');
    expect(page2.body.items.map((i: { reference: string }) => i.reference)).toEqual([
      many[2]!._id,
      many[1]!._id,
      many[0]!._id,
    ]);
    const words = await dbkl.request('GET', '/dashboard/api/feedback?q=' + encodeURIComponent('nombor 7'));
    expect(words.body.items.map((i: { reference: string }) => i.reference)).toEqual([many[7]!._id]);
    const regexChars = await dbkl.request('GET', '/dashboard/api/feedback?q=' + encodeURIComponent('.*'));
    expect(regexChars.body.total).toBe(0);
    const status = await dbkl.request('GET', '/dashboard/api/feedback?status=in_progress');
    expect(status.body.items.map((i: { reference: string }) => i.reference)).toEqual([consented._id]);
  });
});
