/**
 * The one place "this item changed" is announced: status changes and replies (StatusService), assignments, notes and
 * merges (StaffActionService), and a citizen adding their voice ("me too"). Views kept elsewhere subscribe (the Teams
 * channel card); the composition root creates one and hands it to every announcer. A failing subscriber never stops
 * the others nor the change itself.
 */
import type { FeedbackChangeListener } from './statusService';

/** Fan-out of feedback changes to the subscribed views. */
export class FeedbackChanges implements FeedbackChangeListener {
  private readonly listeners = new Set<FeedbackChangeListener>();

  /** Follow every change from now on; returns the way to stop. */
  subscribe(listener: FeedbackChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tell every subscriber that the item changed (never throws). */
  feedbackChanged(reference: string): void {
    for (const l of this.listeners) {
      try {
        l.feedbackChanged(reference);
      } catch {
        // A view that cannot follow catches up on its own schedule (the card poster's periodic run).
      }
    }
  }
}
