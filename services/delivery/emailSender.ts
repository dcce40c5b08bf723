/**
 * Sends one record to an email endpoint over SMTP. The Message-ID is derived from the reference, so every retry of a
 * reference carries the same Message-ID (receivers can deduplicate) and `X-Suara-Reference` names it. Failures are
 * classified like webhooks (smtpOutcome.ts). Without a mailer (no SMTP_URL) the record goes to the body's Suara inbox
 * instead, with a note on the attempt: see README.md in this folder, "Email".
 */
import type { DeliveryEndpoint } from '../agencies/types';
import type { FeedbackRecord } from '../feedback/types';
import { createLocalizer, type Translate } from '../i18n';
import { composeEmail } from './emailMessage';
import { messageIdFor, type MailAccepted } from './mailer';
import { replyCodeOf, smtpFailure } from './smtpOutcome';
import type { SendContext, SendResult } from './webhookSender';

/** Header naming the reference on every message we send. */
export const REFERENCE_HEADER = 'X-Suara-Reference';

/** The note recorded when an email endpoint was served by the inbox because SMTP is not configured. */
export const NO_SMTP_NOTE = 'SMTP_URL not set: delivered to the Suara inbox instead of by email';

let defaultT: Translate | undefined;
function translator(): Translate {
  defaultT ??= createLocalizer().t;
  return defaultT;
}

/** Email the record; throws DeliveryRejectedError / DeliveryTransportError / DeliveryConfigError. */
export async function sendEmail(
  endpoint: Extract<DeliveryEndpoint, { kind: 'email' }>,
  record: FeedbackRecord,
  ctx: SendContext,
): Promise<SendResult> {
  const mail = ctx.mail;
  if (!mail) return { via: 'inbox', note: NO_SMTP_NOTE };
  const content = composeEmail(record, {
    first: endpoint.language ?? 'ms',
    t: mail.t ?? translator(),
    dashboardUrl: mail.dashboardUrl,
    ...(ctx.attachmentUrl ? { attachmentUrl: ctx.attachmentUrl } : {}),
  });
  const messageId = messageIdFor(record._id, mail.mailer.from);
  let accepted: MailAccepted;
  try {
    accepted = await mail.mailer.send({
      to: endpoint.to,
      ...(endpoint.cc?.length ? { cc: endpoint.cc } : {}),
      ...content,
      messageId,
      headers: {
        [REFERENCE_HEADER]: record._id,
        // RFC 3834: an automatic message; asks Exchange not to answer it with out-of-office replies.
        'Auto-Submitted': 'auto-generated',
        'X-Auto-Response-Suppress': 'OOF, AutoReply',
      },
    });
  } catch (e) {
    throw smtpFailure(e);
  }
  const code = replyCodeOf(accepted.response);
  return {
    via: 'email',
    remoteId: messageId,
    ...(code !== undefined ? { statusCode: code } : {}),
    ...(accepted.rejected.length
      ? {
          note: `${accepted.rejected.length} of ${endpoint.to.length + (endpoint.cc?.length ?? 0)} recipients refused`,
        }
      : {}),
  };
}
