/**
 * The PDPA side of the `feedback` collection: what a citizen filed (and supported), as they may see it, and the
 * erasure of their part. Exposed as `FeedbackRepository.citizens`, like the outbox, so the collection keeps one owner.
 */
import type { Collection } from 'mongodb';
import type { FeedbackRecord, FeedbackStatus } from './types';

/** Statuses after which the agency owes no more answer. */
export const FINISHED_STATUSES: readonly FeedbackStatus[] = ['resolved', 'rejected', 'duplicate', 'closed'];

/** The text an erased record keeps in place of the citizen's words. */
export const ERASED_TEXT = '[erased at the citizen’s request]';

/** One of the citizen's own items, everything they gave and were told (no staff ids, no delivery internals). */
export interface CitizenItemExport {
  reference: string;
  type: FeedbackRecord['type'];
  category: string;
  status: FeedbackStatus;
  createdAt: Date;
  updatedAt: Date;
  language: FeedbackRecord['language'];
  text: string;
  location?: FeedbackRecord['location'];
  attachments: { contentType: string; name?: string; url?: string }[];
  anonymous: boolean;
  contact?: FeedbackRecord['contact'];
  rating?: FeedbackRecord['rating'];
  statusHistory: { status: FeedbackStatus; at: Date; note?: string }[];
  replies: { text: string; at: Date }[];
  /** Whether it reached the agency (their copy is theirs to erase). */
  deliveredToAgency: boolean;
}

/** A "me too" the citizen added to someone else's item: only the item's public facts and their own entry. */
export interface SupporterExport {
  reference: string;
  category: string;
  status: FeedbackStatus;
  addedAt?: Date;
}

/** What erasing a citizen's part of `feedback` did. */
export interface FeedbackErasure {
  /** Own items anonymised, with whether the agency still owes an answer. */
  items: { reference: string; open: boolean; deliveredToAgency: boolean }[];
  /** "Me too" entries removed from other citizens' items. */
  supportersRemoved: number;
}

/** A supporter entry as another module may store it on a record (only `citizenKey` and a date are relied on). */
interface SupporterEntry {
  citizenKey?: string;
  at?: Date;
  addedAt?: Date;
}

type WithSupporters = FeedbackRecord & { supporters?: SupporterEntry[] };

function toExport(r: FeedbackRecord): CitizenItemExport {
  return {
    reference: r._id,
    type: r.type,
    category: r.category,
    status: r.status,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    language: r.language,
    text: r.text,
    ...(r.location ? { location: r.location } : {}),
    attachments: r.attachments.map((a) => ({
      contentType: a.contentType,
      ...(a.name ? { name: a.name } : {}),
      ...(a.url ? { url: a.url } : {}),
    })),
    anonymous: r.anonymous,
    ...(r.contact ? { contact: r.contact } : {}),
    ...(r.rating ? { rating: r.rating } : {}),
    statusHistory: r.statusHistory.map((h) => ({
      status: h.status,
      at: h.at,
      ...(h.note ? { note: h.note } : {}),
    })),
    replies: (r.replies ?? []).map((x) => ({ text: x.text, at: x.at })),
    deliveredToAgency: r.delivery.state === 'delivered',
  };
}

/** Export and erasure of one citizen's data in `feedback`. */
export class CitizenRecords {
  constructor(private readonly col: Collection<FeedbackRecord>) {}

  /** The citizen's own items, newest first. */
  async exportItems(citizenKey: string): Promise<CitizenItemExport[]> {
    if (!citizenKey) return [];
    const docs = await this.col.find({ citizenKey }).sort({ createdAt: -1 }).toArray();
    return docs.map(toExport);
  }

  /** Items of other citizens this citizen added their voice to (present once "me too" stores supporters). */
  async exportSupported(citizenKey: string): Promise<SupporterExport[]> {
    if (!citizenKey) return [];
    const docs = await this.col
      .find({ 'supporters.citizenKey': citizenKey } as never, {
        projection: { _id: 1, category: 1, status: 1, supporters: 1 },
      })
      .toArray();
    return (docs as WithSupporters[]).map((d) => {
      const mine = (d.supporters ?? []).find((s) => s.citizenKey === citizenKey);
      const addedAt = mine?.at;
      return { reference: d._id, category: d.category, status: d.status, ...(addedAt ? { addedAt } : {}) };
    });
  }

  /** Conversations the citizen's items were filed from (channel and conversation id). */
  async conversations(citizenKey: string): Promise<{ channelId: string; conversationId: string }[]> {
    if (!citizenKey) return [];
    const docs = await this.col
      .find({ citizenKey }, { projection: { 'channel.channelId': 1, 'channel.conversationReference': 1 } })
      .toArray();
    const out: { channelId: string; conversationId: string }[] = [];
    for (const d of docs) {
      const conv = (d.channel?.conversationReference as { conversation?: { id?: unknown } } | undefined)
        ?.conversation;
      if (typeof conv?.id === 'string') out.push({ channelId: d.channel.channelId, conversationId: conv.id });
    }
    return out;
  }

  /**
   * PDPA erasure. The citizen's own items stay as anonymised records (the agency may still owe an answer, and the
   * counts stay true): category, place name/postcode, dates, status and its history remain; their words, exact
   * pin and place text, photos, contact, rating comment, staff replies and notes, channel address, idempotency key
   * and notification marks go. Their "me too" entries on other items are removed.
   */
  async erase(citizenKey: string, now = new Date()): Promise<FeedbackErasure> {
    if (!citizenKey || citizenKey === 'erased') return { items: [], supportersRemoved: 0 };
    const docs = await this.col
      .find({ citizenKey }, { projection: { _id: 1, status: 1, statusHistory: 1, 'delivery.state': 1 } })
      .toArray();
    // A confirmation still owed would be sent to an address we are about to erase: settle it first.
    await this.col.updateMany(
      { citizenKey, 'confirmation.state': 'pending' },
      { $set: { 'confirmation.state': 'unreachable', 'confirmation.at': now } },
    );
    for (const d of docs) {
      await this.col.updateOne(
        { _id: d._id },
        {
          $set: {
            text: ERASED_TEXT,
            attachments: [],
            anonymous: true,
            consent: { contact: false },
            channel: { channelId: 'erased', conversationReference: {} },
            citizenKey: 'erased',
            statusHistory: d.statusHistory.map((h) => ({ status: h.status, at: h.at })),
            updatedAt: now,
          },
          $unset: {
            contact: '',
            'rating.comment': '',
            replies: '',
            sourceKey: '',
            notifications: '',
            'location.text': '',
            'location.point': '',
            placeKeys: '',
            notes: '',
          },
        },
      );
    }
    const supported = await this.col.updateMany(
      { 'supporters.citizenKey': citizenKey } as never,
      {
        $pull: { supporters: { citizenKey } },
      } as never,
    );
    return {
      items: docs.map((d) => ({
        reference: d._id,
        open: !FINISHED_STATUSES.includes(d.status),
        deliveredToAgency: d.delivery?.state === 'delivered',
      })),
      supportersRemoved: supported.modifiedCount,
    };
  }
}
