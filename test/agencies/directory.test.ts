/** The agency directory file: seeded content, validation errors that name the agency and the field. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyDirectoryError, loadAgencies, parseAgencies } from '../../services/agencies/directory';
import { CATEGORY_IDS } from '../../services/agencies/types';

const agencies = loadAgencies();

describe('agency directory', () => {
  it('holds the eight ministries, DBKL and at least five more Klang Valley councils, with portals', () => {
    const ids = agencies.map((a) => a.id);
    for (const id of ['mohr', 'kpwkm', 'moe', 'moh', 'mestecc', 'kats', 'kpkt', 'miti', 'dbkl'])
      expect(ids).toContain(id);
    expect(agencies.filter((a) => a.level === 'local' && a.id !== 'dbkl').length).toBeGreaterThanOrEqual(5);
    for (const a of agencies) expect(a.eParticipationUrl).toMatch(/^https?:\/\//);
  });

  it('every category is handled by some agency, and every council lists its area', () => {
    for (const c of CATEGORY_IDS) expect(agencies.some((a) => a.categories.includes(c))).toBe(true);
    for (const a of agencies.filter((x) => x.level === 'local'))
      expect(a.area?.postcodes?.length).toBeGreaterThan(0);
  });

  it('webhooks point at the local demo receiver and MBPJ shows the Open311 kind', () => {
    const dbkl = agencies.find((a) => a.id === 'dbkl');
    expect(dbkl?.endpoint).toEqual({
      kind: 'webhook',
      url: '{{self}}/demo-agency/dbkl/feedback',
      secretEnv: 'AGENCY_DBKL_WEBHOOK_SECRET',
    });
    const mbpj = agencies.find((a) => a.id === 'mbpj');
    expect(mbpj?.endpoint.kind).toBe('open311');
    if (mbpj?.endpoint.kind === 'open311') expect(mbpj.endpoint.serviceCodes.roads).toBeTruthy();
  });

  it('a bad field gives a clear error naming the agency and the field', () => {
    const bad = structuredClone(agencies);
    (bad[2] as { categories: string[] }).categories = ['roads', 'potholes'];
    expect(() => parseAgencies(bad)).toThrow(AgencyDirectoryError);
    expect(() => parseAgencies(bad)).toThrow(/agency "moe" \(#2\): field "categories\.1"/);
    const noUrl = structuredClone(agencies);
    (noUrl[0].endpoint as { url?: string }).url = 'not a url';
    expect(() => parseAgencies(noUrl)).toThrow(/agency "mohr" \(#0\): field "endpoint\.url"/);
  });

  it('duplicate ids, reversed postcode ranges, non-arrays and broken JSON are rejected with a code', () => {
    expect(() => parseAgencies([agencies[0], agencies[0]])).toThrow(/duplicate id/);
    const rev = structuredClone(agencies.find((a) => a.id === 'dbkl'));
    if (rev?.area) rev.area.postcodes = ['60000-50000'];
    expect(() => parseAgencies([rev])).toThrow(/reversed/);
    expect(() => parseAgencies({})).toThrow(/JSON array/);
    const dir = mkdtempSync(join(tmpdir(), 'suara-agencies-'));
    writeFileSync(join(dir, 'agencies.json'), '[{');
    try {
      loadAgencies(join(dir, 'agencies.json'));
      throw new Error('expected a failure');
    } catch (err) {
      expect((err as AgencyDirectoryError).code).toBe('AGENCY_DIRECTORY_INVALID');
    }
  });
});
