/** Body isolation on every new inbox route: an MBPJ officer gets nothing of DBKL by URL, API or CSV. */
import { UploadsRepository } from '../../services/directline/uploads';
import type { FeedbackRecord } from '../../services/feedback/types';
import { newReference } from '../../services/feedback/reference';
import { type Client, insertRecords, loggedIn, makeRecord } from './harness';
import { startInbox, webchatRecord, type InboxHarness } from './inboxHarness';

describe('inbox isolation', () => {
  let h: InboxHarness;
  let mbpj: Client;
  let dbkl: Client;
  let dbklItem: FeedbackRecord;
  const mbpjItem = makeRecord({ agencyId: 'mbpj', text: 'Longkang tersumbat di SS2' });
  const feedback = () => h.db.collection<FeedbackRecord>('feedback');

  beforeAll(async () => {
    h = await startInbox();
    const upload = await new UploadsRepository(h.db, 1_000_000).save(
      'scope-1',
      'a.png',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]),
    );
    dbklItem = webchatRecord('scope-1', {
      text: 'Sampah tidak dikutip di Kampung Baru',
      attachments: [{ contentType: 'image/png', url: `http://x.test/v3/directline/uploads/${upload.id}` }],
    });
    await insertRecords(h.db, [dbklItem, mbpjItem]);
    dbkl = await loggedIn(h.base, 'dbkl');
    await dbkl.request('POST', `/dashboard/api/feedback/${dbklItem._id}/notes`, {
      text: 'Nota dalaman DBKL',
    });
    mbpj = await loggedIn(h.base, 'mbpj');
  });
  afterAll(async () => h?.close());

  it("an officer of MBPJ gets 404 for a DBKL item's notes, photo, transcript and CSV", async () => {
    const missing = await mbpj.request('GET', `/dashboard/api/feedback/${newReference()}`);
    expect(missing.status).toBe(404);
    const ref = dbklItem._id;
    const attempts = [
      mbpj.request('GET', `/dashboard/api/feedback/${ref}`), // detail: notes, transcript, photos
      mbpj.request('GET', `/dashboard/api/feedback/${ref}?lang=ms`),
      mbpj.request('GET', `/dashboard/api/feedback/${ref}/photos/0`),
      mbpj.request('POST', `/dashboard/api/feedback/${ref}/notes`, { text: 'cuba' }),
      mbpj.request('POST', `/dashboard/api/feedback/${ref}/assignee`, { staffId: 'me' }),
      mbpj.request('POST', `/dashboard/api/feedback/${ref}/assignee`, { staffId: null }),
      mbpj.request('POST', `/dashboard/api/feedback/${ref}/merge`, { into: mbpjItem._id }),
      mbpj.request('POST', `/dashboard/api/feedback/${mbpjItem._id}/merge`, { into: ref }),
    ];
    for (const r of await Promise.all(attempts)) {
      expect(r.status).toBe(404);
      expect(r.body.error).toEqual(missing.body.error);
    }
    const stored = await feedback().findOne({ _id: ref });
    expect(stored?.notes).toHaveLength(1);
    expect(stored?.assignee).toBeUndefined();
    expect(stored?.duplicates).toBeUndefined();
    expect((await feedback().findOne({ _id: mbpjItem._id }))?.mergedInto).toBeUndefined();

    for (const q of ['', '?agency=dbkl', `?q=${ref}`, '?place=Kampung', `?assigned=${h.officers.ahmad}`]) {
      const csv = await fetch(`${h.base}/dashboard/api/feedback.csv${q}`, {
        headers: { cookie: [...mbpj.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      expect(csv.status).toBe(200);
      const text = await csv.text();
      expect(text).not.toContain(ref);
      expect(text).not.toContain('Sampah');
      const list = await mbpj.request('GET', `/dashboard/api/feedback${q}`);
      expect(JSON.stringify(list.body)).not.toContain(ref);
    }
  });

  it('offers an MBPJ officer only MBPJ officers, whatever agency is asked for', async () => {
    const r = await mbpj.request('GET', '/dashboard/api/officers?agency=dbkl');
    expect(r.body.map((o: { id: string }) => o.id)).toEqual([h.officers.mbpj]);
  });

  it('answers every new route 401 without a session and 403 for a change without the CSRF token', async () => {
    const anon = await fetch(`${h.base}/dashboard/api/feedback.csv`);
    expect(anon.status).toBe(401);
    const officers = await fetch(`${h.base}/dashboard/api/officers`);
    expect(officers.status).toBe(401);
    for (const path of ['notes', 'assignee', 'merge']) {
      const r = await dbkl.request(
        'POST',
        `/dashboard/api/feedback/${dbklItem._id}/${path}`,
        {},
        { csrf: false },
      );
      expect(r.status).toBe(403);
    }
  });
});
