/**
 * "Me too" entries (`supporters` on someone else's record) are the supporter's data: they are listed and exported
 * with only that item's public facts, and erasure removes the supporter's own entry and nothing else. Also: an
 * erased item the agency already received is reported as such, and a still-pending confirmation is settled.
 */
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { makeRecord } from '../support/records';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
let repo: FeedbackRepository;

beforeAll(async () => {
  t = await testDb('privacy_supporters');
  repo = new FeedbackRepository(t.db);
});
afterAll(async () => t.close());

type WithSupporters = FeedbackRecord & { supporters: { citizenKey: string; at: Date }[] };

test('my "me too" on another citizen\'s item is exported without their data and erased without touching theirs', async () => {
  const theirs = makeRecord({ citizenKey: 'owner-key', text: 'Longkang tersumbat Jalan Vexmoor' });
  const supporters = [
    { citizenKey: 'supporter-key', at: new Date('2026-11-20T02:00:00Z') },
    { citizenKey: 'someone-else', at: new Date('2026-11-21T02:00:00Z') },
  ];
  await repo.insert({ ...theirs, supporters } as WithSupporters);

  const exported = await repo.citizens.exportSupported('supporter-key');
  expect(exported).toEqual([
    { reference: theirs._id, category: 'drainage', status: 'sent', addedAt: supporters[0]!.at },
  ]);
  expect(JSON.stringify(exported)).not.toMatch(/Vexmoor|Aminah|owner-key|someone-else/);

  const erased = await repo.citizens.erase('supporter-key');
  expect(erased).toEqual({ items: [], supportersRemoved: 1 });
  const after = (await repo.get(theirs._id)) as WithSupporters | null;
  expect(after?.supporters.map((s) => s.citizenKey)).toEqual(['someone-else']);
  expect(after?.text).toBe('Longkang tersumbat Jalan Vexmoor');
  expect(after?.contact).toEqual({ name: 'Aminah', phone: '+60123456789' });
});

test('erasing an item the agency already received says so, and a confirmation still owed is settled', async () => {
  const delivered = makeRecord({
    citizenKey: 'delivered-key',
    status: 'resolved',
    confirmation: { state: 'pending' },
    statusHistory: [
      { status: 'resolved', at: new Date(), note: 'Encik Vexmoor telah dihubungi', by: 'dbkl:1' },
    ],
  });
  await repo.insert(delivered);
  const erased = await repo.citizens.erase('delivered-key');
  expect(erased.items).toEqual([{ reference: delivered._id, open: false, deliveredToAgency: true }]);
  const after = await repo.get(delivered._id);
  expect(after?.confirmation?.state).toBe('unreachable');
  expect(JSON.stringify(after)).not.toMatch(/Vexmoor|Aminah|Jalan Ampang|secret-conversation|\+6012/);
  expect(after?.location).toEqual({ postcode: '50450', place: 'Kuala Lumpur' });
});
