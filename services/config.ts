/**
 * Process configuration: every variable Suara reads, declared once here with its default and validated once with zod.
 * This is the only module that reads `process.env`; the composition root (bots/compose.ts) loads it and hands each
 * module its slice. `.env.example` lists the same variables (test/config/envExample.test.ts keeps them in step).
 * Channel modules (Telegram, web chat, Teams, staff, delivery) build their typed settings from their section below.
 */
import { z } from 'zod';

/** An environment: variable name → value (process.env, or a test's object). */
export type Env = Readonly<Record<string, string | undefined>>;

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/** Server, MongoDB, conversations, delivery toggles and mail (the core of `npm start` and `npm run worker`). */
export const coreVars = {
  /** HTTP port of every surface. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Interface to listen on. */
  HOST: z.string().default('127.0.0.1'),
  /** Public https URL of this server (Telegram webhook mode, absolute links). */
  PUBLIC_URL: z.string().url().optional(),
  /** MongoDB server; unset: `npm start` starts an embedded one. */
  MONGODB_URI: z.string().min(1).optional(),
  /** Database name. */
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('suara'),
  /** Data directory of the embedded mongod and the runtime file. */
  SUARA_DATA_DIR: z.string().default('.data'),
  /** Embedded server choice when MONGODB_URI is unset. */
  SUARA_EMBEDDED_MONGO: z.enum(['auto', 'mongod', 'standin']).default('auto'),
  /** A mongod binary you already have (read by mongodb-memory-server in the child process). */
  MONGOMS_SYSTEM_BINARY: z.string().optional(),
  /** Days to keep transcripts. */
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number().positive().default(365),
  /** Minutes a one-time "download my data" link works (PDPA access in the chat). */
  PRIVACY_EXPORT_LINK_MINUTES: z.coerce.number().positive().max(1440).default(15),
  /** Language when nothing else tells. */
  DEFAULT_LANGUAGE: z.enum(['en', 'ms']).default('ms'),
  /** Salt of pseudonymous citizen keys; unset: generated once and stored in MongoDB. */
  CITIZEN_KEY_SALT: z.string().min(1).optional(),
  /** Log level of the one logger. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** '1' silences the Telegram channel's non-error log lines (tests). */
  SUARA_TELEGRAM_SILENT: z.string().optional(),
  /** production: demo accounts, demo inbox and the email fallback are off. */
  NODE_ENV: z.string().optional(),
  /** Run the delivery worker inside `npm start`. */
  DELIVERY_WORKER: bool.default('true'),
  /** `npm run worker`: the server's base URL for `{{self}}` endpoints; default: the local runtime file. */
  SUARA_SELF_URL: z.string().optional(),
  /** Old-style agency directory file (JSON array); default: the seeded directory (data/bodies + data/delivery.json). */
  SUARA_AGENCIES_FILE: z.string().optional(),
  /** Minutes between Open311 status polls (0 = off). */
  OPEN311_POLL_MINUTES: z.coerce.number().min(0).default(15),
  /** Email delivery (services/delivery/mailSetup.ts): smtp://user:pass@host:587 or smtps://…:465. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://… or smtps://…')
    .optional(),
  /** Sender of delivery emails. */
  MAIL_FROM: z.string().min(3).optional(),
  /** Where bodies' replies go; default MAIL_FROM. */
  MAIL_REPLY_TO: z.string().min(3).optional(),
  /** Seconds between seed-data checks. */
  SUARA_SEED_CHECK_SECONDS: z.coerce.number().min(1).default(10),
  /** Grace before the sweeper confirms a filing whose confirmation never reached the conversation. */
  SUARA_CONFIRM_GRACE_SECONDS: z.coerce.number().min(0).default(60),
  /** How often that sweeper runs (0 = off). */
  SUARA_CONFIRM_SWEEP_SECONDS: z.coerce.number().min(0).default(30),
  /** /readyz fails when the in-process worker has not scanned for this long. */
  SUARA_READY_WORKER_STALE_SECONDS: z.coerce.number().min(1).default(60),
  /** Hard deadline of a graceful shutdown. */
  SUARA_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).default(25),
};

/** Delivery worker tuning (services/delivery/options.ts). */
export const deliveryVars = {
  /** Agencies served in parallel by one worker. */
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
  /** Idle poll interval (ms). */
  DELIVERY_POLL_MS: z.coerce.number().int().min(10).default(1000),
  /** Lease on a delivery being sent (ms). */
  DELIVERY_LEASE_MS: z.coerce.number().int().min(1000).default(60_000),
  /** HTTP deadline of one attempt (ms). */
  DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Retry backoff base (ms). */
  DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(30_000),
  /** Retry backoff cap (ms). */
  DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().min(1).default(3_600_000),
  /** Dead-letter after this many attempts. */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(15),
  /** ...or after this age (hours). */
  DELIVERY_MAX_AGE_HOURS: z.coerce.number().positive().default(72),
};

/** Telegram channel (bots/channels/telegram/config.ts). */
export const telegramVars = {
  /** Token from @BotFather; unset: channel off. */
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, 'must look like 123456:ABC-DEF… (from @BotFather)')
    .optional(),
  /** Bot API server. */
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  /** Secret Telegram sends with webhook calls; default derived from the token. */
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'only A-Z, a-z, 0-9, _ and -, 1 to 256 characters')
    .optional(),
  /** auto, polling or webhook. */
  TELEGRAM_MODE: z.enum(['auto', 'polling', 'webhook']).default('auto'),
};

/** Web chat and Direct Line (bots/channels/webchat/config.ts). */
export const webchatVars = {
  /** HMAC key of Direct Line tokens; unset: generated once and stored in MongoDB. */
  DIRECTLINE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Token lifetime; values under 60 s only make sense in tests. */
  DIRECTLINE_TOKEN_TTL_SECONDS: z.coerce.number().int().min(2).max(86400).default(1800),
  /** Days conversations, activities and uploads are kept. */
  DIRECTLINE_RETENTION_DAYS: z.coerce.number().positive().default(30),
  /** Largest photo upload (bytes). */
  WEBCHAT_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(15 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  /** A posted activity answers after the turn or after this long (ms). */
  WEBCHAT_TURN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
  /** Stream poll for activities written by other processes (ms). */
  WEBCHAT_STREAM_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  /** Sites seed file. */
  WEBCHAT_SITES_FILE: z.string().default('data/sites.json'),
  /** Tokens per client IP per minute (0 = off). */
  WEBCHAT_RATE_PER_IP_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(20),
  /** Tokens per site per minute (0 = off). */
  WEBCHAT_RATE_PER_SITE_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(600),
  /** Posts per conversation per minute (0 = off). */
  WEBCHAT_RATE_PER_CONVERSATION_PER_MIN: z.coerce.number().int().min(0).max(1_000_000).default(30),
  /** Reverse proxies that append to X-Forwarded-For. */
  WEBCHAT_TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
};

/** Staff dashboard (services/staff/config.ts). */
export const staffVars = {
  /** 'false' turns the demo accounts of data/staff.json off (always off in production). */
  STAFF_DEMO_ACCOUNTS: z.enum(['true', 'false']).default('true'),
  /** Session lifetime in hours. */
  STAFF_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(8),
  /** Failed logins allowed per email+IP within the window. */
  STAFF_LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  /** The failed-login window in minutes. */
  STAFF_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
};

/** Teams staff app (bots/channels/teams/config.ts); cross-field rules are checked there. */
export const teamsVars = {
  /** Microsoft App ID; the Teams app is mounted only when it is set. */
  TEAMS_APP_ID: z.string().trim().default(''),
  /** Client secret of that app registration. */
  TEAMS_APP_PASSWORD: z.string().default(''),
  /** Directory (tenant) ID. */
  TEAMS_APP_TENANT_ID: z.string().trim().default(''),
  /** How the app registration signs in. */
  TEAMS_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  /** Seed links `aadObjectId=staff@email`, comma-separated. */
  TEAMS_STAFF_LINKS: z.string().default(''),
  /** 'true': self-link by Teams email within TEAMS_APP_TENANT_ID. */
  TEAMS_LINK_BY_EMAIL: z.enum(['true', 'false']).default('false'),
};

const schema = z.object({
  ...coreVars,
  ...deliveryVars,
  ...telegramVars,
  ...webchatVars,
  ...staffVars,
  ...teamsVars,
});

/**
 * Variables whose NAMES come from data, not from this schema: agency webhook secrets (`secretEnv`), Open311 api keys
 * (`apiKeyEnv`), integrator keys and site secrets. They are looked up in `Config.env` by the modules that need them.
 */
export const NAMED_SECRET_PATTERN = /^(AGENCY_[A-Z0-9_]+|OPEN311_KEY_[A-Z0-9_]+|SITE_[A-Z0-9_]+_SECRET)$/;

/** Every variable of the schema, by name (for the .env.example check). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

/** Validated configuration, plus the environment it came from (for named secrets and child processes). */
export type Config = z.infer<typeof schema> & { readonly env: Env };

/** A configuration problem, reported with the variable's name and never its value. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** The environment without empty values (an empty `VAR=` line means "unset"). */
export function cleanEnv(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

/** The process environment: the one place Suara reads `process.env`. */
export function processEnv(): Env {
  return process.env;
}

/** Read and validate configuration from an environment (defaults to process.env). Throws ConfigError. */
export function loadConfig(env: Env = processEnv()): Config {
  const parsed = schema.safeParse(cleanEnv(env));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return { ...parsed.data, env };
}
