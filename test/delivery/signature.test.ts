/** Signature known-answer vectors (computed independently with Python's hmac module) and verification rules. */
import {
  normaliseSignature,
  sign,
  signatureHeaders,
  verifySignature,
} from '../../services/delivery/signature';
import { backoffDelay } from '../../services/delivery/backoff';
import { parseRetryAfter } from '../../services/delivery/httpOutcome';

const vectors: [string, string, string, string][] = [
  [
    'whsec_test_123',
    '1700000000',
    '{"version":1,"reference":"SRA-7KX4-M9PQ"}',
    'sha256=1247b200a4818f35f8e00017d69fb54ad5a6e4f6bad74cb9cb0561b2ac8a9daa',
  ],
  [
    'rahsia-agensi',
    '1735689600',
    '',
    'sha256=c974869f4269e7b9c6b45d14f97a054923ca35025cb68f82e9bbf80d5ab03880',
  ],
  [
    'kéy',
    '1',
    'Jalan Tun Razak — lampu jalan rosak',
    'sha256=e90c85d1df9f2cf35ec02b012aa6b05946b3c38b12e09256a83ba977eb406056',
  ],
];

test.each(vectors)('known answer: secret %j, timestamp %s', (secret, ts, body, expected) => {
  expect(sign(secret, ts, body)).toBe(expected);
  expect(sign(secret, ts, Buffer.from(body, 'utf8'))).toBe(expected);
  const now = new Date(Number(ts) * 1000 + 10_000);
  expect(verifySignature({ secret, timestamp: ts, signature: expected, body, now })).toEqual({
    ok: true,
    timestamp: Number(ts),
    signature: expected,
  });
});

test('verification refuses a wrong secret, a changed body, a stale or future timestamp, and missing headers', () => {
  const [secret, ts, body, sig] = vectors[0]!;
  const now = new Date(Number(ts) * 1000);
  expect(verifySignature({ secret: 'other', timestamp: ts, signature: sig, body, now })).toEqual({
    ok: false,
    code: 'SIGNATURE_INVALID',
  });
  expect(verifySignature({ secret, timestamp: ts, signature: sig, body: body + ' ', now })).toEqual({
    ok: false,
    code: 'SIGNATURE_INVALID',
  });
  expect(verifySignature({ secret, timestamp: ts, signature: sig.slice(0, -1), body, now })).toEqual({
    ok: false,
    code: 'SIGNATURE_INVALID',
  });
  const late = new Date(now.getTime() + 301_000);
  expect(verifySignature({ secret, timestamp: ts, signature: sig, body, now: late })).toEqual({
    ok: false,
    code: 'TIMESTAMP_EXPIRED',
  });
  const early = new Date(now.getTime() - 301_000);
  expect(verifySignature({ secret, timestamp: ts, signature: sig, body, now: early })).toEqual({
    ok: false,
    code: 'TIMESTAMP_EXPIRED',
  });
  expect(verifySignature({ secret, timestamp: undefined, signature: sig, body, now })).toEqual({
    ok: false,
    code: 'SIGNATURE_MISSING',
  });
  expect(verifySignature({ secret, timestamp: '17e8', signature: sig, body, now })).toEqual({
    ok: false,
    code: 'TIMESTAMP_INVALID',
  });
});

test('a signature header with a trailing U+00A0, spaces, tabs or anything but 64 hex digits is refused, upper-case hex is the same signature', () => {
  const [secret, ts, body, sig] = vectors[0]!;
  const now = new Date(Number(ts) * 1000);
  const hex = sig.slice('sha256='.length);
  for (const bad of [
    `${sig}\u00a0`,
    `\u00a0${sig}`,
    `${sig} `,
    ` ${sig}`,
    `${sig}\t`,
    `\t${sig}`,
    `sha256= ${hex}`,
    `sha256=${hex}\u200b`,
    `SHA256=${hex}`,
    `sha256=${hex}0`,
    `sha256=${hex.slice(0, -2)}`,
    hex,
    `sha256=${hex},sha256=${hex}`,
  ]) {
    expect(normaliseSignature(bad)).toBeUndefined();
    expect(verifySignature({ secret, timestamp: ts, signature: bad, body, now })).toEqual({
      ok: false,
      code: 'SIGNATURE_INVALID',
    });
  }
  const upper = `sha256=${hex.toUpperCase()}`;
  expect(normaliseSignature(upper)).toBe(sig);
  expect(verifySignature({ secret, timestamp: ts, signature: upper, body, now })).toEqual({
    ok: true,
    timestamp: Number(ts),
    signature: sig,
  });
});

test('signatureHeaders signs with the current unix time in seconds', () => {
  const h = signatureHeaders('s', 'b', new Date('2025-01-01T00:00:00.999Z'));
  expect(h['X-Suara-Timestamp']).toBe('1735689600');
  expect(h['X-Suara-Signature']).toBe(sign('s', '1735689600', 'b'));
});

test('backoff grows exponentially, is capped, and jitter stays within [half, full]', () => {
  const o = { baseMs: 1000, maxMs: 60_000 };
  expect([1, 2, 3, 4].map((n) => backoffDelay(n, o, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  expect([1, 2, 3, 4].map((n) => backoffDelay(n, o, () => 0))).toEqual([500, 1000, 2000, 4000]);
  expect(backoffDelay(30, o, () => 1)).toBe(60_000);
  expect(backoffDelay(1000, o, () => 0.5)).toBe(45_000);
});

test('Retry-After: seconds or an HTTP date', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  expect(parseRetryAfter('120', now)).toBe(120_000);
  expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30_000);
  expect(parseRetryAfter('soon', now)).toBeUndefined();
  expect(parseRetryAfter(null, now)).toBeUndefined();
});
