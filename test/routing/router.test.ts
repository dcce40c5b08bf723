/** Behaviour of place resolution and routing over the repository's data files. */
import {
  classify,
  extractPostcode,
  getDefaultRouter,
  isLocalMatter,
  loadRouter,
  Router,
} from '../../services/routing';
import { loadGazetteer, loadRoutingRules } from '../../services/routing';
import { loadAgencies } from '../../services/agencies/directory';

const router = getDefaultRouter();
const routeText = (text: string) => router.route({ category: classify(text).category, text });

describe('places', () => {
  it('"Jalan Kuching near Kepong" resolves to DBKL', () => {
    expect(router.resolvePlace({ text: 'Jalan Kuching near Kepong' })).toMatchObject({
      agencyId: 'dbkl',
      name: 'Jalan Kuching',
    });
  });

  it('a bare KL postcode "50450" resolves to DBKL', () => {
    expect(router.resolvePlace({ text: '50450' })).toMatchObject({
      agencyId: 'dbkl',
      postcode: '50450',
      matched: '50450',
    });
  });

  it('postcodes of each covered council resolve to it (PJ, Shah Alam, Subang Jaya, Ampang, Putrajaya)', () => {
    const cases: [string, string][] = [
      ['46100', 'mbpj'],
      ['40150', 'mbsa'],
      ['47610', 'mbsj'],
      ['68000', 'mpaj'],
      ['62502', 'ppj'],
    ];
    for (const [pc, id] of cases) expect(router.resolvePlace({ text: `poskod ${pc}` })?.agencyId).toBe(id);
  });

  it('a place name beats a shared postcode: Pandan Indah 55100 is Ampang Jaya, not KL', () => {
    expect(router.resolvePlace({ text: 'Jalan Pandan Indah 4, 55100 Kuala Lumpur' })?.agencyId).toBe('mpaj');
  });

  it('short forms and spelling variants of places match ("jln tar", "Sek. 7 Shah Alam", "precinct 9")', () => {
    expect(router.resolvePlace({ text: 'kat jln TAR' })?.agencyId).toBe('dbkl');
    expect(router.resolvePlace({ text: 'Sek. 7 Shah Alam' })).toMatchObject({
      agencyId: 'mbsa',
      name: 'Seksyen 7',
    });
    expect(router.resolvePlace({ text: 'precinct 9' })?.agencyId).toBe('ppj');
  });

  it('Puchong is split: bare "Puchong" is flagged ambiguous, Bukit Puchong goes to Sepang', () => {
    expect(router.resolvePlace({ text: 'di Puchong' })).toMatchObject({ agencyId: 'mbsj', ambiguous: true });
    expect(router.resolvePlace({ text: 'Bandar Bukit Puchong' })?.agencyId).toBe('mpsepang');
  });

  it('a pin in Putrajaya routes to PPj', () => {
    const d = router.route({ category: 'streetlights', point: { lat: 2.9264, lng: 101.6964 } });
    expect(d).toMatchObject({ agencyId: 'ppj', reason: 'local_authority', needsLocation: false });
    expect(d.place?.matched).toBe('pin');
  });

  it('a pin near a known KL place resolves by nearest place; a pin far away resolves to nothing', () => {
    expect(router.resolvePlace({ point: { lat: 3.2105, lng: 101.638 } })).toMatchObject({
      agencyId: 'dbkl',
      name: 'Kepong',
    });
    expect(router.resolvePlace({ point: { lat: 5.4141, lng: 100.3288 } })).toBeNull();
    expect(router.resolvePlace({ point: { lat: Number.NaN, lng: 500 } })).toBeNull();
  });

  it('extractPostcode ignores phone numbers and longer digit runs', () => {
    expect(extractPostcode('call 012-3456789 at 47301 Petaling Jaya')).toBe('47301');
    expect(extractPostcode('ref 1234567890')).toBeUndefined();
    expect(extractPostcode('')).toBeUndefined();
  });
});

describe('routing', () => {
  it('a Malay pothole report with a KL road goes to DBKL', () => {
    expect(routeText('Jalan berlubang teruk di Jalan Raja Laut, dah seminggu x dibaiki')).toMatchObject({
      agencyId: 'dbkl',
      reason: 'local_authority',
    });
  });

  it('an unknown place for a local matter asks for the location', () => {
    const d = router.route({
      category: 'drainage',
      text: 'longkang tersumbat',
      locationText: 'belakang rumah mak saya',
    });
    expect(d).toEqual({ agencyId: null, place: null, needsLocation: true, reason: 'unrouted' });
  });

  it('a local matter without a place uses the site default agency but still asks for the location', () => {
    const d = router.route({ category: 'roads', text: 'pothole', defaultAgencyId: 'mbsa' });
    expect(d).toMatchObject({ agencyId: 'mbsa', needsLocation: true, reason: 'site_default' });
  });

  it('national matters go to the ministry wherever they happen', () => {
    expect(router.route({ category: 'health', locationText: 'Kepong' })).toMatchObject({
      agencyId: 'moh',
      reason: 'ministry',
    });
    expect(router.route({ category: 'employment' })).toMatchObject({
      agencyId: 'mohr',
      needsLocation: false,
    });
    expect(router.route({ category: 'water', text: 'no water in SS2' }).agencyId).toBe('kats');
  });

  it('waste goes to the council where it collects waste (PJ) and to KPKT/SWCorp where it does not (KL)', () => {
    expect(router.route({ category: 'waste', locationText: 'SS2 Petaling Jaya' }).agencyId).toBe('mbpj');
    expect(router.route({ category: 'waste', locationText: 'Setapak' })).toMatchObject({
      agencyId: 'kpkt',
      reason: 'ministry',
    });
    expect(router.route({ category: 'waste' }).needsLocation).toBe(true);
  });

  it('"other" goes to the council of a known place, else to the fallback agency', () => {
    expect(router.route({ category: 'other', locationText: 'Presint 9' })).toMatchObject({ agencyId: 'ppj' });
    expect(router.route({ category: 'other' })).toEqual({
      agencyId: 'mampu',
      place: null,
      needsLocation: false,
      reason: 'fallback',
    });
  });

  it('with no fallback agency an unmatched category is explicitly unrouted', () => {
    const rules = { ...loadRoutingRules(), fallbackAgencyId: null, rules: [] };
    const bare = new Router(loadAgencies(), loadGazetteer(), rules);
    expect(bare.route({ category: 'trade' })).toEqual({
      agencyId: null,
      place: null,
      needsLocation: false,
      reason: 'unrouted',
    });
  });

  it('the place given in the location answer wins over a place mentioned in the complaint', () => {
    const d = router.route({
      category: 'roads',
      text: 'pothole like the one in Kepong',
      locationText: 'USJ 9',
    });
    expect(d.agencyId).toBe('mbsj');
  });

  it('isLocalMatter: council categories are local, ministry ones and "other" are not', () => {
    expect(isLocalMatter('roads')).toBe(true);
    expect(isLocalMatter('waste')).toBe(true);
    expect(isLocalMatter('health')).toBe(false);
    expect(isLocalMatter('other')).toBe(false);
    expect(isLocalMatter('roads', [])).toBe(false);
  });

  it('loadRouter reads a data directory and builds the same routes', () => {
    expect(loadRouter().route({ category: 'noise', locationText: 'Ukay Heights' }).agencyId).toBe('mpaj');
  });
});
