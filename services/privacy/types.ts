/** What the PDPA service works with: who is asking, what Suara holds about them, and what erasure did. */
import type { FeedbackStatus, FeedbackType } from '../feedback/types';

/** The citizen as a chat turn knows them: channel, user, the conversation they are in and the message's id. */
export interface CitizenRef {
  channelId: string;
  userId: string;
  conversationId: string;
  /** The message asking (left in place by erasure: its turn is still running). */
  activityId?: string;
}

/** A resolved citizen: their pseudonymous key and every conversation of theirs Suara knows on that channel. */
export interface Citizen extends CitizenRef {
  citizenKey: string;
  conversationIds: string[];
}

/** How long each kind of data is kept (days; null: until erased or no longer needed by the agency). */
export interface Retention {
  transcriptDays: number;
  webChatDays: number;
  telegramButtonDays: number;
  exportLinkMinutes: number;
}

/** One item as the chat summary shows it (no free text). */
export interface ItemLine {
  reference: string;
  type: FeedbackType;
  status: FeedbackStatus;
  createdAt: Date;
}

/** What the chat shows under "my data". */
export interface CitizenSummary {
  items: ItemLine[];
  /** Contact details as given on items, masked, without repeats. */
  contacts: { name?: string; phone?: string; email?: string }[];
  consultations: { consultationId: string; title?: { en: string; ms: string }; answers: number; at: Date }[];
  supported: { reference: string; status: FeedbackStatus }[];
  conversations: number;
  messages: number;
  photos: number;
  retention: Retention;
}

/** What erasure did and what it kept (and why). */
export interface ErasureReport {
  /** The citizen's own items, now anonymised; `open`: the agency still has to answer. */
  items: { reference: string; open: boolean; deliveredToAgency: boolean }[];
  supportersRemoved: number;
  consultationAnswers: number;
  transcriptMessages: number;
  webChatMessages: number;
  photos: number;
  otherRecords: number;
  /** The citizen filed photos on Telegram: those copies are Telegram's (the chat can delete them). */
  telegramPhotos: boolean;
  retention: Retention;
}
