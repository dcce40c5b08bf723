/**
 * Proactive notifications to citizens: a registry of ProactiveChannels by channelId, and the localized message for a
 * status change (with a 1–5 rating request after `resolved`). A citizen who cannot be reached is recorded on the
 * record (`notifications.unreachable`) and not tried again.
 */
import type { FeedbackInbox } from '../feedback/inboxStore';
import type { FeedbackRepository } from '../feedback/repository';
import type { Translate } from '../i18n';
import {
  FEEDBACK_STATUSES,
  type FeedbackRecord,
  type FeedbackStatus,
  type Language,
  type StatusChange,
} from '../feedback/types';
import { notificationFailuresTotal } from '../ops/metrics';
import type { Logger } from '../log';
import { notifySupporters, type SupporterMessage } from './supporters';
import {
  RecipientUnreachableError,
  type OutboundAction,
  type OutboundMessage,
  type ProactiveChannel,
} from './types';

/** What the notifier stores on a record (beside FeedbackRecord's fields). */
export interface NotificationState {
  unreachable?: { at: Date; channelId: string; code: string };
  lastFailure?: { at: Date; channelId: string; code: string };
}

/** A record as the notifier reads it. */
export type NotifiableRecord = FeedbackRecord & { notifications?: NotificationState };

/** A status change to tell the citizen about; `noteLanguage` is the language the agency wrote the note in. */
export type StatusNotice = StatusChange & { noteLanguage?: Language };

/** What happened to a notification. */
export type NotifyOutcome =
  'sent' | 'unreachable' | 'already_unreachable' | 'no_channel' | 'failed' | 'not_notified';

/** Statuses the citizen is told about (`received` and `sent` are told at filing time by the dialog). */
export const NOTIFIED_STATUSES: readonly FeedbackStatus[] = FEEDBACK_STATUSES.filter(
  (s) => s !== 'received' && s !== 'sent',
);

/** What the notifier needs. */
export interface NotifierDeps {
  /** Notification marks; `inbox.followers` (optional) finds the citizens of merged duplicates. */
  feedback: Pick<FeedbackRepository, 'markNotification'> & { inbox?: Pick<FeedbackInbox, 'followers'> };
  t: Translate;
  /** The agency's display name in a language; the generic "The agency" when absent or unknown. */
  agencyName?: (agencyId: string, language: Language) => Promise<string | undefined>;
  logger?: Logger;
  /** The citizen's current language (they may have switched since filing); the record's language when unknown. */
  languageOf?: (record: FeedbackRecord) => Promise<Language | undefined>;
}

/** The suggested-action value the bot understands as a rating. */
export function ratingValue(reference: string, score: number): string {
  return `rate:${reference}:${score}`;
}

/** The localized message for a status change (pure; exported for tests and the staff preview). */
export function statusMessage(
  t: Translate,
  record: Pick<FeedbackRecord, '_id' | 'language'>,
  change: StatusNotice,
  agency: string | undefined,
): OutboundMessage {
  const lng = record.language;
  const agencyName = agency ?? t(lng, 'notifications:agencyFallback');
  const lines = [
    t(lng, `notifications:status.${change.status}`, { reference: record._id, agency: agencyName }),
  ];
  if (change.note) {
    lines.push(t(lng, 'notifications:note', { note: change.note }));
    if (change.noteLanguage && change.noteLanguage !== lng) {
      lines.push(
        t(lng, 'notifications:noteLanguage', {
          language: t(lng, `notifications:language.${change.noteLanguage}`),
        }),
      );
    }
  }
  if (change.status !== 'resolved') return { text: lines.join('\n') };
  lines.push(t(lng, 'notifications:rating.ask'));
  return { text: lines.join('\n\n'), suggestedActions: ratingActions(t, lng, record._id) };
}

/** The 1–5 rating buttons for a resolved record. */
export function ratingActions(t: Translate, lng: Language, reference: string): OutboundAction[] {
  return [1, 2, 3, 4, 5].map((n) => ({
    title: t(lng, 'notifications:rating.option', { n }),
    value: ratingValue(reference, n),
  }));
}

/** True when the citizen can still rate the record (resolved or closed, no rating yet). */
export function awaitsRating(record: Pick<FeedbackRecord, 'status' | 'rating'>): boolean {
  return (record.status === 'resolved' || record.status === 'closed') && !record.rating;
}

/** Sends status changes to citizens on the channel they used. */
export class Notifier {
  private readonly channels = new Map<string, ProactiveChannel>();

  constructor(private readonly deps: NotifierDeps) {}

  /** Make a channel available (the composition root registers every channel adapter). */
  register(channel: ProactiveChannel): void {
    this.channels.set(channel.channelId, channel);
  }

  /** The channel serving `channelId`, if registered. */
  channel(channelId: string): ProactiveChannel | undefined {
    return this.channels.get(channelId);
  }

  /**
   * Tell the citizen about a status change, in their language; then the citizens of duplicates merged into this
   * record and everyone who added their voice ("me too"), each on their own channel, in their language. Never throws.
   */
  async notifyStatusChange(record: NotifiableRecord, change: StatusNotice): Promise<NotifyOutcome> {
    if (!(NOTIFIED_STATUSES as readonly string[]).includes(change.status)) return 'not_notified';
    const outcome = await this.notifyOwn(record, change);
    await this.notifyFollowers(record, change);
    // Supporters get the status, not the note: staff write notes and replies to the filer (they may be personal).
    // Worded for the item's type (i18next context: `…_suggestion`; complaints use the plain keys).
    await this.toSupporters(record, (lng, agency) => ({
      text: this.deps.t(lng, `metoo:notify.status.${change.status}`, {
        reference: record._id,
        agency,
        context: record.type,
      }),
    }));
    return outcome;
  }

  /** Send to the supporters of `record` (services/notifications/supporters.ts). */
  private async toSupporters(record: NotifiableRecord, build: SupporterMessage): Promise<void> {
    if (!record.supporters?.length) return;
    await notifySupporters({ ...this.deps, channel: (id) => this.channels.get(id) }, record, build);
  }

  private async notifyOwn(record: NotifiableRecord, change: StatusNotice): Promise<NotifyOutcome> {
    if (record.notifications?.unreachable) return 'already_unreachable';
    const lng = await this.language(record);
    const agency = record.agencyId ? await this.deps.agencyName?.(record.agencyId, lng) : undefined;
    return this.deliver(record, () => {
      const msg = statusMessage(this.deps.t, { _id: record._id, language: lng }, change, agency);
      // Closed as a duplicate by a merge: say which record it now follows.
      if (change.status !== 'duplicate' || !record.mergedInto) return msg;
      return {
        ...msg,
        text: `${msg.text}\n${this.deps.t(lng, 'followers:merged', { original: record.mergedInto })}`,
      };
    });
  }

  /** The original's status change, told to each merged duplicate's citizen (no rating buttons: not theirs). */
  private async notifyFollowers(original: NotifiableRecord, change: StatusNotice): Promise<void> {
    if (!original.duplicates?.length || !this.deps.feedback.inbox) return;
    let followers: NotifiableRecord[];
    try {
      followers = await this.deps.feedback.inbox.followers(original);
    } catch {
      this.deps.logger?.warn('notify.followers_failed', { reference: original._id });
      return;
    }
    for (const f of followers) {
      if (f.notifications?.unreachable) continue;
      const lng = await this.language(f);
      const agency = original.agencyId ? await this.deps.agencyName?.(original.agencyId, lng) : undefined;
      await this.deliver(f, () => {
        const { text } = statusMessage(this.deps.t, { _id: original._id, language: lng }, change, agency);
        const head = this.deps.t(lng, 'followers:update', { original: original._id, reference: f._id });
        return {
          text: `${head}\n${change.status === 'resolved' ? text.split('\n\n').slice(0, -1).join('\n\n') : text}`,
        };
      });
    }
  }

  private async language(record: FeedbackRecord): Promise<Language> {
    try {
      return (await this.deps.languageOf?.(record)) ?? record.language;
    } catch {
      return record.language;
    }
  }

  /** The filing confirmation the turn that stored `record` never wrote ("received, reference …"). Never throws. */
  async notifyFiled(record: NotifiableRecord): Promise<NotifyOutcome> {
    if (record.notifications?.unreachable) return 'already_unreachable';
    const t = this.deps.t;
    const lng = await this.language(record);
    const agency = record.agencyId ? await this.deps.agencyName?.(record.agencyId, lng) : undefined;
    return this.deliver(record, () => ({
      text: [
        t(lng, 'notifications:lateConfirmation'),
        t(lng, `file.done.${record.type}`, { reference: record._id }),
        record.agencyId
          ? t(lng, 'file.done.sentTo', { agency: agency ?? t(lng, 'notifications:agencyFallback') })
          : t(lng, 'file.done.unrouted'),
        t(lng, 'file.done.keep'),
      ].join('\n'),
    }));
  }

  /** Give the citizen (and the item's supporters) a reply written by agency staff, on their channel. Never throws. */
  async notifyReply(record: NotifiableRecord, text: string): Promise<NotifyOutcome> {
    const outcome = await this.notifyFilerReply(record, text);
    await this.toSupporters(record, (lng, agency) => ({
      text: this.deps.t(lng, 'metoo:notify.reply', { agency, reference: record._id, context: record.type }),
    }));
    return outcome;
  }

  private async notifyFilerReply(record: NotifiableRecord, text: string): Promise<NotifyOutcome> {
    if (record.notifications?.unreachable) return 'already_unreachable';
    const lng = await this.language(record);
    const agency =
      (record.agencyId ? await this.deps.agencyName?.(record.agencyId, lng) : undefined) ??
      this.deps.t(lng, 'notifications:agencyFallback');
    // A reply after "resolved" must not take the rating buttons away: offer them again until the citizen rates.
    return this.deliver(record, () => ({
      text: this.deps.t(lng, 'notifications:reply', { agency, reference: record._id, text }),
      ...(awaitsRating(record) ? { suggestedActions: ratingActions(this.deps.t, lng, record._id) } : {}),
    }));
  }

  private async deliver(record: NotifiableRecord, build: () => OutboundMessage): Promise<NotifyOutcome> {
    const { logger } = this.deps;
    const channelId = record.channel?.channelId;
    const channel = channelId ? this.channels.get(channelId) : undefined;
    if (!channel) {
      notificationFailuresTotal.inc({ channel: channelId ?? 'none', outcome: 'no_channel' });
      logger?.warn('notify.no_channel', { reference: record._id, channelId });
      return 'no_channel';
    }
    try {
      await channel.send(record.channel.conversationReference, build());
      return 'sent';
    } catch (e) {
      const at = new Date();
      if (e instanceof RecipientUnreachableError) {
        notificationFailuresTotal.inc({ channel: channelId!, outcome: 'unreachable' });
        await this.record(record._id, 'unreachable', { at, channelId: channelId!, code: e.code });
        logger?.warn('notify.unreachable', { reference: record._id, channelId });
        return 'unreachable';
      }
      const code = (e as { code?: unknown })?.code;
      notificationFailuresTotal.inc({ channel: channelId!, outcome: 'failed' });
      await this.record(record._id, 'lastFailure', {
        at,
        channelId: channelId!,
        code: typeof code === 'string' ? code : 'SEND_FAILED',
      });
      logger?.warn('notify.failed', { reference: record._id, channelId, name: (e as Error)?.name });
      return 'failed';
    }
  }

  private async record(
    reference: string,
    field: keyof NotificationState,
    value: { at: Date; channelId: string; code: string },
  ): Promise<void> {
    try {
      await this.deps.feedback.markNotification(reference, field, value);
    } catch {
      this.deps.logger?.warn('notify.record_failed', { reference });
    }
  }
}
