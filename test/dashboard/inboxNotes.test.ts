/** Internal notes over real HTTP: kept on the item with the officer's name, and never reach the citizen anywhere. */
import { FeedbackRepository } from '../../services/feedback/repository';
import { FeedbackService } from '../../services/feedback/service';
import { toOpen311Request } from '../../services/open311/mapping';
import { type Client, insertRecords, loggedIn } from './harness';
import { startInbox, webchatRecord, type InboxHarness } from './inboxHarness';

describe('inbox internal notes', () => {
  let h: InboxHarness;
  let dbkl: Client;
  const NOTE = 'Kontraktor lambat; semak semula dengan Unit Jalan minggu depan';
  const item = webchatRecord('notes-1', { text: 'Jalan berlubang di Jalan Pudu' });

  beforeAll(async () => {
    h = await startInbox();
    await insertRecords(h.db, [item]);
    dbkl = await loggedIn(h.base, 'dbkl');
  });
  afterAll(async () => h?.close());

  it('an internal note never reaches the citizen', async () => {
    const r = await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/notes`, { text: NOTE });
    expect(r.status).toBe(200);
    expect(r.body.notes).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        by: { id: h.officers.ahmad, name: 'Ahmad Razak' },
        text: NOTE,
      },
    ]);
    expect(h.phone.received).toHaveLength(0);

    // A later status change and a reply reach the citizen, without the note.
    await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/status`, { status: 'in_progress' });
    await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/reply`, {
      text: 'Kami sedang menyiasat.',
    });
    const sent = h.phone.to('notes-1');
    expect(sent).toHaveLength(2);
    expect(JSON.stringify(sent)).not.toContain('Kontraktor');

    // The citizen's status check and every Open311 view (even the integrator's full one) leave it out.
    const repo = new FeedbackRepository(h.db);
    const status = await new FeedbackService(repo, () => ({ agencyId: 'dbkl', reason: 'x' }), 's').status(
      item._id,
    );
    expect(JSON.stringify(status)).not.toContain('Kontraktor');
    const stored = (await repo.get(item._id))!;
    expect(stored.notes).toHaveLength(1);
    for (const viewer of [undefined, { id: 'dbkl-system', agencies: ['dbkl'] }]) {
      expect(JSON.stringify(toOpen311Request(stored, { viewer, serviceName: 'Roads' }))).not.toContain(
        'Kontraktor',
      );
    }
  });

  it('refuses an empty or too long note with a clear message', async () => {
    const empty = await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/notes`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('TEXT_REQUIRED');
    const long = await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/notes`, {
      text: 'x'.repeat(2001),
    });
    expect(long.status).toBe(400);
    const d = await dbkl.request('GET', `/dashboard/api/feedback/${item._id}`);
    expect(d.body.notes).toHaveLength(1);
  });
});
