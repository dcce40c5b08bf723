/**
 * Reference numbers citizens read aloud: `SRA-XXXX-XXXX`, 7 random symbols and a check symbol from an alphabet
 * without 0/O and 1/I. Random (not sequential), so one reference says nothing about the next. The check symbol
 * (Luhn mod 32) catches any single mistyped symbol and any swap of two neighbours.
 */
import { randomInt } from 'node:crypto';

/** The 32 symbols used; no 0, O, 1 or I. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const N = REFERENCE_ALPHABET.length;
const PREFIX = 'SRA';

function checkSymbol(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * REFERENCE_ALPHABET.indexOf(body[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return REFERENCE_ALPHABET[(N - (sum % N)) % N]!;
}

/** A new random reference, e.g. `SRA-7KX4-M9PQ`. */
export function newReference(): string {
  let body = '';
  for (let i = 0; i < 7; i++) body += REFERENCE_ALPHABET[randomInt(N)];
  const full = body + checkSymbol(body);
  return `${PREFIX}-${full.slice(0, 4)}-${full.slice(4)}`;
}

/** Outcome of reading a reference a citizen typed. */
export type ParsedReference = { ok: true; reference: string } | { ok: false; reason: 'format' | 'checksum' };

/**
 * Normalise what a citizen typed ("sra 7kx4 m9pq", "SRA7KX4M9PQ") and verify it.
 */
export function parseReference(input: string): ParsedReference {
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/^SRA/, '');
  const symbols = cleaned;
  if (!/^[2-9A-HJ-NP-Z]{8}$/.test(symbols)) return { ok: false, reason: 'format' };
  const body = symbols.slice(0, 7);
  if (checkSymbol(body) !== symbols[7]) return { ok: false, reason: 'checksum' };
  return { ok: true, reference: `${PREFIX}-${symbols.slice(0, 4)}-${symbols.slice(4)}` };
}

/** Find the first thing in free text that looks like a reference, valid or not. */
export function findReferenceLike(text: string): string | undefined {
  const m = /\bSRA[\s-]?[0-9A-Z]{4}[\s-]?[0-9A-Z]{4}\b/i.exec(text);
  return m?.[0];
}
