/** Shared set-up of the "me too" tests: seeding other citizens' complaints and places near Jalan Raja Laut, KL. */
import type { Core } from '../../bots/compose/core';
import type { FeedbackStatus, FeedbackType, Language } from '../../services/feedback/types';
import type { CategoryId } from '../../services/agencies/types';

/** Jalan Raja Laut, Kuala Lumpur (DBKL). */
export const PIN = { lat: 3.1579, lng: 101.6958 };
/** Degrees of latitude per metre (on mongod's sphere, close enough for 100 m vs 250 m). */
const DEG_PER_M = 1 / 111_195;

/** A pin `metres` north of PIN. */
export function north(metres: number): { lat: number; lng: number } {
  return { lat: PIN.lat + metres * DEG_PER_M, lng: PIN.lng };
}

/** A location-pin attachment as the widget and the Telegram adapter send it. */
export function pinAttachment(p: { lat: number; lng: number }) {
  return { attachments: [{ contentType: 'application/vnd.suara.location+json', content: p }] };
}

/** File a complaint (or `type`) as another citizen (through the feedback service), optionally move it to `status`. */
export async function seedComplaint(
  core: Core,
  o: {
    type?: FeedbackType;
    text: string;
    category?: CategoryId;
    at?: { lat: number; lng: number };
    place?: string;
    status?: FeedbackStatus;
    language?: Language;
    citizen?: string;
  },
): Promise<string> {
  const filed = await core.feedback.file({
    type: o.type ?? 'complaint',
    category: o.category ?? 'roads',
    text: o.text,
    language: o.language ?? 'ms',
    location: {
      ...(o.at ? { point: { type: 'Point', coordinates: [o.at.lng, o.at.lat] } } : {}),
      ...(o.place ? { text: o.place } : {}),
    },
    channel: { channelId: 'nowhere', conversationReference: {} },
    citizenKey: o.citizen ?? `other-${Math.random().toString(36).slice(2)}`,
    anonymous: true,
  });
  if (o.status && o.status !== 'received') {
    const rec = (await core.feedbackRepo.get(filed.reference))!;
    await core.feedbackRepo.appendStatus(rec, { status: o.status, at: new Date(), by: 'test' });
  }
  return filed.reference;
}

/** A reference number in text. */
export const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;
