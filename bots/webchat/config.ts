/** Environment variables read by the web chat channel (zod-validated; see bots/webchat/README.md). */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const schema = z.object({
  DIRECTLINE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  // Values under 60 s only make sense in tests (the browser test lets a token expire).
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(2).max(86400).default(1800),
  DIRECTLINE_RETENTION_DAYS: z.coerce.number().positive().default(30),
  WEBCHAT_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(15 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  WEBCHAT_TURN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  WEBCHAT_STREAM_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  WEBCHAT_SITES_FILE: z.string().default('data/sites.json'),
  // Abuse limits per minute; 0 turns a limit off.
  WEBCHAT_RATE_PER_IP_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(20),
  WEBCHAT_RATE_PER_SITE_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(600),
  WEBCHAT_RATE_PER_CONVERSATION_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(30),
  WEBCHAT_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
});

/** Validated web chat settings. `tokenSecretGenerated` is true when no secret was configured. */
export interface WebChatSettings {
  tokenSecret: string;
  tokenSecretGenerated: boolean;
  tokenTtlSeconds: number;
  retentionDays: number;
  uploadMaxBytes: number;
  turnTimeoutMs: number;
  streamPollMs: number;
  sitesFile: string;
  /** Per-minute limits (0 = off): token generation per client IP and per site, posts per conversation. */
  rate: { perIp: number; perSite: number; perConversation: number };
  /** Reverse proxies in front of us that append to X-Forwarded-For (0 = use the socket address). */
  trustedProxyHops: number;
}

/** The web chat configuration is invalid; names the variable, never its value. */
export class WebChatConfigError extends Error {
  readonly code = 'WEBCHAT_CONFIG_INVALID';
}

/** Read the web chat settings from an environment (defaults to process.env). */
export function loadWebChatSettings(env: NodeJS.ProcessEnv = process.env): WebChatSettings {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new WebChatConfigError(`Invalid web chat configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    tokenSecret: e.DIRECTLINE_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
    tokenSecretGenerated: !e.DIRECTLINE_TOKEN_SECRET,
    tokenTtlSeconds: e.DIRECTLINE_TOKEN_TTL_SECONDS,
    retentionDays: e.DIRECTLINE_RETENTION_DAYS,
    uploadMaxBytes: e.WEBCHAT_UPLOAD_MAX_BYTES,
    turnTimeoutMs: e.WEBCHAT_TURN_TIMEOUT_MS,
    streamPollMs: e.WEBCHAT_STREAM_POLL_MS,
    sitesFile: e.WEBCHAT_SITES_FILE,
    rate: {
      perIp: e.WEBCHAT_RATE_PER_IP_PER_MIN,
      perSite: e.WEBCHAT_RATE_PER_SITE_PER_MIN,
      perConversation: e.WEBCHAT_RATE_PER_CONVERSATION_PER_MIN,
    },
    trustedProxyHops: e.WEBCHAT_TRUSTED_PROXY_HOPS,
  };
}
