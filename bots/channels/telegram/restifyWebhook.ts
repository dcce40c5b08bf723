/**
 * grammY has no restify adapter: this is ours. `POST /telegram/webhook` checks Telegram's secret-token header
 * (constant-time), validates the update, hands it to the channel and maps the outcome to a status Telegram
 * understands: 200 done (or duplicate, or a poison update we will not retry), 401 wrong/missing secret,
 * 400 not an update, 503 retry later (storage down, update claimed elsewhere) so Telegram redelivers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { Update } from 'grammy/types';
import { describeError, isRetryableTurnError } from './errors';
import { log } from './log';
import { BodyTooLargeError, readBodyBytes } from '../../http/body';
import { JsonTooDeepError, parseBoundedJson } from '../../../services/json/bounded';

/** Where Telegram posts updates. */
export const TELEGRAM_WEBHOOK_PATH = '/telegram/webhook';
/** Header carrying the secret given to setWebhook. */
export const SECRET_HEADER = 'x-telegram-bot-api-secret-token';

const MAX_BODY_BYTES = 1024 * 1024;
const user = z
  .object({
    id: z.number().int(),
    first_name: z.string().optional(),
    language_code: z.string().max(35).optional(),
  })
  .passthrough();
const chat = z.object({ id: z.number().int(), type: z.string() }).passthrough();
const fileRef = { file_id: z.string(), file_unique_id: z.string(), file_size: z.number().optional() };
const point = z.object({ latitude: z.number(), longitude: z.number() }).passthrough();
const message = z
  .object({
    message_id: z.number().int(),
    date: z.number().int(),
    chat,
    from: user.optional(),
    text: z.string().optional(),
    caption: z.string().optional(),
    location: point.optional(),
    venue: z
      .object({ location: point, title: z.string().optional(), address: z.string().optional() })
      .passthrough()
      .optional(),
    photo: z.array(z.object({ ...fileRef, width: z.number(), height: z.number() }).passthrough()).optional(),
    document: z
      .object({ ...fileRef, mime_type: z.string().optional() })
      .passthrough()
      .optional(),
    contact: z
      .object({
        phone_number: z.string(),
        first_name: z.string().optional(),
        last_name: z.string().optional(),
        user_id: z.number().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
/**
 * The fields of an update the channel reads, with their types (Telegram's own updates always match; anything
 * else is refused with 400 before it can break a turn). Other fields pass through untouched.
 */
const updateSchema = z
  .object({
    update_id: z.number().int().nonnegative(),
    message: message.optional(),
    callback_query: z
      .object({
        id: z.string(),
        from: user,
        data: z.string().optional(),
        message: z.object({ message_id: z.number().int(), chat }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** What the route needs. */
export interface TelegramWebhookDeps {
  secret: string;
  /** Process one update; throws a retryable error when it must be redelivered. */
  handle(update: Update): Promise<void>;
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

async function readBody(req: Request): Promise<unknown> {
  const parsed = (req as { body?: unknown }).body;
  if (parsed !== undefined && typeof parsed !== 'string' && !Buffer.isBuffer(parsed)) return parsed;
  return parseBoundedJson((await readBodyBytes(req, MAX_BODY_BYTES)).toString('utf8'));
}

/** Add `POST /telegram/webhook` to a restify server. */
export function mountTelegramWebhook(
  server: Server,
  deps: TelegramWebhookDeps,
  path = TELEGRAM_WEBHOOK_PATH,
): void {
  server.post(path, async (req: Request, res: Response) => {
    if (!sameSecret(req.headers[SECRET_HEADER], deps.secret)) {
      res.send(401, { code: 'UNAUTHORIZED', message: 'Missing or wrong secret token.' });
      return;
    }
    let body: unknown;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof BodyTooLargeError) res.send(413, { code: 'TOO_LARGE', message: 'Body is too large.' });
      else if (e instanceof JsonTooDeepError)
        res.send(400, { code: 'BAD_UPDATE', message: 'Body nests too deeply.' });
      else res.send(400, { code: 'BAD_UPDATE', message: 'Body is not JSON.' });
      return;
    }
    const update = updateSchema.safeParse(body);
    if (!update.success) {
      res.send(400, { code: 'BAD_UPDATE', message: 'Body is not a Telegram update.' });
      return;
    }
    try {
      await deps.handle(update.data as unknown as Update);
      res.send(200, {});
    } catch (err) {
      if (isRetryableTurnError(err)) {
        log('warn', 'webhook_retry_later', { updateId: update.data.update_id, ...describeError(err) });
        res.header('Retry-After', '5');
        res.send(503, { code: 'RETRY_LATER', message: 'Temporarily unavailable; please redeliver.' });
        return;
      }
      log('error', 'webhook_update_failed', { updateId: update.data.update_id, ...describeError(err) });
      res.send(200, {});
    }
  });
}
