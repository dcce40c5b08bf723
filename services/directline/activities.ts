/**
 * The durable activity feed of each Direct Line conversation, in MongoDB `dlActivities`.
 * An activity is stored as its JSON text (exact round trip, no field-name restrictions) with a per-conversation
 * sequence number that is the Direct Line watermark. Sequence numbers come from an atomic $inc on the
 * conversation, so two writers may insert out of order for a moment: readers stop at a fresh gap and skip a gap
 * only once it is older than `gapWaitMs` (a writer that died between $inc and insert).
 */
import type { Collection, Db } from 'mongodb';
import { ensureTtlIndex } from './indexes';
import type { ConversationsRepository } from './conversations';

/** A plain Bot Framework activity as JSON (no botbuilder types in services/). */
export type ActivityJson = Record<string, unknown> & { id?: string; type?: string };

interface ActivityDoc {
  _id: string;
  conversationId: string;
  seq: number;
  clientActivityId?: string;
  json: string;
  createdAt: Date;
  /** Citizen activities: set once the bot turn for it completed (replies written). */
  turnDone?: boolean;
  /** Citizen activities: a process running its turn holds it until then. */
  turnLeaseUntil?: Date;
}

/** An activity a client posted before, and whether its bot turn completed. */
export interface PostedActivity {
  activity: ActivityJson;
  turnDone: boolean;
}

/** Result of trying to take the turn of a stored citizen activity. */
export type TurnClaim = 'claimed' | 'done' | 'busy';

/** A page of the feed: activities after the given watermark and the new watermark. */
export interface FeedPage {
  activities: ActivityJson[];
  watermark: string;
}

/** Thrown when appending to a conversation that does not exist. */
export class ConversationNotFoundError extends Error {
  readonly code = 'CONVERSATION_NOT_FOUND';
}

/** Append to and read the per-conversation activity feed. */
export class ActivityFeed {
  readonly col: Collection<ActivityDoc>;

  constructor(
    db: Db,
    private readonly conversations: ConversationsRepository,
    private readonly gapWaitMs = 2000,
  ) {
    this.col = db.collection<ActivityDoc>('dlActivities');
  }

  /** Idempotent index creation. */
  async ensureIndexes(retentionDays: number): Promise<void> {
    await this.col.createIndex({ conversationId: 1, seq: 1 }, { unique: true });
    await this.col.createIndex({ conversationId: 1, clientActivityId: 1 });
    await ensureTtlIndex(this.col, 'createdAt', Math.round(retentionDays * 86400));
  }

  /**
   * Append an activity; assigns `id` (`<conversationId>|<seq>`) and returns the stored activity.
   * The caller sets everything else (timestamp, from, conversation).
   */
  async append(conversationId: string, activity: ActivityJson): Promise<ActivityJson> {
    const seq = await this.conversations.nextSeq(conversationId);
    if (seq === null) throw new ConversationNotFoundError(`Conversation ${conversationId} does not exist`);
    const id = `${conversationId}|${String(seq).padStart(7, '0')}`;
    const stored: ActivityJson = { ...activity, id };
    const channelData = activity.channelData as { clientActivityID?: unknown } | undefined;
    const clientActivityId =
      typeof channelData?.clientActivityID === 'string' ? channelData.clientActivityID : undefined;
    await this.col.insertOne({
      _id: id,
      conversationId,
      seq,
      ...(clientActivityId ? { clientActivityId } : {}),
      json: JSON.stringify(stored),
      createdAt: new Date(),
    });
    return stored;
  }

  /** Append several activities in order with two round trips in all (used for a whole bot turn). */
  async appendMany(conversationId: string, activities: ActivityJson[]): Promise<ActivityJson[]> {
    if (activities.length === 0) return [];
    const last = await this.conversations.reserveSeq(conversationId, activities.length);
    if (last === null) throw new ConversationNotFoundError(`Conversation ${conversationId} does not exist`);
    const first = last - activities.length + 1;
    const now = new Date();
    const stored = activities.map((a, i) => ({
      ...a,
      id: `${conversationId}|${String(first + i).padStart(7, '0')}`,
    }));
    await this.col.insertMany(
      stored.map((a, i) => ({
        _id: a.id as string,
        conversationId,
        seq: first + i,
        json: JSON.stringify(a),
        createdAt: now,
      })),
      { ordered: true },
    );
    return stored;
  }

  /** The activity a client already posted with this clientActivityID (retry after a lost response), or null. */
  async findByClientActivityId(
    conversationId: string,
    clientActivityId: string,
  ): Promise<PostedActivity | null> {
    const doc = await this.col.findOne({ conversationId, clientActivityId });
    return doc ? { activity: JSON.parse(doc.json) as ActivityJson, turnDone: doc.turnDone === true } : null;
  }

  /**
   * Take the bot turn of a stored citizen activity for `leaseMs` (so two processes never run it at once).
   * 'done' when it already completed, 'busy' while another holder's lease runs.
   */
  async claimTurn(id: string, leaseMs: number): Promise<TurnClaim> {
    const now = new Date();
    const r = await this.col.updateOne(
      {
        _id: id,
        turnDone: { $ne: true },
        $or: [{ turnLeaseUntil: { $exists: false } }, { turnLeaseUntil: { $lt: now } }],
      },
      { $set: { turnLeaseUntil: new Date(now.getTime() + leaseMs) } },
    );
    if (r.modifiedCount === 1) return 'claimed';
    const doc = await this.col.findOne({ _id: id }, { projection: { turnDone: 1 } });
    return !doc || doc.turnDone ? 'done' : 'busy';
  }

  /** Record that the bot turn of a stored citizen activity completed. */
  async markTurnDone(id: string): Promise<void> {
    await this.col.updateOne({ _id: id }, { $set: { turnDone: true }, $unset: { turnLeaseUntil: '' } });
  }

  /** Activities after `watermark` (a sequence number as a string; empty = from the start), at most `limit`. */
  async read(conversationId: string, watermark: string | undefined, limit = 100): Promise<FeedPage> {
    const after = parseWatermark(watermark);
    const docs = await this.col
      .find({ conversationId, seq: { $gt: after } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
    const activities: ActivityJson[] = [];
    let last = after;
    for (const doc of docs) {
      if (doc.seq !== last + 1 && Date.now() - doc.createdAt.getTime() < this.gapWaitMs) break;
      activities.push(JSON.parse(doc.json) as ActivityJson);
      last = doc.seq;
    }
    return { activities, watermark: String(last) };
  }

  /** PDPA access: the stored activities of these conversations, in order. */
  async exportConversations(conversationIds: string[]): Promise<ActivityJson[]> {
    if (conversationIds.length === 0) return [];
    const docs = await this.col
      .find({ conversationId: { $in: conversationIds } })
      .sort({ conversationId: 1, seq: 1 })
      .toArray();
    return docs.map((d) => JSON.parse(d.json) as ActivityJson);
  }

  /**
   * PDPA erasure: delete the activities of these conversations, except the ids in `keep` (the message of the turn
   * asking for erasure: its turn is still running and its lease/done marks live on it).
   */
  async eraseConversations(conversationIds: string[], keep: string[] = []): Promise<number> {
    if (conversationIds.length === 0) return 0;
    const r = await this.col.deleteMany({ conversationId: { $in: conversationIds }, _id: { $nin: keep } });
    return r.deletedCount;
  }
}

/** Parse a watermark; anything that is not a non-negative integer means "from the start". */
export function parseWatermark(watermark: string | undefined): number {
  if (!watermark || !/^\d{1,12}$/.test(watermark)) return 0;
  return Number(watermark);
}
