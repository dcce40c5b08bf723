/**
 * The one logger: structured JSON lines (pino) on stderr. Personal data is redacted by rule before a line is
 * written — by field name (REDACT_KEYS: message text, names, phone numbers, e-mail, addresses, tokens, secrets…) at
 * any depth, and by value (anything that looks like an e-mail address, a phone number or a bearer token) — so a
 * careless `log.info('x', { record })` still writes no personal data. Pass ids and codes, not content.
 */
import pino from 'pino';

/** One of the log levels, in order debug < info < warn < error. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A minimal structured logger. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Field names whose values never reach a log line (compared case-insensitively, at any depth). */
export const REDACT_KEYS: readonly string[] = [
  'text',
  'note',
  'comment',
  'body',
  'name',
  'firstname',
  'lastname',
  'username',
  'fullname',
  'phone',
  'phonenumber',
  'mobile',
  'email',
  'address',
  'location',
  'locationtext',
  'postcode',
  'point',
  'coordinates',
  'lat',
  'lng',
  'contact',
  'attachments',
  'token',
  'accesstoken',
  'authorization',
  'cookie',
  'password',
  'secret',
  'apikey',
  'resumekey',
  'signature',
  'conversationreference',
];

/** What replaces a redacted value. */
export const REDACTED = '[redacted]';

const KEYS = new Set(REDACT_KEYS);
const EMAIL = /[^\s@"<>]+@[^\s@"<>]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+?\d[\d\s-]{7,}\d)/g;
const BEARER = /\b(?:Bearer\s+\S+|dl1\.[\w.-]+|\d{6,}:[\w-]{20,})/g;
const MAX_DEPTH = 6;
/** `name: 'TypeError'` is an error class, not a person: kept. */
const ERROR_NAME = /^[A-Z][A-Za-z]*(Error|Exception)$/;

/** A string with e-mail addresses, phone numbers and tokens masked. */
function maskString(s: string): string {
  return s.replace(EMAIL, REDACTED).replace(BEARER, REDACTED).replace(PHONE, REDACTED);
}

/** A copy of `value` with personal data removed by the rules above (pure; exported for tests). */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskString(value);
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return '[deep]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const errorName = k === 'name' && typeof v === 'string' && ERROR_NAME.test(v);
    out[k] = KEYS.has(k.toLowerCase()) && !errorName ? REDACTED : redact(v, depth + 1);
  }
  return out;
}

/** Where lines go (default: stderr, synchronously, so nothing is lost when the process exits). */
export type LogSink = (line: string) => void;

/** JSON lines at or above `level`, with personal data redacted. */
export function createLogger(level: LogLevel = 'info', sink?: LogSink): Logger {
  const destination = sink
    ? { write: (line: string) => sink(line.replace(/\n$/, '')) }
    : pino.destination({ fd: 2, sync: true });
  const base = pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const emit =
    (lvl: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      base[lvl](redact(fields) as Record<string, unknown>, maskString(msg));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (tests and the terminal chat, where stderr would interleave with the chat). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
