/**
 * What every channel adapter shares: every activity in both directions goes to the transcript store (so nothing a
 * citizen typed is lost, even when the turn fails), and a failed turn gets a localized apology, not silence.
 */
import type { BotAdapter, Middleware, TurnContext } from 'botbuilder';
import { AFTER_REPLIES, FLUSH_REPLIES } from '../../dialogs/afterReplies';
import { turnSeconds, turnsTotal } from '../../services/ops/metrics';
import { TurnTranscriptMiddleware, type TranscriptSink } from './transcriptMiddleware';
import type { Localizer } from '../../services/i18n';
import { StateConflictError } from '../../services/state/mongoStateStore';
import { decidedLanguage, turnLanguage } from '../../dialogs/turn';
import type { Logger } from '../../services/log';

/** Dependencies of the shared turn pipeline. */
export interface PipelineDeps {
  transcripts: TranscriptSink;
  l10n: Localizer;
  log: Logger;
}

/** Add transcript logging and the error handler to a channel adapter. Every adapter must call this. */
export function configureAdapter(adapter: BotAdapter, deps: PipelineDeps): void {
  adapter.use(new TurnOutcomeMiddleware(deps.log));
  adapter.use(new TurnTranscriptMiddleware(deps.transcripts, deps.log));
  // Every message carries the conversation's current language as its locale, so channels render their own words
  // (Telegram's "share location" button, the widget's labels) in the language the citizen chose, not the one the
  // client first reported.
  adapter.use(async (context, next) => {
    context.onSendActivities(async (ctx, activities, send) => {
      const lang = decidedLanguage(ctx);
      if (lang)
        for (const a of activities) if (a.type === 'message') a.locale = lang === 'ms' ? 'ms-MY' : 'en-MY';
      return send();
    });
    await next();
  });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const conflict = error instanceof StateConflictError;
    deps.log.error('turn failed', {
      channel: context.activity.channelId,
      conversation: context.activity.conversation?.id,
      code: (error as { code?: string }).code ?? error.name,
      message: conflict ? error.message : error.message.slice(0, 300),
    });
    try {
      await context.sendActivity(
        deps.l10n.t(turnLanguage(context), conflict ? 'errors.conflict' : 'errors.turn'),
      );
    } catch (sendError) {
      deps.log.error('could not send the apology', { message: (sendError as Error).message });
    }
  };
}

/**
 * Outermost middleware: counts and times turns by channel (Prometheus), and once a turn succeeded, makes the
 * channel write its buffered replies and then runs the work dialogs registered with whenRepliesDelivered.
 */
export class TurnOutcomeMiddleware implements Middleware {
  constructor(private readonly log: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const channel = context.activity.channelId ?? 'unknown';
    const stop = turnSeconds.startTimer({ channel });
    try {
      await next();
    } catch (err) {
      turnsTotal.inc({ channel, result: 'error' });
      stop();
      throw err;
    }
    turnsTotal.inc({ channel, result: 'ok' });
    stop();
    const after = context.turnState.get(AFTER_REPLIES) as (() => Promise<unknown>)[] | undefined;
    if (!after?.length) return;
    const flush = context.turnState.get(FLUSH_REPLIES) as (() => Promise<void>) | undefined;
    if (flush) await flush();
    for (const work of after) {
      await work().catch((e: Error) => this.log.warn('after-replies work failed', { name: e.name }));
    }
  }
}
