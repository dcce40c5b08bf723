/**
 * MongoDB `consultations` (seeded from data/consultations.json) and `consultationResponses` (one document per
 * citizen per consultation, `_id` = `<consultationId>:<citizenKey>`, so "one response each" and "replace it" are a
 * single-document upsert — no transactions needed). Also the results aggregation for staff.
 */
import { randomInt } from 'node:crypto';
import type { Collection, Db } from 'mongodb';
import type { Language } from '../feedback/types';
import { checkAnswers, isOpen } from './answers';
import {
  ConsultationClosedError,
  ConsultationNotFoundError,
  InvalidConsultationResponseError,
} from './errors';
import { buildResults, type AnswerCount } from './results';
import { ClosingNoticeStore } from './closingNoticeStore';
import type {
  Answer,
  Consultation,
  ConsultationResults,
  ExportedResponse,
  NewConsultationResponse,
  PreviousResponse,
  SubmitReceipt,
  TextAnswer,
} from './types';

interface ConsultationDoc extends Omit<Consultation, 'id'> {
  _id: string;
  seededAt: Date;
}

/** A stored response: pseudonymous citizen key, language and answers — never contact data. */
export interface ConsultationResponseDoc {
  _id: string;
  consultationId: string;
  citizenKey: string;
  language: Language;
  answers: Answer[];
  receipt: string;
  submittedAt: Date;
  firstSubmittedAt: Date;
  revision: number;
}

/** How far back the staff list and the free-text list go. */
const MAX_LIST = 200;

/** A citizen's response as they may download it. */
export interface CitizenConsultationExport {
  consultationId: string;
  title?: Consultation['title'];
  closesAt?: Date;
  language: Language;
  answers: Answer[];
  receipt: string;
  firstSubmittedAt: Date;
  submittedAt: Date;
}

const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const MAX_OPEN = 20;

function receiptFor(agencyId: string): string {
  const part = () =>
    Array.from({ length: 4 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('');
  return `${agencyId.toUpperCase().replace(/[^A-Z0-9]/g, '')}-${part()}-${part()}`;
}

function toConsultation(doc: ConsultationDoc): Consultation {
  const { _id, seededAt, ...rest } = doc;
  void seededAt;
  return { id: _id, ...rest, opensAt: new Date(rest.opensAt), closesAt: new Date(rest.closesAt) };
}

function isDuplicateKey(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 11000;
}

/** Stores consultations and responses; implements the dialog's ConsultationPort. */
export class ConsultationRepository {
  private readonly consultations: Collection<ConsultationDoc>;
  private readonly responses: Collection<ConsultationResponseDoc>;
  /** Leasing and recording the "results are out" messages to participants. */
  readonly closing: ClosingNoticeStore;

  constructor(db: Db) {
    this.consultations = db.collection<ConsultationDoc>('consultations');
    this.responses = db.collection<ConsultationResponseDoc>('consultationResponses');
    this.closing = new ClosingNoticeStore(db);
  }

  /** Creates the indexes (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.consultations.createIndex({ closesAt: 1, opensAt: 1 }, { name: 'window' });
    await this.responses.createIndex({ consultationId: 1, citizenKey: 1 }, { name: 'oneEach', unique: true });
    await this.responses.createIndex({ citizenKey: 1 }, { name: 'citizen' });
    await this.closing.ensureIndexes();
  }

  /** Upserts every consultation by id (idempotent; ones absent from the list are left alone) and ensures indexes. */
  async seed(list: readonly Consultation[]): Promise<void> {
    await this.ensureIndexes();
    const seededAt = new Date();
    for (const c of list) {
      const { id, ...rest } = c;
      await this.consultations.replaceOne({ _id: id }, { ...rest, seededAt }, { upsert: true });
    }
  }

  /** Consultations open at `now`, soonest-closing first. */
  async listOpen(now: Date): Promise<Consultation[]> {
    const docs = await this.consultations
      .find({ opensAt: { $lte: now }, closesAt: { $gt: now } })
      .sort({ closesAt: 1, _id: 1 })
      .limit(MAX_OPEN)
      .toArray();
    return docs.map(toConsultation).filter((c) => isOpen(c, now));
  }

  /** One consultation by id (open or closed), or null. */
  async get(id: string): Promise<Consultation | null> {
    if (typeof id !== 'string' || id.length === 0 || id.length > 64) return null;
    const doc = await this.consultations.findOne({ _id: id });
    return doc ? toConsultation(doc) : null;
  }

  /** True when this citizen already has a response to this consultation. */
  async hasResponded(consultationId: string, citizenKey: string): Promise<boolean> {
    return (
      (await this.responses.countDocuments({ _id: `${consultationId}:${citizenKey}` }, { limit: 1 })) > 0
    );
  }

  /** The citizen's stored answers to this consultation, or null when they have not answered. */
  async previous(consultationId: string, citizenKey: string): Promise<PreviousResponse | null> {
    const doc = await this.responses.findOne(
      { _id: `${consultationId}:${citizenKey}` },
      { projection: { answers: 1, submittedAt: 1, revision: 1 } },
    );
    return doc ? { answers: doc.answers, submittedAt: doc.submittedAt, revision: doc.revision } : null;
  }

  /** Consultations published by `agencyId` (null: every body's), latest closing first. */
  async listForAgency(agencyId: string | null): Promise<Consultation[]> {
    const docs = await this.consultations
      .find(agencyId === null ? {} : { agencyId })
      .sort({ closesAt: -1, _id: 1 })
      .limit(MAX_LIST)
      .toArray();
    return docs.map(toConsultation);
  }

  /** Consultations that closed in (since, now]: whose participants are told where the results are. */
  async closedBetween(since: Date, now: Date): Promise<Consultation[]> {
    const docs = await this.consultations
      .find({ closesAt: { $gt: since, $lte: now } })
      .sort({ closesAt: 1, _id: 1 })
      .toArray();
    return docs.map(toConsultation);
  }

  /** Number of responses of each consultation in `ids`. */
  async responseCounts(ids: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.responses
      .aggregate<{ _id: string; n: number }>([
        { $match: { consultationId: { $in: [...ids] } } },
        { $group: { _id: '$consultationId', n: { $sum: 1 } } },
      ])
      .toArray();
    return new Map(rows.map((r) => [r._id, r.n]));
  }

  /** The latest free-text answers of a consultation (at most `limit`), for staff; no citizen key, no channel. */
  async textAnswers(consultationId: string, limit = MAX_LIST): Promise<TextAnswer[]> {
    const docs = await this.responses
      .find(
        { consultationId, 'answers.kind': 'text' },
        { projection: { answers: 1, language: 1, submittedAt: 1 } },
      )
      .sort({ submittedAt: -1, _id: 1 })
      .limit(limit)
      .toArray();
    const out: TextAnswer[] = [];
    for (const d of docs) {
      for (const a of d.answers) {
        if (a.kind !== 'text') continue;
        out.push({
          questionId: a.questionId,
          text: a.value,
          language: d.language,
          submittedAt: d.submittedAt,
        });
      }
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
  }

  /** Every response of a consultation, read from a cursor (for a streamed CSV); no citizen key, no channel. */
  async *eachResponse(consultationId: string): AsyncGenerator<ExportedResponse> {
    const cursor = this.responses
      .find(
        { consultationId },
        { projection: { language: 1, answers: 1, submittedAt: 1, firstSubmittedAt: 1, revision: 1 } },
      )
      .sort({ firstSubmittedAt: 1, _id: 1 })
      .batchSize(500);
    try {
      for await (const d of cursor) {
        const { language, answers, submittedAt, firstSubmittedAt, revision } = d;
        yield { language, answers, submittedAt, firstSubmittedAt, revision };
      }
    } finally {
      await cursor.close();
    }
  }

  /** Store (or replace) the citizen's response; throws if not found, closed at `submittedAt`, or invalid. */
  async submit(input: NewConsultationResponse): Promise<SubmitReceipt> {
    if (typeof input.citizenKey !== 'string' || !/^[\w-]{1,128}$/.test(input.citizenKey)) {
      throw new InvalidConsultationResponseError('citizenKey is missing or malformed');
    }
    if (input.language !== 'en' && input.language !== 'ms') {
      throw new InvalidConsultationResponseError('language must be en or ms');
    }
    const c = await this.get(input.consultationId);
    if (!c) throw new ConsultationNotFoundError(input.consultationId);
    if (!isOpen(c, input.submittedAt)) throw new ConsultationClosedError(c.id, c.closesAt);
    const answers = checkAnswers(c, input.answers);
    const receipt = receiptFor(c.agencyId);
    const write = () =>
      this.responses.updateOne(
        { _id: `${c.id}:${input.citizenKey}` },
        {
          $set: {
            consultationId: c.id,
            citizenKey: input.citizenKey,
            language: input.language,
            answers,
            receipt,
            submittedAt: input.submittedAt,
          },
          $setOnInsert: { firstSubmittedAt: input.submittedAt },
          $inc: { revision: 1 },
        },
        { upsert: true },
      );
    let result;
    try {
      result = await write();
    } catch (err) {
      // Two first submissions racing: one inserted, the other now updates it.
      if (!isDuplicateKey(err)) throw err;
      result = await write();
    }
    // Where to tell the citizen when it closes: kept apart from the (pseudonymous) answers, deleted once told.
    if (input.channel) await this.closing.remember(c.id, input.citizenKey, input.language, input.channel);
    return {
      receipt,
      replaced: result.upsertedCount === 0,
      submittedAt: input.submittedAt,
      answered: answers.length,
    };
  }

  /** Counts per option, scale distribution and mean, text answer counts (staff view). Null if no such consultation. */
  async results(consultationId: string): Promise<ConsultationResults | null> {
    const c = await this.get(consultationId);
    if (!c) return null;
    const languages = await this.responses
      .aggregate<{ _id: Language; n: number }>([
        { $match: { consultationId: c.id } },
        { $group: { _id: '$language', n: { $sum: 1 } } },
      ])
      .toArray();
    const groups = await this.responses
      .aggregate<{ _id: { q: string; v: string | number | null }; n: number }>([
        { $match: { consultationId: c.id } },
        { $unwind: '$answers' },
        {
          $project: {
            q: '$answers.questionId',
            v: { $cond: [{ $eq: ['$answers.kind', 'text'] }, null, '$answers.value'] },
          },
        },
        { $group: { _id: { q: '$q', v: '$v' }, n: { $sum: 1 } } },
      ])
      .toArray();
    const byLanguage = Object.fromEntries(languages.map((l) => [l._id, l.n]));
    const responses = languages.reduce((n, l) => n + l.n, 0);
    const counts: AnswerCount[] = groups.map((g) => ({ questionId: g._id.q, value: g._id.v, count: g.n }));
    return buildResults(c, responses, byLanguage, counts);
  }

  /** PDPA access: every response of this citizen, with the consultation's title, newest first. */
  async exportCitizen(citizenKey: string): Promise<CitizenConsultationExport[]> {
    if (typeof citizenKey !== 'string' || citizenKey.length === 0) return [];
    const docs = await this.responses.find({ citizenKey }).sort({ submittedAt: -1 }).toArray();
    const out: CitizenConsultationExport[] = [];
    for (const d of docs) {
      const c = await this.get(d.consultationId);
      out.push({
        consultationId: d.consultationId,
        ...(c ? { title: c.title, closesAt: c.closesAt } : {}),
        language: d.language,
        answers: d.answers,
        receipt: d.receipt,
        firstSubmittedAt: d.firstSubmittedAt,
        submittedAt: d.submittedAt,
      });
    }
    return out;
  }

  /** PDPA access: the pending "results are out" notices of this citizen (`consultationNotices`). */
  async exportNotices(citizenKey: string): Promise<unknown[]> {
    if (typeof citizenKey !== 'string' || citizenKey.length === 0) return [];
    return this.closing.exportCitizen(citizenKey);
  }

  /** PDPA erasure: delete every response of this citizen; returns how many were deleted. */
  async eraseCitizen(citizenKey: string): Promise<number> {
    if (typeof citizenKey !== 'string' || citizenKey.length === 0) return 0;
    await this.closing.eraseCitizen(citizenKey);
    return (await this.responses.deleteMany({ citizenKey })).deletedCount;
  }
}
