/** Reference numbers: short, readable aloud, checked, and not guessable from the previous one. */
import { newReference, parseReference, REFERENCE_ALPHABET } from '../../services/feedback/reference';

test('a reference has no 0/O or 1/I and passes its own check', () => {
  for (let i = 0; i < 500; i++) {
    const r = newReference();
    expect(r).toMatch(/^SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    expect(parseReference(r)).toEqual({ ok: true, reference: r });
  }
});

test('a citizen may type it in lower case, with spaces or without dashes', () => {
  const r = newReference();
  const body = r.slice(4).replace('-', '');
  expect(parseReference(r.toLowerCase())).toEqual({ ok: true, reference: r });
  expect(parseReference(`sra ${body.slice(0, 4)} ${body.slice(4)}`)).toEqual({ ok: true, reference: r });
  expect(parseReference(body)).toEqual({ ok: true, reference: r });
});

test('every single-symbol typo is caught', () => {
  const r = newReference();
  const body = r.replace(/^SRA-/, '').replace('-', '');
  for (let pos = 0; pos < 8; pos++) {
    for (const sym of REFERENCE_ALPHABET) {
      if (sym === body[pos]) continue;
      const typo = body.slice(0, pos) + sym + body.slice(pos + 1);
      expect(parseReference(typo).ok).toBe(false);
    }
  }
});

test('swapping two different neighbouring symbols is caught', () => {
  let caught = 0;
  let swaps = 0;
  for (let i = 0; i < 200; i++) {
    const body = newReference().replace(/^SRA-/, '').replace('-', '');
    for (let pos = 0; pos < 7; pos++) {
      if (body[pos] === body[pos + 1]) continue;
      swaps++;
      const swapped = body.slice(0, pos) + body[pos + 1] + body[pos] + body.slice(pos + 2);
      if (!parseReference(swapped).ok) caught++;
    }
  }
  // Luhn mod N misses only swaps of the two symbols whose values differ by N/2 (here 16), about 1 in 31.
  expect(caught / swaps).toBeGreaterThan(0.9);
});

test('references are random: 2,000 in a row are all different and do not share a prefix pattern', () => {
  const refs = Array.from({ length: 2000 }, newReference);
  expect(new Set(refs).size).toBe(2000);
  const firstSymbols = new Set(refs.map((r) => r[4]));
  expect(firstSymbols.size).toBeGreaterThan(25);
});

test('malformed input is reported as a format problem', () => {
  expect(parseReference('hello')).toEqual({ ok: false, reason: 'format' });
  expect(parseReference('SRA-0000-1111')).toEqual({ ok: false, reason: 'format' });
  expect(parseReference('')).toEqual({ ok: false, reason: 'format' });
});
