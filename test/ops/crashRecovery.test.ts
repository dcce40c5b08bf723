/**
 * Issue 11, item 1 (kill -9 while citizens submit), as deterministic regression tests: the database is put in
 * exactly the state a process killed mid-turn leaves (record inserted; dialog state, replies and "turn done" not
 * written), then the citizen resumes. Real bot, real dialogs, real Direct Line HTTP, test MongoDB.
 */
import type { Db } from 'mongodb';
import { buildCore, type Core } from '../../bots/compose/core';
import { LateConfirmationSweeper } from '../../services/notifications/lateConfirmations';
import { Notifier } from '../../services/notifications/notifier';
import { silentLogger } from '../../services/log';
import { DirectLineCitizen, FILING_STEPS } from '../support/dlCitizen';
import { testDb, type TestDb } from '../support/mongo';
import { type Harness, startHarness } from '../webchat/harness';

let tdb: TestDb;
let core: Core;
let h: Harness;

beforeAll(async () => {
  tdb = await testDb('crash');
  core = await buildCore(tdb.db, { log: silentLogger });
  h = await startHarness({ bot: core.bot, pipeline: core.pipeline, tdb });
});
/** Harnesses started as "the restarted process". */
const restarts: Harness[] = [];
afterAll(async () => {
  for (const r of restarts) await r.close();
  await h.close();
  await tdb.close();
});

/** Walk a citizen to the summary (every step but Submit). */
async function toSummary(name: string): Promise<DirectLineCitizen> {
  const c = new DirectLineCitizen(h.base, name);
  await c.open();
  while (c.step < FILING_STEPS.length - 1) await c.next();
  return c;
}

/**
 * The citizen comes back to a restarted process (a new web chat mount on the same database): a killed process's
 * memory (e.g. the feed numbers it remembered) is gone with it.
 */
async function restarted(c: DirectLineCitizen): Promise<Harness> {
  const fresh = await startHarness({ bot: core.bot, pipeline: core.pipeline, tdb });
  restarts.push(fresh);
  c.base = fresh.base;
  return fresh;
}

/** Undo what a killed process would not have written after the insert: state save, replies, turn-done mark. */
async function rewindAsIfKilled(db: Db, c: DirectLineCitizen, stateBefore: unknown[]): Promise<void> {
  const state = db.collection<{ _id: string }>('botState');
  for (const doc of stateBefore as { _id: string }[]) await state.replaceOne({ _id: doc._id }, doc);
  const feed = db.collection<{ _id: string; conversationId: string; seq: number; clientActivityId?: string }>(
    'dlActivities',
  );
  const posted = await feed.findOne({
    conversationId: c.conversationId,
    clientActivityId: (c.lastPosted!.channelData as { clientActivityID: string }).clientActivityID,
  });
  await feed.deleteMany({ conversationId: c.conversationId, seq: { $gt: posted!.seq } });
  // The replies were never appended, so their sequence numbers were never reserved either.
  await db
    .collection<{ _id: string; seq: number }>('dlConversations')
    .updateOne({ _id: c.conversationId }, { $set: { seq: posted!.seq } });
  // What the citizen's client had seen: everything up to its own (cut) post.
  const kept = c.feed.findIndex((a) => a.id === posted!._id);
  c.feed.splice(kept + 1);
  c.watermark = String(posted!.seq);
  await feed.updateOne({ _id: posted!._id }, { $unset: { turnDone: '', turnLeaseUntil: '' } });
  await db
    .collection('feedback')
    .updateOne({ 'channel.conversationReference.conversation.id': c.conversationId }, {
      $set: { 'confirmation.state': 'pending' },
    } as never);
}

async function snapshotState(db: Db): Promise<unknown[]> {
  return db.collection('botState').find({}).toArray();
}

async function recordsOf(conversationId: string) {
  return tdb.db
    .collection('feedback')
    .find({ 'channel.conversationReference.conversation.id': conversationId })
    .toArray();
}

test('a completed filing turn records that its confirmation reached the conversation', async () => {
  const c = await toSummary('done');
  await c.next();
  const [ref] = c.references();
  expect(ref).toBeDefined();
  const [rec] = await recordsOf(c.conversationId);
  expect(rec).toMatchObject({ _id: ref, confirmation: { state: 'sent', late: false } });
});

test('a citizen re-sending the same clientActivityID after the process died mid-submit gets a reply and the first reference, not a second record', async () => {
  const c = await toSummary('killed');
  const before = await snapshotState(tdb.db);
  await c.next();
  const [first] = c.references();
  expect(first).toBeDefined();
  await rewindAsIfKilled(tdb.db, c, before);
  expect(c.references()).toEqual([]);
  await restarted(c);

  await c.resend();
  expect(c.references()).toEqual([first]);
  const recs = await recordsOf(c.conversationId);
  expect(recs).toHaveLength(1);
  expect(recs[0]).toMatchObject({ _id: first, confirmation: { state: 'sent' } });
});

test('a citizen who taps Submit again (a new message) after the process died mid-submit finds the first record', async () => {
  const c = await toSummary('tapsAgain');
  const before = await snapshotState(tdb.db);
  await c.next();
  const [first] = c.references();
  await rewindAsIfKilled(tdb.db, c, before);
  await restarted(c);
  c.step = FILING_STEPS.length - 1;
  await c.next(); // a new clientActivityID: the summary's Submit once more
  expect(c.references()).toEqual([first]);
  expect(await recordsOf(c.conversationId)).toHaveLength(1);
});

test('a re-sent clientActivityID whose turn completed is answered with the first id and not run twice', async () => {
  const c = await toSummary('retry');
  await c.next();
  const replies = c.feed.length;
  await c.resend();
  expect(c.feed.length).toBe(replies);
  expect(await recordsOf(c.conversationId)).toHaveLength(1);
});

test('an item stored but never confirmed reaches its conversation through the sweeper, in the citizen’s language, once', async () => {
  const c = await toSummary('sweeper');
  const before = await snapshotState(tdb.db);
  await c.next();
  const [ref] = c.references();
  await rewindAsIfKilled(tdb.db, c, before);
  const notifier = new Notifier({ feedback: core.feedbackRepo, t: core.l10n.t });
  notifier.register((await restarted(c)).mount.proactive);
  const sweeper = new LateConfirmationSweeper({
    feedback: core.feedbackRepo,
    notifier,
    log: silentLogger,
    graceMs: 0,
  });
  expect(await sweeper.sweep()).toBeGreaterThanOrEqual(1);
  expect(await sweeper.sweep()).toBe(0);
  await c.read();
  const late = c.feed.filter((a) => a.from?.role !== 'user' && a.text?.includes(ref!));
  expect(late).toHaveLength(1);
  expect(late[0]!.text).toContain('Nombor rujukan');
  const [rec] = await recordsOf(c.conversationId);
  expect(rec).toMatchObject({ confirmation: { state: 'sent', late: true } });
});
