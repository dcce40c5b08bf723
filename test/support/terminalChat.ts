/** A citizen on the terminal channel for tests: the real adapter and pipeline, the bot's messages captured per step. */
import type { Activity, TurnContext } from 'botbuilder';
import { configureAdapter } from '../../bots/bot/pipeline';
import { TerminalAdapter } from '../../bots/channels/terminal/terminalAdapter';
import type { Core } from '../../bots/compose/core';

/** What the bot sent in one step: the texts of its messages and the titles of the last suggested actions. */
export interface TerminalReplies {
  texts: string[];
  buttons: string[];
}

/** A terminal conversation: open it, then type. */
export interface TerminalChat {
  open(): Promise<TerminalReplies>;
  say(text: string): Promise<TerminalReplies>;
}

/**
 * Citizen `userId` on the terminal in `locale`; `prepare` may set up each turn's activity before the bot runs (e.g.
 * the site context a deep link gives).
 */
export function terminalChat(
  core: Core,
  locale: string,
  userId: string,
  prepare: (ctx: TurnContext) => void = () => {},
): TerminalChat {
  let out: Partial<Activity>[] = [];
  const adapter = new TerminalAdapter({ print: () => {}, locale, userId });
  configureAdapter(adapter, core.pipeline);
  // Capture the activities the terminal prints (its own numbered rendering is a view of the same actions).
  adapter.use(async (ctx, next) => {
    ctx.onSendActivities(async (_c, activities, send) => {
      out.push(...activities.filter((a) => a.type === 'message'));
      return send();
    });
    await next();
  });
  const logic = (ctx: TurnContext) => {
    prepare(ctx);
    return core.bot.run(ctx);
  };
  const take = (): TerminalReplies => {
    const replies = out;
    out = [];
    const last = replies.filter((r) => (r.suggestedActions?.actions ?? []).length > 0).at(-1);
    return {
      texts: replies.map((r) => r.text ?? ''),
      buttons: (last?.suggestedActions?.actions ?? []).map((a) => String(a.title)),
    };
  };
  return {
    open: async () => (await adapter.start(logic), take()),
    say: async (text) => (await adapter.receive(text, logic), take()),
  };
}
