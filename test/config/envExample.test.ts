import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_VARIABLES, NAMED_SECRET_PATTERN, loadConfig } from '../../services/config';

/** Variables only the test suites read; they sit in the marked "Tests only" / "Fault suite" sections. */
const TEST_ONLY = [
  'HOSTILE_RUNS',
  'HOSTILE_SEED',
  'FAST_CHECK_RUNS',
  'FAST_CHECK_SEED',
  'FAST_CHECK_TIME_LIMIT_MS',
  'SUARA_TEST_MONGODB_URI',
  'SUARA_SCREENSHOT_DIR',
  'FAULT_CITIZENS',
  'FAULT_AGENCY_DOWN_SECONDS',
];

function exampleVariables(): string[] {
  const text = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8');
  return [...text.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!);
}

describe('.env.example and the configuration schema', () => {
  const example = exampleVariables();

  it('every variable Suara reads is in .env.example', () => {
    expect(CONFIG_VARIABLES.filter((v) => !example.includes(v))).toEqual([]);
  });

  it('every variable in .env.example is read by Suara, is a named secret, or is a marked test-only variable', () => {
    const unknown = example.filter(
      (v) => !CONFIG_VARIABLES.includes(v) && !NAMED_SECRET_PATTERN.test(v) && !TEST_ONLY.includes(v),
    );
    expect(unknown).toEqual([]);
  });

  it('test-only variables stay in the marked sections, below every product variable', () => {
    const text = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8');
    const marker = text.indexOf('# --- Tests only');
    expect(marker).toBeGreaterThan(0);
    for (const v of TEST_ONLY) expect(text.indexOf(`\n${v}=`)).toBeGreaterThan(marker);
  });

  it('the defaults written in .env.example are valid values', () => {
    const text = readFileSync(path.join(__dirname, '../../.env.example'), 'utf8');
    const env = Object.fromEntries(
      [...text.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
    );
    expect(() => loadConfig(env)).not.toThrow();
  });

  it('a bad value is reported by variable name, never by value', () => {
    expect(() => loadConfig({ PORT: 'not-a-port-secret' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: 'not-a-port-secret' })).not.toThrow(/not-a-port-secret/);
  });
});
