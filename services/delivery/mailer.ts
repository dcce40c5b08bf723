/**
 * The SMTP side of email delivery: one nodemailer transport behind a small `Mailer` port, the stable Message-ID of a
 * reference, and the settings (SMTP_URL, MAIL_FROM, MAIL_REPLY_TO) it is built from. No message content here.
 */
import nodemailer from 'nodemailer';
import type { Translate } from '../i18n';

/** One message as the email sender hands it to the mailer. */
export interface OutgoingMail {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`; the same on every retry of the same reference. */
  messageId: string;
  headers: Record<string, string>;
}

/** What the SMTP server said when it took the message. */
export interface MailAccepted {
  /** The server's final reply, e.g. "250 OK: queued as 12345". */
  response: string;
  accepted: string[];
  rejected: string[];
}

/** Sends mail; rejects with nodemailer's error (with `responseCode`/`code`) when the server or network fails. */
export interface Mailer {
  /** The sender address, as configured (MAIL_FROM). */
  readonly from: string;
  send(mail: OutgoingMail): Promise<MailAccepted>;
  /** Close pooled connections (if any). */
  close(): void;
}

/** What an email delivery needs besides the record: the mailer and the base URL of dashboard links. */
export interface MailContext {
  mailer: Mailer;
  /** Absolute base URL of this server; items are linked as `${dashboardUrl}/dashboard#/feedback/<ref>`. */
  dashboardUrl: string;
  /** Translator (default: the locales/ files). */
  t?: Translate;
}

/** SMTP settings (from services/config.ts: SMTP_URL, MAIL_FROM, MAIL_REPLY_TO). */
export interface SmtpSettings {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…:465`; nodemailer URL options allowed. */
  url: string;
  /** `Suara <suara@example.gov.my>` or a bare address. */
  from: string;
  replyTo?: string;
  /** Connection, greeting and socket deadline (ms); the delivery attempt deadline. */
  timeoutMs: number;
}

/** The bare address inside a From value (`Suara <a@b>` → `a@b`). */
export function addressOf(from: string): string {
  const m = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from);
  return (m ? m[1]! : from).trim();
}

/**
 * The Message-ID of a reference's delivery: `<suara.SRA-7KX4-M9PQ@domain-of-MAIL_FROM>`. The same on every retry, so a
 * receiving mail system (or a person) can recognise a resend after a lost answer as the same message.
 */
export function messageIdFor(reference: string, from: string): string {
  const domain = addressOf(from).split('@')[1] || 'suara.invalid';
  return `<suara.${reference}@${domain}>`;
}

/** A nodemailer SMTP transport as a Mailer. One connection per message unless the URL says `?pool=true`. */
export function createSmtpMailer(s: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    url: s.url,
    connectionTimeout: s.timeoutMs,
    greetingTimeout: s.timeoutMs,
    socketTimeout: s.timeoutMs,
  });
  return {
    from: s.from,
    async send(mail) {
      const info = await transport.sendMail({
        from: s.from,
        ...(s.replyTo ? { replyTo: s.replyTo } : {}),
        to: mail.to,
        ...(mail.cc?.length ? { cc: mail.cc } : {}),
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
      return {
        response: String(info.response ?? ''),
        accepted: (info.accepted ?? []).map(String),
        rejected: (info.rejected ?? []).map(String),
      };
    },
    close: () => transport.close(),
  };
}
