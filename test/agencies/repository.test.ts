/** AgencyRepository against the shared MongoDB-protocol test server. */
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

  it('seeds the directory idempotently and reads it back unchanged', async () => {
    const agencies = loadAgencies();
    const repo = new AgencyRepository(t.db);
    await repo.seed(agencies);
    await repo.seed(agencies);
    expect(await t.db.collection('agencies').countDocuments()).toBe(agencies.length);
    const listed = await repo.list();
    expect(listed.map((a) => a.id)).toEqual(agencies.map((a) => a.id).sort());
    expect(await repo.get('mbpj')).toEqual(agencies.find((a) => a.id === 'mbpj'));
  });

  it('a re-seed with an edited file updates the stored agency', async () => {
    const repo = new AgencyRepository(t.db);
    const edited = loadAgencies().map((a) => (a.id === 'dbkl' ? { ...a, shortName: 'KL City Hall' } : a));
    await repo.seed(edited);
    expect((await repo.get('dbkl'))?.shortName).toBe('KL City Hall');
  });

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
