/** Behaviour of the bilingual classifier: Malay affixes, short forms, typos, mixed text, odd input. */
import { CATEGORY_IDS } from '../../services/agencies/types';
import { classify, Classifier } from '../../services/routing';
import { malayStems, stemCandidates } from '../../services/routing/stem';
import { editDistance } from '../../services/routing/fuzzy';
import { tokens } from '../../services/routing/text';

describe('classifier', () => {
  it('affix stripping: dibaiki, kerosakan, tersumbat, mengutip, pencemaran reduce to their roots', () => {
    expect(malayStems('kerosakan')).toContain('rosak');
    expect(malayStems('tersumbat')).toContain('sumbat');
    expect(malayStems('mengutip')).toContain('kutip');
    expect(malayStems('pencemaran')).toContain('cemar');
    expect(malayStems('menyapu')).toContain('sapu');
    expect(stemCandidates('potholes')).toContain('pothole');
  });

  it('affix stripping lets an inflected Malay word count: "pungutan" and "dikutip" mean waste collection', () => {
    expect(classify('pungutan tidak dibuat, semuanya bersepah').category).toBe('waste');
    expect(classify('belum dikutip sejak Isnin').category).toBe('waste');
  });

  it('a colloquial Malay line with short forms (x, dh, kat, jln) is understood', () => {
    const r = classify('lampu jln x nyala dh 3 hari kat blok sebelah');
    expect(r.category).toBe('streetlights');
    expect(r.lowConfidence).toBe(false);
  });

  it('typos still match: "longkang tersumbt", "sampahh berselerakk"', () => {
    expect(classify('longkang tersumbt teruk').category).toBe('drainage');
    expect(classify('sampahh berselerakk merata').category).toBe('waste');
    expect(editDistance('tersumbt', 'tersumbat')).toBe(1);
  });

  it('an English report and its Malay twin get the same category', () => {
    expect(classify('my employer has not paid my salary for two months').category).toBe('employment');
    expect(classify('majikan belum bayar gaji saya dua bulan').category).toBe('employment');
  });

  it('mixed English-Malay text is classified', () => {
    expect(classify('Jiran buat karaoke sampai 2am, so loud I cannot sleep').category).toBe('noise');
  });

  it('a place name that looks like a word does not decide the category ("Jalan Kuching" is not a cat)', () => {
    expect(classify('lampu padam di Jalan Kuching').category).toBe('streetlights');
  });

  it('a landmark after "depan"/"near" counts less than the subject ("kereta parking depan sekolah")', () => {
    expect(classify('kereta parking berlapis depan sekolah setiap pagi').category).toBe('parking');
  });

  it('returns ranked alternatives with confidences between 0 and 1, best first', () => {
    const r = classify('air bertakung dalam longkang, nyamuk aedes membiak');
    const all = [{ category: r.category, confidence: r.confidence }, ...r.alternatives];
    for (const s of all) expect(s.confidence).toBeGreaterThan(0);
    for (const s of all) expect(s.confidence).toBeLessThanOrEqual(1);
    for (let i = 1; i < all.length; i++) expect(all[i].confidence).toBeLessThanOrEqual(all[i - 1].confidence);
    expect(['drainage', 'health']).toContain(r.category);
    expect(r.alternatives.map((a) => a.category)).toContain(
      r.category === 'drainage' ? 'health' : 'drainage',
    );
  });

  it('text with no signal is "other" with low confidence', () => {
    const r = classify('hello, good morning');
    expect(r).toEqual({
      category: 'other',
      confidence: expect.any(Number),
      alternatives: [],
      lowConfidence: true,
    });
  });

  it('"The constructor left debris on Jalan Ipoh" is a waste report, not a crash (issue 11 item 5)', () => {
    const r = classify('The constructor left debris on Jalan Ipoh');
    expect(r.category).toBe('waste');
  });

  it('words that name Object.prototype members are ordinary words (__proto__, toString, hasOwnProperty…)', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
      expect(() => classify(`${word} sampah bertimbun ${word}`)).not.toThrow();
      expect(classify(`${word} sampah bertimbun ${word}`).category).toBe('waste');
      expect(tokens(word).every((t) => typeof t === 'string' && t.length > 0)).toBe(true);
      expect(() => new Classifier(undefined, [[word.toLowerCase()]]).classify(word)).not.toThrow();
    }
    expect(tokens('constructor')).toEqual(['constructor']);
  });

  it("real citizens' words from public reports: a dumped sofa and leaf bags are waste, noisy potholes are roads", () => {
    expect(classify('Large sofa and mattress dumped').category).toBe('waste');
    expect(classify('Giant noisy potholes').category).toBe('roads');
    expect(classify('Leaf bags on the corner since December').category).toBe('waste');
  });

  it('colloquial Malay for the everyday problems is understood', () => {
    expect(classify('lampu jalan x nyala').category).toBe('streetlights');
    expect(classify('sampah bertimbun dah seminggu').category).toBe('waste');
    expect(classify('air takde sejak pagi').category).toBe('water');
    expect(classify('jalan berlubang besar kat depan sekolah').category).toBe('roads');
  });

  it('the seven national categories are recognised in Malay and English', () => {
    expect(classify('tangki septik dah penuh, bila IWK nak datang').category).toBe('sewerage');
    expect(classify('IC saya hilang, macam mana nak buat baru').category).toBe('identity');
    expect(classify('my road tax renewal failed on the JPJ website').category).toBe('transport');
    expect(classify('kena ragut depan kedai semalam').category).toBe('safety');
    expect(classify('how do I renew my passport').category).toBe('immigration');
    expect(classify('gajah liar masuk kampung malam tadi').category).toBe('wildlife');
    expect(classify('line telefon takde langsung kat kampung').category).toBe('telecoms');
  });

  it('each part can be asked alone, and the lexicon alone still works without a learned model', () => {
    const lexiconOnly = new Classifier(undefined, [], null);
    expect(lexiconOnly.classify('longkang tersumbat').category).toBe('drainage');
    expect(lexiconOnly.classifyWith('longkang tersumbat', 'learned').category).toBe('other');
    expect(classify('longkang tersumbat').category).toBe('drainage');
  });

  it('odd input (empty, emoji, control characters, huge text, non-string) never throws', () => {
    for (const t of ['', '   ', '🙏🙏🙏', '\u0000\u0001', 'x'.repeat(100_000), null, undefined, 42]) {
      expect(() => classify(t as unknown as string)).not.toThrow();
    }
    expect(classify('sampah '.repeat(20_000)).category).toBe('waste');
  });

  it('a custom lexicon can be plugged in', () => {
    const lex = Object.fromEntries(
      CATEGORY_IDS.map((c) => [c, c === 'trade' ? '3: durian' : '']),
    ) as ConstructorParameters<typeof Classifier>[0];
    expect(new Classifier(lex).classify('harga durian').category).toBe('trade');
  });
});
