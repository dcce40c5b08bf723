/** Delivery to an Open311 GeoReport v2 agency (a real server on 127.0.0.1) and reading its statuses back. */
import type { Collection } from 'mongodb';
import type { DeliveryEndpoint } from '../../services/agencies/types';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { createLocalizer } from '../../services/i18n';
import { Notifier } from '../../services/notifications/notifier';
import type { OutboundMessage, ProactiveChannel } from '../../services/notifications/types';
import { mapOpen311Status, pollOpen311Statuses } from '../../services/delivery/open311Poller';
import { StatusService } from '../../services/status/statusService';
import { startWorker, type DeliveryWorker } from '../../services/delivery/worker';
import { startOpen311Agency, type FakeOpen311Request, type FakeAgency } from '../support/fakeAgency';
import { testDb, type TestDb } from '../support/mongo';
import { makeRecord, waitFor } from './helpers';

class RecordingChannel implements ProactiveChannel {
  readonly channelId = 'webchat';
  readonly sent: OutboundMessage[] = [];
  async send(_ref: Record<string, unknown>, m: OutboundMessage): Promise<void> {
    this.sent.push(m);
  }
}

let t: TestDb;
let col: Collection<FeedbackRecord>;
let repo: FeedbackRepository;
let agency: FakeAgency & { requests: FakeOpen311Request[] };
let worker: DeliveryWorker | undefined;
const env = { MBSA_OPEN311_KEY: 'key-123', WRONG_KEY: 'nope' };
let apiKeyEnv = 'MBSA_OPEN311_KEY';
const endpointFor = async (): Promise<DeliveryEndpoint> => ({
  kind: 'open311',
  url: `${agency.url}/open311/`,
  apiKeyEnv,
  jurisdictionId: 'mbsa.gov.my',
  serviceCodes: { roads: 'POTHOLE', other: 'GENERAL' },
});

beforeEach(async () => {
  t = await testDb('delivery_open311');
  col = t.db.collection<FeedbackRecord>('feedback');
  repo = new FeedbackRepository(t.db);
  agency = await startOpen311Agency('key-123', ['POTHOLE', 'GENERAL']);
  apiKeyEnv = 'MBSA_OPEN311_KEY';
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  await agency.close();
  await t.close();
});

test('files a GeoReport v2 request, stores service_request_id, then polls the status back and tells the citizen', async () => {
  const rec = makeRecord({
    agencyId: 'mbsa',
    language: 'en',
    anonymous: false,
    consent: { contact: true, at: new Date() },
    contact: { name: 'Siti Nur Aisyah', email: 'siti@example.test' },
    channel: { channelId: 'webchat', conversationReference: { conversation: { id: 'w1' } } },
  });
  const other = makeRecord(
    { agencyId: 'mbsa', category: 'noise', location: { text: 'Seksyen 7, Shah Alam' } },
    new Date(Date.now() + 1),
  );
  await col.insertMany([rec, other]);
  worker = startWorker({ feedback: repo, endpointFor, env }, { pollIntervalMs: 20, backoffBaseMs: 20 });
  await waitFor(
    'both delivered',
    async () => (await col.countDocuments({ 'delivery.state': 'delivered' })) === 2,
  );
  await worker.stop();
  const form = agency.requests[0]!.form;
  expect(agency.received[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(Object.fromEntries(form)).toEqual({
    api_key: 'key-123',
    jurisdiction_id: 'mbsa.gov.my',
    service_code: 'POTHOLE',
    lat: '3.1598',
    long: '101.7123',
    address_string: 'Jalan Ampang, 50450',
    description: `[${rec._id}] ${rec.text}`,
    media_url: 'https://files.example.test/p/1.jpg',
    email: 'siti@example.test',
    first_name: 'Siti',
    last_name: 'Nur Aisyah',
  });
  expect(agency.requests[1]!.form.get('service_code')).toBe('GENERAL');
  expect(agency.requests[1]!.form.get('address_string')).toBe('Seksyen 7, Shah Alam');
  expect(agency.requests[1]!.form.has('lat')).toBe(false);
  const stored = (await col.findOne({ _id: rec._id }))!;
  expect(stored.delivery.remoteId).toBe('1000');
  expect(stored.status).toBe('sent');

  const channel = new RecordingChannel();
  const notifier = new Notifier({ feedback: repo, t: createLocalizer().t });
  notifier.register(channel);
  const status = new StatusService(repo, notifier);
  // Still open on their side: acknowledged.
  expect(await pollOpen311Statuses({ feedback: repo, endpointFor, status })).toEqual({
    checked: 2,
    changed: 2,
    failedEndpoints: 0,
  });
  expect((await col.findOne({ _id: rec._id }))!.status).toBe('acknowledged');
  // Nothing new: nothing changes, nobody is told twice.
  expect((await pollOpen311Statuses({ feedback: repo, endpointFor, status })).changed).toBe(0);
  agency.requests[0]!.status = 'closed';
  agency.requests[0]!.notes = 'Pothole patched';
  expect((await pollOpen311Statuses({ feedback: repo, endpointFor, status })).changed).toBe(1);
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.status).toBe('resolved');
  expect(after.statusHistory.at(-1)).toMatchObject({
    status: 'resolved',
    note: 'Pothole patched',
    by: 'open311-poll',
  });
  expect(channel.sent.at(-1)!.text).toContain('Note from the agency: Pothole patched');
  expect(channel.sent.at(-1)!.suggestedActions).toHaveLength(5);
  // Resolved records are final: not asked about again.
  expect((await pollOpen311Statuses({ feedback: repo, endpointFor, status })).checked).toBe(1);
});

test('a wrong api_key (403) is a permanent refusal: dead letter with BAD_API_KEY', async () => {
  apiKeyEnv = 'WRONG_KEY';
  const rec = makeRecord({ agencyId: 'mbsa' });
  await col.insertOne(rec);
  worker = startWorker({ feedback: repo, endpointFor, env }, { pollIntervalMs: 20 });
  await waitFor('dead', async () => (await col.findOne({ _id: rec._id }))?.delivery.state === 'dead');
  expect((await col.findOne({ _id: rec._id }))!.delivery.lastError).toBe(
    'BAD_API_KEY: HTTP 403: 403 Invalid api_key',
  );
});

test('GeoReport statuses map onto ours', () => {
  expect(mapOpen311Status('open', 'sent')).toBe('acknowledged');
  expect(mapOpen311Status('open', 'in_progress')).toBe('in_progress');
  expect(mapOpen311Status('closed', 'in_progress')).toBe('resolved');
  expect(mapOpen311Status('ACTION_SCHEDULED', 'acknowledged')).toBe('in_progress');
  expect(mapOpen311Status('NOT_COUNCILS_RESPONSIBILITY', 'sent')).toBe('rejected');
  expect(mapOpen311Status('weird', 'sent')).toBeNull();
});
