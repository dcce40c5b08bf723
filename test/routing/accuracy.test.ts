/**
 * Body accuracy on the nationwide labelled set (data/labelled/*.jsonl rows with a `body`): each text is routed with
 * its labelled category (routing alone) and with the classifier's category (end to end). Prints accuracy per kind
 * (local / national / utility) and per state, and the misses. Rows whose body is null ("other") are not scored.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CategoryId } from '../../services/agencies/types';
import { classify, getDefaultRouter } from '../../services/routing';

interface Row {
  text: string;
  category: CategoryId;
  state: string;
  kind: 'local' | 'national' | 'utility';
  body: string | null;
}

const DIR = join(__dirname, '../../data/labelled');
const rows: Row[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.jsonl'))
  .flatMap((f) =>
    readFileSync(join(DIR, f), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Partial<Row>),
  )
  .filter(
    (r): r is Row => typeof r.body === 'string' && typeof r.kind === 'string' && typeof r.state === 'string',
  );

type Tally = Map<string, { n: number; ok: number }>;
const pct = (ok: number, n: number) => `${((100 * ok) / Math.max(n, 1)).toFixed(1)}%`;

function measure(categoryOf: (r: Row) => CategoryId) {
  const router = getDefaultRouter();
  const byKind: Tally = new Map();
  const byState: Tally = new Map();
  const misses: string[] = [];
  let ok = 0;
  let asked = 0;
  for (const r of rows) {
    const d = router.route({ category: categoryOf(r), text: r.text });
    const got = d.agencyId ? (router.agency(d.agencyId)?.id ?? d.agencyId) : null;
    const hit = got === r.body;
    if (hit) ok++;
    else {
      if (d.needsLocation) asked++;
      misses.push(
        `  ${r.state} ${r.kind} want ${r.body} got ${got ?? `-(${d.reason})`} [${categoryOf(r)}] ${r.text.slice(0, 90)}`,
      );
    }
    for (const [tally, key] of [
      [byKind, r.kind],
      [byState, r.state],
    ] as const) {
      const s = tally.get(key) ?? { n: 0, ok: 0 };
      s.n++;
      if (hit) s.ok++;
      tally.set(key, s);
    }
  }
  return { ok, n: rows.length, asked, byKind, byState, misses };
}

function report(title: string, m: ReturnType<typeof measure>): string {
  const line = (t: Tally) =>
    [...t]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, s]) => `${k} ${pct(s.ok, s.n)} (${s.ok}/${s.n})`)
      .join(' · ');
  return [
    `${title}: ${pct(m.ok, m.n)} (${m.ok}/${m.n}); of the misses, ${m.asked} would ask the citizen for the place`,
    `  per kind:  ${line(m.byKind)}`,
    `  per state: ${line(m.byState)}`,
  ].join('\n');
}

describe('body accuracy on the nationwide labelled set', () => {
  it('has labelled texts from every state and federal territory', () => {
    expect(rows.length).toBeGreaterThanOrEqual(300);
    expect(new Set(rows.map((r) => r.state)).size).toBe(16);
  });

  it('routes ≥ 92% to the right body with the labelled category (≥ 88% end to end), and prints per kind and per state', () => {
    const alone = measure((r) => r.category);
    const e2e = measure((r) => classify(r.text).category);
    console.log(
      [
        report('Body accuracy, routing alone (labelled category)', alone),
        report('Body accuracy, end to end (classifier category)', e2e),
        'Misses (routing alone):',
        ...alone.misses,
      ].join('\n'),
    );
    expect(alone.ok / alone.n).toBeGreaterThanOrEqual(0.92);
    expect(e2e.ok / e2e.n).toBeGreaterThanOrEqual(0.88);
  });
});
