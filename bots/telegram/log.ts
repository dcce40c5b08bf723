/** Minimal structured logging for the Telegram channel: JSON lines on stderr, bot tokens always redacted. */

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
  const line = redact(
    JSON.stringify({ level, at: new Date().toISOString(), src: 'telegram', event, ...fields }),
  );
  process.stderr.write(line + '\n');
}
