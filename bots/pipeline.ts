/**
 * What every channel adapter shares: every activity in both directions goes to the transcript store (so nothing a
 * citizen typed is lost, even when the turn fails), and a failed turn gets a localized apology, not silence.
 */
import type { BotAdapter, TurnContext } from 'botbuilder';
import { TurnTranscriptMiddleware, type TranscriptSink } from './transcriptMiddleware';
import type { Localizer } from '../services/i18n';
import { StateConflictError } from '../services/state/mongoStateStore';
import { decidedLanguage, turnLanguage } from '../dialogs/turn';
import type { Logger } from '../services/log';

/** Dependencies of the shared turn pipeline. */
export interface PipelineDeps {
  transcripts: TranscriptSink;
  l10n: Localizer;
  log: Logger;
}

/** Add transcript logging and the error handler to a channel adapter. Every adapter must call this. */
export function configureAdapter(adapter: BotAdapter, deps: PipelineDeps): void {
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
