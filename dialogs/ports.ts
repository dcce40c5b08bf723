/**
 * The narrow interfaces dialogs use to reach services. The composition root passes implementations; tests pass
 * the real services on a test database. Dialogs never see MongoDB, HTTP or the channel.
 */
import type { CategoryId } from '../services/agencies/types';
import type { Filed, NewFeedback, StatusView } from '../services/feedback/service';
import type { FeedbackRecord, Language } from '../services/feedback/types';
import type { Localizer } from '../services/i18n';
import type { CitizenRef, CitizenSummary, ErasureReport } from '../services/privacy/types';
import type { RouteWhy } from '../services/routing/router';
import type { MeTooFound, MeTooQuery } from '../services/similar/meToo';
import type { AddSupporterResult } from '../services/feedback/supporters';
import type { CitizenChannel } from '../services/feedback/types';
import type { ConsultationPort } from './consultationDialog';

/** A ranked category guess. */
export interface CategoryGuess {
  category: CategoryId;
  confidence: number;
  alternatives: { category: CategoryId; confidence: number }[];
  lowConfidence: boolean;
}

/** Where a matter should go, and whether we still need to ask where it is. */
export interface RoutePlan {
  agencyId: string | null;
  /** The place: canonical name, the citizen's own words (`text`), its council (null: state only or ambiguous). */
  place: { name: string; text?: string; agencyId: string | null } | null;
  needsLocation: boolean;
  reason: string;
  /** Why it goes there (rule, place, how it was found); render with explainRoute. */
  why?: RouteWhy;
  /** Two or more councils fit the place: ask which one, with these as buttons. */
  choices?: { agencyId: string; label: string }[];
}

/** Classification and routing (services/routing). */
export interface RoutingPort {
  classify(text: string): CategoryGuess;
  route(input: {
    category: CategoryId;
    text?: string;
    locationText?: string;
    point?: { lat: number; lng: number };
    councilId?: string;
    defaultAgencyId?: string;
  }): RoutePlan;
  isLocalMatter(category: CategoryId): boolean;
  agencyName(agencyId: string, lang: Language): string;
}

/** Filing and reading feedback (services/feedback). */
export interface FeedbackPort {
  file(input: NewFeedback): Promise<Filed>;
  /** The citizen's conversation received the confirmation of `reference`. */
  confirmed(reference: string): Promise<void>;
  /** The status view; with `citizenKey`, whether that citizen may rate it (`canRate`). */
  status(reference: string, citizenKey?: string): Promise<StatusView | null>;
  citizenKey(channelId: string, userId: string): string;
  recent(citizenKey: string): Promise<FeedbackRecord[]>;
  rate(reference: string, citizenKey: string, score: number, comment?: string): Promise<boolean>;
}

/** A citizen's own data (PDPA 2010): what is held, a one-time download link, erasure (services/privacy). */
export interface PrivacyPort {
  summary(who: CitizenRef): Promise<CitizenSummary>;
  /** Null when there is no public address to link to (e.g. the terminal chat without a server). */
  exportLink(who: CitizenRef): Promise<{ url: string; expiresAt: Date; minutes: number } | null>;
  erase(who: CitizenRef): Promise<ErasureReport>;
}

/** "Me too" (services/similar/meToo): similar open complaints nearby, and adding a supporter to one. */
export interface MeTooPort {
  similar(q: MeTooQuery): Promise<MeTooFound>;
  addVoice(
    reference: string,
    supporter: { citizenKey: string; channel: CitizenChannel; language: Language },
  ): Promise<AddSupporterResult>;
  /** The filer and everyone who added their voice. */
  people(reference: string): Promise<number>;
}

/** Everything dialogs need. */
export interface DialogDeps {
  l10n: Localizer;
  routing: RoutingPort;
  feedback: FeedbackPort;
  consultations: ConsultationPort;
  privacy: PrivacyPort;
  /** Absent: no "me too" offer (filing goes straight on). */
  meToo?: MeTooPort;
}
