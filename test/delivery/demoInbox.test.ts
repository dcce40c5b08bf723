/** The demo agency receiver mounted on restify, fed by the real worker: verifies, dedupes, stores, lists. */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Collection } from 'mongodb';
import { mountDemoAgencyInbox } from '../../bots/http/demoAgency/inbox';
import { signatureHeaders } from '../../services/delivery/signature';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { startWorker } from '../../services/delivery/worker';
import { testDb, type TestDb } from '../support/mongo';
import { makeRecord, waitFor } from './helpers';

let t: TestDb;
let col: Collection<FeedbackRecord>;
let repo: FeedbackRepository;
let server: restify.Server;
let base: string;

beforeEach(async () => {
  t = await testDb('demo_inbox');
  col = t.db.collection<FeedbackRecord>('feedback');
  repo = new FeedbackRepository(t.db);
  server = restify.createServer();
  mountDemoAgencyInbox(server, {
    db: t.db,
    secretFor: async (id) => (id === 'mbpj' ? 'demo-secret' : undefined),
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await t.close();
});

test('the worker delivers into the demo inbox end to end; resends are deduped; forgeries refused', async () => {
  const recs = [makeRecord({ agencyId: 'mbpj' }), makeRecord({ agencyId: 'mbpj' }, new Date(Date.now() + 1))];
  await col.insertMany(recs);
  const worker = startWorker(
    {
      feedback: repo,
      endpointFor: async (id) => ({
        kind: 'webhook',
        url: `${base}/demo-agency/${id}/feedback`,
        secretEnv: 'DEMO',
      }),
      env: { DEMO: 'demo-secret' },
    },
    { pollIntervalMs: 20 },
  );
  try {
    await waitFor(
      'delivered',
      async () => (await col.countDocuments({ 'delivery.state': 'delivered' })) === 2,
    );
  } finally {
    await worker.stop();
  }
  const list = await (await fetch(`${base}/demo-agency/mbpj`)).json();
  expect(list.count).toBe(2);
  expect(list.items.map((i: { idempotencyKey: string }) => i.idempotencyKey)).toEqual(recs.map((r) => r._id));
  expect(list.items[0].summary).toMatchObject({ version: 1, reference: recs[0]!._id, category: 'roads' });
  expect(JSON.stringify(list)).not.toContain('Jalan Ampang');

  const body = JSON.stringify({ version: 1, reference: recs[0]!._id });
  const send = (headers: Record<string, string>) =>
    fetch(`${base}/demo-agency/mbpj/feedback`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...headers },
      body,
    });
  const again = await send({ ...signatureHeaders('demo-secret', body), 'Idempotency-Key': recs[0]!._id });
  expect(again.status).toBe(200);
  expect(await again.json()).toEqual({ received: recs[0]!._id, duplicate: true });
  expect((await send({ ...signatureHeaders('wrong', body), 'Idempotency-Key': 'x' })).status).toBe(401);
  expect((await fetch(`${base}/demo-agency/nosuch/feedback`, { method: 'POST', body })).status).toBe(404);
  expect((await (await fetch(`${base}/demo-agency/mbpj`)).json()).count).toBe(2);
});
