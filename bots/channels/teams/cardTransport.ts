/**
 * Posting and updating a card in a Teams channel outside a turn (proactive), through botbuilder's CloudAdapter:
 * `continueConversationAsync` with the stored channel address, then the Bot Connector's `createConversation` (a new
 * post in the channel: the service answers with the thread id and the activity id) or `updateActivity` on the
 * stored activity id. Errors keep the connector's HTTP status (`statusCode`) so the poster can tell "Teams is down,
 * retry" from "refused for good".
 */
import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import type { Card } from './cards';
import type { PostedCard } from './cardQueue';
import type { ChannelAddress } from './channelLinks';

/** Posts and updates channel cards. */
export interface CardTransport {
  /** A new post in the channel; where it lives. */
  post(address: ChannelAddress, card: Card): Promise<Omit<PostedCard, 'language'>>;
  /** Replace the card of an existing post. */
  update(post: PostedCard, card: Card): Promise<void>;
}

/** The part of the Bot Connector client used here (botframework-connector's ConnectorClient). */
interface Connector {
  conversations: {
    createConversation(parameters: unknown): Promise<{ id?: string; activityId?: string }>;
  };
}

const attachment = (card: Card) => ({ type: 'message', attachments: [CardFactory.adaptiveCard(card)] });

/** The address of a conversation in a Teams channel (a channel's own, or one post's thread) for a proactive turn. */
function channelReference(
  serviceUrl: string,
  botId: string,
  conversationId: string,
  tenantId: string | undefined,
): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl,
    bot: { id: botId, name: 'Suara' },
    conversation: {
      id: conversationId,
      isGroup: true,
      conversationType: 'channel',
      ...(tenantId ? { tenantId } : {}),
    },
  } as Partial<ConversationReference>;
}

/** The CloudAdapter transport (`appId`: the bot's Microsoft App ID; empty for local tests). */
export function cloudCardTransport(adapter: CloudAdapter, appId: string): CardTransport {
  const inConversation = async <T>(
    ref: Partial<ConversationReference>,
    fn: (context: TurnContext) => Promise<T>,
  ): Promise<T> => {
    // The adapter's onTurnError would swallow a failure: keep it and throw it here, where the poster decides.
    let result: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    await adapter.continueConversationAsync(appId, ref, async (context) => {
      try {
        result = { ok: true, value: await fn(context) };
      } catch (error) {
        result = { ok: false, error };
      }
    });
    if (!result) throw new Error('the Teams adapter did not run the proactive turn');
    if (!result.ok) throw result.error;
    return result.value;
  };
  return {
    post: (address, card) => {
      const ref = channelReference(
        address.serviceUrl,
        address.botId,
        address.teamsChannelId,
        address.tenantId,
      );
      return inConversation(ref, async (context) => {
        const connector = context.turnState.get<Connector>(adapter.ConnectorClientKey);
        const created = await connector.conversations.createConversation({
          isGroup: true,
          bot: { id: address.botId, name: 'Suara' },
          channelData: { channel: { id: address.teamsChannelId } },
          activity: attachment(card),
          ...(address.tenantId ? { tenantId: address.tenantId } : {}),
        });
        if (!created.id || !created.activityId)
          throw Object.assign(new Error('Teams did not return the new post'), { statusCode: 502 });
        return {
          serviceUrl: address.serviceUrl,
          conversationId: created.id,
          activityId: created.activityId,
          botId: address.botId,
          ...(address.tenantId ? { tenantId: address.tenantId } : {}),
        };
      });
    },
    update: (post, card) => {
      const ref = channelReference(post.serviceUrl, post.botId, post.conversationId, post.tenantId);
      return inConversation(ref, async (context) => {
        await context.updateActivity({ ...attachment(card), id: post.activityId });
      });
    },
  };
}
