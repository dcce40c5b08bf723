/** Test helper: a feedback record in the `feedback` collection's shape (delivered to DBKL unless `over` says otherwise). */
import { newReference } from '../../services/feedback/reference';
import type { FeedbackRecord } from '../../services/feedback/types';

/** A feedback record with sensible defaults; `over` wins. */
export function makeRecord(over: Partial<FeedbackRecord> = {}): FeedbackRecord {
  const now = over.createdAt ?? new Date();
  const agencyId = over.agencyId === undefined ? 'dbkl' : over.agencyId;
  return {
    _id: newReference(),
    type: 'complaint',
    category: 'drainage',
    text: 'Longkang tersumbat di Jalan Ampang',
    language: 'ms',
    location: { text: 'Jalan Ampang', postcode: '50450', place: 'Kuala Lumpur' },
    attachments: [],
    agencyId,
    routing: agencyId
      ? { state: 'routed', reason: 'category+postcode' }
      : { state: 'unrouted', reason: 'no agency covers it' },
    status: 'sent',
    statusHistory: [{ status: 'received', at: now }],
    channel: {
      channelId: 'telegram',
      conversationReference: { conversation: { id: 'secret-conversation' } },
    },
    citizenKey: 'citizen-key-hash',
    anonymous: false,
    consent: { contact: true, at: now },
    contact: { name: 'Aminah', phone: '+60123456789' },
    createdAt: now,
    updatedAt: now,
    delivery: {
      state: agencyId ? 'delivered' : 'unrouted',
      attempts: agencyId ? 1 : 0,
      nextAttemptAt: now,
      history: [],
    },
    ...over,
  };
}
