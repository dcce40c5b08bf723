/**
 * fast-check arbitraries for hostile input: strings (binary, zero-width, RTL, HTML/JS, Mongo operators, prototype
 * names, huge), JSON texts built by hand (so `__proto__`, `$`-prefixed and dotted keys really are in the bytes),
 * nesting far past any limit, raw bytes and invalid UTF-8, and values of the wrong type. Every generated text carries
 * MARK so the suite can prove none of it reaches the logs.
 */
import fc from 'fast-check';

/** Put into every generated text: no log line may contain it. */
export const MARK = 'QQHOSTILEQQ';

/** Keys that break naive code: Mongo operators, dotted paths, prototype names, empty. */
export const NASTY_KEYS = [
  '$where',
  '$gt',
  '$set',
  '$',
  'a.b',
  '.',
  '..',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  '\u0000',
];

const SNIPPETS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE feedback; --",
  'javascript:alert(document.cookie)',
  '{{constructor.constructor("return process")()}}',
  '${process.exit(1)}',
  '{"$gt": ""}',
  '$where: sleep(5000)',
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  '/start',
  '/constructor',
  '/__proto__',
  '/toString',
  'menu',
  'batal',
  'Complaint',
  'Aduan',
  'The constructor left debris on Jalan Ipoh',
  'SRA-2222-2222',
  'SRA-\u200bAAAA-BBBB',
  '50350',
  '012-345 6789',
  '\u200b\u200c\u200d\u2060\ufeff',
  '\u202e\u2066\u2067\u2068\u2069\u200e\u200f',
  'مرحبا بالعالم',
  'שלום',
  'Lampu jalan rosak 💡🔥',
  '\ud800',
  '\udfff\ud800',
  '\u0000\u0001\u001f\u007f',
  '\r\n\r\nX-Injected: yes',
  '%00%2e%2e%2f',
  '../../../../etc/passwd',
  'A'.repeat(5000),
];

/** One hostile string, always containing MARK. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...SNIPPETS) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
      { weight: 1, arbitrary: fc.constantFrom(...NASTY_KEYS) },
    ),
    { maxLength: 6 },
  )
  .chain((parts) =>
    fc.nat({ max: parts.length }).map((at) => [...parts.slice(0, at), MARK, ...parts.slice(at)].join(' ')),
  );

/** A string far over any text limit (up to ~300 KB). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom('x', 'é', '💡', '\u200b', 'ab<'), fc.integer({ min: 33_000, max: 300_000 }))
  .map(([unit, n]) => MARK + unit.repeat(Math.ceil(n / unit.length)));

/** A JSON string literal of `s` (JSON.stringify escapes lone surrogates, so the text stays valid JSON). */
const lit = (s: string) => JSON.stringify(s);

/** JSON text of a hostile value, up to `depth` levels, keys drawn from NASTY_KEYS and hostile strings. */
export function hostileJsonText(depth: number): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...NASTY_KEYS), hostileString);
  const { value } = fc.letrec<{ value: string }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', maxDepth: depth },
      fc.constantFrom('null', 'true', 'false', '0', '-1', '1e308', '-0', '12345678901234567890'),
      hostileString.map(lit),
      fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
      fc
        .array(fc.tuple(key, tie('value')), { maxLength: 5 })
        .map((entries) => `{${entries.map(([k, v]) => `${lit(k)}:${v}`).join(',')}}`),
    ),
  }));
  return value;
}

/** An object-valued hostile JSON text. */
export function hostileObjectText(depth: number): fc.Arbitrary<string> {
  const key = fc.oneof(fc.constantFrom(...NASTY_KEYS), hostileString);
  return fc
    .array(fc.tuple(key, hostileJsonText(depth)), { maxLength: 6 })
    .map((entries) => `{${entries.map(([k, v]) => `${lit(k)}:${v}`).join(',')}}`);
}

/** JSON nested from 33 to 10,000 levels (arrays or objects). */
export const deepJsonText: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 33, max: 10_000 }), fc.boolean())
  .map(([n, arrays]) => (arrays ? '['.repeat(n) + ']'.repeat(n) : '{"a":'.repeat(n) + '1' + '}'.repeat(n)));

/** Raw bytes: random, invalid UTF-8 sequences, or a truncated JSON text. */
export const hostileBytes: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
  fc
    .array(
      fc.constantFrom(
        [0xff, 0xfe],
        [0xc3, 0x28],
        [0xed, 0xa0, 0x80],
        [0xf4, 0x90, 0x80, 0x80],
        [0xe2, 0x82],
        [0x7b, 0x22],
        [0x00],
      ),
      { minLength: 1, maxLength: 20 },
    )
    .map((parts) => Buffer.concat([Buffer.from(`{"text":"${MARK}`), ...parts.map((p) => Buffer.from(p))])),
  hostileJsonText(3).map((t) => Buffer.from(t.slice(0, Math.max(1, t.length - 1)))),
);

/** A value of a type a field does not expect. */
export const wrongType: fc.Arbitrary<string> = fc.constantFrom(
  'null',
  '123',
  '-1.5e300',
  'true',
  '[]',
  '{}',
  `["${MARK}"]`,
  `{"$gt":"${MARK}"}`,
  `{"__proto__":{"polluted":"${MARK}"}}`,
  '""',
);

/** Draw `n` values from `arb` (deterministic for a seed). */
export function draw<T>(arb: fc.Arbitrary<T>, n: number, seed: number): T[] {
  return n > 0 ? fc.sample(arb, { numRuns: n, seed }) : [];
}
