/** The documented, versioned JSON body of a webhook delivery (version 1). Adding fields is compatible; removing is not. */
import type { FeedbackAttachment, FeedbackRecord, FeedbackType, Language } from '../feedback/types';
import type { CategoryId } from '../agencies/types';

/** Where the matter is, flattened for receivers. */
export interface WebhookLocationV1 {
  text?: string;
  postcode?: string;
  place?: string;
  lat?: number;
  lng?: number;
}

/** An attachment the receiver can fetch. */
export interface WebhookAttachmentV1 {
  url: string;
  contentType: string;
  name?: string;
}

/** Fields every version-1 payload has. */
interface WebhookBaseV1 {
  version: 1;
  reference: string;
  type: FeedbackType;
  category: CategoryId;
  text: string;
  location: WebhookLocationV1 | null;
  attachments: WebhookAttachmentV1[];
  language: Language;
  createdAt: string;
}

/** Version 1 of the webhook payload: either anonymous, or with the consent and the contact the citizen gave. */
export type WebhookPayloadV1 =
  | (WebhookBaseV1 & { anonymous: true })
  | (WebhookBaseV1 & {
      anonymous: false;
      consent: { contact: boolean; at: string | null };
      contact: { name?: string; phone?: string; email?: string };
    });

/** Turns a stored attachment into a URL the agency can fetch, or undefined to leave it out. */
export type AttachmentUrl = (
  record: FeedbackRecord,
  attachment: FeedbackAttachment,
  index: number,
) => string | undefined;

/** Default: only attachments that already carry an http(s) URL. */
export const publicUrlOnly: AttachmentUrl = (_r, a) =>
  a.url && /^https?:\/\//i.test(a.url) ? a.url : undefined;

/** Build the version-1 payload for a record. */
export function buildWebhookPayload(
  record: FeedbackRecord,
  attachmentUrl: AttachmentUrl = publicUrlOnly,
): WebhookPayloadV1 {
  const attachments: WebhookAttachmentV1[] = [];
  record.attachments.forEach((a, i) => {
    const url = attachmentUrl(record, a, i);
    if (url) attachments.push({ url, contentType: a.contentType, ...(a.name ? { name: a.name } : {}) });
  });
  const base: WebhookBaseV1 = {
    version: 1,
    reference: record._id,
    type: record.type,
    category: record.category,
    text: record.text,
    location: flattenLocation(record),
    attachments,
    language: record.language,
    createdAt: new Date(record.createdAt).toISOString(),
  };
  if (record.anonymous || !record.consent.contact) return { ...base, anonymous: true };
  const c = record.contact ?? {};
  return {
    ...base,
    anonymous: false,
    consent: { contact: true, at: record.consent.at ? new Date(record.consent.at).toISOString() : null },
    contact: {
      ...(c.name ? { name: c.name } : {}),
      ...(c.phone ? { phone: c.phone } : {}),
      ...(c.email ? { email: c.email } : {}),
    },
  };
}

function flattenLocation(record: FeedbackRecord): WebhookLocationV1 | null {
  const l = record.location;
  if (!l) return null;
  const out: WebhookLocationV1 = {};
  if (l.text) out.text = l.text;
  if (l.postcode) out.postcode = l.postcode;
  if (l.place) out.place = l.place;
  if (l.point) {
    out.lng = l.point.coordinates[0];
    out.lat = l.point.coordinates[1];
  }
  return Object.keys(out).length ? out : null;
}
