/**
 * Direct Line tokens: HMAC-SHA256-signed, scoped to one conversation, one user and one site, with an expiry.
 * Stateless on purpose, so any process can verify them. Format: `dl1.<base64url JSON claims>.<base64url MAC>`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { equalInConstantTime } from '../constantTime';

/** What a token grants. */
export interface TokenClaims {
  /** Conversation id the token is bound to. */
  conversationId: string;
  /** User id the token speaks for (activities' `from.id` is forced to it). */
  userId: string;
  /** Site (tenant) id. */
  siteId: string;
  /** Language the conversation started in ('ms', 'en-US'...), when the client said. */
  locale?: string;
  /** Issued at, seconds since epoch. */
  iat: number;
  /** Expires at, seconds since epoch. */
  exp: number;
}

/** Why a token was refused; `expired` maps to 403 (Direct Line clients then refresh), the rest to 401. */
export class TokenError extends Error {
  constructor(
    readonly code: 'TOKEN_MISSING' | 'TOKEN_MALFORMED' | 'TOKEN_BAD_SIGNATURE' | 'TOKEN_EXPIRED',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

const b64 = (b: Buffer): string => b.toString('base64url');

/** Signs and verifies tokens with one secret. */
export class TokenSigner {
  private readonly key: Buffer;

  constructor(
    secret: string,
    /** Lifetime of a token in seconds. */
    readonly ttlSeconds: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (secret.length < 16) throw new Error('DIRECTLINE_TOKEN_SECRET must be at least 16 characters');
    this.key = Buffer.from(secret, 'utf8');
  }

  /** Issue a token for a conversation/user/site, valid for `ttlSeconds`. */
  issue(c: Omit<TokenClaims, 'iat' | 'exp'>): { token: string; expiresIn: number } {
    const iat = Math.floor(this.now() / 1000);
    const claims: TokenClaims = { ...c, iat, exp: iat + this.ttlSeconds };
    const body = b64(Buffer.from(JSON.stringify(claims), 'utf8'));
    return { token: `dl1.${body}.${this.mac(body)}`, expiresIn: this.ttlSeconds };
  }

  /** Verify a token and return its claims, or throw TokenError. */
  verify(token: string | undefined): TokenClaims {
    if (!token) throw new TokenError('TOKEN_MISSING', 'No token was given.');
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== 'dl1' || token.length > 2048) {
      throw new TokenError('TOKEN_MALFORMED', 'The token is not a Direct Line token from this server.');
    }
    const given = Buffer.from(parts[2], 'base64url');
    const expected = Buffer.from(this.mac(parts[1]), 'base64url');
    if (!equalInConstantTime(given, expected)) {
      throw new TokenError('TOKEN_BAD_SIGNATURE', 'The token signature is not valid.');
    }
    let claims: TokenClaims;
    try {
      claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as TokenClaims;
    } catch {
      throw new TokenError('TOKEN_MALFORMED', 'The token is not readable.');
    }
    if (typeof claims.exp !== 'number' || typeof claims.conversationId !== 'string') {
      throw new TokenError('TOKEN_MALFORMED', 'The token is incomplete.');
    }
    if (claims.exp * 1000 <= this.now()) throw new TokenError('TOKEN_EXPIRED', 'The token has expired.');
    return claims;
  }

  private mac(body: string): string {
    return b64(createHmac('sha256', this.key).update(`dl1.${body}`).digest());
  }
}

/** A random, URL-safe id with `bytes` bytes of entropy. */
export function randomId(bytes = 16): string {
  return b64(randomBytes(bytes));
}
