/**
 * Adaptive Cards (schema 1.4, which Teams renders on every client) for the list, one record, and message-extension
 * results. Anything a citizen wrote goes into a `TextRun`, which Teams never reads as Markdown.
 */
import type { FeedbackStatus, Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';
import type { FeedbackDetail, FeedbackSummary } from '../../../services/staff/feedbackView';
import { AGENCY_STATUSES, MAX_NOTE } from '../../../services/status/statusService';
import { formatDate } from '../../../services/i18n/dates';

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

/** One record with its history, and forms to change the status (`setStatus`) or reply to the citizen (`reply`). */
// TODO(split): longer than 80 lines until it is split into named steps.
// eslint-disable-next-line max-lines-per-function
export function detailCard(x: CardText, d: FeedbackDetail): Card {
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
    ...(d.rating
      ? [[t(lang, 'teams:detail.rating'), t(lang, 'teams:detail.ratingValue', { score: d.rating.score })]]
      : []),
  ].map(([title, value]) => ({ title, value }));
  const place = [d.location?.place ?? d.location?.text, d.location?.postcode].filter(Boolean).join(', ');
  const section = (key: string) => ({
    type: 'TextBlock',
    text: t(lang, key),
    weight: 'Bolder',
    spacing: 'Medium',
  });
  const body: unknown[] = [
    heading(t(lang, 'teams:detail.title', { reference: d.reference })),
    ...deadlineFlag(x, d),
    { type: 'FactSet', facts },
    ...(place ? [section('teams:detail.place'), plain(place)] : []),
    section('teams:detail.description'),
    plain(d.text),
    ...contactBlocks(x, d),
  ];
  if (d.attachments.length) {
    body.push(section('teams:detail.attachments'));
    for (const a of d.attachments) {
      const name = a.name ?? a.contentType;
      body.push(
        a.url
          ? { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title: name, url: a.url }] }
          : plain(t(lang, 'teams:detail.attachmentNoLink', { name })),
      );
    }
  }
  body.push(section('teams:detail.history'));
  for (const h of d.statusHistory) {
    const vars = { status: l.status(h.status), at: formatDate(lang, h.at), ...(h.by ? { by: h.by } : {}) };
    body.push(
      plain(t(lang, h.by ? 'teams:detail.historyBy' : 'teams:detail.historyEntry', vars), { size: 'Small' }),
    );
    if (h.note) body.push(plain(h.note, { size: 'Small', isSubtle: true }));
  }
  if (d.rating?.comment) {
    // What the citizen wrote with their rating: the one place staff learn why they were (dis)satisfied.
    body.push(section('teams:detail.ratingComment'), plain(d.rating.comment));
  }
  if (d.replies.length) {
    body.push(section('teams:detail.replies'));
    for (const r of d.replies) body.push(plain(`${formatDate(lang, r.at)} · ${r.text}`, { size: 'Small' }));
  }
  const statusForm = card(
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
    [
      {
        type: 'Action.Submit',
        title: t(lang, 'teams:forms.submitStatus'),
        data: { verb: 'setStatus', reference: d.reference },
      },
    ],
  );
  const replyForm = card(
    [
      {
        type: 'Input.Text',
        id: 'reply',
        label: t(lang, 'teams:forms.replyText'),
        isMultiline: true,
        isRequired: true,
        maxLength: MAX_REPLY,
      },
    ],
    [
      {
        type: 'Action.Submit',
        title: t(lang, 'teams:forms.submitReply'),
        data: { verb: 'reply', reference: d.reference },
      },
    ],
  );
  return card(body, [
    { type: 'Action.ShowCard', title: t(lang, 'teams:forms.changeStatus'), card: statusForm },
    { type: 'Action.ShowCard', title: t(lang, 'teams:forms.reply'), card: replyForm },
  ]);
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
