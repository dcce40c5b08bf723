/**
 * Real `applyStatus` / `sendReply` for dashboard tests, until the status service exports its own: status changes go
 * through the real StatusService (guarded atomic write + history); replies are pushed onto the record's `replies`.
 */
import type { Db } from 'mongodb';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackStatus } from '../../services/feedback/types';
import { StatusService } from '../../services/status/statusService';

/** A reply as stored on the record by `sendReply`. */
export interface StoredReply {
  text: string;
  at: Date;
  by: string;
}

/** Both dashboard actions over a real `feedback` collection. */
export function staffActions(db: Db) {
  const feedback = new FeedbackRepository(db);
  const status = new StatusService(feedback);
  return {
    /** Apply a status through the StatusService; throws `{code: 'NOT_FOUND'}` when the record is gone. */
    applyStatus: async (reference: string, s: FeedbackStatus, note: string | undefined, by: string) => {
      const r = await status.apply({ reference, status: s, by, ...(note ? { note } : {}) });
      if (!r.ok) throw Object.assign(new Error(r.code), { code: r.code });
    },
    /** Record a reply on the feedback record. */
    sendReply: async (reference: string, text: string, by: string) => {
      const at = new Date();
      const reply: StoredReply = { text, at, by };
      const r = await feedback.addReply(reference, reply);
      if (!r) throw Object.assign(new Error('NOT_FOUND'), { code: 'NOT_FOUND' });
    },
  };
}
