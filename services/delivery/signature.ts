/**
 * Request signing shared by outgoing webhooks and incoming agency status updates:
 * `X-Suara-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`, `X-Suara-Timestamp: <unix seconds>`.
 */
import { createHmac } from 'node:crypto';
import { equalInConstantTime } from '../constantTime';

/** Header carrying the unix time (seconds) the request was signed at. */
export const TIMESTAMP_HEADER = 'X-Suara-Timestamp';
/** Header carrying `sha256=<hex>`. */
export const SIGNATURE_HEADER = 'X-Suara-Signature';
/** Header carrying the feedback reference; receivers dedupe on it. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** How far a timestamp may be from our clock, and how long a used signature is remembered. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** `sha256=` + hex HMAC-SHA256 over `timestamp + "." + body`. */
export function sign(secret: string, timestamp: string, body: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return `sha256=${mac.digest('hex')}`;
}

/** The two signing headers for a body, at `now`. */
export function signatureHeaders(
  secret: string,
  body: string,
  now: Date = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: sign(secret, timestamp, body) };
}

/** Why a signature was refused (stable codes). */
export type SignatureFailure =
  'SIGNATURE_MISSING' | 'SIGNATURE_INVALID' | 'TIMESTAMP_INVALID' | 'TIMESTAMP_EXPIRED';

/** Outcome of verifying a signed request; `signature` is the normalised form (the one replay records must use). */
export type SignatureCheck =
  { ok: true; timestamp: number; signature: string } | { ok: false; code: SignatureFailure };

/**
 * The one normalisation of a signature header, used by verification and by replay records alike: exactly
 * `sha256=` + 64 hex digits (upper-case hex is lower-cased), nothing before or after — no trimming, so a value with
 * a trailing U+00A0, a tab or a space is refused rather than made equal to another. Undefined when malformed.
 */
export function normaliseSignature(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(header);
  return m ? `sha256=${m[1]!.toLowerCase()}` : undefined;
}

/** Verify `signature` over `body` at `timestamp`, in constant time, within `toleranceSeconds` of `now`. */
export function verifySignature(input: {
  secret: string;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string | Buffer;
  now?: Date;
  toleranceSeconds?: number;
}): SignatureCheck {
  const { secret, timestamp, signature, body } = input;
  if (!timestamp || !signature) return { ok: false, code: 'SIGNATURE_MISSING' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, code: 'TIMESTAMP_INVALID' };
  const ts = Number(timestamp);
  const nowSec = Math.floor((input.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSec - ts) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, code: 'TIMESTAMP_EXPIRED' };
  }
  const normalised = normaliseSignature(signature);
  if (!normalised) return { ok: false, code: 'SIGNATURE_INVALID' };
  if (!equalInConstantTime(normalised, sign(secret, timestamp, body))) {
    return { ok: false, code: 'SIGNATURE_INVALID' };
  }
  return { ok: true, timestamp: ts, signature: normalised };
}
