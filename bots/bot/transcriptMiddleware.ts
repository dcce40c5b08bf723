/**
 * Stores every inbound and outbound activity of a turn. Unlike botbuilder's TranscriptLoggerMiddleware, it also
 * stores the citizen's message when the turn throws (in a `finally`), and writes the whole turn in one batch
 * (one MongoDB round trip per turn instead of one per activity; the store shares it among turns ending together).
 */
import { ActivityTypes, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../../services/log';

/** Where transcripts go: the batch method of services/state/transcriptStore. */
export interface TranscriptSink {
  logActivities(activities: Record<string, unknown>[]): Promise<void>;
}

/** A shallow copy with a timestamp; the store serialises it (safely, whatever its keys or depth). */
function plain(activity: Partial<Activity>): Record<string, unknown> {
  return { ...activity, timestamp: activity.timestamp ?? new Date() } as Record<string, unknown>;
}

/** Middleware that logs the whole turn in one write, even when the turn fails. */
export class TurnTranscriptMiddleware implements Middleware {
  constructor(
    private readonly sink: TranscriptSink,
    private readonly log: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const inbound = context.activity;
    const batch: Record<string, unknown>[] = [plain({ ...inbound, from: { role: 'user', ...inbound.from } })];
    let flushed = false;
    context.onSendActivities(async (ctx, activities, sendNext) => {
      const responses = await sendNext();
      const late: Record<string, unknown>[] = [];
      const target = flushed ? late : batch;
      activities.forEach((a, i) => {
        if (a.type === ActivityTypes.Trace || a.type === ActivityTypes.Typing) return;
        target.push(
          plain({
            ...a,
            id: responses?.[i]?.id ?? a.id,
            from: { role: 'bot', ...(a.from ?? ctx.activity.recipient) },
            conversation: a.conversation ?? ctx.activity.conversation,
            channelId: a.channelId ?? ctx.activity.channelId,
          }),
        );
      });
      // Sent after the turn's batch was written (the error handler's apology): store it on its own.
      if (late.length > 0) await this.write(late, inbound.conversation?.id);
      return responses;
    });
    try {
      await next();
    } finally {
      flushed = true;
      await this.write(batch, inbound.conversation?.id);
    }
  }

  private async write(batch: Record<string, unknown>[], conversation: string | undefined): Promise<void> {
    try {
      await this.sink.logActivities(batch);
    } catch (err) {
      this.log.error('transcript write failed', {
        conversation,
        message: (err as Error).message.slice(0, 200),
      });
    }
  }
}
