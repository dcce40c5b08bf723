/**
 * MongoDB `teamsStaffLinks`: which Teams user (Azure AD object id) is which Suara staff account (by email). The
 * staff account stays the one source of truth for agency and role, so disabling it also ends Teams access.
 */
import type { Collection, Db } from 'mongodb';
import { normaliseEmail, StaffRepository } from '../../../services/staff/repository';
import type { StaffRole } from '../../../services/staff/types';
import { TeamsError } from './errors';

/** How a link was made. */
export type LinkSource = 'seed' | 'teams-email' | 'admin';

/** One stored link. `_id` is the Azure AD object id (lower case). */
export interface TeamsStaffLink {
  _id: string;
  email: string;
  source: LinkSource;
  createdAt: Date;
  updatedAt: Date;
}

/** The staff member behind a Teams user, as the handlers need them. */
export interface TeamsStaff {
  staffId: string;
  email: string;
  agencyId: string | null;
  role: StaffRole;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Normalise an Azure AD object id (a GUID) or throw LINK_INVALID. */
export function normaliseAadObjectId(id: string): string {
  const v = id.trim().toLowerCase();
  if (!GUID.test(v)) throw new TeamsError('LINK_INVALID', { detail: 'aadObjectId must be a GUID' });
  return v;
}

/** Parse `TEAMS_STAFF_LINKS` ("<aadObjectId>=<email>, ..."); throws LINK_INVALID naming the bad entry's position. */
export function parseLinkSeed(text: string): { aadObjectId: string; email: string }[] {
  const entries = text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry, i) => {
    const [id, email, extra] = entry.split('=').map((s) => s.trim());
    if (!id || !email || extra !== undefined) {
      throw new TeamsError('LINK_INVALID', {
        detail: `TEAMS_STAFF_LINKS entry ${i + 1}: expected <aadObjectId>=<email>`,
      });
    }
    try {
      return { aadObjectId: normaliseAadObjectId(id), email: normaliseEmail(email) };
    } catch {
      throw new TeamsError('LINK_INVALID', { detail: `TEAMS_STAFF_LINKS entry ${i + 1}: bad id or email` });
    }
  });
}

/** Links between Teams users and staff accounts. */
export class TeamsStaffLinks {
  readonly col: Collection<TeamsStaffLink>;
  private readonly staff: StaffRepository;

  constructor(db: Db) {
    this.col = db.collection<TeamsStaffLink>('teamsStaffLinks');
    this.staff = new StaffRepository(db);
  }

  /** Index by email (to find or remove a staff member's links); idempotent. */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ email: 1 }, { name: 'teams_link_email' });
  }

  /** Link (or re-link) a Teams user to the staff account with this email. The account need not exist yet. */
  async link(aadObjectId: string, email: string, source: LinkSource): Promise<void> {
    const id = normaliseAadObjectId(aadObjectId);
    const address = normaliseEmail(email);
    const now = new Date();
    await this.col.updateOne(
      { _id: id },
      { $set: { email: address, source, updatedAt: now }, $setOnInsert: { createdAt: now } },
      { upsert: true },
    );
  }

  /** Remove a Teams user's link; true when there was one. */
  async unlink(aadObjectId: string): Promise<boolean> {
    const r = await this.col.deleteOne({ _id: normaliseAadObjectId(aadObjectId) });
    return r.deletedCount === 1;
  }

  /** The enabled staff account with this email, as a TeamsStaff, or null. */
  async staffByEmail(email: string): Promise<TeamsStaff | null> {
    const account = await this.staff.findByEmail(email);
    if (!account || account.disabled) return null;
    return { staffId: account._id, email: account.email, agencyId: account.agencyId, role: account.role };
  }

  /** The staff member a Teams user is linked to, or null (no link, no such account, or account disabled). */
  async resolve(aadObjectId: string | undefined): Promise<TeamsStaff | null> {
    if (!aadObjectId || !GUID.test(aadObjectId.trim().toLowerCase())) return null;
    const link = await this.col.findOne({ _id: aadObjectId.trim().toLowerCase() });
    return link ? this.staffByEmail(link.email) : null;
  }

  /** Apply `TEAMS_STAFF_LINKS`; returns how many links were written. */
  async seed(text: string): Promise<number> {
    const entries = parseLinkSeed(text);
    for (const e of entries) await this.link(e.aadObjectId, e.email, 'seed');
    return entries.length;
  }
}
