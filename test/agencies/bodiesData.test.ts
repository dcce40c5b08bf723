/**
 * The body directory as data (data/bodies/**): every file is well-formed, every council has a seat in Malaysia,
 * and every post town of malaysia-postcodes reaches at least one council of its state. Files are checked against the
 * directory's own schema (services/agencies/bodies.ts), held here to a little more (see `body`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allPostcodes, getCities, getStates } from 'malaysia-postcodes';
import { z } from 'zod';
import { bodySchema, STATE_IDS, type StateId } from '../../services/agencies/bodies';

const ROOT = join(__dirname, '../../data/bodies');

/** Each state id and the name malaysia-postcodes files it under. */
const STATES: Record<StateId, string> = {
  jhr: 'Johor',
  kdh: 'Kedah',
  ktn: 'Kelantan',
  mlk: 'Melaka',
  nsn: 'Negeri Sembilan',
  phg: 'Pahang',
  prk: 'Perak',
  pls: 'Perlis',
  png: 'Pulau Pinang',
  sbh: 'Sabah',
  swk: 'Sarawak',
  sgr: 'Selangor',
  trg: 'Terengganu',
  kul: 'Wp Kuala Lumpur',
  pjy: 'Wp Putrajaya',
  lbn: 'Wp Labuan',
};
/** The 13 states (not the federal territories): each has a State Secretary office. */
const THIRTEEN = STATE_IDS.filter((s) => !['kul', 'pjy', 'lbn'].includes(s));

/**
 * Post towns that cannot be placed in a council of the state malaysia-postcodes files them under, with the reason.
 * Each is still reachable: the body named in the reason lists it in its `places`.
 */
const KNOWN_GAPS: Record<string, string> = {
  'Johor/Tioman':
    'Pulau Tioman uses the Mersing postcode 86800 but lies in Pahang (Rompin district, Tioman Development Authority); mdrompin lists it as a place',
};

/** The directory's schema, plus what these files are held to: names of 3+ characters and a source of 10+. */
const body = bodySchema.superRefine((b, ctx) => {
  for (const lang of ['en', 'ms'] as const)
    if (b.name[lang].length < 3)
      ctx.addIssue({ code: 'custom', path: ['name', lang], message: 'under 3 characters' });
  if ((b.source ?? '').length < 10)
    ctx.addIssue({ code: 'custom', path: ['source'], message: 'under 10 characters' });
});
type Body = z.infer<typeof body> & { file: string };

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

function loadAll(): Body[] {
  return jsonFiles(ROOT).flatMap((path) => {
    const file = relative(ROOT, path);
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${file} is not a JSON array`);
    return parsed.map((raw, i) => {
      const r = body.safeParse(raw);
      if (!r.success)
        throw new Error(`${file}[${i}] ${JSON.stringify(raw).slice(0, 60)}: ${r.error.message}`);
      return { ...r.data, file };
    });
  });
}

const bodies = loadAll();
const byId = new Map(bodies.map((b) => [b.id, b]));
const councils = bodies.filter((b) => b.kind === 'local_authority');
const ofKind = (kind: Body['kind']) => bodies.filter((b) => b.kind === kind);

describe('the directory of Malaysian public bodies (data/bodies)', () => {
  it('every file is a JSON array of bodies in the contract format, with unique ids', () => {
    expect(bodies.length).toBeGreaterThan(300);
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const b of bodies) {
      if (seen.has(b.id)) dupes.push(`${b.id} (${seen.get(b.id)} and ${b.file})`);
      seen.set(b.id, b.file);
    }
    expect(dupes).toEqual([]);
  });

  it('holds at least as many bodies of each kind as Respons Rakyat reaches', () => {
    const counts = Object.fromEntries(
      ['ministry', 'federal_agency', 'state_office', 'local_authority', 'utility'].map((k) => [
        k,
        ofKind(k as Body['kind']).length,
      ]),
    );
    const perState = Object.fromEntries(
      STATE_IDS.map((s) => [s, councils.filter((c) => c.state === s).length]),
    );
    console.log('bodies per kind', counts, 'councils per state', perState);
    expect(counts.local_authority).toBeGreaterThanOrEqual(150);
    // The 13 State Secretary offices; state departments citizens address directly (Sabah Wildlife, Sarawak
    // Forestry) are also kind state_office but live in state-agencies.json.
    expect(bodies.filter((b) => b.file === 'state-offices.json')).toHaveLength(13);
    expect(counts.utility).toBeGreaterThanOrEqual(15);
    expect(counts.ministry).toBeGreaterThanOrEqual(24);
    expect(counts.federal_agency).toBeGreaterThanOrEqual(60);
  });

  it('the ids of the 2019 directory that still exist are kept', () => {
    for (const kept of [
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
      'miti',
      'mampu',
    ])
      expect(byId.has(kept)).toBe(true);
  });

  it('every local authority has a type, a state matching its file and a seat inside Malaysia', () => {
    const bad: string[] = [];
    for (const c of councils) {
      if (!c.type || !c.state || !c.seat) bad.push(`${c.id}: missing type/state/seat`);
      if (c.file !== join('local', `${c.state}.json`)) bad.push(`${c.id}: state ${c.state} in ${c.file}`);
      const { lat, lng } = c.seat ?? { lat: 0, lng: 0 };
      const peninsula = lat > 1.2 && lat < 6.8 && lng > 99.5 && lng < 104.6;
      const borneo = lat > 0.8 && lat < 7.5 && lng > 109.5 && lng < 119.5;
      if (!peninsula && !borneo) bad.push(`${c.id}: seat ${lat},${lng} outside Malaysia`);
      const borneoState = ['sbh', 'swk', 'lbn'].includes(c.state ?? '');
      if (borneoState !== borneo) bad.push(`${c.id}: seat on the wrong side of the South China Sea`);
    }
    for (const s of STATE_IDS) if (!councils.some((c) => c.state === s)) bad.push(`${s}: no council`);
    expect(bad).toEqual([]);
  });

  it('only local authorities have an area, and a council is never given handles (the engine assigns them)', () => {
    const bad = bodies.filter((b) => (b.kind === 'local_authority' ? b.handles : b.area)).map((b) => b.id);
    expect(bad).toEqual([]);
  });

  it('renamed and upgraded councils keep their former names as aliases', () => {
    const aliasesOf = (cid: string) => byId.get(cid)?.aliases ?? [];
    expect(aliasesOf('mbsj')).toEqual(expect.arrayContaining(['Majlis Perbandaran Subang Jaya', 'MPSJ']));
    expect(aliasesOf('mbsp')).toEqual(expect.arrayContaining(['Majlis Perbandaran Seberang Perai', 'MPSP']));
    expect(aliasesOf('mbdk')).toEqual(expect.arrayContaining(['Majlis Perbandaran Klang', 'MPK']));
    expect(byId.get('mbdk')?.name.ms).toBe('Majlis Bandaraya Diraja Klang');
    expect(aliasesOf('mbs')).toEqual(expect.arrayContaining(['Majlis Perbandaran Nilai']));
    expect(aliasesOf('mbk')).toEqual(expect.arrayContaining(['Majlis Perbandaran Kuantan']));
    expect(aliasesOf('mbpg')).toEqual(expect.arrayContaining(['Majlis Perbandaran Pasir Gudang']));
  });

  it('every post town a council names is spelled as in malaysia-postcodes for its state', () => {
    const bad: string[] = [];
    for (const c of councils) {
      const towns = new Set(getCities(STATES[c.state as StateId]));
      for (const t of c.area?.postTowns ?? []) if (!towns.has(t)) bad.push(`${c.id}: "${t}"`);
    }
    expect(bad).toEqual([]);
  });

  it('every post town in Malaysia reaches at least one council of its state (known gaps listed with a reason)', () => {
    expect([...getStates()].sort()).toEqual(Object.values(STATES).sort());
    const missing: string[] = [];
    for (const s of STATE_IDS) {
      const covered = new Set(councils.filter((c) => c.state === s).flatMap((c) => c.area?.postTowns ?? []));
      for (const town of getCities(STATES[s]))
        if (!covered.has(town) && !KNOWN_GAPS[`${STATES[s]}/${town}`]) missing.push(`${STATES[s]}/${town}`);
    }
    expect(missing).toEqual([]);
    for (const gap of Object.keys(KNOWN_GAPS)) {
      const [state, town] = gap.split('/');
      expect(getCities(state)).toContain(town);
      expect(councils.some((c) => c.area?.places?.includes(town))).toBe(true);
    }
  });

  it('the places people type are found in the right council (Georgetown, Taman Molek, Skudai, Likas …)', () => {
    const councilOf = (place: string) =>
      councils
        .filter((c) => c.area?.places?.some((p) => p.toLowerCase() === place.toLowerCase()))
        .map((c) => c.id);
    expect(councilOf('Georgetown')).toEqual(['mbpp']);
    expect(councilOf('Bayan Lepas')).toEqual(['mbpp']);
    expect(councilOf('Butterworth')).toEqual(['mbsp']);
    expect(councilOf('Bukit Mertajam')).toEqual(['mbsp']);
    expect(councilOf('Taman Molek')).toEqual(['mbjb']);
    expect(councilOf('Skudai')).toEqual(['mbip']);
    expect(councilOf('Likas')).toEqual(['dbkk']);
    expect(councilOf('Kepong')).toEqual(['dbkl']);
    expect(councilOf('USJ')).toEqual(['mbsj']);
  });

  it('postcode ranges are well-formed and no postcode range is claimed by two councils', () => {
    const ranges = councils.flatMap((c) =>
      (c.area?.postcodes ?? []).map((spec) => {
        const [from, to = from] = spec.split('-').map(Number);
        return { id: c.id, spec, from, to };
      }),
    );
    const bad: string[] = [];
    for (const r of ranges) if (r.to < r.from) bad.push(`${r.id}: ${r.spec} reversed`);
    for (const a of ranges)
      for (const b of ranges)
        if (a.id < b.id && a.from <= b.to && b.from <= a.to)
          bad.push(`${a.id} ${a.spec} overlaps ${b.id} ${b.spec}`);
    expect(bad).toEqual([]);
  });

  it('a postcode a council claims belongs to one of its own post towns (checked against malaysia-postcodes)', () => {
    const bad: string[] = [];
    for (const c of councils) {
      const state = STATES[c.state as StateId];
      const towns = new Set(c.area?.postTowns ?? []);
      for (const spec of c.area?.postcodes ?? []) {
        const [from, to = from] = spec.split('-').map(Number);
        const inside = allPostcodes.flatMap((s) =>
          s.city.flatMap((city) =>
            city.postcode
              .filter((p) => Number(p) >= from && Number(p) <= to)
              .map((p) => ({ s: s.name, city: city.name, p })),
          ),
        );
        if (inside.length === 0) bad.push(`${c.id}: ${spec} matches no postcode`);
        for (const x of inside)
          if (x.s !== state || !towns.has(x.city))
            bad.push(`${c.id}: ${spec} contains ${x.p} (${x.s}/${x.city})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('federal agencies sit under a ministry that exists, and every reference names a known body', () => {
    const bad: string[] = [];
    for (const b of bodies) {
      if (b.parent && byId.get(b.parent)?.kind !== 'ministry') bad.push(`${b.id}: parent ${b.parent}`);
      for (const x of b.serves?.exceptAreas ?? []) if (!byId.has(x)) bad.push(`${b.id}: exceptAreas ${x}`);
    }
    for (const a of ofKind('federal_agency')) if (!a.parent) bad.push(`${a.id}: no parent`);
    expect(bad).toEqual([]);
  });

  it('each of the 13 states has one State Secretary office', () => {
    const offices = bodies.filter((b) => b.file === 'state-offices.json');
    expect(offices.every((o) => o.kind === 'state_office' && o.id.startsWith('suk-'))).toBe(true);
    expect(offices.map((o) => o.state).sort()).toEqual([...THIRTEEN].sort());
    expect(ofKind('state_office').every((o) => o.state)).toBe(true);
  });

  it('every state and territory has an electricity and a water operator, and Indah Water serves the Peninsula and Labuan only', () => {
    const utilities = ofKind('utility');
    const serving = (s: StateId, category: string) =>
      utilities.filter((u) => u.handles?.includes(category as never) && (u.serves?.states ?? []).includes(s));
    for (const s of STATE_IDS) {
      expect([s, serving(s, 'energy').length]).toEqual([s, 1]);
      expect([s, serving(s, 'water').length > 0]).toEqual([s, true]);
    }
    const iwk = byId.get('iwk')?.serves?.states ?? [];
    expect(iwk).toEqual(expect.arrayContaining(['jhr', 'ktn', 'sgr', 'kul', 'lbn']));
    for (const s of ['sbh', 'swk']) expect(iwk).not.toContain(s);
  });

  it('wild animals reach PERHILITAN on the Peninsula and the state wildlife bodies in Sabah and Sarawak', () => {
    const wildlife = (s: StateId) =>
      bodies
        .filter((b) => b.handles?.includes('wildlife'))
        .filter((b) => (b.kind === 'state_office' ? b.state === s : (b.serves?.states ?? []).includes(s)))
        .map((b) => b.id);
    expect(wildlife('phg')).toContain('perhilitan');
    expect(wildlife('sbh')).toEqual(['sabah-wildlife']);
    expect(wildlife('swk')).toEqual(['sarawak-forestry']);
  });

  it('solid waste goes to SWCorp only in the states that adopted Act 672', () => {
    expect([...(byId.get('swcorp')?.serves?.states ?? [])].sort()).toEqual(
      ['jhr', 'mlk', 'nsn', 'phg', 'kdh', 'pls', 'kul', 'pjy'].sort(),
    );
  });
});
