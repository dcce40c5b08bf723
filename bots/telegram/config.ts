/** Environment variables of the Telegram channel, validated with zod (names only in errors, never values). */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { TelegramConfigError } from './errors';

/** Telegram's public Bot API server. */
export const DEFAULT_API_ROOT = 'https://api.telegram.org';

const schema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC-DEF… (from @BotFather)')
    .optional(),
  TELEGRAM_API_ROOT: z.string().url().default(DEFAULT_API_ROOT),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and -, 1 to 256 characters')
    .optional(),
  PUBLIC_URL: z.string().url().optional(),
  TELEGRAM_MODE: z.enum(['auto', 'polling', 'webhook']).default('auto'),
});

/** Validated Telegram settings; `token` undefined means "Telegram channel off". */
export interface TelegramConfig {
  token?: string;
  apiRoot: string;
  webhookSecret?: string;
  publicUrl?: string;
  /** `webhook` when a public URL is configured (or forced), else `polling`. */
  mode: 'polling' | 'webhook';
}

/** Read the Telegram variables from an environment (defaults to process.env). */
export function loadTelegramConfig(env: NodeJS.ProcessEnv = process.env): TelegramConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new TelegramConfigError(`Invalid Telegram configuration: ${problems}`);
  }
  const c = parsed.data;
  const mode = c.TELEGRAM_MODE === 'auto' ? (c.PUBLIC_URL ? 'webhook' : 'polling') : c.TELEGRAM_MODE;
  if (mode === 'webhook' && !c.PUBLIC_URL) {
    throw new TelegramConfigError('Invalid Telegram configuration: TELEGRAM_MODE=webhook needs PUBLIC_URL');
  }
  return {
    token: c.TELEGRAM_BOT_TOKEN,
    apiRoot: c.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    webhookSecret: c.TELEGRAM_WEBHOOK_SECRET,
    publicUrl: c.PUBLIC_URL,
    mode,
  };
}

/** The webhook secret: the configured one, or one derived from the bot token with HMAC-SHA256 (stable, URL-safe). */
export function webhookSecretFor(token: string, configured?: string): string {
  if (configured) return configured;
  return createHmac('sha256', token).update('suara:telegram:webhook-secret:v1').digest('base64url');
}
