/**
 * Outgoing throughput within Telegram's limits, as a grammY API transformer: a sliding window (at most 30
 * messages in any second overall), a token bucket per chat (1 per second after a small burst, as Telegram
 * tolerates) and per-chat FIFO order. Only message-sending methods are throttled; chat actions, callback
 * answers and edits pass straight through.
 */
import type { Transformer } from 'grammy';

/** Limiter settings; the clock and sleep are injectable so tests run on virtual time. */
export interface ThrottleOptions {
  globalPerSecond: number;
  perChatPerSecond: number;
  /** Messages a chat may receive back-to-back before the 1/s pace applies. */
  perChatBurst: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** Defaults from Telegram's published limits. */
export const DEFAULT_THROTTLE: ThrottleOptions = {
  globalPerSecond: 30,
  perChatPerSecond: 1,
  perChatBurst: 3,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const THROTTLED = /^(send(?!ChatAction$)\w+|copyMessages?|forwardMessages?)$/;

/** A refilling token bucket. */
class Bucket {
  private tokens: number;
  private last: number;
  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }
  /** Milliseconds until a token is available (0: available now). */
  waitMs(now: number): number {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    return this.tokens >= 1 ? 0 : Math.ceil((1 - this.tokens) / this.perMs);
  }
  take(): void {
    this.tokens -= 1;
  }
  /** Full again: safe to forget. */
  idle(now: number): boolean {
    return this.waitMs(now) === 0 && this.tokens >= this.capacity;
  }
}

/** At most `max` events in any sliding window of `windowMs` (strict, unlike a bucket's burst). */
class SlidingWindow {
  private readonly times: number[] = [];
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}
  waitMs(now: number): number {
    while (this.times.length > 0 && this.times[0] <= now - this.windowMs) this.times.shift();
    return this.times.length < this.max ? 0 : this.times[0] + this.windowMs - now;
  }
  take(now: number): void {
    this.times.push(now);
  }
}

/** Create the throttling transformer (install it before auto-retry so retries are throttled too). */
export function createThrottle(options: Partial<ThrottleOptions> = {}): Transformer {
  const o = { ...DEFAULT_THROTTLE, ...options };
  const global = new SlidingWindow(o.globalPerSecond, 1000);
  const chats = new Map<string, Bucket>();
  const queues = new Map<string, Promise<unknown>>();

  const acquire = async (chat: string): Promise<void> => {
    for (;;) {
      const now = o.now();
      let bucket = chats.get(chat);
      if (!bucket) {
        if (chats.size > 10_000) for (const [k, b] of chats) if (b.idle(now)) chats.delete(k);
        bucket = new Bucket(o.perChatBurst, o.perChatPerSecond / 1000, now);
        chats.set(chat, bucket);
      }
      const wait = Math.max(bucket.waitMs(now), global.waitMs(now));
      if (wait === 0) {
        bucket.take();
        global.take(now);
        return;
      }
      await o.sleep(wait);
    }
  };

  return (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown } | undefined)?.chat_id;
    if (!THROTTLED.test(method) || (typeof chatId !== 'number' && typeof chatId !== 'string')) {
      return prev(method, payload, signal);
    }
    const chat = String(chatId);
    const before = queues.get(chat) ?? Promise.resolve();
    const mine = before
      .catch(() => undefined)
      .then(async () => {
        await acquire(chat);
        return prev(method, payload, signal);
      });
    queues.set(chat, mine);
    void mine
      .catch(() => undefined)
      .then(() => {
        if (queues.get(chat) === mine) queues.delete(chat);
      });
    return mine;
  };
}
