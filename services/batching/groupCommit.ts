/**
 * Group commit, the one batching rule of every per-turn MongoDB write and read (state, activity feed, transcripts):
 * callers submit one item each; while a round trip is in flight, the items submitted meanwhile wait and go together
 * in the next one. An idle store sends an item at once (no timer, no added delay); a busy one serves many turns
 * with one round trip. Each caller is told only its own item's outcome.
 */

/** The outcome of one item of a group: its value, or the error that concerns that item alone. */
export type Outcome<R> = { ok: true; value: R } | { ok: false; error: Error };

/** Shorthands for building outcomes. */
export const ok = <R>(value: R): Outcome<R> => ({ ok: true, value });
/** The error of one item. */
export const failed = <R>(error: Error): Outcome<R> => ({ ok: false, error });

/**
 * Each caller's outcome from one round trip that carried every caller's items, flattened in order: `decide` gets a
 * caller's items and the position of its first one in the flattened list (where write errors point).
 */
export function perCaller<T, R>(
  callers: T[][],
  decide: (items: T[], start: number) => Outcome<R>,
): Outcome<R>[] {
  let at = 0;
  return callers.map((items) => {
    const start = at;
    at += items.length;
    return decide(items, start);
  });
}

/** The per-item write errors of a failed batch write (the driver gives one error or a list), or none. */
export function writeErrorsOf(err: unknown): { index: number; code?: number; errmsg?: string }[] {
  const w = (err as { writeErrors?: unknown }).writeErrors as
    | { index: number; code?: number; errmsg?: string }
    | { index: number; code?: number; errmsg?: string }[]
    | undefined;
  return Array.isArray(w) ? w : w ? [w] : [];
}

/** How a group is formed. */
export interface GroupCommitOptions<I> {
  /** Whether `next` may join `taken` in one round trip (e.g. not when it writes a key already in the group). */
  fits?: (taken: readonly I[], next: I) => boolean;
  /** Most items in one round trip. */
  max?: number;
}

interface Waiting<I, R> {
  item: I;
  resolve: (value: R) => void;
  reject: (error: Error) => void;
}

/**
 * Runs `run` on groups of submitted items, one group at a time. `run` returns one outcome per item, in order; if it
 * throws, every item of its group fails with that error.
 */
export class GroupCommit<I, R> {
  private queue: Waiting<I, R>[] = [];
  private busy = false;

  constructor(
    private readonly run: (items: I[]) => Promise<Outcome<R>[]>,
    private readonly opts: GroupCommitOptions<I> = {},
  ) {}

  /** Submit one item; resolves with its value once the round trip that carried it is done. */
  submit(item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.busy) return;
      this.busy = true;
      // Items submitted in the same tick (turns whose awaits resolved together) share the first round trip too.
      queueMicrotask(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.take();
      let outcomes: Outcome<R>[];
      try {
        outcomes = await this.run(group.map((g) => g.item));
      } catch (err) {
        outcomes = group.map(() => failed<R>(err as Error));
      }
      group.forEach((g, i) => {
        const o = outcomes[i] ?? failed<R>(new Error('group commit: no outcome for this item'));
        if (o.ok) g.resolve(o.value);
        else g.reject(o.error);
      });
    }
    this.busy = false;
  }

  /** The next group: the longest run of waiting items, in arrival order, that fit together. */
  private take(): Waiting<I, R>[] {
    const max = this.opts.max ?? 1000;
    const items: I[] = [];
    let n = 0;
    while (n < this.queue.length && n < max) {
      const next = this.queue[n].item;
      if (n > 0 && this.opts.fits && !this.opts.fits(items, next)) break;
      items.push(next);
      n++;
    }
    return this.queue.splice(0, n);
  }
}
