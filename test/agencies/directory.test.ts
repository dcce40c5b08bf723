/** The body directory (data/bodies + data/delivery.json) as Agency records, and its readable validation errors. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgencyDirectoryError, loadAgencies, parseAgencies } from '../../services/agencies/directory';
import { checkBodies, DEFAULT_ENDPOINT, loadDirectory } from '../../services/agencies/loadBodies';

const DATA = join(__dirname, '..', '..', 'data');
const agencies = loadAgencies();
const byId = new Map(agencies.map((a) => [a.id, a]));

function copyData(): string {
  const dir = mkdtempSync(join(tmpdir(), 'suara-bodies-'));
  cpSync(join(DATA, 'bodies'), join(dir, 'bodies'), { recursive: true });
  for (const f of ['delivery.json', 'renamed-ids.json']) cpSync(join(DATA, f), join(dir, f));
  return dir;
}

describe('body directory', () => {
  it('holds every kind of body RR2.0 reaches: ≥ 25 ministries, ≥ 149 councils, 13 state offices, ≥ 16 utilities', () => {
    const count = (kind: string) => agencies.filter((a) => a.kind === kind).length;
    expect(count('ministry')).toBeGreaterThanOrEqual(25);
    expect(count('local_authority')).toBeGreaterThanOrEqual(149);
    expect(agencies.filter((a) => a.kind === 'state_office' && a.id.startsWith('suk-')).length).toBe(13);
    expect(count('utility')).toBeGreaterThanOrEqual(16);
    expect(count('federal_agency')).toBeGreaterThanOrEqual(50);
  });

  it('keeps the ids other parts already use (councils, ministries, the fallback of old records)', () => {
    for (const id of [
      'dbkl',
      'mbpj',
      'mbsa',
      'mbsj',
      'mpaj',
      'mpsepang',
      'ppj',
      'mohr',
      'kpwkm',
      'moe',
      'moh',
      'kpkt',
    ])
      expect(byId.has(id)).toBe(true);
  });

  it('derives level and categories: councils get the council set, waste only outside Act 672 states', () => {
    expect(byId.get('mbpp')).toMatchObject({ level: 'local', kind: 'local_authority', state: 'png' });
    expect(byId.get('mbpp')?.categories).toEqual(expect.arrayContaining(['roads', 'streetlights', 'waste']));
    expect(byId.get('mbjb')?.categories).not.toContain('waste');
    expect(byId.get('dbkk')?.categories).toContain('sewerage');
    expect(byId.get('mbpp')?.categories).not.toContain('sewerage');
    expect(byId.get('moh')).toMatchObject({ level: 'federal', categories: ['health'] });
  });

  it('demo endpoints come from data/delivery.json; every other body uses the default (the Suara inbox)', () => {
    expect(byId.get('dbkl')?.endpoint).toEqual({
      kind: 'webhook',
      url: '{{self}}/demo-agency/dbkl/feedback',
      secretEnv: 'AGENCY_DBKL_WEBHOOK_SECRET',
    });
    const mbpj = byId.get('mbpj');
    expect(mbpj?.endpoint.kind).toBe('open311');
    if (mbpj?.endpoint.kind === 'open311') expect(mbpj.endpoint.serviceCodes.roads).toBeTruthy();
    expect(byId.get('mbpp')?.endpoint).toEqual(DEFAULT_ENDPOINT);
  });

  it('a bad field gives an error naming the file, the body and the field; all problems are listed', () => {
    const dir = copyData();
    const file = join(dir, 'bodies', 'local', 'png.json');
    const bodies = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    bodies[0].kind = 'council';
    delete bodies[1].seat;
    writeFileSync(file, JSON.stringify(bodies));
    const { errors } = checkBodies(join(dir, 'bodies'), dir);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/bodies\/local\/png\.json: body "mbpp" \(#0\): field "kind"/),
        expect.stringMatching(/bodies\/local\/png\.json: body "mbsp" \(#1\): field "seat": required/),
      ]),
    );
    expect(() => loadDirectory(dir)).toThrow(AgencyDirectoryError);
    expect(() => loadDirectory(dir)).toThrow(/2 problem/);
  });

  it('duplicate ids, broken JSON, unknown ids in delivery.json and renames to nowhere are rejected', () => {
    const dir = copyData();
    writeFileSync(
      join(dir, 'bodies', 'extra.json'),
      JSON.stringify([{ ...JSON.parse(readFileSync(join(dir, 'bodies', 'local', 'pls.json'), 'utf8'))[0] }]),
    );
    expect(checkBodies(join(dir, 'bodies'), dir).errors.join('\n')).toMatch(
      /"mpkangar" .*duplicate id \(also in bodies\/(extra|local\/pls)\.json\)/,
    );
    writeFileSync(join(dir, 'bodies', 'extra.json'), '[{');
    expect(checkBodies(join(dir, 'bodies'), dir).errors.join('\n')).toMatch(/extra\.json: not valid JSON/);
    writeFileSync(join(dir, 'bodies', 'extra.json'), '[]');
    writeFileSync(join(dir, 'delivery.json'), JSON.stringify({ nobody: { kind: 'none' } }));
    expect(() => loadDirectory(dir)).toThrow(/"nobody" is not a body/);
    writeFileSync(join(dir, 'delivery.json'), '{}');
    writeFileSync(join(dir, 'renamed-ids.json'), JSON.stringify({ kats: 'nowhere' }));
    expect(() => loadDirectory(dir)).toThrow(/"kats" → "nowhere": no such body/);
  });

  it('an old-style agencies file (SUARA_AGENCIES_FILE) still loads, with agency and field in errors', () => {
    const one = {
      id: 'x1',
      name: { en: 'X', ms: 'X' },
      level: 'local',
      categories: ['roads'],
      endpoint: { kind: 'none' },
    };
    const dir = mkdtempSync(join(tmpdir(), 'suara-agencies-'));
    writeFileSync(join(dir, 'agencies.json'), JSON.stringify([one]));
    expect(loadAgencies(join(dir, 'agencies.json'))).toEqual([one]);
    expect(() => parseAgencies([{ ...one, categories: ['potholes'] }])).toThrow(
      /agency "x1" \(#0\): field "categories\.0"/,
    );
    expect(() => loadAgencies(join(dir, 'missing.json'))).toThrow(AgencyDirectoryError);
  });
});
