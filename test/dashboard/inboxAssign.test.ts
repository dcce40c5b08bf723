/** Assigning items to officers of the body over real HTTP, and the "assigned to" filters of the list. */
import type { AuditEntry } from '../../services/staff/types';
import { type Client, insertRecords, loggedIn, type Reply } from './harness';
import { startInbox, webchatRecord, type InboxHarness } from './inboxHarness';

describe('inbox assignment', () => {
  let h: InboxHarness;
  let dbkl: Client;
  const item = webchatRecord('assign-1', { text: 'Lubang besar di Jalan Raja Chulan' });
  const other = webchatRecord('assign-2');
  const refs = (r: Reply) => (r.body.items as { reference: string }[]).map((i) => i.reference).sort();

  beforeAll(async () => {
    h = await startInbox();
    await insertRecords(h.db, [item, other]);
    dbkl = await loggedIn(h.base, 'dbkl');
  });
  afterAll(async () => h?.close());

  it('offers the officers of the own body by name, never another body’s', async () => {
    const r = await dbkl.request('GET', '/dashboard/api/officers?agency=mbpj');
    expect(r.status).toBe(200);
    expect(r.body).toEqual([
      { id: h.officers.ahmad, name: 'Ahmad Razak' },
      { id: h.officers.siti, name: 'Siti Aminah' },
    ]);
  });

  it("an officer assigns an item to a colleague and the list shows it under 'assigned to them'", async () => {
    const r = await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/assignee`, {
      staffId: h.officers.siti,
    });
    expect(r.status).toBe(200);
    expect(r.body.assignee).toEqual({ id: h.officers.siti, name: 'Siti Aminah' });
    const theirs = await dbkl.request('GET', `/dashboard/api/feedback?assigned=${h.officers.siti}`);
    expect(refs(theirs)).toEqual([item._id]);
    expect(theirs.body.items[0].assignee).toEqual({ id: h.officers.siti, name: 'Siti Aminah' });
    const nobody = await dbkl.request('GET', '/dashboard/api/feedback?assigned=none');
    expect(refs(nobody)).toEqual([other._id]);
    const mine = await dbkl.request('GET', '/dashboard/api/feedback?assigned=me');
    expect(mine.body.total).toBe(0);
    const audit = await h.db
      .collection<AuditEntry>('auditLog')
      .findOne({ action: 'assignee', reference: item._id });
    expect(audit?.detail).toMatchObject({ staffId: h.officers.siti, via: 'dashboard' });
  });

  it('"assign to me" puts it in my list; unassigning puts it back with nobody', async () => {
    const me = await dbkl.request('POST', `/dashboard/api/feedback/${other._id}/assignee`, { staffId: 'me' });
    expect(me.body.assignee).toEqual({ id: h.officers.ahmad, name: 'Ahmad Razak' });
    expect(refs(await dbkl.request('GET', '/dashboard/api/feedback?assigned=me'))).toEqual([other._id]);
    const none = await dbkl.request('POST', `/dashboard/api/feedback/${other._id}/assignee`, {
      staffId: null,
    });
    expect(none.status).toBe(200);
    expect(none.body.assignee).toBeNull();
    expect(refs(await dbkl.request('GET', '/dashboard/api/feedback?assigned=none'))).toEqual([other._id]);
  });

  it('refuses an officer of another body, an unknown account or an administrator, with a clear message', async () => {
    for (const staffId of [h.officers.mbpj, 'stf_doesnotexist']) {
      const r = await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/assignee`, { staffId });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('ASSIGNEE_INVALID');
      expect(r.body.error.message).toBe('Please choose an officer of this body.');
    }
    dbkl.language = 'ms';
    const ms = await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/assignee`, {
      staffId: h.officers.mbpj,
    });
    expect(ms.body.error.message).toBe('Sila pilih pegawai badan ini.');
    dbkl.language = 'en';
    const still = await dbkl.request('GET', `/dashboard/api/feedback/${item._id}`);
    expect(still.body.assignee.id).toBe(h.officers.siti);
  });
});
