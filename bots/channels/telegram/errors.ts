/** Error classes of the Telegram channel and the classification used to decide "retry", "drop" or "apologise". */
import { BotError, GrammyError } from 'grammy';

/** Another worker holds a live claim on this update; the sender should redeliver later. */
export class UpdateBusyError extends Error {
  readonly code = 'UPDATE_BUSY';
  constructor(readonly updateId: number) {
    super(`Update ${updateId} is being processed by another worker.`);
    this.name = 'UpdateBusyError';
  }
}

/** The Telegram channel is misconfigured (bad token, bad URL); reported by variable name, never by value. */
export class TelegramConfigError extends Error {
  readonly code = 'TELEGRAM_CONFIG_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'TelegramConfigError';
  }
}

const MONGO_TRANSIENT_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);
const RETRYABLE_CODES = new Set(['UPDATE_BUSY', 'STATE_CONFLICT', 'STORAGE_UNAVAILABLE']);
const TRANSIENT_MESSAGE =
  /ECONNREFUSED|Server selection timed out|Topology is closed|client must be connected/i;

/** Errors nested in wrappers (BotError.error, Error.cause, AggregateError.errors), the outer one first. */
function chain(err: unknown, depth = 0): unknown[] {
  if (depth > 5 || typeof err !== 'object' || err === null) return [err];
  const e = err as { error?: unknown; cause?: unknown; errors?: unknown };
  const inner = [e.error, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])].filter(
    (x) => x !== undefined,
  );
  return [err, ...inner.flatMap((x) => chain(x, depth + 1))];
}

/**
 * True when a turn failed for a reason that will pass (storage unreachable, eTag race, update claimed elsewhere):
 * the update must be redelivered (webhook answers non-2xx; polling retries) and nothing apologises to the user.
 */
export function isRetryableTurnError(err: unknown): boolean {
  return chain(err).some((e) => {
    if (typeof e !== 'object' || e === null) return false;
    const x = e as { name?: unknown; code?: unknown; message?: unknown };
    if (typeof x.name === 'string' && MONGO_TRANSIENT_NAMES.has(x.name)) return true;
    if (typeof x.code === 'string' && RETRYABLE_CODES.has(x.code)) return true;
    return (
      typeof x.name === 'string' && x.name.startsWith('Mongo') && TRANSIENT_MESSAGE.test(String(x.message))
    );
  });
}

/** True when Telegram says the chat cannot be reached any more (bot blocked, user deactivated, chat gone). */
export function isRecipientUnreachable(err: unknown): boolean {
  return chain(err).some((e) => {
    if (!(e instanceof GrammyError)) return false;
    if (e.error_code === 403) return true;
    return e.error_code === 400 && /chat not found|user is deactivated|bot was blocked/i.test(e.description);
  });
}

/** A short, log-safe description of an error: class, code and Telegram status — never message texts or URLs. */
export function describeError(err: unknown): Record<string, unknown> {
  if (err instanceof BotError) return describeError(err.error);
  if (err instanceof GrammyError) return { error: 'GrammyError', method: err.method, status: err.error_code };
  if (typeof err === 'object' && err !== null) {
    const x = err as { name?: unknown; code?: unknown };
    return { error: typeof x.name === 'string' ? x.name : 'Error', code: x.code };
  }
  return { error: typeof err };
}
