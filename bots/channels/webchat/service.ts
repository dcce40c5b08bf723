/**
 * The Direct Line 3.0 operations, independent of HTTP framing: tokens, conversations, posting (which runs a bot
 * turn through the DirectLineAdapter) and reading the feed. Routes in ./routes translate requests to these calls.
 */
import type { Activity, ActivityHandler } from 'botbuilder';
import type {
  ActivityFeed,
  ActivityJson,
  FeedPage,
  TurnClaim,
} from '../../../services/directline/activities';
import type { ConversationsRepository } from '../../../services/directline/conversations';
import { newResumeKey, resumeKeyMatches } from '../../../services/directline/resumeKeys';
import {
  type TokenClaims,
  TokenError,
  type TokenSigner,
  randomId,
} from '../../../services/directline/tokens';
import type { SitesRepository } from '../../../services/sites/repository';
import { type Site, siteContext } from '../../../services/sites/schema';
import { type DirectLineAdapter, WEBCHAT_CHANNEL_ID } from './directLineAdapter';
import { DirectLineHttpError } from './errors';
import type { FeedHub, KeyedQueue } from './hub';
import type { InboundActivity } from './inbound';
import type { Logger } from '../../../services/log';

/** The bot's account on this channel. */
export const BOT_ACCOUNT = { id: 'suara-bot', name: 'Suara', role: 'bot' } as const;

/** What POST /conversations and GET /conversations/:id return. */
export interface ConversationInfo {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl: string;
}

/** Everything the service needs, built by mountWebChat. */
export interface DirectLineServiceDeps {
  sites: SitesRepository;
  conversations: ConversationsRepository;
  feed: ActivityFeed;
  signer: TokenSigner;
  adapter: DirectLineAdapter;
  bot: Pick<ActivityHandler, 'run'>;
  hub: FeedHub;
  queue: KeyedQueue;
  turnTimeoutMs: number;
  /** How long a conversation (and so its resume key) is kept after its last use. */
  retentionDays: number;
  log: Logger;
}

/** What tokens/generate returns; `resumeKey` only when a conversation is created (keep it to resume later). */
export interface GeneratedToken {
  conversationId: string;
  token: string;
  expires_in: number;
  resumeKey?: string;
}

/** Direct Line operations. `origin` is our own public origin (e.g. https://chat.example.my). */
export class DirectLineService {
  constructor(private readonly d: DirectLineServiceDeps) {}

  /** Verify a bearer token (401 invalid/missing, 403 expired) and, when given, that it is for `conversationId`. */
  authorize(token: string | undefined, conversationId?: string): TokenClaims {
    let claims: TokenClaims;
    try {
      claims = this.d.signer.verify(token);
    } catch (e) {
      if (e instanceof TokenError && e.code === 'TOKEN_EXPIRED') {
        throw new DirectLineHttpError(403, 'TokenExpired', 'tokenExpired');
      }
      if (e instanceof TokenError && e.code === 'TOKEN_MISSING') {
        throw new DirectLineHttpError(401, 'Unauthorized', 'tokenMissing');
      }
      throw new DirectLineHttpError(401, 'Unauthorized', 'tokenInvalid');
    }
    if (conversationId !== undefined && claims.conversationId !== conversationId) {
      throw new DirectLineHttpError(403, 'Forbidden', 'wrongConversation');
    }
    return claims;
  }

  /** The site with this id, or 404 UnknownSite. */
  async site(siteId: string): Promise<Site> {
    const site = await this.d.sites.get(siteId);
    if (!site) throw new DirectLineHttpError(404, 'UnknownSite', 'unknownSite');
    return site;
  }

  /** Reserve a conversation for a site and issue its token and resume key (tokens/generate). */
  async generateToken(
    site: Site,
    opts: { locale?: string; userId?: string } = {},
  ): Promise<Required<GeneratedToken>> {
    const conversationId = randomId(16);
    const userId = opts.userId ?? `dl_${randomId(12)}`;
    const resume = newResumeKey();
    await this.d.conversations.reserve({
      id: conversationId,
      siteId: site.id,
      userId,
      locale: opts.locale,
      resumeKeyHash: resume.hash,
    });
    const { token, expiresIn } = this.d.signer.issue({
      conversationId,
      userId,
      siteId: site.id,
      ...(opts.locale ? { locale: opts.locale } : {}),
    });
    return { conversationId, token, expires_in: expiresIn, resumeKey: resume.key };
  }

  /**
   * A fresh token for an existing conversation of `site`, proven by its resume key (tokens/generate with
   * `conversationId` + `resumeKey`). Unknown or expired conversation → 404; another site's or wrong key → 403.
   */
  async resumeToken(
    site: Site,
    conversationId: string,
    resumeKey: string,
    locale?: string,
  ): Promise<GeneratedToken> {
    const c = await this.d.conversations.get(conversationId);
    const retainedUntil = c ? c.updatedAt.getTime() + this.d.retentionDays * 86_400_000 : 0;
    if (!c || retainedUntil <= Date.now()) throw new DirectLineHttpError(404, 'NotFound', 'notFound');
    if (c.siteId !== site.id || !resumeKeyMatches(resumeKey, c.resumeKeyHash)) {
      throw new DirectLineHttpError(403, 'Forbidden', 'resumeRefused');
    }
    await this.d.conversations.touch(conversationId);
    const loc = locale ?? c.locale;
    const { token, expiresIn } = this.d.signer.issue({
      conversationId,
      userId: c.userId,
      siteId: site.id,
      ...(loc ? { locale: loc } : {}),
    });
    return { conversationId, token, expires_in: expiresIn };
  }

  /** A fresh token for the same conversation (tokens/refresh). */
  refreshToken(claims: TokenClaims) {
    const { iat: _i, exp: _e, ...rest } = claims;
    const { token, expiresIn } = this.d.signer.issue(rest);
    return { conversationId: claims.conversationId, token, expires_in: expiresIn };
  }

  /** Start the token's conversation (idempotent); the first start greets through a conversationUpdate turn. */
  async startConversation(claims: TokenClaims, origin: string): Promise<ConversationInfo> {
    const started = await this.d.conversations.start(claims.conversationId);
    if (!started) throw new DirectLineHttpError(404, 'NotFound', 'notFound');
    this.d.feed.remember(claims.conversationId, started.conversation.seq);
    if (started.firstStart) {
      const site = await this.site(claims.siteId);
      const user = { id: claims.userId, name: '', role: 'user' };
      const update: ActivityJson = {
        ...this.envelope(claims, site, origin),
        type: 'conversationUpdate',
        id: `${claims.conversationId}|start`,
        from: user,
        membersAdded: [{ ...BOT_ACCOUNT }, user],
      };
      await this.runTurn(claims.conversationId, update);
    }
    return this.conversationInfo(claims, origin);
  }

  /** Resume: the conversation must exist; returns a fresh token and a stream URL starting after `watermark`. */
  async resumeConversation(
    claims: TokenClaims,
    origin: string,
    watermark?: string,
  ): Promise<ConversationInfo> {
    const conversation = await this.d.conversations.get(claims.conversationId);
    if (!conversation) throw new DirectLineHttpError(404, 'NotFound', 'notFound');
    return this.conversationInfo(claims, origin, watermark);
  }

  /**
   * Store a client's activity, echo it to the feed and run the bot turn (waits up to the turn timeout). A re-sent
   * clientActivityID whose turn completed is answered with the first id (its replies are in the feed); one whose
   * turn never completed (the process died mid-turn) runs that turn now, so a resumed citizen is never ignored.
   */
  async postActivity(claims: TokenClaims, inbound: InboundActivity, origin: string): Promise<{ id: string }> {
    const cid = claims.conversationId;
    if (inbound.type === 'typing') return { id: `${cid}|typing` };
    const clientActivityId = inbound.channelData?.clientActivityID;
    if (typeof clientActivityId === 'string') {
      const already = await this.d.feed.findByClientActivityId(cid, clientActivityId);
      if (already) {
        if (!already.turnDone) await this.rerunTurn(cid, already.activity);
        return { id: String(already.activity.id) };
      }
    }
    const site = await this.site(claims.siteId);
    const { suara: _ignored, ...clientChannelData } = inbound.channelData ?? {};
    const { from, ...fields } = inbound;
    const activity: ActivityJson = {
      ...fields,
      ...this.envelope(claims, site, origin, inbound.locale),
      from: { id: claims.userId, ...(from?.name ? { name: from.name } : {}), role: 'user' },
      channelData: { ...clientChannelData, suara: { site: siteContext(site) } },
    };
    // Stored already leased to this process: its turn is ours without another write.
    const stored = await this.d.feed.append(cid, activity, { leaseMs: this.d.turnTimeoutMs });
    this.d.hub.notify(cid, [stored]);
    await this.runTurn(cid, stored, { feedId: String(stored.id), claimed: true });
    return { id: String(stored.id) };
  }

  /** Run the turn of a stored activity whose turn never completed; waits while another process still runs it. */
  private async rerunTurn(conversationId: string, activity: ActivityJson): Promise<void> {
    const id = String(activity.id);
    // A holder that died keeps its lease for one turn timeout: wait that long, plus one turn.
    const until = Date.now() + 2 * this.d.turnTimeoutMs;
    for (;;) {
      const ran = await this.runTurn(conversationId, activity, { feedId: id, claimed: false });
      if (ran !== 'busy' || Date.now() > until) return;
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** Activities after `watermark`. */
  async readActivities(claims: TokenClaims, watermark: string | undefined): Promise<FeedPage> {
    return this.d.feed.read(claims.conversationId, watermark);
  }

  /** The fields the server owns on every inbound activity. */
  private envelope(claims: TokenClaims, site: Site, origin: string, locale?: string) {
    return {
      channelId: WEBCHAT_CHANNEL_ID,
      serviceUrl: `${origin}/v3/directline`,
      timestamp: new Date().toISOString(),
      conversation: { id: claims.conversationId },
      recipient: { ...BOT_ACCOUNT },
      locale: locale ?? claims.locale ?? site.defaultLanguage,
      channelData: { suara: { site: siteContext(site) } },
    };
  }

  /**
   * Run one turn, serialized per conversation; respond after it ends or after the turn timeout. A stored citizen
   * activity (`feedId`) is claimed first (unless it was stored `claimed`) and marked done with its replies.
   */
  private async runTurn(
    conversationId: string,
    json: ActivityJson,
    stored?: { feedId: string; claimed: boolean },
  ): Promise<TurnClaim> {
    const activity = { ...json, timestamp: new Date(String(json.timestamp)) } as Partial<Activity>;
    let claim: TurnClaim = 'claimed';
    const turn = this.d.queue
      .run(conversationId, async () => {
        if (stored && !stored.claimed)
          claim = await this.d.feed.claimTurn(stored.feedId, this.d.turnTimeoutMs);
        if (claim !== 'claimed') return;
        this.inFlight++;
        try {
          await this.d.adapter.processActivity(activity, (ctx) => this.d.bot.run(ctx), stored?.feedId);
        } finally {
          this.inFlight--;
        }
      })
      .catch((e: { name?: string; code?: unknown }) => {
        this.d.log.error('webchat.turn_failed', {
          name: e.name ?? 'error',
          code: String(e.code ?? ''),
          activityType: activity.type,
        });
      });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((r) => {
      timer = setTimeout(r, this.d.turnTimeoutMs);
    });
    await Promise.race([turn, timeout]);
    clearTimeout(timer);
    return claim;
  }

  /** Turns running now in this process (for graceful shutdown and metrics). */
  inFlight = 0;

  private conversationInfo(claims: TokenClaims, origin: string, watermark?: string): ConversationInfo {
    const { token, expires_in } = this.refreshToken(claims);
    const wsOrigin = origin.replace(/^http/, 'ws');
    const wm = watermark && /^\d{1,12}$/.test(watermark) ? `&watermark=${watermark}` : '';
    const streamUrl = `${wsOrigin}/v3/directline/conversations/${claims.conversationId}/stream?t=${token}${wm}`;
    return { conversationId: claims.conversationId, token, expires_in, streamUrl };
  }
}
