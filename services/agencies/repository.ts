/** MongoDB `agencies` collection: the directory seeded from the body directory (data/bodies) at start-up. */
import type { Collection, Db } from 'mongodb';
import { agencySchema } from './directory';
import type { Agency } from './types';

interface AgencyDoc extends Agency {
  _id: string;
  seededAt: Date;
}

/** Stores and reads the agency directory. */
export class AgencyRepository {
  private readonly col: Collection<AgencyDoc>;

  constructor(db: Db) {
    this.col = db.collection<AgencyDoc>('agencies');
  }

  /** Creates the indexes (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ level: 1 }, { name: 'level' });
    await this.col.createIndex({ categories: 1 }, { name: 'categories' });
  }

  /** Upserts every agency by id (idempotent; agencies absent from the file are left alone) and ensures indexes. */
  async seed(agencies: Agency[]): Promise<void> {
    await this.ensureIndexes();
    const seededAt = new Date();
    for (const agency of agencies) {
      const clean = agencySchema.parse(agency) as Agency;
      await this.col.replaceOne({ _id: clean.id }, { ...clean, seededAt }, { upsert: true });
    }
  }

  /** All agencies, ordered by id. */
  async list(): Promise<Agency[]> {
    const docs = await this.col.find({}).sort({ _id: 1 }).toArray();
    return docs.map(toAgency);
  }

  /** One agency by id, or null. */
  async get(id: string): Promise<Agency | null> {
    if (typeof id !== 'string' || !id) return null;
    const doc = await this.col.findOne({ _id: id });
    return doc ? toAgency(doc) : null;
  }
}

function toAgency(doc: AgencyDoc): Agency {
  const { _id, seededAt, ...agency } = doc;
  void _id;
  void seededAt;
  return agency;
}
