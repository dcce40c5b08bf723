import { ProcessedUpdates } from '../../services/channels/processedUpdates';
import { testDb, type TestDb } from '../support/mongo';

describe('ProcessedUpdates ledger', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await testDb('processed');
  });
  afterAll(async () => tdb.close());

  it('lets exactly one caller claim an update, and reports it done afterwards', async () => {
    const ledger = new ProcessedUpdates(tdb.db);
    await ledger.ensureIndexes();
    const [a, b] = await Promise.all([ledger.claim('telegram:1', 10), ledger.claim('telegram:1', 10)]);
    const kinds = [a.kind, b.kind].sort();
    expect(kinds).toEqual(['busy', 'claimed']);
    const winner = a.kind === 'claimed' ? a : b;
    if (winner.kind !== 'claimed') throw new Error('unreachable');
    await ledger.markDone('telegram:1', 10, winner.owner);
    expect(await ledger.claim('telegram:1', 10)).toEqual({ kind: 'done' });
    expect(await ledger.isDone('telegram:1', 10)).toBe(true);
    // Same update id on another bot/channel is a different update.
    expect((await ledger.claim('telegram:2', 10)).kind).toBe('claimed');
  });

  it('a released claim can be claimed again (the redelivery runs the turn)', async () => {
    const ledger = new ProcessedUpdates(tdb.db);
    const c = await ledger.claim('telegram:1', 11);
    if (c.kind !== 'claimed') throw new Error('expected claim');
    await ledger.release('telegram:1', 11, c.owner);
    expect((await ledger.claim('telegram:1', 11)).kind).toBe('claimed');
  });

  it('takes over a claim whose lease expired (the worker crashed)', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    const ledger = new ProcessedUpdates(tdb.db, { leaseMs: 60_000, now: () => now });
    const first = await ledger.claim('telegram:1', 12);
    expect(first.kind).toBe('claimed');
    expect((await ledger.claim('telegram:1', 12)).kind).toBe('busy');
    now = new Date(now.getTime() + 61_000);
    const second = await ledger.claim('telegram:1', 12);
    expect(second.kind).toBe('claimed');
    // The crashed worker's late markDone does not count; the new owner's does.
    if (first.kind !== 'claimed' || second.kind !== 'claimed') throw new Error('expected claims');
    await ledger.markDone('telegram:1', 12, first.owner);
    expect(await ledger.isDone('telegram:1', 12)).toBe(false);
    await ledger.markDone('telegram:1', 12, second.owner);
    expect(await ledger.isDone('telegram:1', 12)).toBe(true);
  });

  it('has a unique index on (channel, updateId) and a TTL index', async () => {
    const ledger = new ProcessedUpdates(tdb.db);
    await ledger.ensureIndexes();
    const indexes = await tdb.db.collection('processedUpdates').indexes();
    const unique = indexes.find((i) => i.name === 'channel_update_unique');
    const ttl = indexes.find((i) => i.name === 'expires_ttl');
    expect(unique?.unique).toBe(true);
    expect(ttl?.expireAfterSeconds).toBe(0);
  });
});
