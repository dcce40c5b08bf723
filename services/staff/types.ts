/** Staff accounts, sessions and audit entries as stored in MongoDB (`staff`, `sessions`, `auditLog`). */

/** `staff` sees one agency's feedback; `admin` sees every agency and the "could not route" queue. */
export type StaffRole = 'staff' | 'admin';

/** One staff account. `agencyId` is null only for admins. */
export interface StaffAccount {
  _id: string;
  email: string;
  /** The name colleagues and history show (optional; the email's local part when absent). */
  name?: string;
  agencyId: string | null;
  role: StaffRole;
  /** `scrypt$N$r$p$salt$hash` (base64url); never leaves the service. */
  passwordHash: string;
  disabled: boolean;
  /** Seeded from data/staff.json for local use. */
  demo?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A staff account without its secret, safe to return. */
export type StaffProfile = Omit<StaffAccount, 'passwordHash'>;

/** A login session. `_id` is the SHA-256 of the cookie token, so a database dump holds no usable session. */
export interface SessionDoc {
  _id: string;
  staffId: string;
  email: string;
  agencyId: string | null;
  role: StaffRole;
  /** SHA-256 of the CSRF token bound to this session. */
  csrfHash: string;
  createdAt: Date;
  /** The TTL index removes the session after this time. */
  expiresAt: Date;
}

/** What an authenticated request knows about its staff member. */
export interface StaffSession {
  staffId: string;
  email: string;
  agencyId: string | null;
  role: StaffRole;
  csrfHash: string;
  expiresAt: Date;
}

/** Actions recorded in the audit log. */
export type AuditAction = 'login' | 'logout' | 'status' | 'reply' | 'assign' | 'assignee' | 'note' | 'merge';

/** One audit-log entry. */
export interface AuditEntry {
  at: Date;
  staffId: string;
  agencyId: string | null;
  action: AuditAction;
  reference?: string;
  /** Small non-personal details (e.g. the new status, the assigned agency). */
  detail?: Record<string, string>;
}
