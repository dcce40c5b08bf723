/** Comparing secrets (tokens, signatures, hashes) so that the time taken does not tell where they differ. */
import { timingSafeEqual } from 'node:crypto';

/**
 * True when `a` and `b` hold the same bytes (strings as UTF-8), compared in constant time; different lengths are
 * unequal at once (the length of a hash or signature is no secret).
 */
export function equalInConstantTime(a: string | Buffer, b: string | Buffer): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
