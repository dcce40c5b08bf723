/** MongoDB `staff`: accounts by unique email. Passwords are only ever stored as scrypt hashes. */
import { randomBytes } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { StaffError } from './errors';
import { hashPassword } from './password';
import type { StaffAccount, StaffProfile, StaffRole } from './types';

const DUPLICATE_KEY = 11000;

/** Accepted email shape (kept simple: one @, a dot in the domain, no spaces). */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/);

/** Normalise an email (trimmed, lower case) or throw EMAIL_INVALID. */
export function normaliseEmail(email: string): string {
  const r = emailSchema.safeParse(email);
  if (!r.success) throw new StaffError('EMAIL_INVALID', 'not a valid email address');
  return r.data;
}

/** What is needed to create an account. */
export interface NewStaff {
  email: string;
  password: string;
  agencyId: string | null;
  role: StaffRole;
  demo?: boolean;
  /** Display name (optional). */
  name?: string;
}

/** The name to show for an account: its name, else the local part of its email. */
export function displayName(account: Pick<StaffAccount, 'email' | 'name'>): string {
  return account.name?.trim() || account.email.split('@')[0]!;
}

/** Drop the password hash. */
export function toProfile(account: StaffAccount): StaffProfile {
  const { passwordHash, ...profile } = account;
  void passwordHash;
  return profile;
}

/** Data access for staff accounts. */
export class StaffRepository {
  readonly col: Collection<StaffAccount>;

  constructor(db: Db) {
    this.col = db.collection<StaffAccount>('staff');
  }

  /** Unique email; agency look-ups (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ email: 1 }, { unique: true, name: 'staff_email_unique' });
    await this.col.createIndex({ agencyId: 1 }, { name: 'staff_agency' });
  }

  /** Create an account; throws EMAIL_INVALID or EMAIL_TAKEN. */
  async add(input: NewStaff): Promise<StaffProfile> {
    const email = normaliseEmail(input.email);
    const now = new Date();
    const account: StaffAccount = {
      _id: `stf_${randomBytes(8).toString('hex')}`,
      email,
      ...(input.name?.trim() ? { name: input.name.trim().slice(0, 100) } : {}),
      agencyId: input.role === 'admin' ? (input.agencyId ?? null) : input.agencyId,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      disabled: false,
      ...(input.demo ? { demo: true } : {}),
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.col.insertOne(account);
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY)
        throw new StaffError('EMAIL_TAKEN', 'email already used');
      throw err;
    }
    return toProfile(account);
  }

  /** The account with this email (any case), or null. Includes the hash: for the login check only. */
  async findByEmail(email: string): Promise<StaffAccount | null> {
    const r = emailSchema.safeParse(email);
    return r.success ? this.col.findOne({ email: r.data }) : null;
  }

  /** One account by id, without the hash. */
  async get(staffId: string): Promise<StaffProfile | null> {
    const doc = await this.col.findOne({ _id: staffId }, { projection: { passwordHash: 0 } });
    return doc as StaffProfile | null;
  }

  /** Every account, by agency then email, without hashes. */
  async list(): Promise<StaffProfile[]> {
    const docs = await this.col.find({}, { projection: { passwordHash: 0 } }).toArray();
    return (docs as StaffProfile[]).sort(
      (a, b) => (a.agencyId ?? '').localeCompare(b.agencyId ?? '') || a.email.localeCompare(b.email),
    );
  }

  /** Active officers of one body (for "assign to"), by name. */
  async officers(agencyId: string): Promise<{ id: string; name: string }[]> {
    const docs = await this.col
      .find({ agencyId, disabled: false }, { projection: { _id: 1, email: 1, name: 1 } })
      .toArray();
    return docs
      .map((d) => ({ id: d._id, name: displayName(d) }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Display names of accounts by id (unknown ids are left out). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const docs = await this.col
      .find({ _id: { $in: unique } }, { projection: { _id: 1, email: 1, name: 1 } })
      .toArray();
    return new Map(docs.map((d) => [d._id, displayName(d)]));
  }

  /** Set an account's display name; throws STAFF_NOT_FOUND. */
  async setName(email: string, name: string): Promise<void> {
    const r = await this.col.updateOne(
      { email: normaliseEmail(email) },
      { $set: { name: name.trim().slice(0, 100), updatedAt: new Date() } },
    );
    if (r.matchedCount !== 1) throw new StaffError('STAFF_NOT_FOUND', 'no account with that email');
  }

  /** Disable an account; returns it, or throws STAFF_NOT_FOUND. Sessions are ended by the caller. */
  async disable(email: string): Promise<StaffProfile> {
    const address = normaliseEmail(email);
    const res = await this.col.findOneAndUpdate(
      { email: address },
      { $set: { disabled: true, updatedAt: new Date() } },
      { returnDocument: 'after', projection: { passwordHash: 0 } },
    );
    if (!res) throw new StaffError('STAFF_NOT_FOUND', 'no account with that email');
    return res as StaffProfile;
  }
}
