/**
 * Maps what nodemailer throws to our delivery errors, the way httpOutcome.ts does for HTTP: an SMTP 5xx reply is a
 * permanent refusal (dead letter), a 4xx reply or a connection problem is retried with backoff, bad credentials or
 * settings are our configuration problem.
 */
import {
  DeliveryConfigError,
  DeliveryRejectedError,
  DeliveryTransportError,
  type DeliveryError,
} from './errors';

/** The fields nodemailer puts on its errors that we look at. */
interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  response?: string;
  message?: string;
  originalCode?: string;
}

/**
 * RFC 5321 §4.2.1: 5yz replies are permanent, 4yz transient. 503 ("bad sequence of commands") describes the
 * session, not the message, so it is retried on a new connection (as nodemailer itself treats it).
 */
export function isPermanentSmtpReply(code: number): boolean {
  return code >= 500 && code < 600 && code !== 503;
}

/** The SMTP reply code at the start of a server response ("250 OK" → 250), if any. */
export function replyCodeOf(response: string): number | undefined {
  const m = /^([2-5]\d\d)[ -]/.exec(response);
  return m ? Number(m[1]) : undefined;
}

function oneLine(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** The delivery error for a failed send (anything thrown by the mailer). */
export function smtpFailure(err: unknown): DeliveryError {
  const e = (err ?? {}) as SmtpErrorLike;
  const rc = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'EOAUTH2') {
    return new DeliveryConfigError(
      'SMTP_AUTH',
      `SMTP login refused${rc ? ` (${rc})` : ''}: check the user and password in SMTP_URL`,
    );
  }
  if (rc !== undefined && rc >= 400 && rc < 600) {
    const detail = `SMTP ${oneLine(e.response) || rc}`;
    return isPermanentSmtpReply(rc)
      ? new DeliveryRejectedError('SMTP_REJECTED', detail, rc)
      : new DeliveryTransportError('SMTP_DEFERRED', detail, rc);
  }
  if (e.code === 'ETIMEDOUT')
    return new DeliveryTransportError('TIMEOUT', 'SMTP server did not answer in time');
  if (e.code === 'ECONFIG' || e.code === 'EENVELOPE') {
    return new DeliveryConfigError('SMTP_CONFIG', `SMTP settings or addresses are invalid (${e.code})`);
  }
  const cause = e.originalCode ?? e.code;
  return new DeliveryTransportError('NETWORK', `SMTP connection failed${cause ? ` (${cause})` : ''}`);
}
