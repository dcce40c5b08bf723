/**
 * Telling the supporters of an item ("me too") about its updates: each on their own channel, in their language
 * (their current one when the bot knows it), with wording for someone who added their voice, never the rating
 * buttons (only the filer rates). Best effort: a supporter who cannot be reached is logged and skipped; the
 * record's own notification state (the filer's) is never touched.
 */
import type { Translate } from '../i18n';
import type { Logger } from '../log';
import type { FeedbackRecord, FeedbackSupporter, Language } from '../feedback/types';
import { notificationFailuresTotal } from '../ops/metrics';
import type { OutboundMessage, ProactiveChannel } from './types';

/** What sending to supporters needs (the notifier passes its own parts). */
export interface SupporterNoticeDeps {
  channel(channelId: string): ProactiveChannel | undefined;
  t: Translate;
  agencyName?: (agencyId: string, language: Language) => Promise<string | undefined>;
  languageOf?: (record: FeedbackRecord) => Promise<Language | undefined>;
  logger?: Logger;
}

/** A supporter's message, built in their language with the agency's name in it. */
export type SupporterMessage = (lng: Language, agency: string) => OutboundMessage;

async function languageOf(
  deps: SupporterNoticeDeps,
  record: FeedbackRecord,
  s: FeedbackSupporter,
): Promise<Language> {
  try {
    return (await deps.languageOf?.({ ...record, channel: s.channel, language: s.language })) ?? s.language;
  } catch {
    return s.language;
  }
}

/** Send `build` to every supporter of `record`; returns how many were sent. Never throws. */
export async function notifySupporters(
  deps: SupporterNoticeDeps,
  record: FeedbackRecord,
  build: SupporterMessage,
): Promise<number> {
  let sent = 0;
  for (const s of record.supporters ?? []) {
    const channel = deps.channel(s.channel?.channelId);
    if (!channel) continue;
    try {
      const lng = await languageOf(deps, record, s);
      const agency =
        (record.agencyId ? await deps.agencyName?.(record.agencyId, lng) : undefined) ??
        deps.t(lng, 'notifications:agencyFallback');
      await channel.send(s.channel.conversationReference, { ...build(lng, agency), language: lng });
      sent++;
    } catch (e) {
      notificationFailuresTotal.inc({ channel: s.channel.channelId, outcome: 'supporter_failed' });
      deps.logger?.warn('notify.supporter_failed', { reference: record._id, name: (e as Error)?.name });
    }
  }
  return sent;
}
