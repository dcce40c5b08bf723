/** Rendering a draft for the citizen to check before submitting. Pure: text in, text out. */
import type { CategoryId } from '../services/agencies/types';
import type {
  FeedbackAttachment,
  FeedbackContact,
  FeedbackLocation,
  FeedbackType,
  Language,
  StoredRouteWhy,
} from '../services/feedback/types';
import type { Translate } from '../services/i18n';

/** A feedback item being filed: fields are undefined until asked, null when the citizen skipped them. */
export interface Draft {
  type: FeedbackType;
  text?: string;
  category?: CategoryId;
  location?: FeedbackLocation | null;
  agencyId?: string | null;
  routingReason?: string;
  /** The router's decision in data (stored on the record so staff read the why in their own language). */
  routingWhy?: StoredRouteWhy;
  /** The council the citizen picked when their place fitted two councils. */
  placeAgencyId?: string;
  /** Where it goes and why, in one line (explainRoute), shown in the summary instead of the bare agency. */
  routeLine?: string;
  /** The place found in the description when no location was given (the citizen's own words). */
  placeFromText?: string;
  photo?: FeedbackAttachment | null;
  anonymous?: boolean;
  contact?: FeedbackContact | null;
  /** Pending-submission id, kept in conversation state before filing: a retried submit finds the first record. */
  submissionId?: string;
}

const PREVIEW = 300;

/** Where it will go, in words. */
export function agencyLine(t: Translate, lang: Language, agencyName: string | null): string {
  return agencyName
    ? t(lang, 'file.summary.agency', { agency: agencyName })
    : t(lang, 'file.summary.noAgency');
}

/** The summary shown before submitting (the one question, with Submit / Edit / Cancel, follows it). */
export function renderSummary(t: Translate, lang: Language, d: Draft, agencyName: string | null): string {
  const text = d.text ?? '';
  const location = d.location
    ? (d.location.text ?? d.location.place ?? t(lang, 'file.summary.pin'))
    : d.placeFromText
      ? t(lang, 'file.summary.placeFromText', { place: d.placeFromText })
      : t(lang, 'file.summary.none');
  const contact =
    d.anonymous || !d.contact
      ? t(lang, 'file.summary.anonymous')
      : [d.contact.name, d.contact.phone, d.contact.email].filter(Boolean).join(', ');
  return [
    t(lang, `file.summary.title.${d.type}`),
    `• ${t(lang, 'file.summary.description')}: ${text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text}`,
    `• ${t(lang, 'file.summary.category')}: ${d.category ? t(lang, `categories:${d.category}.label`) : '-'}`,
    `• ${t(lang, 'file.summary.location')}: ${location}`,
    `• ${t(lang, 'file.summary.photo')}: ${d.photo ? t(lang, 'file.summary.photoYes') : t(lang, 'file.summary.none')}`,
    `• ${t(lang, 'file.summary.contact')}: ${contact}`,
    `• ${d.routeLine ?? agencyLine(t, lang, agencyName)}`,
  ].join('\n');
}
