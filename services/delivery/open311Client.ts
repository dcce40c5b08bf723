/**
 * Open311 GeoReport v2 client: files a record with `POST {url}/requests.json` and reads statuses back with
 * `GET {url}/requests.json?service_request_id=a,b,c`. GeoReport v2 has no idempotency key; we still send the
 * `Idempotency-Key` header and put the reference at the head of the description so a duplicate can be spotted.
 */
import { z } from 'zod';
import type { FeedbackRecord } from '../feedback/types';
import type { DeliveryEndpoint } from '../agencies/types';
import { DeliveryConfigError, DeliveryTransportError } from './errors';
import { assertDelivered, fetchWithDeadline, safeText } from './httpOutcome';
import { publicUrlOnly } from './payload';
import { IDEMPOTENCY_HEADER } from './signature';
import { USER_AGENT, type SendContext, type SendResult } from './webhookSender';

/** An Open311 endpoint as configured for an agency. */
export type Open311Endpoint = Extract<DeliveryEndpoint, { kind: 'open311' }>;

const createdSchema = z
  .array(
    z
      .object({
        service_request_id: z.union([z.string(), z.number()]).optional(),
        token: z.union([z.string(), z.number()]).optional(),
      })
      .passthrough(),
  )
  .min(1);

/** Base URL without a trailing slash. */
function base(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The form fields of a GeoReport v2 `POST /requests` for a record. */
export function open311Form(
  endpoint: Open311Endpoint,
  record: FeedbackRecord,
  apiKey: string,
): URLSearchParams {
  const serviceCode = endpoint.serviceCodes[record.category] ?? endpoint.serviceCodes.other;
  if (!serviceCode) {
    throw new DeliveryConfigError(
      'SERVICE_CODE_MISSING',
      `no Open311 service_code for category ${record.category}`,
    );
  }
  const form = new URLSearchParams();
  form.set('api_key', apiKey);
  if (endpoint.jurisdictionId) form.set('jurisdiction_id', endpoint.jurisdictionId);
  form.set('service_code', serviceCode);
  const loc = record.location;
  if (loc?.point) {
    form.set('lat', String(loc.point.coordinates[1]));
    form.set('long', String(loc.point.coordinates[0]));
  }
  const address = [loc?.text, loc?.postcode].filter(Boolean).join(', ');
  if (address) form.set('address_string', address);
  form.set('description', `[${record._id}] ${record.text}`.slice(0, 4000));
  const media = record.attachments.map((a, i) => publicUrlOnly(record, a, i)).find(Boolean);
  if (media) form.set('media_url', media);
  if (!record.anonymous && record.consent.contact && record.contact) {
    const { name, phone, email } = record.contact;
    if (email) form.set('email', email);
    if (phone) form.set('phone', phone);
    if (name) {
      const parts = name.trim().split(/\s+/);
      form.set('first_name', parts[0] ?? name);
      if (parts.length > 1) form.set('last_name', parts.slice(1).join(' '));
    }
  }
  return form;
}

/** File the record; the returned remoteId is the service_request_id (or `token:<token>` from batch servers). */
export async function sendOpen311(
  endpoint: Open311Endpoint,
  record: FeedbackRecord,
  ctx: SendContext,
): Promise<SendResult> {
  const apiKey = ctx.env[endpoint.apiKeyEnv];
  if (!apiKey)
    throw new DeliveryConfigError('SECRET_MISSING', `environment variable ${endpoint.apiKeyEnv} is not set`);
  if (!record.location?.point && !record.location?.text && !record.location?.postcode) {
    throw new DeliveryConfigError('LOCATION_MISSING', 'Open311 needs a location (lat/long or address)');
  }
  const res = await fetchWithDeadline(
    `${base(endpoint.url)}/requests.json`,
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        'User-Agent': USER_AGENT,
        [IDEMPOTENCY_HEADER]: record._id,
      },
      body: open311Form(endpoint, record, apiKey).toString(),
    },
    ctx.timeoutMs,
  );
  const text = await safeText(res, 4000);
  assertDelivered(res, describeErrors(text), res.status === 403 ? 'BAD_API_KEY' : 'OPEN311_REJECTED');
  let parsed: z.infer<typeof createdSchema>;
  try {
    parsed = createdSchema.parse(JSON.parse(text));
  } catch {
    throw new DeliveryTransportError(
      'BAD_RESPONSE',
      'Open311 answer was not a GeoReport v2 request list',
      res.status,
    );
  }
  const first = parsed[0]!;
  if (first.service_request_id !== undefined)
    return { statusCode: res.status, remoteId: String(first.service_request_id), via: 'open311' };
  if (first.token !== undefined)
    return { statusCode: res.status, remoteId: `token:${first.token}`, via: 'open311' };
  throw new DeliveryTransportError(
    'BAD_RESPONSE',
    'Open311 answer had neither service_request_id nor token',
    res.status,
  );
}

/** `: code description; ...` from a GeoReport v2 error body, or a trimmed body. */
function describeErrors(text: string): string {
  try {
    const errs = z.array(z.object({ code: z.unknown(), description: z.string() })).parse(JSON.parse(text));
    return `: ${errs.map((e) => `${String(e.code)} ${e.description}`).join('; ')}`.slice(0, 300);
  } catch {
    return text ? `: ${text.replace(/\s+/g, ' ').slice(0, 200)}` : '';
  }
}

const statusListSchema = z.array(
  z
    .object({
      service_request_id: z.union([z.string(), z.number()]).transform(String),
      status: z.string(),
      status_notes: z.string().nullish(),
      updated_datetime: z.string().nullish(),
    })
    .passthrough(),
);

/** One request's state as the Open311 server reports it. */
export type Open311Status = { serviceRequestId: string; status: string; notes?: string; updatedAt?: string };

/** Read the state of up to ~50 requests in one call (`service_request_id` comma list). */
export async function fetchOpen311Statuses(
  endpoint: Open311Endpoint,
  ids: string[],
  ctx: Pick<SendContext, 'timeoutMs'>,
): Promise<Open311Status[]> {
  const q = new URLSearchParams({ service_request_id: ids.join(',') });
  if (endpoint.jurisdictionId) q.set('jurisdiction_id', endpoint.jurisdictionId);
  const res = await fetchWithDeadline(
    `${base(endpoint.url)}/requests.json?${q}`,
    { method: 'GET', headers: { Accept: 'application/json', 'User-Agent': USER_AGENT } },
    ctx.timeoutMs,
  );
  const text = await safeText(res, 1_000_000);
  assertDelivered(res, describeErrors(text), 'OPEN311_REJECTED');
  try {
    return statusListSchema.parse(JSON.parse(text)).map((r) => ({
      serviceRequestId: r.service_request_id,
      status: r.status,
      ...(r.status_notes ? { notes: r.status_notes } : {}),
      ...(r.updated_datetime ? { updatedAt: r.updated_datetime } : {}),
    }));
  } catch {
    throw new DeliveryTransportError(
      'BAD_RESPONSE',
      'Open311 status answer was not a request list',
      res.status,
    );
  }
}
