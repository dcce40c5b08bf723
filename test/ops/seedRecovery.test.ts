/**
 * Issue 11, item 4: MongoDB restarted empty while the app ran → every new web chat got 404 UnknownSite until the app
 * restarted, while /healthz said ok. Now seed data comes back without a restart, and readiness says when it is not.
 */
import path from 'node:path';
import { ROOT } from '../../bots/channels/webchat/widgetBuild';
import { silentLogger } from '../../services/log';
import { loadSitesFile, SitesRepository } from '../../services/sites/repository';
import { Readiness } from '../../services/ops/readiness';
import { SeedKeeper } from '../../services/ops/seedKeeper';
import { call, type Harness, startHarness } from '../webchat/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const generate = () =>
  call(`${h.base}/v3/directline/tokens/generate`, { body: { site: 'demo', locale: 'ms' }, origin: h.base });

test('a new web chat after MongoDB came back empty gets a token, not 404 UnknownSite', async () => {
  expect((await generate()).status).toBe(200);
  await h.tdb.db.dropDatabase();
  expect((await generate()).status).toBe(200);
});

test('a seed site the database lost is written back when it is asked for (no cache in the way)', async () => {
  const sites = new SitesRepository(h.tdb.db, {}, 0);
  await sites.seed(loadSitesFile(path.join(ROOT, 'data', 'sites.json'), 3978));
  await h.tdb.db.dropDatabase();
  expect(await sites.get('demo')).toMatchObject({ id: 'demo' });
  expect(await h.tdb.db.collection('sites').countDocuments({ _id: 'demo' } as never)).toBe(1);
  expect(await sites.get('no-such-site')).toBeNull();
});

test('the seed keeper re-seeds an emptied database on its next check, and readiness follows it', async () => {
  const keeper = new SeedKeeper(h.tdb.db, silentLogger).add('webchat', () => h.mount.ensureSeed());
  await keeper.seedAll();
  const readiness = new Readiness({
    db: h.tdb.db,
    seed: async () => keeper.present,
    workerActiveAt: () => null,
    workerStaleMs: 60_000,
  });
  expect((await readiness.report()).ready).toBe(true);

  await h.tdb.db.dropDatabase();
  expect(await keeper.check()).toBe(true);
  expect(keeper.restored).toBe(1);
  const sites = await h.tdb.db.collection('sites').find({}).toArray();
  expect(sites.map((s) => s._id)).toEqual(expect.arrayContaining(['demo']));
  const indexes = await h.tdb.db.collection('dlActivities').indexes();
  expect(indexes.length).toBeGreaterThan(1);
  expect(await keeper.check()).toBe(true);
  expect(keeper.restored).toBe(1);
});

test('readiness is false while a delivery worker has not leased for too long, and during shutdown', async () => {
  let at = Date.now();
  const readiness = new Readiness({
    db: h.tdb.db,
    seed: async () => true,
    workerActiveAt: () => at,
    workerStaleMs: 1000,
  });
  expect((await readiness.report()).ready).toBe(true);
  at -= 5000;
  expect(await readiness.report()).toMatchObject({ ready: false, checks: { worker: false } });
  at = Date.now();
  readiness.stopping = true;
  expect((await readiness.report()).ready).toBe(false);
});
