/**
 * The second BotAdapter (beside Telegram's): turns Direct Line posts into turns of the one bot and appends the
 * bot's replies to the conversation's durable feed in MongoDB, where polling clients and streams pick them up.
 */
import {
  type Activity,
  ActivityTypes,
  type ConversationReference,
  type ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { ProactiveAdapter } from '../../bot/proactiveAdapter';
import { languageSetForTurn } from '../../../dialogs/turn';
import { FLUSH_REPLIES } from '../../../dialogs/afterReplies';
import type { ActivityFeed, ActivityJson } from '../../../services/directline/activities';
import type { FeedHub } from './hub';

/** channelId of every web chat activity. */
export const WEBCHAT_CHANNEL_ID = 'webchat';
/** BCP 47 tag sent in `locale` for each of the bot's languages (the widget follows it for its own labels). */
export const LOCALE_TAGS = { en: 'en-MY', ms: 'ms-MY' } as const;
/** Longest `delay` activity honoured, in ms. */
const MAX_DELAY_MS = 5000;

/** An operation Direct Line cannot do (edit or delete a sent activity). */
export class DirectLineNotSupportedError extends Error {
  readonly code = 'DIRECTLINE_NOT_SUPPORTED';
}

const TURN_BUFFER = Symbol('suara.directline.turnBuffer');

interface Buffered {
  conversationId: string;
  json: ActivityJson;
}

/**
 * BotAdapter over the Direct Line activity feed. During a citizen's turn, replies are collected and appended in one
 * batch when the turn ends (one MongoDB insert per turn, which also marks the turn done); the POST answers after the
 * turn anyway, so clients see them at the same moment. Proactive sends are appended at once.
 */
export class DirectLineAdapter extends ProactiveAdapter {
  constructor(
    private readonly feed: ActivityFeed,
    private readonly hub: FeedHub,
  ) {
    super();
  }

  /** Append the bot's activities to the feed (typing included; trace and invokeResponse dropped). */
  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        const ms = typeof activity.value === 'number' ? Math.min(activity.value, MAX_DELAY_MS) : 1000;
        await new Promise((r) => setTimeout(r, ms));
        responses.push({ id: '' });
        continue;
      }
      if (activity.type === ActivityTypes.InvokeResponse || activity.type === ActivityTypes.Trace) {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
      // The reply's locale is the language it is written in (the turn's), not the locale the client posted.
      const lang = languageSetForTurn(context);
      const json = JSON.parse(
        JSON.stringify({
          ...activity,
          ...(lang ? { locale: LOCALE_TAGS[lang] } : {}),
          channelId: WEBCHAT_CHANNEL_ID,
          timestamp: new Date().toISOString(),
        }),
      ) as ActivityJson;
      const buffer = context.turnState.get(TURN_BUFFER) as Buffered[] | undefined;
      if (buffer) {
        if (activity.type === ActivityTypes.Typing) {
          responses.push({ id: '' });
          continue;
        }
        buffer.push({ conversationId, json });
        responses.push({ id: `pending-${buffer.length}` });
        continue;
      }
      const stored = await this.feed.append(conversationId, json);
      this.hub.notify(conversationId, [stored]);
      responses.push({ id: String(stored.id) });
    }
    return responses;
  }

  /** Not possible on a Direct Line feed. */
  async updateActivity(_context: TurnContext, _activity: Partial<Activity>): Promise<void> {
    throw new DirectLineNotSupportedError('Direct Line cannot update a sent activity');
  }

  /** Not possible on a Direct Line feed. */
  async deleteActivity(_context: TurnContext, _reference: Partial<ConversationReference>): Promise<void> {
    throw new DirectLineNotSupportedError('Direct Line cannot delete a sent activity');
  }

  /** Same as continueConversation; the identity/audience arguments mean nothing without Azure. */
  async continueConversationAsync(...args: unknown[]): Promise<void> {
    const logic = args[args.length - 1] as (context: TurnContext) => Promise<void>;
    const reference = args[1] as Partial<ConversationReference>;
    await this.continueConversation(reference, logic);
  }

  /**
   * Run one inbound activity through the middleware pipeline and `logic` (usually `bot.run`). `turnOf`: the feed id
   * of the stored citizen activity; once the turn ran, it is marked done together with the last replies (no extra
   * write), or on its own when every reply was already written.
   */
  async processActivity(
    activity: Partial<Activity>,
    logic: (context: TurnContext) => Promise<void>,
    turnOf?: string,
  ): Promise<void> {
    const context = new TurnContext(this, activity);
    const buffer: Buffered[] = [];
    context.turnState.set(TURN_BUFFER, buffer);
    context.turnState.set(FLUSH_REPLIES, () => this.flush(buffer));
    let ran = false;
    try {
      await this.runMiddleware(context, logic);
      ran = true;
    } finally {
      await this.flush(buffer, ran ? turnOf : undefined);
    }
  }

  /** Write the buffered replies now (idempotent: a second call writes only what was added since). */
  private async flush(buffer: Buffered[], turnOf?: string): Promise<void> {
    const byConversation = new Map<string, ActivityJson[]>();
    for (const b of buffer.splice(0))
      byConversation.set(b.conversationId, [...(byConversation.get(b.conversationId) ?? []), b.json]);
    const own = turnOf ? turnOf.slice(0, turnOf.lastIndexOf('|')) : undefined;
    for (const [conversationId, activities] of byConversation) {
      const marks = conversationId === own ? { turnOf } : {};
      this.hub.notify(conversationId, await this.feed.appendMany(conversationId, activities, marks));
    }
    if (turnOf && !byConversation.has(own ?? '')) await this.feed.markTurnDone(turnOf);
  }
}
