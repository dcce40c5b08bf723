/** Structured logs on stderr. Never pass message text, contact details or secrets: ids and codes only. */

/** Log levels in order. */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
/** One of the log levels. */
export type LogLevel = keyof typeof LEVELS;

/** A minimal structured logger. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** JSON lines on stderr at or above `level`. */
export function createLogger(
  level: LogLevel = 'info',
  sink: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const emit =
    (lvl: LogLevel) =>
    (msg: string, fields: Record<string, unknown> = {}) => {
      if (LEVELS[lvl] < LEVELS[level]) return;
      sink(JSON.stringify({ t: new Date().toISOString(), level: lvl, msg, ...fields }));
    };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything (tests and the terminal chat, where stderr would interleave with the chat). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
