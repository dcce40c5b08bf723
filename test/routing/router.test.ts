/** Behaviour of routing over the repository's data: the real division of labour, and a `why` for every decision. */
import { classify, explainRoute, getDefaultRouter, isLocalMatter, loadRouter } from '../../services/routing';
import { createLocalizer } from '../../services/i18n';
import { loadDirectory } from '../../services/agencies/loadBodies';
import { loadGazetteer, loadRoutingRules, Router, DEFAULT_DATA_DIR } from '../../services/routing';

const router = getDefaultRouter();
const routeText = (text: string) => router.route({ category: classify(text).category, text });

describe('routing nationwide', () => {
  it('"Lampu jalan rosak di Georgetown, Pulau Pinang" goes to MBPP, a council matter found by place name', () => {
    const d = routeText('Lampu jalan rosak di Georgetown, Pulau Pinang');
    expect(d).toMatchObject({ agencyId: 'mbpp', reason: 'local_authority', needsLocation: false });
    expect(d.why).toMatchObject({ rule: 'council-matters', how: 'placeName' });
    expect(d.why.place?.text).toBe('Georgetown, Pulau Pinang');
  });

  it('uncollected rubbish in Taman Molek, Johor Bahru 81100 goes to SWCorp (Johor adopted Act 672), why naming Taman Molek', () => {
    const d = routeText('Sampah tidak dikutip di Taman Molek, Johor Bahru 81100');
    expect(d.agencyId).toBe('swcorp');
    expect(d.why.rule).toBe('waste-act672');
    expect(d.why.place?.text).toContain('Taman Molek');
    expect(d.why.place?.state).toBe('jhr');
  });

  it('rubbish in a state that did not adopt Act 672 goes to the council (Penang, Selangor, Sarawak)', () => {
    expect(router.route({ category: 'waste', locationText: 'Georgetown' }).agencyId).toBe('mbpp');
    expect(router.route({ category: 'waste', locationText: 'SS2 Petaling Jaya' }).agencyId).toBe('mbpj');
    expect(router.route({ category: 'waste', locationText: 'Setapak' }).agencyId).toBe('swcorp');
  });

  it('a burst pipe in Shah Alam goes to Air Selangor, the state water operator', () => {
    const d = routeText('Paip pecah depan rumah di Seksyen 7 Shah Alam, air membazir');
    expect(d).toMatchObject({ agencyId: 'air-selangor', reason: 'body' });
    expect(d.why.rule).toBe('water-operator');
  });

  it('water and electricity follow the region: Penang water PBAPP, Sabah power SESB, Sarawak power Sarawak Energy', () => {
    expect(router.route({ category: 'water', locationText: 'Bayan Lepas' }).agencyId).toBe('pbapp');
    expect(router.route({ category: 'energy', locationText: 'Kota Kinabalu' }).agencyId).toBe('sesb');
    expect(router.route({ category: 'energy', locationText: 'Kuching' }).agencyId).toBe('sarawak-energy');
    expect(router.route({ category: 'energy', locationText: 'JB' }).agencyId).toBe('tnb');
  });

  it('water without any place asks where (the operator depends on the state); a state name alone is enough', () => {
    expect(router.route({ category: 'water', text: 'tiada air sejak pagi' })).toMatchObject({
      agencyId: null,
      needsLocation: true,
    });
    expect(router.route({ category: 'water', locationText: 'Kelantan' }).agencyId).toBe('air-kelantan');
  });

  it('a state name alone is not enough for a council matter: ask for the town', () => {
    const d = router.route({ category: 'roads', locationText: 'Johor' });
    expect(d).toMatchObject({ agencyId: null, needsLocation: true });
    expect(d.place).toMatchObject({ state: 'jhr', agencyId: null, how: 'stateName' });
  });

  it('sewerage goes to Indah Water where it serves and to the council where it does not (Sabah)', () => {
    expect(router.route({ category: 'sewerage', locationText: 'Georgetown' }).agencyId).toBe('iwk');
    expect(router.route({ category: 'sewerage', locationText: 'Kota Kinabalu' }).agencyId).toBe('dbkk');
  });

  it('national matters go to the body that handles them wherever they happen', () => {
    const cases: [string, string][] = [
      ['trade', 'kpdn'],
      ['identity', 'jpn'],
      ['transport', 'jpj'],
      ['safety', 'pdrm'],
      ['immigration', 'jim'],
      ['telecoms', 'mcmc'],
      ['health', 'moh'],
      ['education', 'moe'],
      ['welfare', 'jkm'],
      ['environment', 'jas'],
    ];
    for (const [category, id] of cases) {
      const d = router.route({ category: category as never, locationText: 'Kepong' });
      expect([category, d.agencyId]).toEqual([category, id]);
      expect(d.why.rule).not.toBe('fallback');
    }
    expect(router.route({ category: 'wildlife', locationText: 'Kuantan' }).agencyId).toBe('perhilitan');
  });

  it('a body the citizen names gets it when it handles the matter ("dah lapor TNB", "borang PERKESO", PLUS)', () => {
    expect(router.route({ category: 'energy', text: 'Tiang elektrik tumbang, dah lapor TNB' })).toMatchObject(
      {
        agencyId: 'tnb',
        why: { rule: 'named-body' },
      },
    );
    expect(
      router.route({ category: 'employment', text: 'Majikan tak nak isi borang PERKESO' }).agencyId,
    ).toBe('perkeso');
    expect(router.route({ category: 'roads', text: 'Lebuhraya PLUS berlubang dekat Rawang' }).agencyId).toBe(
      'plus',
    );
    expect(
      router.route({ category: 'other', text: 'LHDN lambat pulangkan bayaran balik cukai' }).agencyId,
    ).toBe('lhdn');
    // "OKU" is an ordinary word here, not the body whose alias it is.
    expect(router.route({ category: 'welfare', text: 'Saya OKU perlukan bantuan di Kangar' }).agencyId).toBe(
      'jkm',
    );
  });

  it('renamed councils are found by their old names: MPSJ → MBSJ, "MPK Klang" → Klang Royal City Council', () => {
    expect(router.route({ category: 'roads', locationText: 'MPSJ' }).agencyId).toBe('mbsj');
    expect(router.route({ category: 'drainage', locationText: 'MPK Klang' }).agencyId).toBe('mbdk');
  });

  it('postcode-only reports: 10200 → MBPP, 43000 → Kajang, 88000 → DBKK, with how = postcode', () => {
    for (const [pc, id] of [
      ['10200', 'mbpp'],
      ['43000', 'mpkajang'],
      ['88000', 'dbkk'],
    ]) {
      const d = router.route({ category: 'roads', locationText: pc });
      expect([pc, d.agencyId, d.why.how]).toEqual([pc, id, 'postcode']);
    }
  });

  it('a name found in two states asks, offering both councils as choices', () => {
    const d = router.route({ category: 'roads', locationText: 'Klebang' });
    expect(d).toMatchObject({ agencyId: null, needsLocation: true, reason: 'ambiguous' });
    expect(d.choices?.map((c) => c.agencyId).sort()).toEqual(['mbi', 'mbmb']);
    expect(d.choices?.map((c) => c.state).sort()).toEqual(['mlk', 'prk']);
    expect(router.route({ category: 'roads', locationText: 'Klebang, Melaka' }).agencyId).toBe('mbmb');
  });

  it('the council the citizen picked wins over an ambiguous name', () => {
    const d = router.route({ category: 'roads', locationText: 'Klebang', councilId: 'mbi' });
    expect(d).toMatchObject({ agencyId: 'mbi', needsLocation: false });
    expect(d.why.place?.text).toBe('Klebang');
  });

  it('a pin far from any known place goes to the nearest council seat, labelled approximate', () => {
    const d = router.route({ category: 'streetlights', point: { lat: 5.4145, lng: 100.3292 } });
    expect(d.agencyId).toBe('mbpp');
    expect(d.why).toMatchObject({ how: 'nearestSeat', approximate: true });
    const kk = router.route({ category: 'roads', point: { lat: 5.98, lng: 116.07 } });
    expect(kk).toMatchObject({ agencyId: 'dbkk', why: { approximate: true } });
    expect(router.resolvePlace({ point: { lat: 35.6, lng: 139.7 } })).toBeNull();
  });

  it('a pin inside Putrajaya (polygon) and a pin next to a known KL place are exact, not approximate', () => {
    const p = router.route({ category: 'streetlights', point: { lat: 2.9264, lng: 101.6964 } });
    expect(p).toMatchObject({ agencyId: 'ppj', why: { how: 'pin' } });
    expect(p.why.approximate).toBeUndefined();
    expect(router.resolvePlace({ point: { lat: 3.2105, lng: 101.638 } })).toMatchObject({ agencyId: 'dbkl' });
  });

  it('keeps the citizen’s own words for the place ("Jalan Jejaka, Taman Maluri")', () => {
    const d = router.route({
      category: 'roads',
      text: 'Ada lubang besar di Jalan Jejaka, Taman Maluri sejak minggu lepas',
    });
    expect(d.agencyId).toBe('dbkl');
    expect(d.why.place?.text).toBe('Jalan Jejaka, Taman Maluri');
  });

  it('short forms people type: JB, KK, KT, PD, BM, SP, KB, "Penang", "N9"', () => {
    const cases: [string, string][] = [
      ['depan stesen bas JB', 'mbjb'],
      ['dekat pasar KK', 'dbkk'],
      ['di KT', 'mbkt'],
      ['pantai PD', 'mppd'],
      ['taman di BM', 'mbsp'],
      ['SP', 'mpsungaipetani'],
      ['KB', 'mpkb'],
    ];
    for (const [text, id] of cases)
      expect([text, router.route({ category: 'roads', locationText: text }).agencyId]).toEqual([text, id]);
    expect(router.route({ category: 'water', locationText: 'N9' }).agencyId).toBe('sains');
    // "kt" in chat means "kat" (at): lower-case two-letter forms inside a sentence are not places.
    expect(router.resolvePlace({ text: 'lampu rosak kt depan rumah' })).toBeNull();
  });

  it('ordinary words are not places: "getting" is not Genting, "present" not Presint, "kena langgar" not Langgar', () => {
    expect(
      router.resolvePlace({ text: 'the hole keeps getting deeper, sign at present is wrong' }),
    ).toBeNull();
    expect(router.resolvePlace({ text: 'kereta kena langgar bonggol dalam' })).toBeNull();
  });

  it('a town named in the text outweighs a same-named neighbourhood in another state ("Taman X in Kangar")', () => {
    expect(
      router.route({ category: 'waste', text: 'Rubbish not collected at Taman Seri Indera in Kangar' }).why
        .place?.state,
    ).toBe('pls');
  });

  it('the place given in the location answer wins over a place mentioned in the complaint', () => {
    const d = router.route({
      category: 'roads',
      text: 'pothole like the one in Kepong',
      locationText: 'USJ 9',
    });
    expect(d.agencyId).toBe('mbsj');
  });

  it('a local matter without a place uses the site default agency but still asks for the location', () => {
    const d = router.route({ category: 'roads', text: 'pothole', defaultAgencyId: 'mbsa' });
    expect(d).toMatchObject({ agencyId: 'mbsa', needsLocation: true, reason: 'site_default' });
    expect(d.why.how).toBe('siteDefault');
  });

  it('"other": the council of a known place, the state office for a state, else the Public Complaints Bureau', () => {
    expect(router.route({ category: 'other', locationText: 'Presint 9' }).agencyId).toBe('ppj');
    expect(router.route({ category: 'other', locationText: 'Sabah' }).agencyId).toBe('suk-sbh');
    expect(router.route({ category: 'other' })).toMatchObject({ agencyId: 'bpa', reason: 'fallback' });
  });

  it('with no fallback an unmatched category is explicitly unrouted, with a why', () => {
    const bare = new Router(loadDirectory(DEFAULT_DATA_DIR), loadGazetteer(), {
      ...loadRoutingRules(),
      fallback: null,
      rules: [],
    });
    expect(bare.route({ category: 'trade' })).toMatchObject({
      agencyId: null,
      reason: 'unrouted',
      why: { rule: 'none' },
    });
  });

  it('the why reads as one plain line in both languages; a pin names the council town, marked approximate', () => {
    const { t } = createLocalizer();
    const line = (lang: 'en' | 'ms', d: ReturnType<typeof router.route>, category: 'streetlights') =>
      explainRoute(t, lang, d, d.agencyId ? (router.agency(d.agencyId)?.name[lang] ?? null) : null, category);
    const text = router.route({
      category: 'streetlights',
      text: 'Lampu jalan rosak di Georgetown, Pulau Pinang',
    });
    expect(line('ms', text, 'streetlights')).toBe(
      'Akan dihantar kepada Majlis Bandaraya Pulau Pinang — lampu jalan ialah urusan majlis tempatan di Georgetown, Pulau Pinang.',
    );
    const pin = router.route({ category: 'streetlights', point: { lat: 5.98, lng: 116.07 } });
    expect(line('en', pin, 'streetlights')).toMatch(
      /^It will go to Kota Kinabalu City Hall — .* in Kota Kinabalu \(nearest council to your pin, approximate\)\.$/,
    );
    expect(line('en', router.route({ category: 'streetlights' }), 'streetlights')).toMatch(
      /could not tell yet/,
    );
  });

  it('retired ids resolve to their successor (KATS → PETRA, MESTECC → NRES)', () => {
    expect(router.agency('kats')?.id).toBe('petra');
    expect(router.agency('mestecc')?.id).toBe('nres');
  });

  it('isLocalMatter: council categories are local, national ones and "other" are not', () => {
    expect(isLocalMatter('roads')).toBe(true);
    expect(isLocalMatter('health')).toBe(false);
    expect(isLocalMatter('other')).toBe(false);
  });

  it('loadRouter reads a data directory and builds the same routes', () => {
    expect(loadRouter().route({ category: 'noise', locationText: 'Ukay Heights' }).agencyId).toBe('mpaj');
  });
});

test("an English route line never names the place by the council's Malay name (found by the conversation explorer)", () => {
  const { t } = createLocalizer();
  const line = (d: ReturnType<typeof router.route>) =>
    explainRoute(t, 'en', d, router.agency(d.agencyId as string)?.name.en ?? null, 'licensing');
  // The citizen picked DBKL from "which one?" and gave no place in words.
  const picked = router.route({
    category: 'licensing',
    text: 'Saya cadangkan lebih banyak tong',
    councilId: 'dbkl',
  });
  expect(picked.agencyId).toBe('dbkl');
  expect(line(picked)).not.toMatch(/Dewan Bandaraya/);
  // The citizen wrote the council's English name: the line quotes what they wrote.
  const named = router.route({
    category: 'licensing',
    text: 'Unlicensed stall reported to Kuala Lumpur City Hall',
  });
  expect(line(named)).not.toMatch(/Dewan Bandaraya/);
});
