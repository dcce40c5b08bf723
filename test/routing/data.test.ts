/** Routing data files: cross-references are checked at load, every rule explains itself in both languages. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_IDS } from '../../services/agencies/types';
import { loadDirectory } from '../../services/agencies/loadBodies';
import {
  DEFAULT_DATA_DIR,
  loadGazetteer,
  loadRoutingRules,
  Router,
  RoutingDataError,
} from '../../services/routing';
import { checkDirectory } from '../../services/routing/directoryCheck';

const locale = (lang: string, ns: string) =>
  JSON.parse(readFileSync(join(__dirname, `../../locales/${lang}/${ns}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
const directory = loadDirectory(DEFAULT_DATA_DIR);

describe('routing data', () => {
  it('a rule naming an unknown body is rejected at load with the rule id', () => {
    const rules = loadRoutingRules();
    const broken = {
      ...rules,
      rules: [
        ...rules.rules,
        { id: 'typo', description: 'x', categories: ['trade' as const], to: { id: 'kpdnn' } },
      ],
    };
    expect(() => new Router(directory, loadGazetteer(), broken)).toThrow(RoutingDataError);
    expect(() => new Router(directory, loadGazetteer(), broken)).toThrow(/"typo".*"kpdnn"/);
  });

  it('a gazetteer place must belong to a local authority', () => {
    const gaz = loadGazetteer();
    const broken = {
      ...gaz,
      places: [...gaz.places, { ...gaz.places[0], name: 'Wisma X', agencyId: 'moh' }],
    };
    expect(() => new Router(directory, broken, loadRoutingRules())).toThrow(/Wisma X.*not a local authority/);
  });

  it('every rule (and the fallback) has a plain-words explanation in English and Malay', () => {
    const ids = [...loadRoutingRules().rules.map((r) => r.id), 'fallback', 'none'];
    for (const lang of ['en', 'ms']) {
      const rules = locale(lang, 'routing').rule as Record<string, string>;
      for (const id of ids) expect([lang, id, typeof rules[id]]).toEqual([lang, id, 'string']);
    }
  });

  it('every category has a label and a description in English and Malay, with the same keys', () => {
    const en = locale('en', 'categories') as Record<string, { label: string }>;
    const ms = locale('ms', 'categories') as Record<string, { label: string }>;
    expect(Object.keys(en).sort()).toEqual([...CATEGORY_IDS].sort());
    expect(Object.keys(ms).sort()).toEqual([...CATEGORY_IDS].sort());
  });

  it('the directory check: schema clean, every category has a route in every state', () => {
    const report = checkDirectory();
    expect(report.errors).toEqual([]);
    expect(report.noRoute).toEqual([]);
    expect(report.bodies).toBeGreaterThanOrEqual(300);
  });
});
