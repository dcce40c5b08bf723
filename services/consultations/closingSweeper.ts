/**
 * When a consultation closes, everyone who took part is told — on the channel they answered on, in the language
 * they answered in — where to read the results. Durable and idempotent: each response carries its own notice state
 * (`ClosingNoticeStore`), leased atomically, so two processes sweeping at once tell each participant once.
 */
import type { Language } from '../feedback/types';
import type { Translate } from '../i18n';
import type { Logger } from '../log';
import { RecipientUnreachableError, type ProactiveChannel } from '../notifications/types';
import { PeriodicTask } from '../ops/periodic';
import type { ClosingRecipient } from './closingNoticeStore';
import type { ConsultationRepository } from './repository';
import type { Consultation } from './types';

const DAY_MS = 86_400_000;

/** What the sweeper needs. */
export interface ClosingSweeperDeps {
  consultations: Pick<ConsultationRepository, 'closedBetween' | 'closing'>;
  /** The registered proactive channels (the notifier). */
  channels: { channel(channelId: string): ProactiveChannel | undefined };
  t: Translate;
  /** The public results page of a consultation in a language. */
  resultsUrl(consultationId: string, lang: Language): string;
  log: Logger;
  /** Only consultations closed within this long are announced (default 30 days). */
  windowMs?: number;
  /** How long one process holds a participant while sending (default 60 s). */
  leaseMs?: number;
  /** A failed send is tried again after this long (default 10 minutes)… */
  retryMs?: number;
  /** …at most this many times in all (default 5), then given up as unreachable. */
  maxAttempts?: number;
  now?: () => Date;
}

/** The message a participant gets (pure; exported for tests). */
export function closingMessage(t: Translate, lang: Language, c: Consultation, url: string): string {
  return t(lang, 'consultation:closing.notice', { title: c.title, url });
}

/** Tells participants of closed consultations where the results are. */
export class ConsultationClosingSweeper {
  private readonly task = new PeriodicTask(() => this.sweepAll());

  constructor(private readonly d: ClosingSweeperDeps) {}

  /** Tell every participant still to be told now; returns how many were told. Never throws. */
  sweep(): Promise<number> {
    return this.task.run();
  }

  /** Sweep now and then every `intervalMs`. */
  start(intervalMs: number): void {
    this.task.start(intervalMs, { immediately: true });
  }

  /** Stop sweeping and wait for a running sweep. */
  stop(): Promise<void> {
    return this.task.stop();
  }

  private now(): Date {
    return (this.d.now ?? (() => new Date()))();
  }

  private async sweepAll(): Promise<number> {
    let told = 0;
    try {
      const now = this.now();
      const closed = await this.d.consultations.closedBetween(
        new Date(now.getTime() - (this.d.windowMs ?? 30 * DAY_MS)),
        now,
      );
      const byId = new Map(closed.map((c) => [c.id, c]));
      const ids = [...byId.keys()];
      const leaseMs = this.d.leaseMs ?? 60_000;
      for (let r = await this.d.consultations.closing.lease(ids, now, leaseMs); r;) {
        if (await this.tell(r, byId.get(r.consultationId)!)) told++;
        r = await this.d.consultations.closing.lease(ids, this.now(), leaseMs);
      }
    } catch (e) {
      this.d.log.warn('consultation.closing_sweep_failed', { name: (e as Error).name });
    }
    if (told) this.d.log.info('consultation.closing_told', { count: told });
    return told;
  }

  /** Send one participant's message and record the outcome; true when sent. */
  private async tell(r: ClosingRecipient, c: Consultation): Promise<boolean> {
    const store = this.d.consultations.closing;
    const channel = this.d.channels.channel(r.channel.channelId);
    try {
      if (!channel) throw new Error('channel not served by this process');
      const text = closingMessage(this.d.t, r.language, c, this.d.resultsUrl(c.id, r.language));
      await channel.send(r.channel.conversationReference, { text, language: r.language });
      await store.finish(r.id, 'sent');
      return true;
    } catch (e) {
      const giveUp = e instanceof RecipientUnreachableError || r.attempts >= (this.d.maxAttempts ?? 5);
      this.d.log.warn('consultation.closing_failed', {
        consultationId: c.id,
        channelId: r.channel.channelId,
        name: (e as Error).name,
        giveUp,
      });
      if (giveUp) await store.finish(r.id, 'unreachable');
      else await store.finish(r.id, 'retry', new Date(this.now().getTime() + (this.d.retryMs ?? 600_000)));
      return false;
    }
  }
}
