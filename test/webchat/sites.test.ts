/** Sites (tenants): the seed file validates, ${PORT} is substituted, secrets come only from the named env vars. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSitesFile, SitesRepository, SitesSeedError } from '../../services/sites/repository';
import { testDb, type TestDb } from '../support/mongo';

const SEED = path.resolve(__dirname, '../../data/sites.json');

describe('sites', () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await testDb('sites');
  });
  afterAll(async () => tdb.close());

  it('loads data/sites.json with the demo site allowing localhost on the server port', () => {
    const sites = loadSitesFile(SEED, 4321);
    const demo = sites.find((s) => s.id === 'demo');
    expect(demo?.allowedOrigins).toEqual(['http://localhost:4321', 'http://127.0.0.1:4321']);
    expect(sites.find((s) => s.id === 'dbkl')).toMatchObject({
      secretEnv: 'SITE_DBKL_SECRET',
      defaultAgencyId: 'dbkl',
    });
  });

  it('rejects an invalid seed file naming the field', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sites-'));
    const file = path.join(dir, 'sites.json');
    writeFileSync(
      file,
      JSON.stringify({
        sites: [{ id: 'x', name: { en: 'X', ms: 'X' }, allowedOrigins: ['https://a.my/path'] }],
      }),
    );
    expect(() => loadSitesFile(file, 1)).toThrow(SitesSeedError);
    expect(() => loadSitesFile(file, 1)).toThrow(/allowedOrigins/);
  });

  it('seeds idempotently and finds a site by its backend secret only when the env var is set', async () => {
    const repo = new SitesRepository(tdb.db, { SITE_DBKL_SECRET: 'a-long-enough-secret-value' }, 0);
    await repo.seed(loadSitesFile(SEED, 3978));
    await repo.seed(loadSitesFile(SEED, 3978));
    expect(await tdb.db.collection('sites').countDocuments()).toBe(3);
    expect((await repo.findBySecret('a-long-enough-secret-value'))?.id).toBe('dbkl');
    expect(await repo.findBySecret('wrong')).toBeNull();
    expect(await repo.isAnyOriginAllowed('https://www.mbpj.gov.my')).toBe(true);
    expect(await repo.isAnyOriginAllowed('https://evil.example')).toBe(false);
  });
});
