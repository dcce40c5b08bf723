/** Composition of the web chat channel: Direct Line 3.0 server, stream, widget and pages on one restify server. */
import path from 'node:path';
import type { ActivityHandler } from 'botbuilder';
import type { Db } from 'mongodb';
import type { Server } from 'restify';
import { ActivityFeed } from '../../../services/directline/activities';
import { ConversationsRepository } from '../../../services/directline/conversations';
import { RateCounter } from '../../../services/directline/rateLimits';
import { TokenSigner } from '../../../services/directline/tokens';
import { UploadsRepository } from '../../../services/directline/uploads';
import { loadSitesFile, SitesRepository } from '../../../services/sites/repository';
import { configureAdapter, type PipelineDeps } from '../../bot/pipeline';
import { loadWebChatSettings, type WebChatSettings } from './config';
import { DirectLineAdapter } from './directLineAdapter';
import { FeedHub, KeyedQueue } from './hub';
import { WebChatLimits } from './limits';
import { WebChatProactiveChannel } from './proactive';
import { mountDirectLineRoutes } from './routes/directline';
import { mountStaticRoutes } from './routes/static';
import { DirectLineService } from './service';
import { attachStream } from './stream';
import { ensureWidgetBuilt, ROOT } from './widgetBuild';
import { processEnv, type Env } from '../../../services/config';
import { createLogger, type Logger } from '../../../services/log';

export { DirectLineAdapter, WEBCHAT_CHANNEL_ID } from './directLineAdapter';
export { WebChatProactiveChannel } from './proactive';

/** What mountWebChat needs from the composition root. */
export interface WebChatDeps {
  /** The one bot. */
  bot: Pick<ActivityHandler, 'run'>;
  /** Database for sites, conversations, feed and uploads. */
  db: Db;
  /** From services/config.ts: PORT (for the demo site's origins) and optional PUBLIC_URL. */
  config: { PORT: number; PUBLIC_URL?: string };
  /** Shared transcript logging and onTurnError (bots/bot/pipeline.ts); without it, turn errors are only logged. */
  pipeline?: PipelineDeps;
  /** Environment for the web chat variables (default: the process environment). */
  env?: Env;
  /** Log sink for operational messages (never personal data). Default: stderr. */
  log?: Logger;
  /** Build the widget at mount when it is missing or stale (default true). */
  buildWidget?: boolean;
  /** Clock of the rate-limit windows, in ms since epoch (default Date.now; tests pin it). */
  rateLimitClock?: () => number;
}

/** The mounted channel. */
export interface WebChatMount {
  adapter: DirectLineAdapter;
  proactive: WebChatProactiveChannel;
  service: DirectLineService;
  sites: SitesRepository;
  settings: WebChatSettings;
  /** Re-seed sites and re-create the channel's indexes (idempotent; for the SeedKeeper). */
  ensureSeed(): Promise<void>;
  /** Close streams and wait for running turns. */
  close(): Promise<void>;
}

/** Mount the Direct Line 3.0 endpoint, its WebSocket stream, the widget and the demo/embed pages on `server`. */
export async function mountWebChat(server: Server, deps: WebChatDeps): Promise<WebChatMount> {
  const env = deps.env ?? processEnv();
  const log = deps.log ?? createLogger('info');
  const settings = loadWebChatSettings(env);
  if (settings.tokenSecretGenerated) {
    log.warn('webchat.token_secret_generated', {
      fix: 'set DIRECTLINE_TOKEN_SECRET; tokens die with this process',
    });
  }
  const publicUrl = deps.config.PUBLIC_URL;

  const sites = new SitesRepository(deps.db, env);
  const seedSites = loadSitesFile(path.resolve(ROOT, settings.sitesFile), deps.config.PORT);
  const conversations = new ConversationsRepository(deps.db);
  const feed = new ActivityFeed(deps.db, conversations);
  const uploads = new UploadsRepository(deps.db, settings.uploadMaxBytes);
  const counter = new RateCounter(deps.db, 60_000, deps.rateLimitClock);
  const ensureSeed = async () => {
    await sites.seed(seedSites);
    await conversations.ensureIndexes(settings.retentionDays);
    await feed.ensureIndexes(settings.retentionDays);
    await uploads.ensureIndexes(settings.retentionDays);
    await counter.ensureIndexes();
  };
  await ensureSeed();
  const limits = new WebChatLimits(
    counter,
    settings.rate,
    settings.trustedProxyHops,
    settings.tokenSecret,
    log,
  );

  const hub = new FeedHub();
  const queue = new KeyedQueue();
  const adapter = new DirectLineAdapter(feed, hub);
  if (deps.pipeline) configureAdapter(adapter, deps.pipeline);
  else adapter.onTurnError = async (_ctx, err) => log.error('webchat.turn_error', { name: err.name });

  const service = new DirectLineService({
    sites,
    conversations,
    feed,
    signer: new TokenSigner(settings.tokenSecret, settings.tokenTtlSeconds),
    adapter,
    bot: deps.bot,
    hub,
    queue,
    turnTimeoutMs: settings.turnTimeoutMs,
    retentionDays: settings.retentionDays,
    log,
  });
  mountDirectLineRoutes(server, { service, sites, uploads, limits, publicUrl, log });
  mountStaticRoutes(server, { sites, publicUrl, log });
  const closeStream = attachStream(server.server, {
    service,
    sites,
    feed,
    hub,
    pollMs: settings.streamPollMs,
    publicUrl,
    log,
  });
  if (deps.buildWidget ?? true) await ensureWidgetBuilt(log);

  return {
    adapter,
    proactive: new WebChatProactiveChannel(adapter, conversations),
    service,
    sites,
    settings,
    ensureSeed,
    close: async () => {
      await closeStream();
      await queue.drain();
    },
  };
}
