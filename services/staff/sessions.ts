/** MongoDB `sessions`: opaque random tokens (stored hashed), a bound CSRF token, and a TTL index for expiry. */
import { createHash, randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { equalInConstantTime } from '../constantTime';
import type { SessionDoc, StaffProfile, StaffSession } from './types';

/** SHA-256 of a token, base64url. */
export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A fresh random token (256 bits, base64url). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** True when `token` hashes to `hash`, compared in constant time. */
export function tokenMatches(token: string, hash: string): boolean {
  return equalInConstantTime(sha256(token), hash);
}

/** A newly created session: the tokens are returned once and only their hashes are stored. */
export interface NewSession {
  token: string;
  csrfToken: string;
  session: StaffSession;
}

/** Creates, reads and ends staff sessions. */
export class SessionStore {
  readonly col: Collection<SessionDoc>;

  constructor(
    db: Db,
    private readonly ttlMs: number,
  ) {
    this.col = db.collection<SessionDoc>('sessions');
  }

  /** TTL on `expiresAt`, and look-up by staff member (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0, name: 'session_ttl' });
    await this.col.createIndex({ staffId: 1 }, { name: 'session_staff' });
  }

  /** Start a session for an account. */
  async create(staff: StaffProfile, now = new Date()): Promise<NewSession> {
    const token = newToken();
    const csrfToken = newToken();
    const doc: SessionDoc = {
      _id: sha256(token),
      staffId: staff._id,
      email: staff.email,
      agencyId: staff.agencyId,
      role: staff.role,
      csrfHash: sha256(csrfToken),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.ttlMs),
    };
    await this.col.insertOne(doc);
    return { token, csrfToken, session: toSession(doc) };
  }

  /** The live session for a cookie token, or null (unknown, or expired but not yet swept by the TTL monitor). */
  async get(token: string | undefined, now = new Date()): Promise<StaffSession | null> {
    if (!token || token.length > 100) return null;
    const doc = await this.col.findOne({ _id: sha256(token), expiresAt: { $gt: now } });
    return doc ? toSession(doc) : null;
  }

  /** End one session. */
  async end(token: string): Promise<void> {
    await this.col.deleteOne({ _id: sha256(token) });
  }

  /** End every session of a staff member (used when an account is disabled). */
  async endAllFor(staffId: string): Promise<number> {
    const r = await this.col.deleteMany({ staffId });
    return r.deletedCount;
  }
}

function toSession(doc: SessionDoc): StaffSession {
  return {
    staffId: doc.staffId,
    email: doc.email,
    agencyId: doc.agencyId,
    role: doc.role,
    csrfHash: doc.csrfHash,
    expiresAt: doc.expiresAt,
  };
}
