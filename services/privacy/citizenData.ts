/**
 * The one place that knows where a citizen's data lives (PDPA 2010 access and erasure). It holds no collection of
 * its own besides the export links: each store exports and erases its own part (one owner per collection), and this
 * service asks each in turn, then says what was kept and why.
 */
import type { CitizenConsultationExport } from '../consultations/repository';
import type { CitizenItemExport, CitizenRecords, SupporterExport } from '../feedback/citizenRecords';
import type { ActivityFeed } from '../directline/activities';
import type { ConversationsRepository } from '../directline/conversations';
import type { RateCounter } from '../directline/rateLimits';
import type { UploadsRepository } from '../directline/uploads';
import type { MongoStateStore } from '../state/mongoStateStore';
import type { MongoTranscriptStore } from '../state/transcriptStore';
import { EXPORT_PATH, type ExportLinkStore } from './exportLinkStore';
import { maskEmail, maskName, maskPhone } from './mask';
import type { Citizen, CitizenRef, CitizenSummary, ErasureReport, Retention } from './types';

/** Route of the one-time download (mounted by bots/http/privacy). */

/** The web chat's stores (present when the server mounts the web chat). */
export interface WebChatStores {
  channelId: string;
  conversations: Pick<ConversationsRepository, 'idsOfUser' | 'exportByIds' | 'deleteByIds'>;
  activities: Pick<ActivityFeed, 'exportConversations' | 'eraseConversations'>;
  uploads: Pick<UploadsRepository, 'exportConversations' | 'eraseConversations'>;
  rates: Pick<RateCounter, 'exportKey' | 'eraseKey'>;
}

/** Telegram's stored button payloads (they carry no chat id: found by the citizen's own strings). */
export interface TelegramButtonStore {
  findContaining(needles: string[]): Promise<unknown[]>;
  eraseContaining(needles: string[]): Promise<number>;
}

/** Every store holding a citizen's data, each by its owner's narrow interface. */
export interface CitizenDataStores {
  citizenKey(channelId: string, userId: string): string;
  feedback: Pick<CitizenRecords, 'exportItems' | 'exportSupported' | 'conversations' | 'erase'>;
  consultations: {
    exportCitizen(citizenKey: string): Promise<CitizenConsultationExport[]>;
    exportNotices(citizenKey: string): Promise<unknown[]>;
    eraseCitizen(citizenKey: string): Promise<number>;
  };
  transcripts: Pick<MongoTranscriptStore, 'exportConversations' | 'deleteConversations'>;
  state: Pick<MongoStateStore, 'read' | 'delete'>;
  links: Pick<ExportLinkStore, 'issue' | 'take' | 'isLive' | 'exportCitizen' | 'eraseCitizen'>;
  webChat?: WebChatStores;
  telegramButtons?: TelegramButtonStore;
  retention: Retention;
}

/** The downloadable file: every collection's part, by collection name. */
export interface CitizenExport {
  format: 'suara.citizen-data.v1';
  about: { en: string; ms: string };
  generatedAt: Date;
  channelId: string;
  retention: Retention;
  collections: Record<string, unknown>;
}

const ABOUT = {
  en: 'Everything Suara holds about you on this channel (PDPA 2010), by where it is stored.',
  ms: 'Semua data peribadi anda yang disimpan oleh Suara bagi saluran ini (PDPA 2010), mengikut tempat simpanannya.',
};

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Access, download and erasure of one citizen's data across every store. */
export class CitizenData {
  private baseUrl: string | undefined;

  constructor(private readonly stores: CitizenDataStores) {}

  /** Where download links point (the public base URL; set once the server knows its address). */
  useBaseUrl(url: string): void {
    this.baseUrl = url.replace(/\/+$/, '');
  }

  /** How long each kind of data is kept. */
  get retention(): Retention {
    return this.stores.retention;
  }

  /** The citizen's key and every conversation of theirs on this channel. */
  async resolve(ref: CitizenRef): Promise<Citizen> {
    const s = this.stores;
    const citizenKey = s.citizenKey(ref.channelId, ref.userId);
    const filed = await s.feedback.conversations(citizenKey);
    const web =
      s.webChat && ref.channelId === s.webChat.channelId
        ? await s.webChat.conversations.idsOfUser(ref.userId)
        : [];
    const conversationIds = unique([
      ref.conversationId,
      ...filed.filter((f) => f.channelId === ref.channelId).map((f) => f.conversationId),
      ...web,
    ]).filter(Boolean);
    return { ...ref, citizenKey, conversationIds };
  }

  private stateKeys(c: Citizen): string[] {
    const keys = [`${c.channelId}/users/${c.userId}/`];
    for (const id of c.conversationIds) keys.push(`${c.channelId}/conversations/${id}/`);
    return keys;
  }

  private isWebChat(c: Citizen): WebChatStores | undefined {
    return this.stores.webChat && c.channelId === this.stores.webChat.channelId
      ? this.stores.webChat
      : undefined;
  }

  /** Everything held about the citizen, by collection. */
  async export(c: Citizen): Promise<CitizenExport> {
    const s = this.stores;
    const items = await s.feedback.exportItems(c.citizenKey);
    const consultations = await s.consultations.exportCitizen(c.citizenKey);
    const state = await s.state.read(this.stateKeys(c));
    const collections: Record<string, unknown> = {
      feedback: { items, supported: await s.feedback.exportSupported(c.citizenKey) },
      consultationResponses: consultations,
      consultationNotices: await s.consultations.exportNotices(c.citizenKey),
      transcripts: await s.transcripts.exportConversations(c.channelId, c.conversationIds),
      botState: Object.entries(state).map(([key, value]) => ({ key, value })),
      privacyExports: await s.links.exportCitizen(c.citizenKey),
    };
    const web = this.isWebChat(c);
    if (web) {
      collections.dlConversations = await web.conversations.exportByIds(c.conversationIds);
      collections.dlActivities = await web.activities.exportConversations(c.conversationIds);
      collections.dlUploads = await web.uploads.exportConversations(c.conversationIds, { withData: true });
      const counters = await Promise.all(
        c.conversationIds.map((id) => web.rates.exportKey(`conversation:${id}`)),
      );
      collections.dlRateLimits = counters.flat();
    }
    if (s.telegramButtons) {
      collections.telegramCallbacks = await s.telegramButtons.findContaining(needles(items, consultations));
    }
    return {
      format: 'suara.citizen-data.v1',
      about: ABOUT,
      generatedAt: new Date(),
      channelId: c.channelId,
      retention: s.retention,
      collections,
    };
  }

  /** What the chat shows under "my data" (no free text; contact details masked). */
  async summary(ref: CitizenRef): Promise<CitizenSummary> {
    const c = await this.resolve(ref);
    const s = this.stores;
    const items = await s.feedback.exportItems(c.citizenKey);
    const consultations = await s.consultations.exportCitizen(c.citizenKey);
    const supported = await s.feedback.exportSupported(c.citizenKey);
    const transcript = await s.transcripts.exportConversations(c.channelId, c.conversationIds);
    const web = this.isWebChat(c);
    const uploads = web ? await web.uploads.exportConversations(c.conversationIds) : [];
    return {
      items: items.map((i) => ({
        reference: i.reference,
        type: i.type,
        status: i.status,
        createdAt: i.createdAt,
      })),
      contacts: maskedContacts(items),
      consultations: consultations.map((x) => ({
        consultationId: x.consultationId,
        ...(x.title ? { title: x.title } : {}),
        answers: x.answers.length,
        at: x.submittedAt,
      })),
      supported: supported.map((x: SupporterExport) => ({ reference: x.reference, status: x.status })),
      conversations: new Set(transcript.map((t) => t.conversationId)).size,
      messages: transcript.length,
      photos: photoCount(items, uploads),
      retention: s.retention,
    };
  }

  /** A one-time download link (null when this process has no public address to link to). */
  async exportLink(ref: CitizenRef): Promise<{ url: string; expiresAt: Date; minutes: number } | null> {
    if (!this.baseUrl) return null;
    const minutes = this.stores.retention.exportLinkMinutes;
    const key = this.stores.citizenKey(ref.channelId, ref.userId);
    const { token, expiresAt } = await this.stores.links.issue(key, ref, minutes);
    return { url: `${this.baseUrl}${EXPORT_PATH}/${token}`, expiresAt, minutes };
  }

  /** Whether a download link is still usable (the landing page asks before the click uses it). */
  async exportLinkLive(token: string): Promise<boolean> {
    return this.stores.links.isLive(token);
  }

  /** The file behind a link, once; null when the link is unknown, used or expired. */
  async takeExport(token: string): Promise<CitizenExport | null> {
    const taken = await this.stores.links.take(token);
    if (!taken) return null;
    return this.export(await this.resolve(taken.citizen));
  }

  /** Erase the citizen's data from every store; says what was kept and why. */
  async erase(ref: CitizenRef): Promise<ErasureReport> {
    const c = await this.resolve(ref);
    const s = this.stores;
    const items = await s.feedback.exportItems(c.citizenKey);
    const found = needles(items, await s.consultations.exportCitizen(c.citizenKey));
    const web = this.isWebChat(c);
    const photos = photoCount(items, web ? await web.uploads.exportConversations(c.conversationIds) : []);
    const feedback = await s.feedback.erase(c.citizenKey);
    const consultationAnswers = await s.consultations.eraseCitizen(c.citizenKey);
    const transcriptMessages = await s.transcripts.deleteConversations(c.channelId, c.conversationIds);
    // The live conversation's and user's state are re-saved by the running turn (its dialogs are cancelled and the
    // language choice stays); every other conversation's state goes.
    const live = new Set([
      `${c.channelId}/users/${c.userId}/`,
      `${c.channelId}/conversations/${c.conversationId}/`,
    ]);
    await s.state.delete(this.stateKeys(c).filter((k) => !live.has(k)));
    const erasedWeb = await this.eraseWebChat(c);
    const buttons = s.telegramButtons ? await s.telegramButtons.eraseContaining(found) : 0;
    const links = await s.links.eraseCitizen(c.citizenKey);
    return {
      items: feedback.items,
      supportersRemoved: feedback.supportersRemoved,
      consultationAnswers,
      transcriptMessages,
      webChatMessages: erasedWeb.messages,
      photos,
      otherRecords: erasedWeb.other + buttons + links,
      telegramPhotos: c.channelId === 'telegram' && items.some((i) => i.attachments.length > 0),
      retention: s.retention,
    };
  }

  private async eraseWebChat(c: Citizen): Promise<{ messages: number; other: number }> {
    const web = this.isWebChat(c);
    if (!web) return { messages: 0, other: 0 };
    const messages = await web.activities.eraseConversations(
      c.conversationIds,
      c.activityId ? [c.activityId] : [],
    );
    await web.uploads.eraseConversations(c.conversationIds);
    // The live conversation stays so the chat keeps working; it expires with the web chat's retention.
    let other = await web.conversations.deleteByIds(c.conversationIds, [c.conversationId]);
    for (const id of c.conversationIds) other += await web.rates.eraseKey(`conversation:${id}`);
    return { messages, other };
  }
}

/** The citizen's own strings (references, words, places, contact details) to find copies of. */
function needles(items: CitizenItemExport[], consultations: CitizenConsultationExport[]): string[] {
  const out: string[] = [];
  for (const i of items) {
    out.push(i.reference, i.text);
    if (i.location?.text) out.push(i.location.text);
    if (i.contact)
      out.push(...[i.contact.name, i.contact.phone, i.contact.email].filter((x): x is string => !!x));
  }
  for (const c of consultations) for (const a of c.answers) if (a.kind === 'text') out.push(a.value);
  return unique(out.filter((n) => n.trim().length >= 4));
}

/** Photos on the items plus uploads that never made it onto an item (an upload on an item is counted once). */
function photoCount(items: CitizenItemExport[], uploads: { id: string }[]): number {
  const urls = items.flatMap((i) => i.attachments.map((a) => a.url ?? ''));
  const loose = uploads.filter((u) => !urls.some((url) => url.endsWith(`/${u.id}`)));
  return urls.length + loose.length;
}

function maskedContacts(items: CitizenItemExport[]): CitizenSummary['contacts'] {
  const seen = new Set<string>();
  const out: CitizenSummary['contacts'] = [];
  for (const i of items) {
    if (!i.contact) continue;
    const m = {
      ...(i.contact.name ? { name: maskName(i.contact.name) } : {}),
      ...(i.contact.phone ? { phone: maskPhone(i.contact.phone) } : {}),
      ...(i.contact.email ? { email: maskEmail(i.contact.email) } : {}),
    };
    const key = JSON.stringify(m);
    if (Object.keys(m).length > 0 && !seen.has(key)) {
      seen.add(key);
      out.push(m);
    }
  }
  return out;
}
