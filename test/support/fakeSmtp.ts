/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) playing a government mailbox in delivery tests. It keeps
 * every message it was given (envelope and raw RFC 5322 source), answers as scripted per message with `respond`, and
 * `down()`/`up()` really stop and restart listening on the same port. `parseMail` decodes what the tests look at
 * (headers, the text/plain and text/html parts); mailparser is not installed.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message as the server saw it (including ones it then refused). */
export interface SmtpMessage {
  from: string;
  to: string[];
  raw: string;
  /** The reply code we answered with at the end of DATA. */
  code: number;
}

/** A scripted refusal at the end of DATA, e.g. `{ code: 550, message: 'Mailbox unavailable' }`. */
export interface SmtpRefusal {
  code: number;
  message: string;
}

/** A fake mailbox server. */
export class FakeSmtp {
  readonly messages: SmtpMessage[] = [];
  /** Decide the answer to the `n`-th (0-based) message; undefined accepts it (250). */
  respond: (n: number, raw: string) => SmtpRefusal | undefined = () => undefined;
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = this.create();
  }

  /** `smtp://127.0.0.1:<port>` */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Messages the server accepted (250). */
  get accepted(): SmtpMessage[] {
    return this.messages.filter((m) => m.code === 250);
  }

  private create(): SMTPServer {
    return new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, cb) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const refusal = this.respond(this.messages.length, raw);
          const env = session.envelope;
          this.messages.push({
            from: env.mailFrom ? env.mailFrom.address : '',
            to: env.rcptTo.map((r) => r.address),
            raw,
            code: refusal?.code ?? 250,
          });
          if (!refusal) return cb(null, 'OK: queued');
          cb(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
        });
      },
    });
  }

  /** Start listening (on a fresh port the first time, on the same port afterwards). */
  async up(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** Stop listening; new connections are refused until `up()`. */
  async down(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server = this.create();
  }
}

/** Start a fake mailbox server. */
export async function startSmtp(): Promise<FakeSmtp> {
  const s = new FakeSmtp();
  await s.up();
  return s;
}

/** A decoded message: unfolded headers (lower-case names) and the text and HTML bodies. */
export interface ParsedMail {
  headers: Record<string, string>;
  text: string;
  html: string;
}

function splitHead(raw: string): { head: Record<string, string>; body: string } {
  const i = raw.search(/\r?\n\r?\n/);
  const headText = i < 0 ? raw : raw.slice(0, i);
  const body = i < 0 ? '' : raw.slice(i).replace(/^\r?\n\r?\n/, '');
  const head: Record<string, string> = {};
  for (const line of headText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const c = line.indexOf(':');
    if (c > 0) head[line.slice(0, c).trim().toLowerCase()] = line.slice(c + 1).trim();
  }
  return { head, body };
}

function decodeQuotedPrintable(s: string): string {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const m = /^=([0-9A-F]{2})/i.exec(soft.slice(i, i + 3));
    if (m) {
      bytes.push(parseInt(m[1]!, 16));
      i += 2;
    } else bytes.push(...Buffer.from(soft[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeBody(body: string, encoding = ''): string {
  const e = encoding.toLowerCase();
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return body;
}

/** Decode MIME encoded-words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=) in a header value. */
export function decodeHeader(v: string): string {
  return v
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_m, kind: string, data: string) =>
      kind.toLowerCase() === 'b'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

/** Parse a raw message with one level of multipart (what nodemailer sends for text + HTML). */
export function parseMail(raw: string): ParsedMail {
  const { head, body } = splitHead(raw);
  const out: ParsedMail = { headers: head, text: '', html: '' };
  const boundary = /boundary="?([^";]+)"?/i.exec(head['content-type'] ?? '')?.[1];
  const parts = boundary
    ? body
        .split(`--${boundary}`)
        .slice(1, -1)
        .map((p) => splitHead(p.replace(/^\r?\n/, '')))
    : [{ head, body }];
  for (const p of parts) {
    const type = (p.head['content-type'] ?? 'text/plain').toLowerCase();
    const decoded = decodeBody(p.body, p.head['content-transfer-encoding']);
    if (type.startsWith('text/html')) out.html = decoded;
    else if (type.startsWith('text/plain')) out.text = decoded;
  }
  return out;
}
