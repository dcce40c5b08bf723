/** The body sees how many citizens added their voice, over the real dashboard API (list and item). */
import { FeedbackRepository } from '../../services/feedback/repository';
import {
  type DashboardHarness,
  insertRecords,
  loggedIn,
  makeRecord,
  startDashboard,
} from '../dashboard/harness';

let h: DashboardHarness;
afterAll(async () => h?.close());

test('DBKL staff see the supporter count on the list and on the item, and no supporter details', async () => {
  h = await startDashboard();
  const rec = makeRecord({ status: 'in_progress' });
  const plain = makeRecord({});
  await insertRecords(h.db, [rec, plain]);
  const repo = new FeedbackRepository(h.db);
  for (const who of ['a', 'b', 'a']) {
    await repo.supporters.add(rec._id, {
      citizenKey: `supporter-${who}`,
      channel: { channelId: 'telegram', conversationReference: { conversation: { id: `chat-${who}` } } },
      language: 'ms',
      at: new Date(),
    });
  }
  const dbkl = await loggedIn(h.base, 'dbkl');
  const list = await dbkl.request('GET', '/dashboard/api/feedback');
  const row = (ref: string) => list.body.items.find((i: { reference: string }) => i.reference === ref);
  expect(row(rec._id).supporters).toBe(2);
  expect(row(plain._id).supporters).toBe(0);
  const item = await dbkl.request('GET', `/dashboard/api/feedback/${rec._id}`);
  expect(item.body.supporters).toBe(2);
  expect(JSON.stringify(item.body)).not.toMatch(/supporter-a|chat-a/);
});
