/**
 * What the inbox adds to a record staff may see (the caller has already scoped it): the officer, internal notes,
 * history signed with names (never ids), photos as authenticated dashboard URLs, the rating, the route's `why` in
 * plain words in the staff's language, the conversation that produced it, and the merge links.
 *
 * Names are resolved when read (only the staff id is stored): a renamed officer shows the current name, and a
 * deleted account shows as "a former staff member".
 */
import type { CategoryId } from '../agencies/types';
import type { FeedbackRecord, Language, StoredRouteWhy } from '../feedback/types';
import type { Translate } from '../i18n';
import { dueView, supportersOf, type DueView, type Named } from './inbox';
import type { DeadlineView } from './deadlineView';

/** Who did something in the history, by kind and name. */
export interface HistoryBy {
  kind: 'staff' | 'agency' | 'citizen' | 'system';
  name: string;
}

/** One transcript line. */
export interface TranscriptLine {
  at: Date;
  from: 'citizen' | 'bot';
  text: string;
}

/** What the inbox adds to the detail. */
export interface ItemExtras {
  assignee: Named | null;
  notes: { id: string; at: Date; by: Named; text: string }[];
  history: { status: string; at: Date; note?: string; by: HistoryBy }[];
  /** Replies sent to the citizen, signed with names. */
  replies: { text: string; at: Date; by: HistoryBy }[];
  photos: { url: string; contentType: string }[];
  rating: { score: number; comment: string | null } | null;
  route: { why: string };
  transcript: TranscriptLine[];
  mergedInto: string | null;
  duplicates: string[];
  supporters: number;
  lastActivityAt: Date;
  due: DueView;
}

/** Reads a conversation's messages between two times (oldest first). */
export type TranscriptReader = (
  channelId: string,
  conversationId: string,
  from: Date,
  to: Date,
) => Promise<TranscriptLine[]>;

/** What the item view needs. */
export interface ItemViewDeps {
  t: Translate;
  namesOf(ids: string[]): Promise<Map<string, string>>;
  agencyName(id: string, lang: Language): string;
  transcript: TranscriptReader;
  previousFiling(
    r: Pick<FeedbackRecord, '_id' | 'citizenKey' | 'createdAt'>,
  ): Promise<Pick<FeedbackRecord, 'createdAt'> | null>;
}

/** Whether a stored attachment can be shown inline through the dashboard's photo route. */
export function photoSource(
  a: FeedbackRecord['attachments'][number],
): { kind: 'upload'; id: string } | { kind: 'telegram'; url: string } | null {
  if (!/^image\//i.test(a.contentType ?? '') || !a.url) return null;
  const upload = /\/v3\/directline\/uploads\/([A-Za-z0-9_-]{20,64})$/.exec(a.url);
  if (upload) return { kind: 'upload', id: upload[1]! };
  if (/^https?:\/\/[^/]+\/telegram\/files\/[A-Za-z0-9_%-]{1,300}\?sig=[A-Za-z0-9_-]{10,64}$/.test(a.url))
    return { kind: 'telegram', url: a.url };
  return null;
}

const WINDOW_BEFORE = 24 * 3_600_000;
const WINDOW_AFTER = 5 * 60_000;
const MAX_LINES = 200;
const PHONE = /\+?\d[\d\s-]{7,}\d/g;
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/g;

/** Builds the inbox extras of a record in the staff's language. */
export class ItemView {
  constructor(private readonly deps: ItemViewDeps) {}

  /** The extras of `r` (already scoped to the viewer) in `lang`. */
  async extras(r: FeedbackRecord, lang: Language, deadline: DeadlineView): Promise<ItemExtras> {
    const staffIds = [
      ...(r.assignee ? [r.assignee.staffId] : []),
      ...(r.notes ?? []).map((n) => staffIdOf(n.by)),
      ...(r.statusHistory ?? []).map((h) => staffIdOf(h.by)),
      ...(r.replies ?? []).map((x) => staffIdOf(x.by)),
    ].filter((x): x is string => !!x);
    const names = await this.deps.namesOf(staffIds);
    const by = (raw: string | undefined) => this.by(raw, names, lang);
    return {
      assignee: r.assignee ? { id: r.assignee.staffId, name: by(`staff:${r.assignee.staffId}`).name } : null,
      notes: (r.notes ?? []).map((n) => ({
        id: n.id,
        at: n.at,
        by: { id: staffIdOf(n.by) ?? n.by, name: by(n.by).name },
        text: n.text,
      })),
      history: (r.statusHistory ?? []).map((h) => ({
        status: h.status,
        at: h.at,
        ...(h.note ? { note: h.note } : {}),
        by: h.by ? by(h.by) : { kind: 'system', name: this.deps.t(lang, 'dashboard:inbox.by.system') },
      })),
      replies: (r.replies ?? []).map((x) => ({ text: x.text, at: x.at, by: by(x.by) })),
      photos: (r.attachments ?? []).flatMap((a, n) =>
        photoSource(a)
          ? [{ url: `/dashboard/api/feedback/${r._id}/photos/${n}`, contentType: a.contentType }]
          : [],
      ),
      rating: r.rating ? { score: r.rating.score, comment: r.rating.comment ?? null } : null,
      route: { why: this.why(r, lang) },
      transcript: await this.transcript(r),
      mergedInto: r.mergedInto ?? null,
      duplicates: r.duplicates ?? [],
      supporters: supportersOf(r),
      lastActivityAt: r.updatedAt ?? r.createdAt,
      due: dueView(deadline),
    };
  }

  /** Who signed a change: `staff:<id>` → the officer's name, `agency:<id>` → the body's system, else Suara. */
  by(raw: string | undefined, names: Map<string, string>, lang: Language): HistoryBy {
    const t = this.deps.t;
    const staffId = staffIdOf(raw);
    if (staffId) return { kind: 'staff', name: names.get(staffId) ?? t(lang, 'dashboard:inbox.by.former') };
    const agency = /^agency:(.+)$/.exec(raw ?? '')?.[1];
    if (agency)
      return {
        kind: 'agency',
        name: t(lang, 'dashboard:inbox.by.agency', { agency: this.deps.agencyName(agency, lang) }),
      };
    if (raw === 'citizen') return { kind: 'citizen', name: t(lang, 'dashboard:inbox.by.citizen') };
    return { kind: 'system', name: t(lang, 'dashboard:inbox.by.system') };
  }

  /** The route's why in plain words: from the stored decision, else from the old reason string (never raw). */
  why(r: Pick<FeedbackRecord, 'agencyId' | 'routing' | 'category'>, lang: Language): string {
    const t = this.deps.t;
    if (!r.agencyId) return t(lang, 'dashboard:inbox.route.none');
    const agency = this.deps.agencyName(r.agencyId, lang);
    const why = r.routing?.why;
    if (why) return this.explain(why, agency, r.category, lang);
    const reason = r.routing?.reason ?? '';
    const key = /^assigned by/.test(reason)
      ? 'assigned'
      : ['local_authority', 'body', 'site_default', 'fallback', 'chosen'].includes(reason)
        ? reason
        : 'other';
    return t(lang, `dashboard:inbox.route.reason.${key}`);
  }

  private explain(why: StoredRouteWhy, agency: string, category: CategoryId, lang: Language): string {
    const t = this.deps.t;
    const label = t(lang, `categories:${category}.label`);
    const rule = t(lang, why.ruleKey, { category: label.charAt(0).toLowerCase() + label.slice(1) });
    const pinned = why.how === 'pin' || why.how === 'nearestSeat';
    const place = why.place ? (pinned ? why.place.name : why.place.text || why.place.name) : '';
    const how =
      why.how && why.how !== 'placeName'
        ? t(lang, `dashboard:inbox.route.how.${why.how}`, { name: why.place?.name ?? '' })
        : '';
    const where = place ? t(lang, 'dashboard:inbox.route.where', { place, how: how ? ` ${how}` : '' }) : '';
    return t(lang, 'dashboard:inbox.route.to', { agency, rule, where });
  }

  /**
   * The conversation that produced the record: its channel conversation, from the citizen's previous filing (or a
   * day before) to just after this one. Phone numbers and emails are masked when the citizen did not consent to
   * be contacted. Empty for erased records and filings without a conversation (Open311).
   */
  async transcript(r: FeedbackRecord): Promise<TranscriptLine[]> {
    const ref = r.channel?.conversationReference as { conversation?: { id?: unknown } } | undefined;
    const conversationId = ref?.conversation?.id;
    if (typeof conversationId !== 'string' || !r.channel?.channelId || r.channel.channelId === 'erased')
      return [];
    const created = new Date(r.createdAt).getTime();
    const previous = await this.deps.previousFiling(r);
    const from = new Date(
      Math.max(created - WINDOW_BEFORE, previous ? new Date(previous.createdAt).getTime() + 1 : 0),
    );
    const lines = await this.deps.transcript(
      r.channel.channelId,
      conversationId,
      from,
      new Date(created + WINDOW_AFTER),
    );
    const consented = r.consent?.contact === true && !r.anonymous;
    return lines
      .slice(0, MAX_LINES)
      .map((l) =>
        consented || l.from !== 'citizen'
          ? l
          : { ...l, text: l.text.replace(EMAIL, '•••').replace(PHONE, '•••') },
      );
  }
}

function staffIdOf(raw: string | undefined): string | undefined {
  return /^staff:(.+)$/.exec(raw ?? '')?.[1];
}
