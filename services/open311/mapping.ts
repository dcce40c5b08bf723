/** FeedbackRecord ↔ Open311 GeoReport v2 request: the public view of a record, and a POSTed form as new feedback. */
import { createHash } from 'node:crypto';
import {
  FEEDBACK_TYPES,
  type FeedbackRecord,
  type FeedbackStatus,
  type FeedbackType,
  type Language,
} from '../feedback/types';
import type { NewFeedback } from '../feedback/service';
import { isServiceCode } from './catalog';
import type { Integrator } from './integrators';

/** Our statuses that Open311 calls `closed`. */
export const CLOSED_STATUSES: FeedbackStatus[] = ['resolved', 'rejected', 'duplicate', 'closed'];

/** The channel id of records filed through Open311. */
export const OPEN311_CHANNEL = 'open311';

/** GeoReport v2 request fields. */
export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string | null;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string | null;
  address_id: string | null;
  zipcode: string | null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

/** Which integrator filed a record through Open311, if any. */
export function filedBy(record: FeedbackRecord): string | undefined {
  if (record.channel?.channelId !== OPEN311_CHANNEL) return undefined;
  const id = record.channel.conversationReference?.integratorId;
  return typeof id === 'string' ? id : undefined;
}

/** Who reads a request: an identified integrator (by api key), or nobody (the public). */
export type Open311Viewer = Pick<Integrator, 'id' | 'agencies'> | undefined;

/** True when `viewer` may see a record in full: it filed it, or the record's agency is in its jurisdiction. */
export function seesInFull(record: FeedbackRecord, viewer: Open311Viewer): boolean {
  if (!viewer) return false;
  if (filedBy(record) === viewer.id) return true;
  return !!record.agencyId && (viewer.agencies ?? []).includes(record.agencyId);
}

/** A coordinate rounded to 0.001° (about 110 m): enough to see the area, not the house. */
export function coarse(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * A record as an Open311 request. The public (no api key, or another integrator's records) gets only non-personal
 * fields: category, status, agency, dates, postcode and coordinates rounded to ~100 m — no citizen-typed address,
 * description, photo or staff notes. The integrator that filed the record, or whose jurisdiction (`agencies`) it is
 * in, gets those too. Contact details are never shown.
 */
export function toOpen311Request(
  record: FeedbackRecord,
  opts: { viewer?: Open311Viewer; serviceName: string; agencyName?: string },
): Open311Request {
  const full = seesInFull(record, opts.viewer);
  const notes = [...record.statusHistory].reverse().find((h) => h.note)?.note ?? null;
  const media = record.attachments.find((a) => a.url && /^https?:\/\//.test(a.url))?.url ?? null;
  const point = record.location?.point?.coordinates;
  const round = full ? (n: number) => n : coarse;
  return {
    service_request_id: record._id,
    status: CLOSED_STATUSES.includes(record.status) ? 'closed' : 'open',
    status_notes: full ? notes : null,
    service_name: opts.serviceName,
    service_code: record.category,
    description: full ? record.text : null,
    agency_responsible: opts.agencyName ?? record.agencyId,
    service_notice: null,
    requested_datetime: new Date(record.createdAt).toISOString(),
    updated_datetime: new Date(record.updatedAt).toISOString(),
    expected_datetime: null,
    address: full ? (record.location?.text ?? null) : null,
    address_id: null,
    zipcode: record.location?.postcode ?? null,
    lat: point ? round(point[1]) : null,
    long: point ? round(point[0]) : null,
    media_url: full ? media : null,
  };
}

/** Why a POSTed form cannot be filed (the key of the localized description, and the detail). */
export type FormProblem = { status: 400 | 404; code: string; key: string; detail?: string };

const num = (v: string | null) =>
  v !== null && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined;

/** Turn a GeoReport v2 `POST /requests` form into new feedback, or say what is wrong with it. */
export function formToFeedback(
  form: URLSearchParams,
  integrator: Integrator,
  defaultLanguage: Language,
): { ok: true; feedback: NewFeedback } | { ok: false; problem: FormProblem } {
  const bad = (detail: string, code = 'INVALID'): { ok: false; problem: FormProblem } => ({
    ok: false,
    problem: { status: 400, code, key: 'badRequest', detail },
  });
  const code = form.get('service_code');
  if (!isServiceCode(code))
    return { ok: false, problem: { status: 400, code: 'SERVICE_CODE', key: 'unknownService' } };
  const description = (form.get('description') ?? '').trim();
  if (!description) return bad('description is required');
  if (description.length > 4000) return bad('description is longer than 4000 characters');
  const lat = num(form.get('lat'));
  const long = num(form.get('long'));
  const address = (form.get('address_string') ?? '').trim().slice(0, 500);
  const hasPoint = lat !== undefined && long !== undefined;
  if (hasPoint && (Math.abs(lat) > 90 || Math.abs(long) > 180)) return bad('lat/long out of range');
  if (!hasPoint && !address) return bad('a location is required: lat and long, or address_string');
  const type = (form.get('attribute[feedback_type]') ?? 'complaint') as FeedbackType;
  if (!FEEDBACK_TYPES.includes(type))
    return bad('attribute[feedback_type] must be one of ' + FEEDBACK_TYPES.join(', '));
  const lang = form.get('attribute[language]') ?? defaultLanguage;
  if (lang !== 'en' && lang !== 'ms') return bad('attribute[language] must be ms or en');
  const media = form.get('media_url');
  if (media && !/^https?:\/\/\S+$/.test(media)) return bad('media_url must be an http(s) URL');
  const name = [form.get('first_name'), form.get('last_name')]
    .filter((s) => s && s.trim())
    .join(' ')
    .slice(0, 200);
  const email = form.get('email')?.trim().slice(0, 200) || undefined;
  const phone = form.get('phone')?.trim().slice(0, 40) || undefined;
  const anonymous = !name && !email && !phone;
  const who = form.get('account_id') || form.get('device_id') || email || '';
  const citizenKey = createHash('sha256')
    .update(`open311:${integrator.id}:${who}`)
    .digest('hex')
    .slice(0, 32);
  return {
    ok: true,
    feedback: {
      type,
      category: code,
      text: description,
      language: lang,
      location: {
        ...(address ? { text: address } : {}),
        ...(hasPoint ? { point: { type: 'Point', coordinates: [long, lat] } } : {}),
      },
      attachments: media ? [{ contentType: guessType(media), url: media }] : [],
      channel: {
        channelId: OPEN311_CHANNEL,
        conversationReference: {
          integratorId: integrator.id,
          ...(form.get('account_id') ? { accountId: form.get('account_id') } : {}),
        },
      },
      citizenKey,
      anonymous,
      ...(anonymous
        ? {}
        : {
            contact: { ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) },
          }),
    },
  };
}

function guessType(url: string): string {
  const ext = /\.([a-z0-9]+)(?:[?#]|$)/i.exec(url)?.[1]?.toLowerCase();
  return ext === 'png'
    ? 'image/png'
    : ext === 'jpg' || ext === 'jpeg'
      ? 'image/jpeg'
      : 'application/octet-stream';
}
