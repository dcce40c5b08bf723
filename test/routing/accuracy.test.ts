/**
 * Accuracy on the labelled set (data/labelled/complaints.jsonl): category accuracy per category and overall,
 * and end-to-end agency accuracy (predicted category + place in the text) where the label names an agency.
 * Lines 1–118 were the development half; lines 119+ were held out until the lexicon was finished.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATEGORY_IDS, type CategoryId } from '../../services/agencies/types';
import { classify, getDefaultRouter } from '../../services/routing';

interface Row {
  text: string;
  category: CategoryId;
  agency: string | null;
}

const DEV_SIZE = 118;
const rows: Row[] = readFileSync(join(__dirname, '../../data/labelled/complaints.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Row);

function evaluate(set: Row[]) {
  const router = getDefaultRouter();
  const perCategory = new Map<CategoryId, { n: number; ok: number }>();
  let ok = 0;
  let agencyN = 0;
  let agencyOk = 0;
  for (const row of set) {
    const predicted = classify(row.text);
    const stat = perCategory.get(row.category) ?? { n: 0, ok: 0 };
    stat.n++;
    if (predicted.category === row.category) {
      stat.ok++;
      ok++;
    }
    perCategory.set(row.category, stat);
    if (row.agency) {
      agencyN++;
      if (router.route({ category: predicted.category, text: row.text }).agencyId === row.agency) agencyOk++;
    }
  }
  return { perCategory, category: ok / set.length, agency: agencyOk / agencyN, n: set.length, agencyN };
}

describe('labelled complaints', () => {
  it('has at least 200 labelled lines covering every category', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    const seen = new Set(rows.map((r) => r.category));
    for (const c of CATEGORY_IDS) expect(seen.has(c)).toBe(true);
  });

  it('classifies ≥ 90% of categories and routes ≥ 90% of located complaints to the right agency', () => {
    const all = evaluate(rows);
    const dev = evaluate(rows.slice(0, DEV_SIZE));
    const held = evaluate(rows.slice(DEV_SIZE));
    const lines = [...all.perCategory]
      .sort(([a], [b]) => CATEGORY_IDS.indexOf(a) - CATEGORY_IDS.indexOf(b))
      .map(([c, s]) => `  ${c.padEnd(13)} ${((100 * s.ok) / s.n).toFixed(1).padStart(5)}%  (${s.ok}/${s.n})`);
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(
      [
        'Category accuracy per category:',
        ...lines,
        `overall category: ${pct(all.category)} of ${all.n}; agency (where a place is given): ${pct(all.agency)} of ${all.agencyN}`,
        `development half: category ${pct(dev.category)}, agency ${pct(dev.agency)}`,
        `held-out half:    category ${pct(held.category)}, agency ${pct(held.agency)}`,
      ].join('\n'),
    );
    expect(all.category).toBeGreaterThanOrEqual(0.9);
    expect(all.agency).toBeGreaterThanOrEqual(0.9);
  });
});
