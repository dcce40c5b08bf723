/** `npm run agencies -- list | show <id> | check` as a real child process over the repository's directory. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bin/agencies.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('npm run agencies', () => {
  it('list prints one line per body and a count per kind', () => {
    const r = run('list');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(
      lines.some((l) => /^mbpp\s+local_authority\s+png\s+\S+\s+Majlis Bandaraya Pulau Pinang$/.test(l)),
    ).toBe(true);
    expect(lines.at(-1)).toMatch(/^\d+ bodies: .*local_authority/);
  }, 60_000);

  it('show prints every fact of one body with what routes to it; a retired id shows its successor', () => {
    const r = run('show', 'swcorp');
    expect(r.status).toBe(0);
    const shown = JSON.parse(r.stdout) as { id: string; derived: { routedHere: string[] } };
    expect(shown.id).toBe('swcorp');
    const old = run('show', 'kats');
    expect(old.stdout).toMatch(/"kats" is a retired id; it now means "petra"/);
    expect(run('show', 'nope').status).toBe(2);
  }, 60_000);

  it('check passes the schema (exit 0) and prints warnings for unreachable bodies and ambiguous places', () => {
    const r = run('check');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/bodies checked: schema OK/);
    expect(r.stdout).toMatch(/places that resolve to two councils/);
    expect(r.stdout).toMatch(/"klebang": mbi, mbmb/);
  }, 120_000);
});
