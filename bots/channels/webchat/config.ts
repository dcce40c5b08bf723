/** Environment variables read by the web chat channel (zod-validated; see bots/channels/webchat/README.md). */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { cleanEnv, webchatVars, type Env } from '../../../services/config';

const schema = z.object(webchatVars);

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

/** Read the web chat settings from an environment (the composition root passes `config.env`). */
export function loadWebChatSettings(env: Env): WebChatSettings {
  const parsed = schema.safeParse(cleanEnv(env));
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
