/** Sends one record as a signed JSON webhook (payload version 1) with `Idempotency-Key` = reference. */
import type { DeliveryChannel, FeedbackRecord } from '../feedback/types';
import type { DeliveryEndpoint } from '../agencies/types';
import { DeliveryConfigError } from './errors';
import { assertDelivered, fetchWithDeadline, safeText } from './httpOutcome';
import { buildWebhookPayload, type AttachmentUrl } from './payload';
import type { MailContext } from './mailer';
import { IDEMPOTENCY_HEADER, signatureHeaders } from './signature';

/** What a successful send tells the outbox. */
export interface SendResult {
  /** HTTP status or SMTP reply code; absent when nothing went over the network (inbox). */
  statusCode?: number;
  remoteId?: string;
  via: DeliveryChannel;
  /** Recorded on the attempt (e.g. why an email went to the inbox instead). */
  note?: string;
}

/** Context every sender gets. */
export interface SendContext {
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  attachmentUrl?: AttachmentUrl;
  now?: () => Date;
  /** Email delivery: the SMTP mailer and where links point; absent = email endpoints fall back to the inbox. */
  mail?: MailContext;
}

/** The User-Agent we announce to agencies. */
export const USER_AGENT = 'Suara-Delivery/1';

/** POST the record to a webhook endpoint; throws DeliveryRejectedError / DeliveryTransportError / DeliveryConfigError. */
export async function sendWebhook(
  endpoint: Extract<DeliveryEndpoint, { kind: 'webhook' }>,
  record: FeedbackRecord,
  ctx: SendContext,
): Promise<SendResult> {
  const secret = ctx.env[endpoint.secretEnv];
  if (!secret)
    throw new DeliveryConfigError('SECRET_MISSING', `environment variable ${endpoint.secretEnv} is not set`);
  const body = JSON.stringify(buildWebhookPayload(record, ctx.attachmentUrl));
  const res = await fetchWithDeadline(
    endpoint.url,
    {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': USER_AGENT,
        [IDEMPOTENCY_HEADER]: record._id,
        ...signatureHeaders(secret, body, ctx.now?.() ?? new Date()),
      },
      body,
    },
    ctx.timeoutMs,
  );
  const text = await safeText(res);
  assertDelivered(res, text ? `: ${text.replace(/\s+/g, ' ').slice(0, 200)}` : '');
  return { statusCode: res.status, via: 'webhook' };
}
