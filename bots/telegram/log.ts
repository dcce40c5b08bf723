/**
 * Logging for the Telegram channel through the one logger (services/log.ts: pino, personal data redacted by rule),
 * with bot tokens always redacted.
 */
import { createLogger, type Logger } from '../../services/log';

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

/** Remove anything that looks like a bot token (including inside file URLs). */
export function redact(text: string): string {
  return text.replace(TOKEN_PATTERN, '<token>');
}

/** Write one event. Fields must never carry personal data (no names, phones, message texts). */
export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  if (level === 'debug' && process.env.LOG_LEVEL !== 'debug') return;
  if (process.env.SUARA_TELEGRAM_SILENT === '1' && level !== 'error') return;
  shared ??= createLogger(process.env.LOG_LEVEL === 'debug' ? 'debug' : 'info');
  const clean = JSON.parse(redact(JSON.stringify(fields))) as Record<string, unknown>;
  shared[level](event, { src: 'telegram', ...clean });
}

let shared: Logger | undefined;
