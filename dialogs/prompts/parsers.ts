/** Turning what a citizen sent (text, buttons, attachments) into values. Pure functions, channel-blind. */
import type { Attachment, Activity, Entity } from 'botbuilder';
import { parseReference } from '../../services/feedback/reference';
import type { FeedbackAttachment, FeedbackContact, FeedbackLocation } from '../../services/feedback/types';

/** Parse outcome: a value, or the locale key explaining what was wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Longest description we accept in chat (the record keeps up to 4,000; channels split longer replies). */
export const MAX_DESCRIPTION = 2000;

/** Normalise a typed word or button text for comparison. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[.!?,;:'"“”‘’()[\]{}]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** True when the text has no letters or digits at all (only emoji, symbols or spaces). */
export function hasNoWords(text: string): boolean {
  return !/[\p{L}\p{N}]/u.test(text);
}

/** A free-text answer of sensible length with at least one word. */
export function parseFreeText(text: string | undefined, min: number, max: number): Parsed<string> {
  const value = (text ?? '').trim();
  if (value.length === 0) return { ok: false, error: 'errors.empty' };
  if (hasNoWords(value)) return { ok: false, error: 'errors.noWords' };
  if (value.length > max) return { ok: false, error: 'errors.tooLong' };
  if (value.length < min) return { ok: false, error: 'errors.tooShort' };
  return { ok: true, value };
}

/** One option of a choice question: an id, and every text that should select it. */
export interface ChoiceOption {
  id: string;
  /** Labels in every language plus synonyms; compared after normalise(). */
  matches: string[];
  /** Not shown (so not numbered): understood only by its words. */
  hidden?: boolean;
}

/** Pick an option by its number (1-based), id, label in any language or synonym. */
export function parseChoice(text: string | undefined, options: ChoiceOption[]): Parsed<string> {
  const typed = normalise(text ?? '');
  if (typed === '') return { ok: false, error: 'errors.pickOne' };
  const n = Number.parseInt(typed, 10);
  const shown = options.filter((o) => !o.hidden);
  if (String(n) === typed && n >= 1 && n <= shown.length) return { ok: true, value: shown[n - 1]!.id };
  const stripped = typed.replace(/^[^\p{L}\p{N}]+/u, '').trim();
  for (const o of options) {
    if (o.id === typed || o.matches.some((m) => normalise(m) === typed || normalise(m) === stripped)) {
      return { ok: true, value: o.id };
    }
  }
  // A unique option whose label starts with what was typed ("aduan" for "Aduan / laporan masalah").
  const prefixed = options.filter(
    (o) => stripped.length >= 3 && o.matches.some((m) => normalise(m).startsWith(stripped)),
  );
  if (prefixed.length === 1) return { ok: true, value: prefixed[0]!.id };
  return { ok: false, error: 'errors.pickOne' };
}

/** Content type our channels use for a shared location. */
export const LOCATION_CONTENT_TYPE = 'application/vnd.suara.location+json';
/** Content type our channels use for a shared contact (Telegram). */
export const CONTACT_CONTENT_TYPE = 'application/vnd.suara.contact+json';

function validPoint(lat: unknown, lng: unknown): { lat: number; lng: number } | null {
  const la = Number(lat);
  const ln = Number(lng);
  if (!Number.isFinite(la) || !Number.isFinite(ln) || Math.abs(la) > 90 || Math.abs(ln) > 180) return null;
  return { lat: la, lng: ln };
}

/** A shared location, from our attachment or a Bot Framework GeoCoordinates/Place entity. */
export function sharedPoint(activity: Partial<Activity>): { lat: number; lng: number } | null {
  for (const a of activity.attachments ?? []) {
    if (a.contentType === LOCATION_CONTENT_TYPE && a.content && typeof a.content === 'object') {
      const c = a.content as Record<string, unknown>;
      const p = validPoint(c.lat ?? c.latitude, c.lng ?? c.longitude);
      if (p) return p;
    }
  }
  for (const e of (activity.entities ?? []) as (Entity & Record<string, unknown>)[]) {
    const geo = (e.type === 'Place' ? e.geo : e) as Record<string, unknown> | undefined;
    if (geo && (e.type === 'GeoCoordinates' || e.type === 'Place')) {
      const p = validPoint(geo.latitude, geo.longitude);
      if (p) return p;
    }
  }
  return null;
}

/** A Malaysian postcode (5 digits) in the text, if any. */
export function postcodeIn(text: string): string | undefined {
  return /\b(\d{5})\b/.exec(text)?.[1];
}

/** A location: a pin, or a place/postcode typed as text. */
export function parseLocation(activity: Partial<Activity>): Parsed<FeedbackLocation> {
  const point = sharedPoint(activity);
  if (point) return { ok: true, value: { point: { type: 'Point', coordinates: [point.lng, point.lat] } } };
  const text = parseFreeText(activity.text, 2, 300);
  if (!text.ok)
    return { ok: false, error: text.error === 'errors.tooShort' ? 'errors.location' : text.error };
  const postcode = postcodeIn(text.value);
  return { ok: true, value: { text: text.value, ...(postcode ? { postcode } : {}) } };
}

/** An image the citizen attached (the largest, as the channel gives it). */
export function parsePhoto(activity: Partial<Activity>): Parsed<FeedbackAttachment> {
  const image = (activity.attachments ?? []).find((a: Attachment) => /^image\//.test(a.contentType ?? ''));
  if (!image) return { ok: false, error: 'errors.photo' };
  const content = (image.content ?? {}) as Record<string, unknown>;
  const size = Number(content.size);
  return {
    ok: true,
    value: {
      contentType: image.contentType,
      ...(image.contentUrl ? { url: image.contentUrl } : {}),
      ...(typeof content.fileId === 'string' ? { channelFileId: content.fileId } : {}),
      ...(image.name ? { name: String(image.name).slice(0, 200) } : {}),
      ...(Number.isFinite(size) && size > 0 ? { size } : {}),
    },
  };
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}\.[a-z]{2,24}$/i;

/** A Malaysian or international phone number, normalised to +60… where possible. */
export function normalisePhone(text: string): string | null {
  const digits = text.replace(/[\s\-().]/g, '');
  if (!/^\+?\d{8,15}$/.test(digits)) return null;
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('60')) return `+${digits}`;
  if (digits.startsWith('0')) return `+6${digits}`;
  return null;
}

/** A way to reach the citizen: an email, a phone number, or a shared contact card. */
export function parseReachability(
  activity: Partial<Activity>,
): Parsed<Pick<FeedbackContact, 'phone' | 'email'>> {
  const card = (activity.attachments ?? []).find((a) => a.contentType === CONTACT_CONTENT_TYPE);
  if (card && card.content && typeof card.content === 'object') {
    const phone = normalisePhone(String((card.content as Record<string, unknown>).phone ?? ''));
    if (phone) return { ok: true, value: { phone } };
  }
  const text = (activity.text ?? '').trim();
  if (EMAIL.test(text)) return { ok: true, value: { email: text.toLowerCase() } };
  const phone = normalisePhone(text);
  if (phone) return { ok: true, value: { phone } };
  return { ok: false, error: 'errors.contact' };
}

/** A reference number typed by a citizen, checked with its check symbol. */
export function parseReferenceInput(text: string | undefined): Parsed<string> {
  const r = parseReference(text ?? '');
  if (r.ok) return { ok: true, value: r.reference };
  return { ok: false, error: r.reason === 'checksum' ? 'errors.referenceTypo' : 'errors.referenceFormat' };
}
