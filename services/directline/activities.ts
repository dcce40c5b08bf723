/**
 * The durable activity feed of each Direct Line conversation, in MongoDB `dlActivities`.
 * An activity is stored as its JSON text (exact round trip, no field-name restrictions) with a per-conversation
 * sequence number that is the Direct Line watermark; its `_id` is `<conversationId>|<seq>`, so two writers can never
 * store the same number. A writer appends at (last number it knows + 1): one insert, no counter round trip. The last
 * number is remembered per conversation in this process; a writer that lost a race (another process appended first)
 * gets a duplicate-key error, reads the feed's last number and tries again. Since a writer only knows numbers that
 * exist, it never skips one; readers still stop at a fresh gap (data written by older versions, which reserved
 * numbers first) and skip it once it is older than `gapWaitMs`.
 * A citizen's activity is stored already leased to the process that runs its turn; the turn counts as done once its
 * replies are stored (the last reply carries `turnOf`), or, for a turn without replies, once `turnDone` is set.
 */
import { type Collection, type Db, MongoBulkWriteError, MongoServerError } from 'mongodb';
import { GroupCommit, failed, ok, perCaller, type Outcome } from '../batching/groupCommit';
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
  /** Bot replies: the last reply of a turn names the citizen activity whose turn it completed. */
  turnOf?: string;
}

/** What one writer's insert did: how many of its documents went in, and the error if it lost a race for a number. */
interface Inserted {
  inserted: number;
  duplicate?: Error;
}

/** What this process knows of a conversation's feed: its last sequence number, and when it last touched it. */
interface Known {
  seq: number;
  touchedAt: number;
}

/** Conversations remembered (most recently used kept); beyond this the oldest are forgotten and re-read. */
const KNOWN_MAX = 50_000;
/** How often an active conversation's `updatedAt` (its retention clock) is moved forward. */
const TOUCH_EVERY_MS = 3_600_000;
const DUPLICATE_KEY = 11000;

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
   * Append an activity; assigns `id` (`<conversationId>|<seq>`) and returns the stored activity. `leaseMs`: a
   * citizen activity whose turn this process runs now (stored leased, so no other process takes it meanwhile).
   * The caller sets everything else (timestamp, from, conversation).
   */
  async append(
    conversationId: string,
    activity: ActivityJson,
    opts: { leaseMs?: number } = {},
  ): Promise<ActivityJson> {
    const channelData = activity.channelData as { clientActivityID?: unknown } | undefined;
    const clientActivityId =
      typeof channelData?.clientActivityID === 'string' ? channelData.clientActivityID : undefined;
    const extra = {
      ...(clientActivityId ? { clientActivityId } : {}),
      ...(opts.leaseMs ? { turnLeaseUntil: new Date(Date.now() + opts.leaseMs) } : {}),
    };
    const [stored] = await this.insertInOrder(conversationId, [activity], () => extra);
    return stored;
  }

  /**
   * Append several activities in order, in one round trip (a whole bot turn's replies). `turnOf`: the citizen
   * activity whose turn these replies complete (marked on the last one).
   */
  async appendMany(
    conversationId: string,
    activities: ActivityJson[],
    opts: { turnOf?: string } = {},
  ): Promise<ActivityJson[]> {
    if (activities.length === 0) return [];
    const last = activities[activities.length - 1];
    return this.insertInOrder(conversationId, activities, (a) =>
      a === last && opts.turnOf ? { turnOf: opts.turnOf } : {},
    );
  }

  /** Insert at the next free numbers; after a lost race, re-read the last number and insert the rest. */
  private async insertInOrder(
    conversationId: string,
    activities: ActivityJson[],
    extra: (a: ActivityJson) => Partial<ActivityDoc>,
  ): Promise<ActivityJson[]> {
    const stored: ActivityJson[] = [];
    let rest = activities;
    let races = 0;
    let raced = false;
    while (rest.length > 0) {
      const first = (await this.lastSeq(conversationId, raced)) + 1;
      const now = new Date();
      const batch = rest.map((a, i) => ({ ...a, id: feedId(conversationId, first + i) }));
      const docs = batch.map((a, i) => ({
        _id: a.id,
        conversationId,
        seq: first + i,
        json: JSON.stringify(a),
        createdAt: now,
        ...extra(rest[i]),
      }));
      const r = await this.inserts.submit(docs);
      stored.push(...batch.slice(0, r.inserted));
      rest = rest.slice(r.inserted);
      if (r.inserted > 0) this.remember(conversationId, first + r.inserted - 1);
      raced = r.duplicate !== undefined;
      if (r.duplicate && ++races > 20) throw r.duplicate;
    }
    return stored;
  }

  /**
   * Every writer's documents waiting, in one ordered insert (group commit: the replies of turns ending together and
   * the messages of citizens posting together share a round trip). Ordered, so a writer's documents go in in their
   * order and stop at the first taken number: that writer learns how many went in and that it lost a race (its
   * `duplicate`); the writers after it were not tried and simply go again.
   */
  private readonly inserts = new GroupCommit<ActivityDoc[], Inserted>(async (writers) => {
    const docs = writers.flat();
    let count = docs.length;
    let error: Error | undefined;
    try {
      if (docs.length === 1) await this.col.insertOne(docs[0]);
      else await this.col.insertMany(docs, { ordered: true });
    } catch (e) {
      if (!(e instanceof MongoServerError || e instanceof MongoBulkWriteError)) throw e;
      error = e;
      count = e instanceof MongoBulkWriteError ? e.result.insertedCount : 0;
    }
    return perCaller(writers, (w, start): Outcome<Inserted> => {
      if (start + w.length <= count) return ok({ inserted: w.length });
      if (start > count || !error) return ok({ inserted: 0 }); // not tried: goes again
      const duplicate = (error as MongoServerError).code === DUPLICATE_KEY;
      return duplicate ? ok({ inserted: count - start, duplicate: error }) : failed(error);
    });
  });

  /**
   * The conversation's last sequence number: remembered, or (first use in this process, or `fresh` after a lost
   * race) read from the feed and the conversation. ConversationNotFoundError when the conversation does not exist.
   * Moves the conversation's retention clock forward at most once an hour.
   */
  private async lastSeq(conversationId: string, fresh: boolean): Promise<number> {
    const known = this.known.get(conversationId);
    if (known && !fresh) {
      if (Date.now() - known.touchedAt > TOUCH_EVERY_MS) {
        if (!(await this.conversations.touch(conversationId))) throw notFound(conversationId);
        known.touchedAt = Date.now();
      }
      return known.seq;
    }
    const [conversation, top] = await Promise.all([
      known ? null : this.conversations.touchAndGet(conversationId),
      this.col
        .find({ conversationId }, { projection: { seq: 1 } })
        .sort({ seq: -1 })
        .limit(1)
        .next(),
    ]);
    if (!known && !conversation) throw notFound(conversationId);
    const seq = Math.max(top?.seq ?? 0, conversation?.seq ?? 0, known?.seq ?? 0);
    this.remember(conversationId, seq, known?.touchedAt);
    return seq;
  }

  /**
   * Remember that `seq` is stored in `conversationId` (a lower bound of its last number is always safe: a writer
   * that starts too low only meets a duplicate and re-reads). The composition calls it when a conversation starts.
   */
  remember(conversationId: string, seq: number, touchedAt = Date.now()): void {
    const known = this.known.get(conversationId);
    this.known.delete(conversationId);
    this.known.set(conversationId, {
      seq: Math.max(seq, known?.seq ?? 0),
      touchedAt: known?.touchedAt ?? touchedAt,
    });
    if (this.known.size > KNOWN_MAX) this.known.delete(this.known.keys().next().value as string);
  }

  private readonly known = new Map<string, Known>();

  /** The activity a client already posted with this clientActivityID (retry after a lost response), or null. */
  async findByClientActivityId(
    conversationId: string,
    clientActivityId: string,
  ): Promise<PostedActivity | null> {
    const doc = await this.col.findOne({ conversationId, clientActivityId });
    if (!doc) return null;
    const turnDone = doc.turnDone === true || (await this.repliesStored(doc));
    return { activity: JSON.parse(doc.json) as ActivityJson, turnDone };
  }

  /** True when the replies completing this citizen activity's turn are stored. */
  private async repliesStored(doc: Pick<ActivityDoc, '_id' | 'conversationId' | 'seq'>): Promise<boolean> {
    const reply = await this.col.findOne(
      { conversationId: doc.conversationId, seq: { $gt: doc.seq }, turnOf: doc._id },
      { projection: { _id: 1 } },
    );
    return reply !== null;
  }

  /**
   * Take the bot turn of a stored citizen activity for `leaseMs` (so two processes never run it at once).
   * 'done' when it already completed, 'busy' while another holder's lease runs.
   */
  async claimTurn(id: string, leaseMs: number): Promise<TurnClaim> {
    const [conversationId, seq] = splitFeedId(id);
    if (await this.repliesStored({ _id: id, conversationId, seq })) return 'done';
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

  /**
   * The last sequence number written since `since`, per conversation, from every process (one query for all open
   * streams of a process; see the stream's poller). Uses the `createdAt` index.
   */
  async writtenSince(since: Date): Promise<Map<string, number>> {
    const docs = await this.col
      .find({ createdAt: { $gte: since } }, { projection: { _id: 0, conversationId: 1, seq: 1 } })
      .toArray();
    const out = new Map<string, number>();
    for (const d of docs) out.set(d.conversationId, Math.max(d.seq, out.get(d.conversationId) ?? 0));
    return out;
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

/** The id of the activity numbered `seq` in a conversation's feed. */
export function feedId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/** The conversation and sequence number of a feed id. */
export function splitFeedId(id: string): [string, number] {
  const bar = id.lastIndexOf('|');
  return [id.slice(0, bar), Number(id.slice(bar + 1))];
}

function notFound(conversationId: string): ConversationNotFoundError {
  return new ConversationNotFoundError(`Conversation ${conversationId} does not exist`);
}

/** Parse a watermark; anything that is not a non-negative integer means "from the start". */
export function parseWatermark(watermark: string | undefined): number {
  if (!watermark || !/^\d{1,12}$/.test(watermark)) return 0;
  return Number(watermark);
}
