/** AgencyRepository against the shared MongoDB-protocol test server: the body directory seeded idempotently. */
import { AgencyRepository } from '../../services/agencies/repository';
import { loadAgencies } from '../../services/agencies/directory';
import { testDb, type TestDb } from '../support/mongo';

describe('AgencyRepository', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await testDb('agencies');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeding the whole directory twice gives one entry per body, read back unchanged', async () => {
    const agencies = loadAgencies();
    const repo = new AgencyRepository(t.db);
    await repo.seed(agencies);
    await repo.seed(agencies);
    expect(await t.db.collection('agencies').countDocuments()).toBe(agencies.length);
    const listed = await repo.list();
    expect(listed.map((a) => a.id)).toEqual(agencies.map((a) => a.id).sort());
    expect(await repo.get('mbpj')).toEqual(agencies.find((a) => a.id === 'mbpj'));
    expect(await repo.get('swcorp')).toMatchObject({ kind: 'federal_agency', categories: ['waste'] });
  }, 120_000);

  it('a re-seed with an edited directory updates the stored body', async () => {
    const repo = new AgencyRepository(t.db);
    const edited = loadAgencies()
      .filter((a) => a.kind === 'local_authority')
      .map((a) => (a.id === 'dbkl' ? { ...a, shortName: 'KL City Hall' } : a));
    await repo.seed(edited);
    expect((await repo.get('dbkl'))?.shortName).toBe('KL City Hall');
  }, 120_000);

  it('an unknown or invalid id gives null', async () => {
    const repo = new AgencyRepository(t.db);
    expect(await repo.get('nope')).toBeNull();
    expect(await repo.get('' as string)).toBeNull();
  });

  it('creates its indexes', async () => {
    const names = (await t.db.collection('agencies').indexes()).map((i) => i.name);
    expect(names).toEqual(expect.arrayContaining(['level', 'categories']));
  });
});
