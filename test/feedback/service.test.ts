/** Filing is durable, atomic with its pending delivery, and idempotent per submitting message. */
import { FeedbackRepository } from '../../services/feedback/repository';
import { FeedbackService, type NewFeedback } from '../../services/feedback/service';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
let service: FeedbackService;
let repo: FeedbackRepository;

beforeAll(async () => {
  t = await testDb('feedback');
  repo = new FeedbackRepository(t.db);
  await repo.ensureIndexes();
  service = new FeedbackService(repo, () => ({ agencyId: 'dbkl', reason: 'local_authority' }), 'salt');
});
afterAll(async () => t.close());

const input = (over: Partial<NewFeedback> = {}): NewFeedback => ({
  type: 'complaint',
  category: 'roads',
  text: 'Pothole on Jalan Kuching',
  language: 'en',
  channel: { channelId: 'telegram', conversationReference: { conversation: { id: '42' } } },
  citizenKey: service.citizenKey('telegram', '42'),
  anonymous: true,
  ...over,
});

test('a filed record carries its pending delivery in the same document', async () => {
  const { reference, agencyId } = await service.file(input());
  expect(agencyId).toBe('dbkl');
  const r = await repo.get(reference);
  expect(r).toMatchObject({
    status: 'received',
    routing: { state: 'routed' },
    delivery: { state: 'pending', attempts: 0 },
  });
  expect(r?.statusHistory).toHaveLength(1);
});

test('the same submitting message delivered twice files once and returns the same reference', async () => {
  const a = await service.file(input({ sourceKey: 'telegram:42:update-1001' }));
  const b = await service.file(input({ sourceKey: 'telegram:42:update-1001' }));
  expect(b.reference).toBe(a.reference);
  expect(await t.db.collection('feedback').countDocuments({ sourceKey: 'telegram:42:update-1001' })).toBe(1);
});

test('an item no agency can take is kept as unrouted (visible to staff), never dropped', async () => {
  const unroutable = new FeedbackService(repo, () => ({ agencyId: null, reason: 'unrouted' }), 'salt');
  const { reference, agencyId } = await unroutable.file(input({ category: 'other' }));
  expect(agencyId).toBeNull();
  expect(await repo.get(reference)).toMatchObject({
    routing: { state: 'unrouted' },
    delivery: { state: 'unrouted' },
  });
});

test('citizen keys are pseudonymous and stable per channel user', () => {
  const k = service.citizenKey('telegram', '42');
  expect(k).toBe(service.citizenKey('telegram', '42'));
  expect(k).not.toContain('42');
  expect(k).not.toBe(service.citizenKey('webchat', '42'));
});

test('erasure removes personal data from every record of the citizen', async () => {
  const key = service.citizenKey('webchat', 'erase-me');
  const { reference } = await service.file(
    input({ citizenKey: key, anonymous: false, contact: { name: 'Aminah', phone: '+60123456789' } }),
  );
  expect(await repo.eraseCitizen(key)).toBeGreaterThanOrEqual(1);
  const r = await repo.get(reference);
  expect(r?.contact).toBeUndefined();
  expect(r?.text).not.toContain('Jalan Kuching');
  expect(r?.citizenKey).toBe('erased');
  expect(r?.category).toBe('roads');
});
