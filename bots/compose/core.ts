/**
 * Builds the channel-blind core on a MongoDB database: localizer, routing, feedback, state, transcripts and the
 * bot. Used by the server (index.ts), the terminal chat, the worker tools and the tests, so all run the same parts.
 */
import { randomBytes } from 'node:crypto';
import { MemoryStorage, type Storage } from 'botbuilder';
import type { Db } from 'mongodb';
import type { DialogDeps, RoutingPort } from '../../dialogs/ports';
import { AgencyRepository } from '../../services/agencies/repository';
import { ConsultationRepository, loadConsultations } from '../../services/consultations';
import { FeedbackRepository } from '../../services/feedback/repository';
import { FeedbackService } from '../../services/feedback/service';
import type { Language } from '../../services/feedback/types';
import { createLocalizer, type Localizer } from '../../services/i18n';
import { silentLogger, type Logger } from '../../services/log';
import { classify, getDefaultRouter, isLocalMatter, type Router } from '../../services/routing';
import { MeTooService } from '../../services/similar/meToo';
import { FeedbackChanges } from '../../services/status/feedbackChanges';
import { MongoStateStore } from '../../services/state/mongoStateStore';
import { MongoTranscriptStore } from '../../services/state/transcriptStore';
import { ActivityFeed } from '../../services/directline/activities';
import { ConversationsRepository } from '../../services/directline/conversations';
import { RateCounter } from '../../services/directline/rateLimits';
import { UploadsRepository } from '../../services/directline/uploads';
import { CitizenData, ExportLinkStore } from '../../services/privacy';
import { CALLBACK_RETENTION_DAYS, CallbackCodec } from '../channels/telegram/callbackData';
import { WEBCHAT_CHANNEL_ID } from '../channels/webchat/directLineAdapter';
import type { PipelineDeps } from '../bot/pipeline';
import { StrictConversationState, StrictUserState } from '../bot/strictState';
import { SuaraBot } from '../bot/suaraBot';

/** Options for building the core. */
export interface CoreOptions {
  defaultLanguage?: Language;
  transcriptRetentionDays?: number;
  /** Days web chat conversations, activities and uploads are kept (DIRECTLINE_RETENTION_DAYS; stated to citizens). */
  directLineRetentionDays?: number;
  /** Minutes a one-time "download my data" link works (PRIVACY_EXPORT_LINK_MINUTES). */
  exportLinkMinutes?: number;
  /** Salt for pseudonymous citizen keys; when absent one is generated once and kept in the database. */
  citizenKeySalt?: string;
  /** 'mongo' (default) or 'memory' (benchmarks: the cost of the engine without storage). */
  stateStorage?: 'mongo' | 'memory';
  log?: Logger;
}

/** Everything a channel adapter or tool needs. */
export interface Core {
  db: Db;
  bot: SuaraBot;
  pipeline: PipelineDeps;
  l10n: Localizer;
  router: Router;
  feedback: FeedbackService;
  feedbackRepo: FeedbackRepository;
  agencies: AgencyRepository;
  consultations: ConsultationRepository;
  state: MongoStateStore;
  transcripts: MongoTranscriptStore;
  /** PDPA access, download and erasure of a citizen's data across every store. */
  privacy: CitizenData;
  /** Where every change to an item is announced (status, reply, assignment, note, merge, "me too"). */
  changes: FeedbackChanges;
  deps: DialogDeps;
  /** Re-create the core's indexes and seed data (idempotent; the SeedKeeper runs it after MongoDB lost them). */
  ensureSeed(): Promise<void>;
}

/**
 * A random secret generated once and shared through the database by every process (used when the operator did not
 * configure one). First writer wins, so concurrent first starts agree.
 */
export async function sharedSecret(db: Db, name: string, given?: string): Promise<string> {
  if (given) return given;
  const settings = db.collection<{ _id: string; value: string }>('settings');
  const fresh = randomBytes(32).toString('hex');
  await settings.updateOne({ _id: name }, { $setOnInsert: { value: fresh } }, { upsert: true });
  const doc = await settings.findOne({ _id: name });
  const value = doc?.value ?? fresh;
  knownSecrets.set(name, value);
  return value;
}

/** Secrets this process took from the database, by name (re-written if the database comes back empty). */
const knownSecrets = new Map<string, string>();

/**
 * Write back the shared secrets this process uses when the database lost them (MongoDB restarted empty), so a
 * process started later agrees with the running ones instead of generating new ones. First writer wins.
 */
export async function reassertSharedSecrets(db: Db): Promise<void> {
  const settings = db.collection<{ _id: string; value: string }>('settings');
  for (const [name, value] of knownSecrets) {
    await settings.updateOne({ _id: name }, { $setOnInsert: { value } }, { upsert: true });
  }
}

/** Routing as the dialogs see it, over the data-driven router. */
export function routingPort(router: Router): RoutingPort {
  return {
    classify: (text) => classify(text),
    route: (input) => {
      const d = router.route(input);
      return {
        ...d,
        place: d.place ? { name: d.place.name, text: d.place.text, agencyId: d.place.agencyId } : null,
      };
    },
    isLocalMatter: (category) => isLocalMatter(category, router.agencies),
    agencyName: (id, lang) => router.agency(id)?.name[lang] ?? id,
  };
}

/**
 * The PDPA service over every store that can hold a citizen's data: feedback, consultation answers, transcripts,
 * dialog state, the web chat's conversations/activities/uploads/rate counters, Telegram button payloads and the
 * export links themselves (each store erases and exports its own part).
 */
function citizenData(
  db: Db,
  parts: {
    feedback: FeedbackService;
    feedbackRepo: FeedbackRepository;
    consultations: ConsultationRepository;
    state: MongoStateStore;
    transcripts: MongoTranscriptStore;
    exportLinks: ExportLinkStore;
  },
  options: CoreOptions,
): CitizenData {
  const conversations = new ConversationsRepository(db);
  return new CitizenData({
    citizenKey: (channelId, userId) => parts.feedback.citizenKey(channelId, userId),
    feedback: parts.feedbackRepo.citizens,
    consultations: parts.consultations,
    transcripts: parts.transcripts,
    state: parts.state,
    links: parts.exportLinks,
    webChat: {
      channelId: WEBCHAT_CHANNEL_ID,
      conversations,
      activities: new ActivityFeed(db, conversations),
      uploads: new UploadsRepository(db, 1),
      rates: new RateCounter(db, 60_000),
    },
    telegramButtons: new CallbackCodec(db),
    retention: {
      transcriptDays: options.transcriptRetentionDays ?? 365,
      webChatDays: options.directLineRetentionDays ?? 30,
      telegramButtonDays: CALLBACK_RETENTION_DAYS,
      exportLinkMinutes: options.exportLinkMinutes ?? 15,
    },
  });
}

/** Build the core on a database; creates indexes and seeds the agency directory (idempotent). */
export async function buildCore(db: Db, options: CoreOptions = {}): Promise<Core> {
  const log = options.log ?? silentLogger;
  const l10n = createLocalizer();
  // The same router the classifier masks place names with: the data files are read and indexed once per process.
  const router = getDefaultRouter();
  const agencies = new AgencyRepository(db);
  const feedbackRepo = new FeedbackRepository(db);
  const consultations = new ConsultationRepository(db);
  const state = new MongoStateStore(db);
  const transcripts = new MongoTranscriptStore(db, options.transcriptRetentionDays ?? 365);
  const exportLinks = new ExportLinkStore(db);
  const ensureSeed = async () => {
    await Promise.all([
      exportLinks.ensureIndexes(),
      feedbackRepo.ensureIndexes(),
      state.ensureIndexes(),
      transcripts.ensureIndexes(),
      agencies.seed(router.agencies),
      consultations.seed(loadConsultations(undefined, new Set(router.agencies.map((a) => a.id)))),
    ]);
  };
  await ensureSeed();
  const feedback = new FeedbackService(
    feedbackRepo,
    (input) => router.route(input),
    await sharedSecret(db, 'citizenKeySalt', options.citizenKeySalt),
  );
  const storage: Storage =
    options.stateStorage === 'memory' ? new MemoryStorage() : (state as unknown as Storage);
  const privacy = citizenData(
    db,
    { feedback, feedbackRepo, consultations, state, transcripts, exportLinks },
    options,
  );
  const changes = new FeedbackChanges();
  const deps: DialogDeps = {
    l10n,
    routing: routingPort(router),
    feedback: {
      file: (input) => feedback.file(input),
      confirmed: (reference) => feedback.confirmed(reference),
      status: (ref, key) => feedback.status(ref, key),
      citizenKey: (channelId, userId) => feedback.citizenKey(channelId, userId),
      recent: (key) => feedbackRepo.byCitizen(key, 3),
      rate: (ref, key, score, comment) => feedbackRepo.setRating(ref, key, score, comment),
    },
    consultations,
    privacy,
    meToo: new MeTooService(feedbackRepo, { changes }),
  };
  const bot = new SuaraBot(
    new StrictConversationState(storage),
    new StrictUserState(storage),
    deps,
    {
      defaultLanguage: options.defaultLanguage ?? 'ms',
    },
    storage,
  );
  const pipeline: PipelineDeps = { transcripts, l10n, log };
  return {
    db,
    bot,
    pipeline,
    l10n,
    router,
    feedback,
    feedbackRepo,
    agencies,
    consultations,
    state,
    transcripts,
    privacy,
    changes,
    deps,
    ensureSeed,
  };
}
