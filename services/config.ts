/** Process configuration: every variable Suara reads, validated once with zod. See .env.example. */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  MONGODB_URI: z.string().min(1).optional(),
  MONGODB_DB: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('suara'),
  SUARA_DATA_DIR: z.string().default('.data'),
  SUARA_EMBEDDED_MONGO: z.enum(['auto', 'mongod', 'standin']).default('auto'),
  TRANSCRIPT_RETENTION_DAYS: z.coerce.number().positive().default(365),
  DEFAULT_LANGUAGE: z.enum(['en', 'ms']).default('ms'),
  CITIZEN_KEY_SALT: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  DELIVERY_WORKER: bool.default('true'),
  OPEN311_POLL_MINUTES: z.coerce.number().min(0).default(15),
  /** Email delivery (services/delivery/mailSetup.ts): smtp://user:pass@host:587 or smtps://…:465. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be smtp://… or smtps://…')
    .optional(),
  MAIL_FROM: z.string().min(3).optional(),
  MAIL_REPLY_TO: z.string().min(3).optional(),
  SUARA_SEED_CHECK_SECONDS: z.coerce.number().min(1).default(10),
  SUARA_CONFIRM_GRACE_SECONDS: z.coerce.number().min(0).default(60),
  SUARA_CONFIRM_SWEEP_SECONDS: z.coerce.number().min(0).default(30),
  SUARA_READY_WORKER_STALE_SECONDS: z.coerce.number().min(1).default(60),
  SUARA_SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(1).default(25),
});

/** Validated configuration. */
export type Config = z.infer<typeof schema>;

/** A configuration problem, reported with the variable's name and never its value. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Read and validate configuration from an environment (defaults to process.env). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  return parsed.data;
}
