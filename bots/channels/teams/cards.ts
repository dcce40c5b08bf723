/**
 * Adaptive Cards (schema 1.4, which Teams renders on every client) for the list, one record, and message-extension
 * results. Anything a citizen wrote goes into a `TextRun`, which Teams never reads as Markdown.
 */
import type { FeedbackStatus, Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import type { FeedbackDetail, FeedbackSummary } from '../../../services/staff/feedbackView';
import { AGENCY_STATUSES, MAX_NOTE } from '../../../services/status/statusService';
import { formatDate } from '../../../services/i18n/dates';
import { MAX_INTERNAL_NOTE } from '../../../services/staff/actionService';

/** An Adaptive Card as plain JSON. */
export type Card = Record<string, unknown>;

/** Longest reply staff may send. */
export const MAX_REPLY = 2000;

/** What the cards need to render text. */
export interface CardText {
  t: Translate;
  lang: Language;
  agencyName(id: string, lang: Language): string;
}

const card = (body: unknown[], actions: unknown[] = []): Card => ({
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.4',
  body,
  ...(actions.length ? { actions } : {}),
});

/** Text shown as is (never Markdown): for anything that came from a citizen. */
const plain = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'RichTextBlock',
  inlines: [{ type: 'TextRun', text, ...extra }],
});

const heading = (text: string) => ({ type: 'TextBlock', text, weight: 'Bolder', size: 'Medium', wrap: true });

function labels(x: CardText) {
  const { t, lang } = x;
  return {
    status: (s: FeedbackStatus) => t(lang, `teams:status.${s}`),
    type: (s: string) => t(lang, `teams:type.${s}`),
    category: (c: string) => t(lang, `categories:${c}.label`, { defaultValue: c }),
    agency: (id: string | null) => (id ? x.agencyName(id, lang) : t(lang, 'teams:detail.unassigned')),
  };
}

/** The deadline facts of a record (acknowledge by, resolve by, each with where it stands). */
function deadlineFacts(x: CardText, d: FeedbackSummary): string[][] {
  const { t, lang } = x;
  if (!d.deadline) return [];
  const value = (at: Date, stage: string) =>
    t(lang, 'teams:deadline.value', {
      at: formatDate(lang, at),
      stage: t(lang, `teams:deadline.stage.${stage}`),
    });
  return [
    [t(lang, 'teams:deadline.acknowledgeBy'), value(d.deadline.acknowledgeBy, d.deadline.acknowledge)],
    [t(lang, 'teams:deadline.resolveBy'), value(d.deadline.resolveBy, d.deadline.resolve)],
  ];
}

/** The overdue / due-soon line of a record, when it has one. */
function deadlineFlag(x: CardText, d: FeedbackSummary): unknown[] {
  const flag = d.deadline?.flag;
  if (!flag) return [];
  const color = flag === 'overdue' ? 'Attention' : 'Warning';
  return [
    { type: 'TextBlock', text: x.t(x.lang, `teams:deadline.${flag}`), color, weight: 'Bolder', wrap: true },
  ];
}

/** The newest records, each with an Open button (`{verb: 'open', reference}`). */
export function listCard(x: CardText, title: string, items: FeedbackSummary[]): Card {
  const { t, lang } = x;
  const l = labels(x);
  return card([
    heading(title),
    ...items.map((r) => ({
      type: 'Container',
      separator: true,
      items: [
        {
          type: 'ColumnSet',
          columns: [
            {
              type: 'Column',
              width: 'stretch',
              items: [{ type: 'TextBlock', text: r.reference, weight: 'Bolder' }],
            },
            {
              type: 'Column',
              width: 'auto',
              items: [{ type: 'TextBlock', text: l.status(r.status), color: 'Accent' }],
            },
          ],
        },
        ...deadlineFlag(x, r),
        plain(r.excerpt),
        {
          type: 'TextBlock',
          text: [
            l.type(r.type),
            l.category(r.category),
            t(lang, 'teams:list.received', { at: formatDate(lang, r.createdAt) }),
          ].join(' · '),
          isSubtle: true,
          size: 'Small',
          wrap: true,
        },
        ...(r.place ? [plain(r.place, { isSubtle: true, size: 'Small' })] : []),
        {
          type: 'ActionSet',
          actions: [
            {
              type: 'Action.Submit',
              title: t(lang, 'teams:list.open', { reference: r.reference }),
              data: { verb: 'open', reference: r.reference },
            },
          ],
        },
      ],
    })),
  ]);
}

function contactBlocks(x: CardText, d: FeedbackDetail): unknown[] {
  const { t, lang } = x;
  if (d.anonymous) return [plain(t(lang, 'teams:detail.anonymous'), { isSubtle: true })];
  if (!d.contact) return [plain(t(lang, 'teams:detail.noConsent'), { isSubtle: true })];
  const parts = [d.contact.name, d.contact.phone, d.contact.email].filter((p): p is string => !!p);
  return [
    { type: 'TextBlock', text: t(lang, 'teams:detail.contact'), weight: 'Bolder', spacing: 'Medium' },
    plain(parts.join(' · ')),
  ];
}

const section = (x: CardText, key: string) => ({
  type: 'TextBlock',
  text: x.t(x.lang, key),
  weight: 'Bolder',
  spacing: 'Medium',
});

/** Type, category, status, body, dates and deadline (and the rating) as one FactSet. */
function detailFacts(x: CardText, d: FeedbackDetail, withRating = true): unknown {
  const { t, lang } = x;
  const l = labels(x);
  const facts = [
    [t(lang, 'teams:detail.type'), l.type(d.type)],
    [t(lang, 'teams:detail.category'), l.category(d.category)],
    [t(lang, 'teams:detail.status'), l.status(d.status)],
    [t(lang, 'teams:detail.agency'), l.agency(d.agencyId)],
    [t(lang, 'teams:detail.received'), formatDate(lang, d.createdAt)],
    ...deadlineFacts(x, d),
    [t(lang, 'teams:detail.updated'), formatDate(lang, d.updatedAt)],
    [t(lang, 'teams:detail.language'), t(lang, `teams:languages.${d.language}`)],
    ...(withRating && d.rating
      ? [[t(lang, 'teams:detail.rating'), t(lang, 'teams:detail.ratingValue', { score: d.rating.score })]]
      : []),
  ].map(([title, value]) => ({ title, value }));
  return { type: 'FactSet', facts };
}

/** Where, and what the citizen wrote. */
function placeAndText(x: CardText, d: FeedbackDetail): unknown[] {
  const place = [d.location?.place ?? d.location?.text, d.location?.postcode].filter(Boolean).join(', ');
  return [
    ...(place ? [section(x, 'teams:detail.place'), plain(place)] : []),
    section(x, 'teams:detail.description'),
    plain(d.text),
  ];
}

/** Attachments: a link button each, or a note that the channel keeps it. */
function attachmentBlocks(x: CardText, d: FeedbackDetail): unknown[] {
  if (!d.attachments.length) return [];
  return [
    section(x, 'teams:detail.attachments'),
    ...d.attachments.map((a) => {
      const name = a.name ?? a.contentType;
      return a.url
        ? { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: name, url: a.url }] }
        : plain(x.t(x.lang, 'teams:detail.attachmentNoLink', { name }));
    }),
  ];
}

/** The status history, the rating comment and the replies sent. */
function historyBlocks(x: CardText, d: FeedbackDetail): unknown[] {
  const { t, lang } = x;
  const l = labels(x);
  const body: unknown[] = [section(x, 'teams:detail.history')];
  for (const h of d.statusHistory) {
    const vars = { status: l.status(h.status), at: formatDate(lang, h.at), ...(h.by ? { by: h.by } : {}) };
    body.push(
      plain(t(lang, h.by ? 'teams:detail.historyBy' : 'teams:detail.historyEntry', vars), { size: 'Small' }),
    );
    if (h.note) body.push(plain(h.note, { size: 'Small', isSubtle: true }));
  }
  if (d.rating?.comment) {
    // What the citizen wrote with their rating: the one place staff learn why they were (dis)satisfied.
    body.push(section(x, 'teams:detail.ratingComment'), plain(d.rating.comment));
  }
  return [...body, ...replyBlocks(x, d.replies)];
}

/** The replies sent to the citizen. */
function replyBlocks(x: CardText, replies: FeedbackDetail['replies']): unknown[] {
  if (!replies.length) return [];
  return [
    section(x, 'teams:detail.replies'),
    ...replies.map((r) => plain(`${formatDate(x.lang, r.at)} · ${r.text}`, { size: 'Small' })),
  ];
}

/** The form to change the status (`{verb: 'setStatus', reference, status, note}`). */
function statusForm(x: CardText, d: Pick<FeedbackDetail, 'reference' | 'status'>): Card {
  const { t, lang } = x;
  const l = labels(x);
  return card(
    [
      {
        type: 'Input.ChoiceSet',
        id: 'status',
        label: t(lang, 'teams:forms.newStatus'),
        isRequired: true,
        value: (AGENCY_STATUSES as string[]).includes(d.status) ? d.status : 'acknowledged',
        choices: AGENCY_STATUSES.map((s) => ({ title: l.status(s), value: s })),
      },
      {
        type: 'Input.Text',
        id: 'note',
        label: t(lang, 'teams:forms.note'),
        isMultiline: true,
        maxLength: MAX_NOTE,
      },
    ],
    [submit(t(lang, 'teams:forms.submitStatus'), { verb: 'setStatus', reference: d.reference })],
  );
}

const submit = (title: string, data: Record<string, string>) => ({ type: 'Action.Submit', title, data });

/** A one-text-field form (`id`) whose submit sends `data` with the text. */
function textForm(
  x: CardText,
  id: string,
  label: string,
  max: number,
  submitTitle: string,
  data: Record<string, string>,
): Card {
  return card(
    [
      {
        type: 'Input.Text',
        id,
        label: x.t(x.lang, label),
        isMultiline: true,
        isRequired: true,
        maxLength: max,
      },
    ],
    [submit(x.t(x.lang, submitTitle), data)],
  );
}

/** The actions every card of a record offers: change the status and reply to the citizen. */
function recordActions(x: CardText, d: Pick<FeedbackDetail, 'reference' | 'status'>): unknown[] {
  const { t, lang } = x;
  const reply = textForm(x, 'reply', 'teams:forms.replyText', MAX_REPLY, 'teams:forms.submitReply', {
    verb: 'reply',
    reference: d.reference,
  });
  const note = textForm(
    x,
    'internalNote',
    'teams:forms.noteText',
    MAX_INTERNAL_NOTE,
    'teams:forms.submitNote',
    {
      verb: 'note',
      reference: d.reference,
    },
  );
  return [
    { type: 'Action.ShowCard', title: t(lang, 'teams:forms.changeStatus'), card: statusForm(x, d) },
    { type: 'Action.ShowCard', title: t(lang, 'teams:forms.reply'), card: reply },
    submit(t(lang, 'teams:forms.assignToMe'), { verb: 'assignMe', reference: d.reference }),
    { type: 'Action.ShowCard', title: t(lang, 'teams:forms.addNote'), card: note },
  ];
}

/** Who works on the item and how many internal notes it has (the channel card's extra facts). */
export interface ChannelExtras {
  /** The assigned officer's name, or null for nobody. */
  assignee: string | null;
  notes: number;
  /** References of the duplicates merged into this item. */
  duplicates?: string[];
}

function extraFacts(x: CardText, d: FeedbackDetail, extras: ChannelExtras): unknown {
  const { t, lang } = x;
  const facts = [
    { title: t(lang, 'teams:channel.assignee'), value: extras.assignee ?? t(lang, 'teams:channel.nobody') },
    ...(extras.notes ? [{ title: t(lang, 'teams:channel.notes'), value: String(extras.notes) }] : []),
    ...(d.supporters ? [{ title: t(lang, 'teams:channel.supporters'), value: String(d.supporters) }] : []),
    ...(extras.duplicates?.length
      ? [{ title: t(lang, 'teams:channel.duplicates'), value: extras.duplicates.join(', ') }]
      : []),
  ];
  return { type: 'FactSet', facts };
}

/** One record with its history, and forms to change the status (`setStatus`) or reply to the citizen (`reply`). */
export function detailCard(x: CardText, d: FeedbackDetail): Card {
  const body: unknown[] = [
    heading(x.t(x.lang, 'teams:detail.title', { reference: d.reference })),
    ...deadlineFlag(x, d),
    detailFacts(x, d),
    ...placeAndText(x, d),
    ...contactBlocks(x, d),
    ...attachmentBlocks(x, d),
    ...historyBlocks(x, d),
  ];
  return card(body, recordActions(x, d));
}

/**
 * The card posted to a body's linked channel: what the item is about, its deadline, its status and the latest
 * reply, with the same actions as the item view. No contact details: a channel's members are not all Suara staff
 * accounts (anyone may open the item with `show <reference>` in a chat with the bot, scoped to their account).
 */
export function channelCard(
  x: CardText,
  d: FeedbackDetail,
  extras: ChannelExtras = { assignee: null, notes: 0 },
): Card {
  const { t, lang } = x;
  const l = labels(x);
  const body: unknown[] = [
    heading(t(lang, 'teams:channel.title', { reference: d.reference, status: l.status(d.status) })),
    ...deadlineFlag(x, d),
    detailFacts(x, d, false),
    extraFacts(x, d, extras),
    ...placeAndText(x, d),
    ...attachmentBlocks(x, d),
    ...replyBlocks(x, d.replies.slice(-1)),
  ];
  return card(body, recordActions(x, d));
}

/** What a message-extension result shares into a chat: no citizen text, only what identifies the record. */
export function shareCard(x: CardText, r: FeedbackSummary): Card {
  const { t, lang } = x;
  const l = labels(x);
  return card([
    heading(t(lang, 'teams:detail.title', { reference: r.reference })),
    {
      type: 'FactSet',
      facts: [
        { title: t(lang, 'teams:detail.status'), value: l.status(r.status) },
        { title: t(lang, 'teams:detail.type'), value: l.type(r.type) },
        { title: t(lang, 'teams:detail.category'), value: l.category(r.category) },
        { title: t(lang, 'teams:detail.received'), value: formatDate(lang, r.createdAt) },
        ...deadlineFacts(x, r).map(([title, value]) => ({ title, value })),
      ],
    },
  ]);
}
