/**
 * "When this turn's replies have really reached the conversation": dialogs register work here (e.g. marking a
 * filing confirmation as delivered); the shared pipeline (bots/bot/pipeline.ts) runs it after the turn succeeded and
 * the channel wrote its replies durably. Work registered in a turn that fails never runs.
 */
import type { TurnContext } from 'botbuilder';

/** turnState key of the registered callbacks. */
export const AFTER_REPLIES = Symbol.for('suara.afterRepliesDelivered');
/** turnState key a channel adapter that buffers replies sets to a function writing them now. */
export const FLUSH_REPLIES = Symbol.for('suara.flushReplies');

/** Run `work` once the replies of this turn are delivered (never if the turn fails). */
export function whenRepliesDelivered(context: TurnContext, work: () => Promise<unknown>): void {
  const list = (context.turnState.get(AFTER_REPLIES) as (() => Promise<unknown>)[] | undefined) ?? [];
  list.push(work);
  context.turnState.set(AFTER_REPLIES, list);
}
