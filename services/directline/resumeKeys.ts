/**
 * Resume keys: long-lived random secrets that let a browser get a fresh token for its own conversation after the
 * short-lived token expired. Only the SHA-256 of a key is stored (with the conversation); the key itself lives in
 * the citizen's browser. 32 random bytes, so the hash needs no salt or slow KDF.
 */
import { createHash, randomBytes } from 'node:crypto';
import { equalInConstantTime } from '../constantTime';

/** The shape of a resume key on the wire (43 base64url characters). */
export const RESUME_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new resume key and the hash to store. */
export function newResumeKey(): { key: string; hash: string } {
  const key = randomBytes(32).toString('base64url');
  return { key, hash: hashResumeKey(key) };
}

/** Hex SHA-256 of a resume key. */
export function hashResumeKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when `key` hashes to `storedHash` (constant-time comparison). */
export function resumeKeyMatches(key: string, storedHash: string | undefined): boolean {
  if (!storedHash || !RESUME_KEY_PATTERN.test(key)) return false;
  const given = Buffer.from(hashResumeKey(key), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return equalInConstantTime(given, expected);
}
