/** The outbox worker against a real webhook receiver on 127.0.0.1: first-time delivery, retries, dead letters. */
import type { Collection } from 'mongodb';
import type { DeliveryEndpoint } from '../../services/agencies/types';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { startWorker, type DeliveryWorker } from '../../services/delivery/worker';
import type { WorkerOptions } from '../../services/delivery/options';
import { startWebhookAgency, type FakeAgency } from '../support/fakeAgency';
import { testDb, type TestDb } from '../support/mongo';
import { countState, insertMany, makeRecord, waitFor } from './helpers';

const SECRET = 'test-secret-for-dbkl';
const env = { AGENCY_DBKL_SECRET: SECRET, AGENCY_MBPJ_SECRET: SECRET };
const fast: Partial<WorkerOptions> = {
  pollIntervalMs: 20,
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  timeoutMs: 2000,
  leaseMs: 5000,
  maxAttempts: 8,
  concurrency: 4,
};

let t: TestDb;
let col: Collection<FeedbackRecord>;
let repo: FeedbackRepository;
let agency: FakeAgency;
let worker: DeliveryWorker | undefined;

const endpointFor = async (agencyId: string): Promise<DeliveryEndpoint | null> =>
  agencyId === 'nowhere'
    ? null
    : {
        kind: 'webhook',
        url: `${agency.url}/hooks/${agencyId}`,
        secretEnv: `AGENCY_${agencyId.toUpperCase()}_SECRET`,
      };

function start(opts: Partial<WorkerOptions> = {}): DeliveryWorker {
  worker = startWorker({ feedback: repo, endpointFor, env }, { ...fast, ...opts });
  return worker;
}

beforeEach(async () => {
  t = await testDb('delivery_webhook');
  col = t.db.collection<FeedbackRecord>('feedback');
  repo = new FeedbackRepository(t.db);
  agency = await startWebhookAgency(SECRET);
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await agency.close();
  await t.close();
});

test('delivered the first time: signed v1 payload, Idempotency-Key, attempt recorded, status sent', async () => {
  const rec = makeRecord({
    anonymous: false,
    consent: { contact: true, at: new Date('2025-03-01T02:00:00Z') },
    contact: { name: 'Aminah Binti Ali', phone: '+60123456789' },
  });
  await col.insertOne(rec);
  start();
  await waitFor(
    'delivered',
    async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'delivered',
  );
  expect(agency.received).toHaveLength(1);
  const req = agency.received[0]!;
  expect(req.headers['idempotency-key']).toBe(rec._id);
  expect(req.headers['content-type']).toMatch(/^application\/json/);
  expect(req.headers['x-suara-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  const payload = JSON.parse(req.body);
  expect(payload).toEqual({
    version: 1,
    reference: rec._id,
    type: 'complaint',
    category: 'roads',
    text: rec.text,
    location: { text: 'Jalan Ampang', postcode: '50450', lat: 3.1598, lng: 101.7123 },
    attachments: [{ url: 'https://files.example.test/p/1.jpg', contentType: 'image/jpeg', name: '1.jpg' }],
    language: 'ms',
    createdAt: rec.createdAt.toISOString(),
    anonymous: false,
    consent: { contact: true, at: '2025-03-01T02:00:00.000Z' },
    contact: { name: 'Aminah Binti Ali', phone: '+60123456789' },
  });
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.delivery.attempts).toBe(1);
  expect(after.delivery.history).toHaveLength(1);
  expect(after.delivery.history[0]).toMatchObject({ statusCode: 201 });
  expect(typeof after.delivery.history[0]!.durationMs).toBe('number');
  expect(after.delivery.leaseOwner).toBeUndefined();
  expect(after.status).toBe('sent');
  expect(after.statusHistory.map((h) => h.status)).toEqual(['received', 'sent']);
});

test('anonymous records carry anonymous: true and no contact', async () => {
  const rec = makeRecord({ contact: { phone: '+60111111111' } });
  await col.insertOne(rec);
  start();
  await waitFor('delivered', async () => (await countState(col, 'delivered')) === 1);
  const payload = agency.inbox[0]!.payload;
  expect(payload.anonymous).toBe(true);
  expect(payload).not.toHaveProperty('contact');
  expect(agency.received[0]!.body).not.toContain('+60111111111');
});

test('500 three times then 200: four attempts recorded, delivered once', async () => {
  agency.respond = (_r, n) => (n < 3 ? { status: 500, body: 'boom' } : undefined);
  const rec = makeRecord();
  await col.insertOne(rec);
  start();
  await waitFor(
    'delivered',
    async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'delivered',
  );
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.delivery.attempts).toBe(4);
  expect(after.delivery.history.map((h) => h.statusCode)).toEqual([500, 500, 500, 201]);
  expect(after.delivery.history[0]!.error).toMatch(/^SERVER_ERROR: HTTP 500/);
  expect(agency.accepted.get(rec._id)).toBe(1);
  expect(new Set(agency.received.map((r) => r.headers['idempotency-key']))).toEqual(new Set([rec._id]));
});

test('400 goes to the dead letters at once; re-driven after the agency fixes it, it is delivered', async () => {
  let broken = true;
  agency.respond = () => (broken ? { status: 400, body: '{"error":"category unknown"}' } : undefined);
  const rec = makeRecord();
  await col.insertOne(rec);
  start();
  await waitFor('dead', async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'dead');
  const dead = (await col.findOne({ _id: rec._id }))!;
  expect(dead.delivery.attempts).toBe(1);
  expect(dead.delivery.lastError).toMatch(/^REJECTED: HTTP 400/);
  broken = false;
  expect(await repo.outbox.redrive(rec._id)).toBe(true);
  await waitFor(
    'delivered',
    async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'delivered',
  );
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.delivery.history.map((h) => h.statusCode)).toEqual([400, 201]);
  expect(await repo.outbox.redrive(rec._id)).toBe(false);
});

test('429 with Retry-After: the next attempt waits at least that long', async () => {
  agency.respond = (_r, n) => (n === 0 ? { status: 429, headers: { 'Retry-After': '1' } } : undefined);
  const rec = makeRecord();
  await col.insertOne(rec);
  start();
  await waitFor(
    'delivered',
    async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'delivered',
  );
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.delivery.history.map((h) => h.statusCode)).toEqual([429, 201]);
  expect(after.delivery.history[0]!.error).toMatch(/^RATE_LIMITED/);
  const gap = after.delivery.history[1]!.at.getTime() - after.delivery.history[0]!.at.getTime();
  expect(gap).toBeGreaterThanOrEqual(1000);
  expect(agency.received[1]!.at - agency.received[0]!.at).toBeGreaterThanOrEqual(1000);
});

test('a timeout is retried with the same Idempotency-Key; the receiver stores it once', async () => {
  agency.respond = (_r, n) => (n === 0 ? { status: 200, hangMs: 1500 } : undefined);
  const rec = makeRecord();
  await col.insertOne(rec);
  start({ timeoutMs: 300 });
  await waitFor(
    'delivered',
    async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'delivered',
  );
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.delivery.history[0]!.error).toMatch(/^TIMEOUT/);
  expect(after.delivery.history[0]!.statusCode).toBeUndefined();
  expect(after.delivery.history.at(-1)!.statusCode).toBe(201);
  expect(agency.received.every((r) => r.headers['idempotency-key'] === rec._id)).toBe(true);
});

test('endpoint down for a while, then up: everything drains, oldest first per agency', async () => {
  await agency.down();
  const dbkl = await insertMany(col, 12, 'dbkl');
  const mbpj = await insertMany(col, 8, 'mbpj');
  start({ concurrency: 3 });
  const triedTwice = async (ref: string) =>
    ((await col.findOne({ _id: ref }))?.delivery.history.length ?? 0) >= 2;
  await waitFor(
    'both heads retried',
    async () => (await triedTwice(dbkl[0]!)) && (await triedTwice(mbpj[0]!)),
  );
  const head = (await col.findOne({ _id: dbkl[0]! }))!;
  expect(head.delivery.history.every((h) => h.error?.startsWith('NETWORK'))).toBe(true);
  // Head-of-line: while the oldest item of an agency waits for its retry, younger ones are not sent.
  expect(
    await col.countDocuments({
      _id: { $in: [...dbkl.slice(1), ...mbpj.slice(1)] },
      'delivery.history.0': { $exists: true },
    }),
  ).toBe(0);
  // Items that arrive while the endpoint is down queue behind the older ones.
  const late = makeRecord({ agencyId: 'dbkl' });
  await col.insertOne(late);
  await agency.up();
  await waitFor('all delivered', async () => (await countState(col, 'delivered')) === 21);
  const arrived = (refs: string[]) => agency.inbox.map((m) => m.key).filter((k) => refs.includes(k));
  expect(arrived([...dbkl, late._id])).toEqual([...dbkl, late._id]);
  expect(arrived(mbpj)).toEqual(mbpj);
  expect(agency.duplicates).toBe(0);
  expect(await countState(col, 'dead')).toBe(0);
});

test('an agency without an endpoint is dead-lettered with NO_ENDPOINT, not retried', async () => {
  const rec = makeRecord({ agencyId: 'nowhere' });
  await col.insertOne(rec);
  start();
  await waitFor('dead', async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'dead');
  expect((await col.findOne({ _id: rec._id }))!.delivery.lastError).toMatch(/^NO_ENDPOINT/);
});

test('a missing secret env var is a dead letter with SECRET_MISSING, nothing is sent', async () => {
  const rec = makeRecord({ agencyId: 'jkr' });
  await col.insertOne(rec);
  start();
  await waitFor('dead', async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'dead');
  expect((await col.findOne({ _id: rec._id }))!.delivery.lastError).toMatch(
    /^SECRET_MISSING: environment variable AGENCY_JKR_SECRET/,
  );
  expect(agency.received).toHaveLength(0);
});

test('retries stop at maxAttempts: dead letter with every attempt in the history', async () => {
  agency.respond = () => ({ status: 503 });
  const rec = makeRecord();
  await col.insertOne(rec);
  start({ maxAttempts: 3 });
  await waitFor('dead', async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'dead');
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.delivery.attempts).toBe(3);
  expect(after.delivery.history.map((h) => h.statusCode)).toEqual([503, 503, 503]);
});
