/**
 * Keeps every linked body's Teams channel showing its items: finds new items of linked bodies (from the feedback
 * records themselves, so nothing filed is missed, whichever process filed it), queues their cards durably
 * (`teamsCards`), posts them, and updates a posted card when its item changes (status, reply, assignment — told
 * through `feedbackChanged`). Runs beside filing, never in its path: Teams being down only delays cards; each is
 * retried with backoff until Teams takes it, and a lease keeps two servers from posting the same card.
 */
import { randomUUID } from 'node:crypto';
import { backoffDelay, type BackoffOptions } from '../../../services/delivery/backoff';
import type { Language } from '../../../services/feedback/types';
import { silentLogger, type Logger } from '../../../services/log';
import type { Card } from './cards';
import type { TeamsCardDoc, TeamsCardQueue } from './cardQueue';
import type { CardTransport } from './cardTransport';
import type { TeamsChannelLinks } from './channelLinks';

/** A new item of a body, as discovery needs it. */
export interface NewItem {
  reference: string;
  createdAt: Date;
}

/** What the poster needs. */
export interface CardPosterDeps {
  cards: TeamsCardQueue;
  links: Pick<TeamsChannelLinks, 'forAgency' | 'all'>;
  transport: CardTransport;
  /** The item's card as its body's channel shows it; null when that body cannot see the item any more. */
  render(agencyId: string, reference: string, language: Language): Promise<Card | null>;
  /** A body's items, newest first, one page (1-based); empty past the end. */
  newest(agencyId: string, page: number): Promise<NewItem[]>;
  log?: Logger;
  backoff?: BackoffOptions;
  leaseMs?: number;
}

/** Pages of a body's newest items looked at per discovery (a burst larger than this waits for the next run). */
const MAX_PAGES = 5;
/** Cards handled per run (the rest in the next run). */
const MAX_PER_RUN = 200;

/** 4xx answers worth retrying: our credentials (fixed by configuration), a timeout, throttling. */
const RETRY_4XX = new Set([401, 408, 429]);

/** True for a connector answer that will not get better by retrying (a 4xx such as 403: the bot left the team). */
export function refusedForGood(error: unknown): boolean {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 && !RETRY_4XX.has(status);
}

/** The channel-card worker. */
export class TeamsCardPoster {
  private readonly owner = `teams-${randomUUID()}`;
  private readonly log: Logger;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: CardPosterDeps) {
    this.log = deps.log ?? silentLogger;
  }

  /** Queue the cards of items filed for linked bodies since each was linked. Returns how many were queued. */
  async discover(): Promise<number> {
    let queued = 0;
    for (const link of await this.deps.links.all()) {
      for (let page = 1; page <= MAX_PAGES; page++) {
        const items = await this.deps.newest(link._id, page);
        const fresh = items.filter((i) => i.createdAt >= link.linkedAt);
        const known = await this.deps.cards.known(fresh.map((i) => i.reference));
        for (const i of fresh.filter((f) => !known.has(f.reference))) {
          if (await this.deps.cards.enqueue(i.reference, link._id)) queued++;
        }
        // Older than the link, or all queued already: the rest of the list was seen before.
        if (!items.length || fresh.length < items.length || known.size === fresh.length) break;
      }
    }
    return queued;
  }

  /**
   * Post or update every due card (up to a limit per run). Returns how many Teams took. Stops at the first failure
   * worth retrying: Teams is down, and the other cards wait for the next run instead of each waiting for a timeout.
   */
  async deliverDue(): Promise<number> {
    let shown = 0;
    for (let i = 0; i < MAX_PER_RUN; i++) {
      const doc = await this.deps.cards.claim(this.owner, this.deps.leaseMs ?? 60_000);
      if (!doc) break;
      const outcome = await this.deliver(doc);
      if (outcome === 'retry') break;
      if (outcome === 'shown') shown++;
    }
    return shown;
  }

  /** Post (new) or update (changed) one leased card. */
  private async deliver(doc: TeamsCardDoc): Promise<'shown' | 'dropped' | 'retry'> {
    const link = doc.post ? null : await this.deps.links.forAgency(doc.agencyId);
    if (!doc.post && !link) {
      await this.deps.cards.failed(doc, this.owner, { error: 'no channel linked', state: 'skipped' });
      return 'dropped';
    }
    const language = doc.post?.language ?? link!.language;
    try {
      const card = await this.deps.render(doc.agencyId, doc._id, language);
      if (!card) {
        await this.deps.cards.failed(doc, this.owner, { error: 'not visible to the body' });
        return 'dropped';
      }
      if (doc.post) await this.deps.transport.update(doc.post, card);
      const post = doc.post ?? { ...(await this.deps.transport.post(link!.address, card)), language };
      await this.deps.cards.shown(doc, this.owner, doc.version, post);
      this.log.info(doc.post ? 'teams card updated' : 'teams card posted', { reference: doc._id });
      return 'shown';
    } catch (e) {
      const code = (e as { statusCode?: number }).statusCode ?? (e as Error).name;
      this.log.warn('teams card not delivered', { reference: doc._id, code, attempts: doc.attempts + 1 });
      const wait = backoffDelay(doc.attempts + 1, this.deps.backoff ?? { baseMs: 5_000, maxMs: 600_000 });
      const retry = !refusedForGood(e);
      await this.deps.cards.failed(doc, this.owner, {
        error: String(code),
        ...(retry ? { retryAt: new Date(Date.now() + wait) } : {}),
      });
      return retry ? 'retry' : 'dropped';
    }
  }

  /** Discover, then deliver; one run at a time (a call during a run schedules one more run). */
  runOnce(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.discover().catch((e: Error) => this.log.warn('teams discovery failed', { name: e.name }));
        await this.deliverDue().catch((e: Error) => this.log.warn('teams cards failed', { name: e.name }));
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The item changed (from any surface): draw its card again soon. Never throws. */
  feedbackChanged(reference: string): void {
    const done = this.deps.cards
      .changed(reference)
      .then((has) => (has ? this.runOnce() : undefined))
      .catch((e: Error) => this.log.warn('teams card change not queued', { reference, name: e.name }))
      .finally(() => this.pending.delete(done));
    this.pending.add(done);
  }

  /** Wait until every change told so far is queued and the run it started has finished. */
  async settled(): Promise<void> {
    while (this.pending.size || this.running) {
      await Promise.all([...this.pending, this.running]);
    }
  }

  /** Run every `ms` (unref'd). */
  start(ms: number): void {
    this.timer ??= setInterval(() => void this.runOnce(), ms);
    this.timer.unref();
  }

  /** Stop the timer and wait for the current run. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.settled();
  }
}
