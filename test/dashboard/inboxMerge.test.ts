/** Merging a duplicate into an original over real HTTP: the duplicate's citizen follows the original's updates. */
import type { FeedbackRecord } from '../../services/feedback/types';
import { type Client, insertRecords, loggedIn, makeRecord } from './harness';
import { startInbox, webchatRecord, type InboxHarness } from './inboxHarness';

describe('inbox merge', () => {
  let h: InboxHarness;
  let dbkl: Client;
  const original = webchatRecord('merge-original', {
    text: 'Lampu isyarat rosak di Jalan Ampang',
    language: 'ms',
  });
  const duplicate = webchatRecord('merge-duplicate', {
    text: 'Traffic light broken on Jalan Ampang',
    language: 'en',
  });
  const another = webchatRecord('merge-another');
  const mbpjItem = makeRecord({ agencyId: 'mbpj' });
  const feedback = () => h.db.collection<FeedbackRecord>('feedback');

  beforeAll(async () => {
    h = await startInbox();
    await insertRecords(h.db, [original, duplicate, another, mbpjItem]);
    dbkl = await loggedIn(h.base, 'dbkl');
  });
  afterAll(async () => h?.close());

  it('the citizen of a merged duplicate is told when the original is resolved', async () => {
    const m = await dbkl.request('POST', `/dashboard/api/feedback/${duplicate._id}/merge`, {
      into: original._id,
    });
    expect(m.status).toBe(200);
    expect(m.body.reference).toBe(original._id);
    expect(m.body.duplicates).toEqual([duplicate._id]);
    const dup = await dbkl.request('GET', `/dashboard/api/feedback/${duplicate._id}`);
    expect(dup.body).toMatchObject({ status: 'duplicate', mergedInto: original._id });

    // Closed as a duplicate: its citizen is told, in English, with the original's reference.
    const closed = h.phone.to('merge-duplicate');
    expect(closed).toHaveLength(1);
    expect(closed[0]!.text).toContain(original._id);

    await dbkl.request('POST', `/dashboard/api/feedback/${original._id}/status`, { status: 'resolved' });
    const own = h.phone.to('merge-original');
    expect(own).toHaveLength(1);
    expect(own[0]!.suggestedActions?.length).toBe(5); // the original's citizen rates it
    const followed = h.phone.to('merge-duplicate');
    expect(followed).toHaveLength(2);
    expect(followed[1]!.text).toContain(`An update on ${original._id}`);
    expect(followed[1]!.text).toContain(duplicate._id);
    expect(followed[1]!.text).toMatch(/resolved/i);
    expect(followed[1]!.suggestedActions).toBeUndefined(); // not theirs to rate
    const audit = await h.db.collection('auditLog').findOne({ action: 'merge', reference: duplicate._id });
    expect(audit?.detail).toMatchObject({ into: original._id, via: 'dashboard' });
  });

  it('refuses to merge into itself, into a duplicate, or a record that has duplicates of its own', async () => {
    for (const [from, into] of [
      [another._id, another._id],
      [another._id, duplicate._id],
      [original._id, another._id],
    ] as const) {
      const r = await dbkl.request('POST', `/dashboard/api/feedback/${from}/merge`, { into });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('MERGE_INVALID');
    }
    expect((await feedback().findOne({ _id: another._id }))?.mergedInto).toBeUndefined();
  });

  it('another body’s record is not found, in either place', async () => {
    const into = await dbkl.request('POST', `/dashboard/api/feedback/${another._id}/merge`, {
      into: mbpjItem._id,
    });
    expect(into.status).toBe(404);
    const from = await dbkl.request('POST', `/dashboard/api/feedback/${mbpjItem._id}/merge`, {
      into: another._id,
    });
    expect(from.status).toBe(404);
    expect((await feedback().findOne({ _id: mbpjItem._id }))?.mergedInto).toBeUndefined();
  });
});
