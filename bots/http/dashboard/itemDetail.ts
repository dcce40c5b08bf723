/**
 * The item as the inbox shows it: the staff detail (through the StaffActionService, so it is scoped) plus the inbox
 * extras (officer, notes, names in history, photos, rating, route why, transcript, merge links), in the staff's
 * language (`?lang=en|ms`, else Accept-Language).
 */
import type { Request } from 'restify';
import type { Language } from '../../../services/feedback/types';
import type { FeedbackRepository } from '../../../services/feedback/repository';
import type { Actor, StaffActionService } from '../../../services/staff/actionService';
import type { StaffInbox } from '../../../services/staff/inbox';
import { ItemView, type ItemExtras } from '../../../services/staff/itemView';
import type { FeedbackDetail } from '../../../services/staff/feedbackView';
import { transcriptReader } from '../../../services/staff/transcripts';
import type { MongoTranscriptStore } from '../../../services/state/transcriptStore';
import type { Translate } from '../../../services/i18n';
import { languageOf } from './http';

/** The detail the inbox API answers with. */
export type InboxDetail = Omit<FeedbackDetail, 'statusHistory' | 'replies' | 'rating'> &
  ItemExtras & { statusHistory: { status: string; at: Date; note?: string; by: string }[] };

/** Reads an item for an actor in a language. */
export type ItemReader = (actor: Actor, reference: string, lang: Language) => Promise<InboxDetail>;

/** The staff's language for a request: `?lang=en|ms`, else the browser's preference. */
export function staffLanguage(req: Request): Language {
  const lang = new URL(req.url ?? '/', 'http://localhost').searchParams.get('lang');
  return lang === 'en' || lang === 'ms' ? lang : languageOf(req);
}

/** What the item reader needs. */
export interface ItemReaderDeps {
  actions: StaffActionService;
  inbox: StaffInbox;
  feedbackRepo: Pick<FeedbackRepository, 'inbox'>;
  transcripts: Pick<MongoTranscriptStore, 'getTranscriptActivities'>;
  agencyName(id: string, lang: Language): string;
  t: Translate;
}

/** Build the item reader. */
export function createItemReader(deps: ItemReaderDeps): ItemReader {
  const view = new ItemView({
    t: deps.t,
    namesOf: (ids) => deps.inbox.namesOf(ids),
    agencyName: deps.agencyName,
    transcript: transcriptReader(deps.transcripts),
    previousFiling: (r) => deps.feedbackRepo.inbox.previousFiling(r),
  });
  return async (actor, reference, lang) => {
    const record = await deps.actions.record(actor, reference);
    const detail = await deps.actions.detail(actor, reference);
    const extras = await view.extras(record, lang, deps.inbox.deadline(record));
    return {
      ...detail,
      ...extras,
      statusHistory: extras.history.map((h) => ({ ...h, by: h.by.name })),
    };
  };
}
