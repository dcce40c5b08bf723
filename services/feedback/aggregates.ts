/**
 * Read-only facts for reports and open data: one small, non-personal fact per record in a scope and period, streamed
 * from a cursor (never the whole collection in memory). No text, contact, channel, citizen key or reference leaves
 * this module — only category, body, status, dates, the place's postcode (for the state) and the rating's score.
 */
import type { CategoryId } from '../agencies/types';
import type { FeedbackScope } from './repository';
import type { FeedbackRecord, FeedbackStatus } from './types';

/** One record as reports see it. */
export interface FeedbackFact {
  category: CategoryId;
  agencyId: string | null;
  status: FeedbackStatus;
  createdAt: Date;
  /** Status changes in order, without notes or who made them. */
  history: { status: FeedbackStatus; at: Date }[];
  /** When staff or the agency first replied, if ever. */
  firstReplyAt?: Date;
  /** The postcode the citizen gave, if any (for the state of federal bodies' items). */
  postcode?: string;
  /** The citizen's rating (1–5), if any. */
  rating?: number;
}

/** Which records: a scope, and optionally a creation window [from, to). */
export interface FactQuery {
  scope: FeedbackScope;
  from?: Date;
  to?: Date;
}

/** What the repository lends this module: its scope filter and a projected find. */
export interface AggregateSource {
  filterOf(scope: FeedbackScope): Record<string, unknown>;
  find(
    filter: Record<string, unknown>,
    projection: Record<string, 1>,
  ): AsyncIterable<Partial<FeedbackRecord>>;
}

/** Fields read: nothing personal or free text. */
const FACT_PROJECTION: Record<string, 1> = {
  category: 1,
  agencyId: 1,
  status: 1,
  createdAt: 1,
  statusHistory: 1,
  'replies.at': 1,
  'location.postcode': 1,
  'rating.score': 1,
};

function toFact(doc: Partial<FeedbackRecord>): FeedbackFact {
  const replies = (doc.replies ?? []).map((r) => new Date(r.at).getTime()).filter(Number.isFinite);
  const fact: FeedbackFact = {
    category: doc.category!,
    agencyId: doc.agencyId ?? null,
    status: doc.status!,
    createdAt: new Date(doc.createdAt!),
    history: (doc.statusHistory ?? []).map((h) => ({ status: h.status, at: new Date(h.at) })),
  };
  if (replies.length) fact.firstReplyAt = new Date(Math.min(...replies));
  if (doc.location?.postcode) fact.postcode = doc.location.postcode;
  if (typeof doc.rating?.score === 'number') fact.rating = doc.rating.score;
  return fact;
}

/** Aggregation reads over the `feedback` collection (exposed as `FeedbackRepository.aggregates`). */
export class FeedbackAggregates {
  constructor(private readonly source: AggregateSource) {}

  /** The facts of every record in the scope and window, streamed. */
  async *facts(q: FactQuery): AsyncIterable<FeedbackFact> {
    const parts: Record<string, unknown>[] = [this.source.filterOf(q.scope)];
    if (q.from || q.to)
      parts.push({ createdAt: { ...(q.from ? { $gte: q.from } : {}), ...(q.to ? { $lt: q.to } : {}) } });
    const filter = parts.length === 1 ? parts[0]! : { $and: parts };
    for await (const doc of this.source.find(filter, FACT_PROJECTION)) yield toFact(doc);
  }
}
