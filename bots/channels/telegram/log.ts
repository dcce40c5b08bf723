/**
 * Logging for the Telegram channel through the one logger (services/log.ts: pino, personal data redacted by rule),
 * with bot tokens always redacted.
 */
import { createLogger, type Logger } from '../../../services/log';
import { processEnv } from '../../../services/config';

/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const TOKEN_PATTERN = /\d{5,}:[A-Za-z0-9_-]{20,}/g;

/** Remove anything that looks like a bot token (including inside file URLs). */
export function redact(text: string): string {
  return text.replace(TOKEN_PATTERN, '<token>');
}

let shared: Logger | undefined;
let silent = false;

/** Route the channel's lines to the process's one logger (the composition root calls this once). */
export function useTelegramLogger(logger: Logger, opts: { silent?: boolean } = {}): void {
  shared = logger;
  silent = opts.silent ?? false;
}

/** The logger, made from the configuration on first use when the root did not hand one over (tests, CLIs). */
function logger(): Logger {
  if (!shared) {
    const env = processEnv();
    silent = env.SUARA_TELEGRAM_SILENT === '1';
    shared = createLogger(env.LOG_LEVEL === 'debug' ? 'debug' : 'info');
  }
  return shared;
}

/** Write one event. Fields must never carry personal data (no names, phones, message texts). */
export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
  const out = logger();
  if (silent && level !== 'error') return;
  const clean = JSON.parse(redact(JSON.stringify(fields))) as Record<string, unknown>;
  out[level](event, { src: 'telegram', ...clean });
}
