/** Direct Line conversations in MongoDB `dlConversations`: who owns them, which site, and the feed's sequence. */
import type { Collection, Db } from 'mongodb';
import { ensureTtlIndex } from './indexes';

/**
 * A stored conversation. `seq`: the last feed number reserved by versions that counted here (new conversations keep
 * 0; the feed's own documents carry the numbers now, see activities.ts).
 */
export interface ConversationDoc {
  _id: string;
  siteId: string;
  userId: string;
  locale?: string;
  /** True once POST /conversations (or a first activity) started it; tokens/generate only reserves it. */
  started: boolean;
  /** Hex SHA-256 of the conversation's resume key (absent on conversations created before resume keys). */
  resumeKeyHash?: string;
  seq: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Create, read and touch conversations. Each method is one single-document operation. */
export class ConversationsRepository {
  readonly col: Collection<ConversationDoc>;

  constructor(db: Db) {
    this.col = db.collection<ConversationDoc>('dlConversations');
  }

  /** Idempotent index creation. */
  async ensureIndexes(retentionDays: number): Promise<void> {
    await ensureTtlIndex(this.col, 'updatedAt', Math.round(retentionDays * 86400));
  }

  /** Reserve a conversation (tokens/generate). */
  async reserve(c: {
    id: string;
    siteId: string;
    userId: string;
    locale?: string;
    resumeKeyHash?: string;
  }): Promise<void> {
    const now = new Date();
    await this.col.insertOne({
      _id: c.id,
      siteId: c.siteId,
      userId: c.userId,
      ...(c.locale ? { locale: c.locale } : {}),
      ...(c.resumeKeyHash ? { resumeKeyHash: c.resumeKeyHash } : {}),
      started: false,
      seq: 0,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Mark as started; returns the conversation and whether this call started it (false when already started). */
  async start(id: string): Promise<{ conversation: ConversationDoc; firstStart: boolean } | null> {
    const before = await this.col.findOneAndUpdate(
      { _id: id },
      { $set: { started: true, updatedAt: new Date() } },
      { returnDocument: 'before' },
    );
    if (!before) return null;
    return { conversation: { ...before, started: true }, firstStart: !before.started };
  }

  /** One conversation, or null. */
  async get(id: string): Promise<ConversationDoc | null> {
    return this.col.findOne({ _id: id });
  }

  /** Mark the conversation as used now (extends its retention); false when it does not exist. */
  async touch(id: string): Promise<boolean> {
    const r = await this.col.updateOne({ _id: id }, { $set: { updatedAt: new Date() } });
    return r.matchedCount > 0;
  }

  /** Mark the conversation as used now and return it (null when it does not exist): one round trip. */
  async touchAndGet(id: string): Promise<ConversationDoc | null> {
    return this.col.findOneAndUpdate(
      { _id: id },
      { $set: { updatedAt: new Date() } },
      { returnDocument: 'after' },
    );
  }

  /** PDPA: the ids of every conversation of one web chat user (current one included). */
  async idsOfUser(userId: string): Promise<string[]> {
    if (!userId) return [];
    const docs = await this.col.find({ userId }, { projection: { _id: 1 } }).toArray();
    return docs.map((d) => d._id);
  }

  /** PDPA access: these conversations as stored (site, language, dates; never the resume key's hash). */
  async exportByIds(ids: string[]): Promise<Omit<ConversationDoc, 'resumeKeyHash' | 'seq'>[]> {
    if (ids.length === 0) return [];
    const docs = await this.col.find({ _id: { $in: ids } }).toArray();
    return docs.map(({ resumeKeyHash, seq, ...rest }) => (void resumeKeyHash, void seq, rest));
  }

  /** PDPA erasure: delete these conversations, except `keep` (the live one the citizen is using). */
  async deleteByIds(ids: string[], keep: string[] = []): Promise<number> {
    const gone = ids.filter((id) => !keep.includes(id));
    if (gone.length === 0) return 0;
    return (await this.col.deleteMany({ _id: { $in: gone } })).deletedCount;
  }
}
