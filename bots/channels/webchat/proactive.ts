/** ProactiveChannel for web chat: appends the message to the conversation's durable feed (delivered on reconnect). */
import type { ConversationReference } from 'botbuilder';
import type { ConversationsRepository } from '../../../services/directline/conversations';
import {
  type OutboundMessage,
  type ProactiveChannel,
  RecipientUnreachableError,
} from '../../../services/notifications/types';
import { type DirectLineAdapter, LOCALE_TAGS, WEBCHAT_CHANNEL_ID } from './directLineAdapter';
import { BOT_ACCOUNT } from './service';

/** Sends status updates, staff replies and rating requests to web chat citizens. */
export class WebChatProactiveChannel implements ProactiveChannel {
  readonly channelId = WEBCHAT_CHANNEL_ID;

  constructor(
    private readonly adapter: DirectLineAdapter,
    private readonly conversations: ConversationsRepository,
  ) {}

  /** Queue `message` in the conversation's feed; RecipientUnreachableError when the conversation is gone. */
  async send(conversationReference: Record<string, unknown>, message: OutboundMessage): Promise<void> {
    // The stored reference's locale is the one the widget posted when the record was filed: stale by now.
    const { locale: _stale, ...ref } = conversationReference as Partial<ConversationReference>;
    const conversationId = ref.conversation?.id;
    const conversation = conversationId ? await this.conversations.get(conversationId) : null;
    if (!conversation) throw new RecipientUnreachableError('The web chat conversation no longer exists');
    const reference: Partial<ConversationReference> = {
      ...ref,
      channelId: WEBCHAT_CHANNEL_ID,
      bot: ref.bot ?? { ...BOT_ACCOUNT },
      user: ref.user ?? { id: conversation.userId, name: '', role: 'user' },
    };
    const actions = (message.suggestedActions ?? []).map((a) => ({
      type: 'imBack',
      title: a.title,
      value: a.value,
    }));
    await this.adapter.continueConversation(reference, async (context) => {
      await context.sendActivity({
        type: 'message',
        text: message.text,
        ...(message.language ? { locale: LOCALE_TAGS[message.language] } : {}),
        ...(actions.length > 0 ? { suggestedActions: { to: [], actions } } : {}),
      });
    });
  }
}
