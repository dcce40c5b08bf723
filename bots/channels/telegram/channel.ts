/**
 * The Telegram channel, assembled: grammY Bot (API root, throttling, auto-retry), per-chat sequentializing,
 * per-user flood limit, the exactly-once ledger, the TelegramAdapter running the one bot, the webhook route
 * and the proactive sender. The composition root calls `createTelegramChannel` and then either
 * `startPolling()` or `mountWebhook(server)` + `setWebhook()`.
 */
import type { TurnContext } from 'botbuilder';
import { Bot, type Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { autoRetry } from '@grammyjs/auto-retry';
import { limit } from '@grammyjs/ratelimiter';
import { run as runGrammy, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import type { Db } from 'mongodb';
import type { Server } from 'restify';
import { ProcessedUpdates } from '../../../services/channels/processedUpdates';
import { createLocalizer, type Localizer } from '../../../services/i18n';
import type { ProactiveChannel } from '../../../services/notifications/types';
import { configureAdapter, type PipelineDeps } from '../../bot/pipeline';
import { TelegramAdapter, type TelegramStringKey } from './adapter';
import { CallbackCodec } from './callbackData';
import { DEFAULT_API_ROOT, webhookSecretFor } from './config';
import { describeError, isRetryableTurnError } from './errors';
import { processOnce } from './exactlyOnce';
import { FileUrlSigner, mountTelegramFiles } from './fileProxy';
import { localeFromLanguageCode } from './inbound';
import { log } from './log';
import { mountTelegramWebhook, TELEGRAM_WEBHOOK_PATH } from './restifyWebhook';
import { createThrottle, type ThrottleOptions } from './throttle';
import { TelegramProactiveChannel } from './proactive';

/** Options of the Telegram channel. */
export interface TelegramChannelOptions {
  token: string;
  /** Bot API server root (self-hosted Bot API server, or a fake in tests). Default Telegram's. */
  apiRoot?: string;
  /** Public base URL of this server; webhook mode uses `${publicUrl}/telegram/webhook`. */
  publicUrl?: string;
  /**
   * Base URL under which this server is reachable by whoever reads photo URLs (default `publicUrl`). When set,
   * photos get token-free signed URLs served by `mountFiles`; when neither is set, contentUrl is Telegram's file
   * URL, which contains the bot token (development only).
   */
  fileBaseUrl?: string;
  /** Secret for the webhook header; derived from the token with HMAC when absent. */
  webhookSecret?: string;
  /** The one bot (anything with botbuilder's `run(context)`). */
  bot: { run(context: TurnContext): Promise<void> };
  /** The shared turn pipeline (transcripts, apology on error); `configureAdapter` is applied to the adapter. */
  pipeline: PipelineDeps;
  db: Db;
  /** Known bot identity (skips getMe). */
  botInfo?: UserFromGetMe;
  localizer?: Localizer;
  /** Per-user inbound flood limit (default 8 updates per 5 s). */
  flood?: { limit: number; windowMs: number };
  throttle?: Partial<ThrottleOptions>;
  /** auto-retry: attempts and the longest retry_after honoured (defaults 5 and 60 s). */
  retry?: { maxRetryAttempts?: number; maxDelaySeconds?: number };
  typingDelayMs?: number;
  /** Long-polling timeout in seconds (default 30). */
  pollTimeoutSeconds?: number;
  /** Polling mode: delays (ms) between retries of an update that failed for a passing reason. */
  pollingRetryDelaysMs?: number[];
}

/** What the composition root gets back. */
export interface TelegramChannel {
  adapter: TelegramAdapter;
  proactive: ProactiveChannel;
  /** The underlying grammY bot (for diagnostics; do not add handlers). */
  grammy: Bot;
  /** The secret Telegram must echo in `X-Telegram-Bot-Api-Secret-Token`. */
  webhookSecret: string;
  /** Fetch bot info if needed and create indexes; called by the start functions, idempotent. */
  init(): Promise<void>;
  /** Process one update through the whole stack (sequentialize, flood limit, exactly-once, turn). */
  handleUpdate(update: Update): Promise<void>;
  /** Delete any webhook and start long polling with @grammyjs/runner. */
  startPolling(): Promise<void>;
  /** Add `POST /telegram/webhook` to the server. */
  mountWebhook(server: Server): void;
  /** Add `GET /telegram/files/:fileId` (signed, token-free photo URLs) to the server. */
  mountFiles(server: Server): void;
  /** Register `${publicUrl}/telegram/webhook` with Telegram (with the secret token). */
  setWebhook(): Promise<void>;
  /** Stop polling and timers. */
  stop(): Promise<void>;
}

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
const DEFAULT_POLL_RETRY_MS = [1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000, 30000];
const COMMANDS = ['start', 'bahasa', 'status', 'help', 'menu', 'cancel'] as const;

/** What the steps below share: the grammY bot, the adapter and its stores, and the run state. */
interface Parts {
  opts: TelegramChannelOptions;
  apiRoot: string;
  t: (lng: 'en' | 'ms', key: TelegramStringKey | string) => string;
  grammy: Bot;
  adapter: TelegramAdapter;
  ledger: ProcessedUpdates;
  codec: CallbackCodec;
  signer?: FileUrlSigner;
  webhookSecret: string;
  run: { mode: 'webhook' | 'polling'; runner?: RunnerHandle; stopping: boolean; ready?: Promise<void> };
}

/** Step 1: grammY with the outgoing throttle and auto-retry of 429s. */
function createGrammy(opts: TelegramChannelOptions, apiRoot: string): Bot {
  const grammy = new Bot(opts.token, { botInfo: opts.botInfo, client: { apiRoot } });
  grammy.api.config.use(createThrottle(opts.throttle));
  grammy.api.config.use(
    autoRetry({
      maxRetryAttempts: opts.retry?.maxRetryAttempts ?? 5,
      maxDelaySeconds: opts.retry?.maxDelaySeconds ?? 60,
    }),
  );
  return grammy;
}

/** Step 2: the adapter running the one bot, with the exactly-once ledger, button codec and file URL signer. */
function createParts(opts: TelegramChannelOptions): Parts {
  const apiRoot = (opts.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, '');
  const localizer = opts.localizer ?? createLocalizer();
  const t = (lng: 'en' | 'ms', key: TelegramStringKey | string): string =>
    localizer.t(lng, `telegram:${key}`);
  const grammy = createGrammy(opts, apiRoot);
  const webhookSecret = webhookSecretFor(opts.token, opts.webhookSecret);
  const fileBaseUrl = opts.fileBaseUrl ?? opts.publicUrl;
  const signer = fileBaseUrl ? new FileUrlSigner(`${webhookSecret}:files`, fileBaseUrl) : undefined;
  const codec = new CallbackCodec(opts.db);
  const adapter = new TelegramAdapter({
    api: grammy.api,
    botInfo: () => grammy.botInfo,
    apiRoot,
    token: opts.token,
    fileUrls: signer,
    codec,
    t,
    logic: (context) => opts.bot.run(context),
    typingDelayMs: opts.typingDelayMs,
  });
  configureAdapter(adapter, opts.pipeline);
  const ledger = new ProcessedUpdates(opts.db);
  const run: Parts['run'] = { mode: 'webhook', stopping: false };
  return { opts, apiRoot, t, grammy, adapter, ledger, codec, signer, webhookSecret, run };
}

/** Step 3: the per-user flood limit (one polite notice per window; a tap is always answered). */
function useFloodLimit(p: Parts): void {
  const { opts, t, adapter } = p;
  const floodWindowMs = opts.flood?.windowMs ?? 5000;
  const floodNoticeAt = new Map<number, number>();
  p.grammy.use(
    limit({
      timeFrame: floodWindowMs,
      limit: opts.flood?.limit ?? 8,
      alwaysReply: true,
      keyGenerator: (ctx: Context) => ctx.from?.id.toString(),
      onLimitExceeded: (ctx: Context) => {
        const locale = localeFromLanguageCode(ctx.from?.language_code);
        if (ctx.callbackQuery) {
          // Always answer a tap, or the citizen's button spins.
          void ctx.answerCallbackQuery({ text: t(locale ?? 'en', 'flood') }).catch(() => undefined);
          return;
        }
        const userId = ctx.from?.id;
        const now = Date.now();
        if (userId === undefined || now - (floodNoticeAt.get(userId) ?? 0) < floodWindowMs) return;
        floodNoticeAt.set(userId, now);
        if (floodNoticeAt.size > 10_000) floodNoticeAt.clear();
        log('info', 'flood_limited', {});
        if (ctx.chat?.type === 'private') void adapter.notify(ctx.chat.id, 'flood', locale);
      },
    }),
  );
}

/** Step 4: every update in order per chat, flood-limited, exactly once, retried in polling mode when passing. */
function useProcessing(p: Parts): void {
  const { opts, grammy, adapter, ledger, run } = p;
  const once = (update: Update): Promise<unknown> =>
    processOnce(ledger, `telegram:${grammy.botInfo.id}`, update.update_id, () =>
      adapter.processUpdate(update),
    );
  const withPollingRetries = async (update: Update): Promise<void> => {
    const delays = opts.pollingRetryDelaysMs ?? DEFAULT_POLL_RETRY_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        await once(update);
        return;
      } catch (err) {
        if (!isRetryableTurnError(err) || attempt >= delays.length || run.stopping) throw err;
        log('warn', 'polling_update_retry', { updateId: update.update_id, attempt, ...describeError(err) });
        await new Promise((r) => setTimeout(r, delays[attempt]));
      }
    }
  };
  grammy.use(sequentialize((ctx: Context) => (ctx.chat ?? ctx.from)?.id.toString()));
  useFloodLimit(p);
  grammy.use(async (ctx) => {
    if (run.mode === 'polling') await withPollingRetries(ctx.update);
    else await once(ctx.update);
  });
  grammy.catch((err) => log('error', 'update_failed', describeError(err)));
}

/** Bot info (unless given) and the indexes, once; a failed attempt is tried again on the next call. */
function initOnce(p: Parts): () => Promise<void> {
  return () => {
    p.run.ready ??= (async () => {
      if (!p.opts.botInfo) await p.grammy.init();
      await p.ledger.ensureIndexes();
      await p.codec.ensureIndexes();
    })();
    p.run.ready.catch(() => (p.run.ready = undefined));
    return p.run.ready;
  };
}

/** The command list in both languages (a failure is logged, never fatal). */
async function registerCommands(p: Parts): Promise<void> {
  for (const lng of ['en', 'ms'] as const) {
    const commands = COMMANDS.map((c) => ({ command: c, description: p.t(lng, `commands.${c}`) }));
    await p.grammy.api
      .setMyCommands(commands, lng === 'ms' ? { language_code: 'ms' } : {})
      .catch((err) => log('warn', 'set_commands_failed', describeError(err)));
  }
}

/** Step 5: how updates arrive — long polling, or the webhook (and the signed file route). */
function transport(p: Parts, init: () => Promise<void>) {
  const { opts, grammy, run } = p;
  return {
    startPolling: async () => {
      run.mode = 'polling';
      await init();
      await grammy.api.deleteWebhook({ drop_pending_updates: false });
      await registerCommands(p);
      run.runner = runGrammy(grammy, {
        runner: {
          fetch: { timeout: opts.pollTimeoutSeconds ?? 30, allowed_updates: ALLOWED_UPDATES },
          silent: true,
        },
      });
      log('info', 'polling_started', {});
    },
    mountWebhook: (server: Server) => {
      mountTelegramWebhook(server, {
        secret: p.webhookSecret,
        handle: async (update) => {
          await init();
          await grammy.handleUpdate(update);
        },
      });
    },
    mountFiles: (server: Server) => {
      if (!p.signer) throw new Error('mountFiles needs fileBaseUrl or publicUrl');
      mountTelegramFiles(server, {
        signer: p.signer,
        api: grammy.api,
        apiRoot: p.apiRoot,
        token: opts.token,
      });
    },
    setWebhook: async () => {
      if (!opts.publicUrl) throw new Error('setWebhook needs publicUrl (PUBLIC_URL)');
      await init();
      await grammy.api.setWebhook(`${opts.publicUrl.replace(/\/+$/, '')}${TELEGRAM_WEBHOOK_PATH}`, {
        secret_token: p.webhookSecret,
        allowed_updates: ALLOWED_UPDATES,
        max_connections: 40,
      });
      await registerCommands(p);
      log('info', 'webhook_set', {});
    },
  };
}

/** Build the Telegram channel: the parts, the update processing, and how updates arrive. */
export function createTelegramChannel(opts: TelegramChannelOptions): TelegramChannel {
  const p = createParts(opts);
  useProcessing(p);
  const init = initOnce(p);
  return {
    adapter: p.adapter,
    proactive: new TelegramProactiveChannel(p.adapter),
    grammy: p.grammy,
    webhookSecret: p.webhookSecret,
    init,
    handleUpdate: async (update) => {
      await init();
      await p.grammy.handleUpdate(update);
    },
    ...transport(p, init),
    stop: async () => {
      p.run.stopping = true;
      if (p.run.runner?.isRunning()) await p.run.runner.stop();
    },
  };
}
