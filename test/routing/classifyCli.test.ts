/** The batch tool bin/classify.ts as a real child process: one JSON line per non-empty input line. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function run(input: string): Record<string, unknown>[] {
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bin/classify.ts')], {
    input,
    cwd: root,
    encoding: 'utf8',
  });
  expect(res.status).toBe(0);
  return res.stdout
    .split('\n')
    .filter((l) => l)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('bin/classify.ts', () => {
  it('writes one object per non-empty line with category, agency, its names in both languages and why', () => {
    const out = run(
      'Jalan berlubang di Jalan Kuching dekat Kepong\n\n   \nLampu jalan rosak di Georgetown, Pulau Pinang\r\nlongkang tersumbat\n',
    );
    expect(out).toHaveLength(3);
    expect(out[0]).toMatchObject({
      text: 'Jalan berlubang di Jalan Kuching dekat Kepong',
      category: 'roads',
      agency: 'dbkl',
      agencyName: { en: 'Kuala Lumpur City Hall', ms: 'Dewan Bandaraya Kuala Lumpur' },
    });
    expect(out[1]).toMatchObject({
      category: 'streetlights',
      agency: 'mbpp',
      agencyName: { ms: 'Majlis Bandaraya Pulau Pinang' },
      why: { rule: 'council-matters', how: 'placeName', place: { text: 'Georgetown, Pulau Pinang' } },
    });
    expect(out[2]).toMatchObject({ category: 'drainage', agency: null, agencyName: null });
    for (const o of out) {
      expect(typeof o.confidence).toBe('number');
      expect(Array.isArray(o.alternatives)).toBe(true);
    }
  }, 60_000);

  it('survives odd input: binary bytes, emoji, a very long line, no trailing newline', () => {
    const out = run(`\u0000\u0001\u00ff\n🙏🙏\n${'sampah '.repeat(5000)}\n{"not":"json"}`);
    expect(out).toHaveLength(4);
    expect(out[2]).toMatchObject({ category: 'waste' });
  }, 60_000);
});
