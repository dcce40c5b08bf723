/**
 * ProactiveChannel for Telegram: a status update, staff reply or rating request sent to the chat named by the
 * conversation reference stored with the feedback record. Runs as a proactive turn (so the transcript middleware
 * records it) and renders buttons exactly like in-turn messages. Telegram 403 / "chat not found" become
 * RecipientUnreachableError, which the notifier records and never retries.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import { z } from 'zod';
import {
  type OutboundMessage,
  type ProactiveChannel,
  RecipientUnreachableError,
} from '../../../services/notifications/types';
import type { TelegramAdapter } from './adapter';
import { isRecipientUnreachable } from './errors';
import { TELEGRAM_CHANNEL_ID } from './inbound';

const referenceSchema = z
  .object({ conversation: z.object({ id: z.string().regex(/^-?\d{1,20}$/) }).passthrough() })
  .passthrough();

/** Sends notifications to Telegram chats. */
export class TelegramProactiveChannel implements ProactiveChannel {
  readonly channelId = TELEGRAM_CHANNEL_ID;

  constructor(private readonly adapter: TelegramAdapter) {}

  /** Send `message` (with its buttons) to the chat of `conversationReference`. */
  async send(conversationReference: Record<string, unknown>, message: OutboundMessage): Promise<void> {
    const ref = referenceSchema.safeParse(conversationReference);
    if (!ref.success) throw new RecipientUnreachableError('Not a Telegram conversation reference');
    const activity: Partial<Activity> = {
      type: 'message',
      text: message.text,
      ...(message.suggestedActions?.length
        ? {
            suggestedActions: {
              to: [],
              actions: message.suggestedActions.map((a) => ({
                type: 'imBack',
                title: a.title,
                value: a.value,
              })),
            },
          }
        : {}),
    };
    try {
      await this.adapter.continueConversation(
        { ...(ref.data as unknown as Partial<ConversationReference>), channelId: TELEGRAM_CHANNEL_ID },
        async (context) => {
          await context.sendActivity(activity);
        },
      );
    } catch (err) {
      if (isRecipientUnreachable(err)) {
        throw new RecipientUnreachableError('Telegram chat unreachable (bot blocked or chat gone)');
      }
      throw err;
    }
  }
}
