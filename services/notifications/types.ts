/** Contracts between the notification service (services/) and channel adapters (bots/). No botbuilder here. */

/** A button the citizen can tap; `value` is what the bot receives as text when tapped. */
export interface OutboundAction {
  title: string;
  value: string;
}

/** A channel-neutral message sent to a citizen outside a turn (status change, staff reply, rating request). */
export interface OutboundMessage {
  text: string;
  /** The language `text` is written in; web chat sends it as the activity's locale (the widget follows it). */
  language?: 'en' | 'ms';
  suggestedActions?: OutboundAction[];
}

/**
 * A channel that can reach a citizen later, given the conversation reference stored with their feedback.
 * Implemented in bots/<channel>; registered with the notifier by the composition root.
 */
export interface ProactiveChannel {
  /** botbuilder channelId this channel serves, e.g. "telegram", "webchat", "terminal". */
  readonly channelId: string;
  /** Deliver now, or queue durably (web chat) until the citizen reconnects. */
  send(conversationReference: Record<string, unknown>, message: OutboundMessage): Promise<void>;
}

/** The citizen can no longer be reached on that channel (e.g. Telegram 403: bot blocked). Do not retry. */
export class RecipientUnreachableError extends Error {
  readonly code = 'RECIPIENT_UNREACHABLE';
  constructor(message: string) {
    super(message);
    this.name = 'RecipientUnreachableError';
  }
}
