/** Environment variables of the Telegram channel, validated with zod (names only in errors, never values). */
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { cleanEnv, coreVars, telegramVars, type Env } from '../../../services/config';
import { TelegramConfigError } from './errors';

/** Telegram's public Bot API server. */
export const DEFAULT_API_ROOT = 'https://api.telegram.org';

const schema = z.object({ ...telegramVars, PUBLIC_URL: coreVars.PUBLIC_URL });

/** Validated Telegram settings; `token` undefined means "Telegram channel off". */
export interface TelegramConfig {
  token?: string;
  apiRoot: string;
  webhookSecret?: string;
  publicUrl?: string;
  /** `webhook` when a public URL is configured (or forced), else `polling`. */
  mode: 'polling' | 'webhook';
}

/** Read the Telegram variables from an environment (the composition root passes `config.env`). */
export function loadTelegramConfig(env: Env): TelegramConfig {
  const parsed = schema.safeParse(cleanEnv(env));
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
