/** MongoDB `auditLog`: who changed what, when. Append-only from the application's side. */
import type { Collection, Db } from 'mongodb';
import type { AuditEntry } from './types';

/** Appends and reads audit entries. */
export class AuditLog {
  readonly col: Collection<AuditEntry>;

  constructor(db: Db) {
    this.col = db.collection<AuditEntry>('auditLog');
  }

  /** Indexes by reference and by staff member (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ reference: 1, at: -1 }, { name: 'audit_reference' });
    await this.col.createIndex({ staffId: 1, at: -1 }, { name: 'audit_staff' });
  }

  /** Append one entry. */
  async record(entry: Omit<AuditEntry, 'at'> & { at?: Date }): Promise<void> {
    await this.col.insertOne({ ...entry, at: entry.at ?? new Date() });
  }

  /** Entries for one reference, newest first. */
  async forReference(reference: string): Promise<AuditEntry[]> {
    return this.col
      .find({ reference }, { projection: { _id: 0 } })
      .sort({ at: -1 })
      .toArray();
  }
}
