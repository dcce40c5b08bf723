/** Routing data files: cross-references are checked at load, and category labels exist in both languages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_IDS } from '../../services/agencies/types';
import { loadAgencies } from '../../services/agencies/directory';
import { loadGazetteer, loadRoutingRules, Router, RoutingDataError } from '../../services/routing';

const locale = (lang: string) =>
  JSON.parse(readFileSync(join(__dirname, `../../locales/${lang}/categories.json`), 'utf8')) as Record<
    string,
    { label: string; description: string }
  >;

describe('routing data', () => {
  it('a rule naming an unknown agency is rejected at load with the rule id', () => {
    const rules = loadRoutingRules();
    const broken = {
      ...rules,
      rules: [...rules.rules, { id: 'typo', categories: ['trade' as const], to: 'mitii' }],
    };
    expect(() => new Router(loadAgencies(), loadGazetteer(), broken)).toThrow(RoutingDataError);
    expect(() => new Router(loadAgencies(), loadGazetteer(), broken)).toThrow(/"typo".*"mitii"/);
  });

  it('a gazetteer place must belong to a local authority', () => {
    const gaz = loadGazetteer();
    const broken = {
      ...gaz,
      places: [...gaz.places, { ...gaz.places[0], name: 'Wisma X', agencyId: 'moh' }],
    };
    expect(() => new Router(loadAgencies(), broken, loadRoutingRules())).toThrow(
      /Wisma X.*not a local authority/,
    );
  });

  it('the gazetteer covers the required neighbourhoods and roads', () => {
    const names = new Set(loadGazetteer().places.map((p) => p.name));
    for (const n of [
      'Kepong',
      'Setapak',
      'Bangsar',
      'Cheras',
      'Sentul',
      'Jalan Kuching',
      'Jalan Raja Laut',
      'Jalan Tuanku Abdul Rahman',
      'SS2',
      'Damansara Utama',
      'Kelana Jaya',
      'Seksyen 7',
      'USJ',
      'Subang Jaya',
      'Puchong',
      'Ampang',
      'Pandan Indah',
      'Presint 1',
      'Presint 20',
    ]) {
      expect(names.has(n)).toBe(true);
    }
  });

  it('every category has a label and a description in English and Malay, with the same keys', () => {
    const en = locale('en');
    const ms = locale('ms');
    expect(Object.keys(en).sort()).toEqual([...CATEGORY_IDS].sort());
    expect(Object.keys(ms).sort()).toEqual([...CATEGORY_IDS].sort());
    for (const c of CATEGORY_IDS) {
      for (const l of [en[c], ms[c]]) {
        expect(l.label.length).toBeGreaterThan(2);
        expect(l.description.length).toBeGreaterThan(10);
      }
      expect(ms[c].label).not.toBe(en[c].label);
    }
  });
});
