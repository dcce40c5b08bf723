/**
 * The base of Suara's own BotAdapters (Telegram, Direct Line, terminal): a proactive turn for a stored conversation
 * reference runs through the same middleware (transcripts, turn outcome) as a citizen's turn.
 */
import {
  type Activity,
  ActivityTypes,
  BotAdapter,
  type ConversationReference,
  TurnContext,
} from 'botbuilder';

/** A BotAdapter whose proactive turns run the installed middleware. */
export abstract class ProactiveAdapter extends BotAdapter {
  /** Run `logic` in a proactive turn for a stored conversation reference (middleware included). */
  async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const activity = TurnContext.applyConversationReference(
      { type: ActivityTypes.Event, name: 'continueConversation' },
      reference,
      true,
    ) as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }
}
