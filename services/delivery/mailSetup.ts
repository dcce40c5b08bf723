/**
 * Start-up decision for email delivery. With SMTP_URL (and MAIL_FROM) set, email endpoints are sent over SMTP. Without
 * SMTP_URL, `npm start` still comes up: bodies with an email endpoint get their Suara inbox instead (the item is in
 * their dashboard list; the attempt carries a note) and a warning says how many bodies that is. In production
 * (NODE_ENV=production) that fallback would silently cut those bodies off, so start-up fails there instead.
 */
import type { DeliveryEndpoint } from '../agencies/types';
import { addressOf, createSmtpMailer, type MailContext, type Mailer } from './mailer';

/** A configuration problem with email delivery; the message names variables, never their values. */
export class MailConfigError extends Error {
  readonly code = 'MAIL_CONFIG_INVALID';
}

/** What start-up knows. */
export interface MailSetupInput {
  smtpUrl?: string;
  from?: string;
  replyTo?: string;
  /** Deadline of one SMTP attempt (DELIVERY_TIMEOUT_MS). */
  timeoutMs: number;
  /** Absolute base URL of this server, for dashboard links in messages. */
  dashboardUrl: string;
  /** Every endpoint in the directory (defaults and per-category overrides). */
  endpoints: Iterable<DeliveryEndpoint>;
  production: boolean;
  /** Build the mailer (tests); default nodemailer over SMTP. */
  createMailer?: typeof createSmtpMailer;
}

/** What start-up does with it: the mail context for the worker (absent = inbox fallback) and a line to print. */
export interface MailSetup {
  mail?: MailContext;
  /** One start-up line, e.g. "Email delivery: SMTP smtp.example.gov.my:587 as suara@example.gov.my". */
  line: string;
  /** Set when email bodies fall back to the inbox. */
  warning?: string;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** Count the email endpoints in a directory. */
export function countEmailEndpoints(endpoints: Iterable<DeliveryEndpoint>): number {
  let n = 0;
  for (const e of endpoints) if (e.kind === 'email') n++;
  return n;
}

/** Decide how email endpoints are served; throws MailConfigError for settings an operator must fix. */
export function setupMail(input: MailSetupInput): MailSetup {
  const emailBodies = countEmailEndpoints(input.endpoints);
  if (!input.smtpUrl) {
    if (emailBodies > 0 && input.production) {
      throw new MailConfigError(
        `${emailBodies} delivery endpoint(s) are email but SMTP_URL is not set (NODE_ENV=production refuses the inbox fallback)`,
      );
    }
    const warning = emailBodies
      ? `SMTP_URL is not set: ${emailBodies} email endpoint(s) are delivered to the Suara inbox instead`
      : undefined;
    return {
      line: `Email delivery: off (SMTP_URL unset)${emailBodies ? `; ${emailBodies} email endpoint(s) use the Suara inbox` : ''}`,
      ...(warning ? { warning } : {}),
    };
  }
  if (!input.from || !ADDRESS.test(addressOf(input.from))) {
    throw new MailConfigError(
      'MAIL_FROM must be set to an address (e.g. "Suara <suara@example.gov.my>") when SMTP_URL is set',
    );
  }
  if (input.replyTo && !ADDRESS.test(addressOf(input.replyTo))) {
    throw new MailConfigError('MAIL_REPLY_TO must be an email address');
  }
  let host: string;
  try {
    host = new URL(input.smtpUrl).host;
  } catch {
    throw new MailConfigError('SMTP_URL is not a valid URL');
  }
  const mailer: Mailer = (input.createMailer ?? createSmtpMailer)({
    url: input.smtpUrl,
    from: input.from,
    ...(input.replyTo ? { replyTo: input.replyTo } : {}),
    timeoutMs: input.timeoutMs,
  });
  return {
    mail: { mailer, dashboardUrl: input.dashboardUrl },
    line: `Email delivery: SMTP ${host} as ${addressOf(input.from)} (${emailBodies} email endpoint(s))`,
  };
}
