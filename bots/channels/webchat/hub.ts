/**
 * In-process signal "conversation X has new activities", carrying the activities just stored, so open streams send
 * them at once without reading the feed back.
 */
import { EventEmitter } from 'node:events';
import type { ActivityJson } from '../../../services/directline/activities';

/** Notifies listeners of a conversation when its feed grows (other processes are caught by stream polling). */
export class FeedHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Signal that `conversationId` has new activities: `stored`, consecutive, as stored (with their ids). */
  notify(conversationId: string, stored: ActivityJson[] = []): void {
    this.emitter.emit(conversationId, stored);
  }

  /** Listen for new activities of one conversation; returns the unsubscribe function. */
  subscribe(conversationId: string, listener: (stored: ActivityJson[]) => void): () => void {
    this.emitter.on(conversationId, listener);
    return () => this.emitter.off(conversationId, listener);
  }
}

/** Runs tasks one after another per key (turns of one conversation never overlap in this process). */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Run `task` after every earlier task with the same key has settled. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Wait for every queued task to settle. */
  async drain(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
