/**
 * Every inbound and outbound activity, in MongoDB `transcripts`, queryable by conversation, expiring after a
 * configurable retention (TTL index). Shaped as botbuilder's `TranscriptStore` without importing botbuilder.
 * The activity itself is stored as its JSON text (`json`) beside the indexed fields, so any key a client sends
 * (`$`-prefixed, dotted, `__proto__`) and any nesting round-trips; documents written by older versions (an
 * `activity` sub-document) are still read.
 */
import type { Collection, Db } from 'mongodb';
import { GroupCommit, failed, ok, perCaller, writeErrorsOf } from '../batching/groupCommit';
import { redactExportLinks } from '../privacy/exportLinkStore';

/** The part of a Bot Framework activity the store relies on. */
export interface LoggedActivity {
  channelId: string;
  conversation: { id: string };
  timestamp?: Date | string;
  [key: string]: unknown;
}

/** A page of results with an opaque continuation token. */
export interface Page<T> {
  items: T[];
  continuationToken: string;
}

/** Summary of one stored conversation. */
export interface TranscriptSummary {
  channelId: string;
  id: string;
  created: Date;
}

interface TranscriptDoc {
  channelId: string;
  conversationId: string;
  at: Date;
  seq: number;
  /** The activity as JSON text. */
  json?: string;
  /** Older documents: the activity as a sub-document. */
  activity?: Record<string, unknown>;
}

/** Largest activity JSON kept whole (bytes of UTF-16 text); larger ones keep their identifying fields and text. */
export const MAX_ACTIVITY_JSON = 1_000_000;

/**
 * The activity as JSON text. One that cannot be serialised whole (too deep for JSON.stringify, or over
 * MAX_ACTIVITY_JSON) is kept as its id, type, sender, time and text with `"truncated": true` — never dropped.
 */
export function activityJson(activity: LoggedActivity): string {
  try {
    const json = JSON.stringify(activity);
    if (json !== undefined && json.length <= MAX_ACTIVITY_JSON) return json;
  } catch {
    // Too deep or cyclic: fall through to the summary.
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const from = activity.from as { id?: unknown; role?: unknown } | undefined;
  return JSON.stringify({
    type: str(activity.type),
    id: str(activity.id),
    channelId: activity.channelId,
    conversation: { id: activity.conversation?.id },
    from: { id: str(from?.id), role: str(from?.role) },
    timestamp: activity.timestamp,
    text: str(activity.text)?.slice(0, 100_000),
    truncated: true,
  });
}

function safeDate(value: unknown): Date {
  const at = typeof value === 'string' || value instanceof Date ? new Date(value) : new Date();
  return Number.isNaN(at.getTime()) ? new Date() : at;
}

const PAGE = 100;

/** Which documents of an unordered insertMany failed: those named by its write errors, else all of them. */
function failedIndexes(err: Error, count: number): Set<number> {
  const list = writeErrorsOf(err);
  if (list.length > 0) return new Set(list.map((w) => w.index));
  return new Set(Array.from({ length: count }, (_, i) => i));
}

/** MongoDB-backed transcript store with TTL retention. */
export class MongoTranscriptStore {
  private readonly col: Collection<TranscriptDoc>;
  private seq = 0;

  constructor(
    db: Db,
    private readonly retentionDays: number,
    collectionName = 'transcripts',
  ) {
    this.col = db.collection<TranscriptDoc>(collectionName);
  }

  /** Create the query and TTL indexes (idempotent; a changed retention updates the TTL). */
  async ensureIndexes(): Promise<void> {
    await this.col.createIndex({ channelId: 1, conversationId: 1, at: 1, seq: 1 });
    const expireAfterSeconds = Math.round(this.retentionDays * 86400);
    try {
      await this.col.createIndex({ at: 1 }, { name: 'retention', expireAfterSeconds });
    } catch {
      // Retention changed since the index was made: replace it.
      await this.col.dropIndex('retention');
      await this.col.createIndex({ at: 1 }, { name: 'retention', expireAfterSeconds });
    }
  }

  /** Store one activity (called by TranscriptLoggerMiddleware for both directions). */
  async logActivity(activity: LoggedActivity): Promise<void> {
    await this.col.insertOne(this.toDoc(activity));
  }

  /**
   * Store several activities (a whole turn); resolves once they are stored. Turns that end while an insert is in
   * flight are stored together by the next one (group commit); a turn is told of a failure only for its own documents.
   */
  async logActivities(activities: LoggedActivity[]): Promise<void> {
    if (activities.length === 0) return;
    await this.inserts.submit(activities.map((a) => this.toDoc(a)));
  }

  /** One unordered insertMany for every turn waiting. */
  private readonly inserts = new GroupCommit<TranscriptDoc[], void>(async (turns) => {
    const docs = turns.flat();
    let failedAt = new Set<number>();
    let error: Error | undefined;
    try {
      await this.col.insertMany(docs, { ordered: false });
    } catch (err) {
      error = err as Error;
      failedAt = failedIndexes(error, docs.length);
    }
    return perCaller(turns, (t, start) =>
      error && t.some((_, i) => failedAt.has(start + i)) ? failed<void>(error) : ok(undefined),
    );
  });

  private toDoc(activity: LoggedActivity): TranscriptDoc {
    return {
      channelId: String(activity.channelId),
      conversationId: String(activity.conversation?.id),
      at: safeDate(activity.timestamp),
      seq: this.seq++,
      // A citizen's one-time download link is a key to their data: never kept in the transcript staff can read.
      json: redactExportLinks(activityJson(activity)),
    };
  }

  /** Activities of one conversation, oldest first, optionally from a date. */
  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<Page<Record<string, unknown>>> {
    const skip = continuationToken ? Number.parseInt(continuationToken, 10) || 0 : 0;
    const filter: Record<string, unknown> = { channelId, conversationId };
    if (startDate) filter.at = { $gte: startDate };
    const docs = await this.col
      .find(filter)
      .sort({ at: 1, seq: 1 })
      .skip(skip)
      .limit(PAGE + 1)
      .toArray();
    const items = docs
      .slice(0, PAGE)
      .map((d) =>
        d.json !== undefined ? (JSON.parse(d.json) as Record<string, unknown>) : (d.activity ?? {}),
      );
    return { items, continuationToken: docs.length > PAGE ? String(skip + PAGE) : '' };
  }

  /** Conversations on a channel, with the time of their first activity. */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<Page<TranscriptSummary>> {
    const skip = continuationToken ? Number.parseInt(continuationToken, 10) || 0 : 0;
    const rows = await this.col
      .aggregate<{ _id: string; created: Date }>([
        { $match: { channelId } },
        { $group: { _id: '$conversationId', created: { $min: '$at' } } },
        { $sort: { created: 1 } },
        { $skip: skip },
        { $limit: PAGE + 1 },
      ])
      .toArray();
    const items = rows.slice(0, PAGE).map((r) => ({ channelId, id: r._id, created: r.created }));
    return { items, continuationToken: rows.length > PAGE ? String(skip + PAGE) : '' };
  }

  /** PDPA access: the activities of these conversations of one channel, oldest first (at most `limit`). */
  async exportConversations(
    channelId: string,
    conversationIds: string[],
    limit = 5000,
  ): Promise<{ conversationId: string; at: Date; activity: Record<string, unknown> }[]> {
    if (conversationIds.length === 0) return [];
    const docs = await this.col
      .find({ channelId, conversationId: { $in: conversationIds } })
      .sort({ at: 1, seq: 1 })
      .limit(limit)
      .toArray();
    return docs.map((d) => ({
      conversationId: d.conversationId,
      at: d.at,
      activity: d.json !== undefined ? (JSON.parse(d.json) as Record<string, unknown>) : (d.activity ?? {}),
    }));
  }

  /** PDPA erasure: delete these conversations' transcripts; returns how many activities went. */
  async deleteConversations(channelId: string, conversationIds: string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    return (await this.col.deleteMany({ channelId, conversationId: { $in: conversationIds } })).deletedCount;
  }

  /** Erase one conversation's transcript (PDPA erasure). */
  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    await this.col.deleteMany({ channelId, conversationId });
  }
}
