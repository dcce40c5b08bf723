/** Test helper: the real bot with real dialogs on a real (test) database, and a citizen who talks to it. */
import { ActivityTypes, TestAdapter, type Activity, type ActivityHandler } from 'botbuilder';
import type { Db } from 'mongodb';
import { buildCore, type Core, type CoreOptions } from '../../bots/compose/core';
import { configureAdapter, type PipelineDeps } from '../../bots/bot/pipeline';

/** The real bot on a test database. */
export async function createTestBot(
  db: Db,
  opts: CoreOptions = {},
): Promise<{ bot: ActivityHandler; pipeline: PipelineDeps; core: Core }> {
  const core = await buildCore(db, opts);
  return { bot: core.bot, pipeline: core.pipeline, core };
}

/** A citizen chatting with the bot through botbuilder's TestAdapter, with the production pipeline. */
export class TestCitizen {
  readonly adapter: TestAdapter;
  readonly conversationId: string;
  private readonly base: Partial<Activity>;

  constructor(
    private readonly bot: ActivityHandler,
    pipeline: PipelineDeps,
    opts: { conversationId?: string; userId?: string; locale?: string; channelId?: string } = {},
  ) {
    this.conversationId = opts.conversationId ?? `conv-${Math.random().toString(36).slice(2)}`;
    this.base = {
      channelId: opts.channelId ?? 'test',
      serviceUrl: 'https://test.local',
      conversation: { id: this.conversationId } as Activity['conversation'],
      from: { id: opts.userId ?? `citizen-${Math.random().toString(36).slice(2)}`, name: 'Citizen' },
      recipient: { id: 'suara', name: 'Suara' },
      locale: opts.locale ?? 'en-US',
    };
    this.adapter = new TestAdapter(async (context) => this.bot.run(context), this.base as never);
    configureAdapter(this.adapter, pipeline);
  }

  private drain(): Partial<Activity>[] {
    return this.adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message);
  }

  /** Send a message (text or a partial activity) and return the bot's replies. */
  async say(input: string | Partial<Activity>): Promise<Partial<Activity>[]> {
    const activity = {
      ...this.base,
      type: ActivityTypes.Message,
      ...(typeof input === 'string' ? { text: input } : input),
    };
    await this.adapter.receiveActivity(activity as Activity);
    return this.drain();
  }

  /** Open the conversation (the bot greets). */
  async open(): Promise<Partial<Activity>[]> {
    await this.adapter.receiveActivity({
      ...this.base,
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [this.base.from!],
    } as Activity);
    return this.drain();
  }

  /** Text of replies, joined. */
  static text(replies: Partial<Activity>[]): string {
    return replies.map((r) => r.text ?? '').join('\n');
  }

  /** Button titles of the last reply that had any. */
  static buttons(replies: Partial<Activity>[]): string[] {
    const withButtons = replies.filter((r) => (r.suggestedActions?.actions ?? []).length > 0);
    return (withButtons.at(-1)?.suggestedActions?.actions ?? []).map((a) => String(a.title));
  }
}
