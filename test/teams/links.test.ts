/** `teamsStaffLinks`: the TEAMS_STAFF_LINKS seed (validated, idempotent) and resolution through the staff account. */
import { prepareTeams, TeamsStaffLinks } from '../../bots/channels/teams';
import { parseLinkSeed } from '../../bots/channels/teams/links';
import { StaffRepository } from '../../services/staff/repository';
import { testDb, type TestDb } from '../support/mongo';

const AAD = 'A1B2C3D4-0000-4000-8000-00000000AB01';
let t: TestDb;
beforeAll(async () => {
  t = await testDb('teams_links');
});
afterAll(async () => {
  await t.close();
});

test('the seed is parsed and normalised; a bad entry is refused by position, without echoing it', () => {
  expect(parseLinkSeed(` ${AAD} = Siti@DBKL.gov.my ;\n`)).toEqual([
    { aadObjectId: AAD.toLowerCase(), email: 'siti@dbkl.gov.my' },
  ]);
  expect(() => parseLinkSeed(`${AAD}=siti@dbkl.gov.my, not-a-guid=raj@mbpj.gov.my`)).toThrow(
    /^LINK_INVALID: TEAMS_STAFF_LINKS entry 2: bad id or email$/,
  );
  expect(() => parseLinkSeed('just-text')).toThrow(/entry 1: expected <aadObjectId>=<email>/);
});

test('seeding twice keeps one link; it resolves to the staff account’s agency and role, or to null once disabled', async () => {
  const repo = new StaffRepository(t.db);
  await repo.ensureIndexes();
  const account = await repo.add({
    email: 'siti@dbkl.gov.my',
    password: 'test-password-for-teams',
    agencyId: 'dbkl',
    role: 'staff',
  });
  expect(await prepareTeams(t.db, { staffLinks: `${AAD}=siti@dbkl.gov.my` })).toBe(1);
  expect(await prepareTeams(t.db, { staffLinks: `${AAD}=SITI@dbkl.gov.my` })).toBe(1);
  const links = new TeamsStaffLinks(t.db);
  expect(await links.col.countDocuments({})).toBe(1);
  expect(await links.resolve(AAD)).toEqual({
    staffId: account._id,
    email: 'siti@dbkl.gov.my',
    agencyId: 'dbkl',
    role: 'staff',
  });
  expect(await links.resolve('not-a-guid')).toBeNull();
  expect(await links.resolve(undefined)).toBeNull();
  await repo.disable('siti@dbkl.gov.my');
  expect(await links.resolve(AAD)).toBeNull();
});
