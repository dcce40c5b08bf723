/**
 * The Suara inbox, the default for a body with no integration: the worker delivers at once with no network, and the
 * item is in that body's dashboard list (real HTTP, real login) and nobody else's.
 */
import type { Agency, DeliveryEndpoint } from '../../services/agencies/types';
import { endpointOf, INBOX } from '../../services/delivery/dispatch';
import { startWorker } from '../../services/delivery/worker';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { loggedIn, startDashboard, type DashboardHarness } from '../dashboard/harness';
import { makeRecord, waitFor } from './helpers';

let h: DashboardHarness;

beforeEach(async () => {
  h = await startDashboard();
});
afterEach(async () => h.close());

async function deliverWith(endpoint: DeliveryEndpoint, rec: FeedbackRecord): Promise<FeedbackRecord> {
  const col = h.db.collection<FeedbackRecord>('feedback');
  const repo = new FeedbackRepository(h.db);
  await col.insertOne(rec);
  const worker = startWorker(
    // No URL anywhere: an inbox delivery must not need the network.
    { feedback: repo, endpointFor: async () => endpoint },
    { pollIntervalMs: 20 },
  );
  try {
    await waitFor(
      'delivered',
      async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'delivered',
    );
  } finally {
    await worker.stop();
  }
  return (await col.findOne({ _id: rec._id }))!;
}

test("an inbox body's item is delivered at once and listed in that body's dashboard, for its staff only", async () => {
  const rec = makeRecord({ agencyId: 'dbkl', text: 'Lampu jalan padam di Jalan Tun Razak' });
  const after = await deliverWith({ kind: 'inbox' }, rec);
  expect(after.delivery).toMatchObject({ state: 'delivered', attempts: 1, via: 'inbox' });
  expect(after.delivery.history).toHaveLength(1);
  expect(after.delivery.history[0]!.statusCode).toBeUndefined();
  expect(after.delivery.history[0]!.error).toBeUndefined();
  expect(after.status).toBe('sent');

  const dbkl = await loggedIn(h.base, 'dbkl');
  const list = await dbkl.request('GET', '/dashboard/api/feedback');
  expect(list.body.items.map((i: { reference: string }) => i.reference)).toEqual([rec._id]);
  const detail = await dbkl.request('GET', `/dashboard/api/feedback/${rec._id}`);
  expect(detail.status).toBe(200);
  expect(JSON.stringify(detail.body)).toContain('"via":"inbox"');

  const mbpj = await loggedIn(h.base, 'mbpj');
  expect((await mbpj.request('GET', '/dashboard/api/feedback')).body.total).toBe(0);
  expect((await mbpj.request('GET', `/dashboard/api/feedback/${rec._id}`)).status).toBe(404);
});

test("the older { kind: 'none' } endpoint means the same inbox (it used to dead-letter as NO_ENDPOINT)", async () => {
  const after = await deliverWith({ kind: 'none' }, makeRecord({ agencyId: 'dbkl' }));
  expect(after.delivery).toMatchObject({ state: 'delivered', via: 'inbox' });
  expect(after.delivery.lastError).toBeUndefined();
});

test('a body with no endpoint in the directory gets its inbox; a per-category override still wins', () => {
  const body = { id: 'mbpp', categories: ['roads'] } as unknown as Agency;
  expect(endpointOf(body, 'roads')).toEqual(INBOX);
  const email: DeliveryEndpoint = { kind: 'email', to: ['aduan@mbpp.test'] };
  expect(endpointOf({ ...body, categoryEndpoints: { roads: email } } as Agency, 'roads')).toBe(email);
});
