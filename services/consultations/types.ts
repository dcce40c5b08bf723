/** Public consultations (e-participation): what an agency asks, and what a citizen answered. */
import type { Language } from '../feedback/types';

/** Text authored by an agency in both languages (consultation content is data, not UI chrome). */
export interface Bilingual {
  en: string;
  ms: string;
}

/** One option of a choice question. */
export interface ChoiceOption {
  id: string;
  label: Bilingual;
}

/** A single-choice question, shown as buttons. */
export interface ChoiceQuestion {
  id: string;
  kind: 'choice';
  text: Bilingual;
  required: boolean;
  options: ChoiceOption[];
}

/** A 1–5 scale question; `low`/`high` describe what 1 and 5 mean. */
export interface ScaleQuestion {
  id: string;
  kind: 'scale';
  text: Bilingual;
  required: boolean;
  low: Bilingual;
  high: Bilingual;
}

/** A free-text question (usually optional). */
export interface TextQuestion {
  id: string;
  kind: 'text';
  text: Bilingual;
  required: boolean;
  maxLength: number;
}

/** Any question. */
export type Question = ChoiceQuestion | ScaleQuestion | TextQuestion;

/** Kinds of question. */
export type QuestionKind = Question['kind'];

/** A consultation as stored and shown: open from `opensAt` (inclusive) to `closesAt` (exclusive). */
export interface Consultation {
  id: string;
  agencyId: string;
  title: Bilingual;
  summary: Bilingual;
  url?: string;
  opensAt: Date;
  closesAt: Date;
  questions: Question[];
}

/** Lowest and highest value of a scale question. */
export const SCALE_MIN = 1;
/** Highest value of a scale question. */
export const SCALE_MAX = 5;

/** One answer: a choice option id, a scale value, or free text. Skipped questions have no answer. */
export type Answer =
  | { questionId: string; kind: 'choice'; value: string }
  | { questionId: string; kind: 'scale'; value: number }
  | { questionId: string; kind: 'text'; value: string };

/** Where a participant can be reached later (told when the consultation closes): channel and conversation. */
export interface ResponseChannel {
  channelId: string;
  conversationReference: Record<string, unknown>;
}

/** What a citizen submits. Pseudonymous: a citizen key, never contact data. */
export interface NewConsultationResponse {
  consultationId: string;
  citizenKey: string;
  language: Language;
  answers: Answer[];
  submittedAt: Date;
  /** The conversation to tell the citizen in when the consultation closes (absent: not told). */
  channel?: ResponseChannel;
}

/** A citizen's stored answers to one consultation (what they see when they come back). */
export interface PreviousResponse {
  answers: Answer[];
  submittedAt: Date;
  revision: number;
}

/** One free-text answer, for staff (no citizen key, no channel). */
export interface TextAnswer {
  questionId: string;
  text: string;
  language: Language;
  submittedAt: Date;
}

/** One response as staff export it (no citizen key, no channel). */
export interface ExportedResponse {
  language: Language;
  answers: Answer[];
  submittedAt: Date;
  firstSubmittedAt: Date;
  revision: number;
}

/** What the citizen gets back. */
export interface SubmitReceipt {
  receipt: string;
  /** True when this replaced the citizen's earlier response to the same consultation. */
  replaced: boolean;
  submittedAt: Date;
  answered: number;
}

/** Counts for a choice question: every option (zero included), in the data's order. */
export interface ChoiceResult {
  questionId: string;
  kind: 'choice';
  answered: number;
  counts: Record<string, number>;
}

/** Distribution and mean (null when nobody answered) of a scale question. */
export interface ScaleResult {
  questionId: string;
  kind: 'scale';
  answered: number;
  counts: Record<string, number>;
  mean: number | null;
}

/** How many gave a free-text answer (the texts themselves are read by staff elsewhere). */
export interface TextResult {
  questionId: string;
  kind: 'text';
  answered: number;
}

/** Results of one consultation, for staff. */
export interface ConsultationResults {
  consultationId: string;
  responses: number;
  byLanguage: Record<Language, number>;
  questions: (ChoiceResult | ScaleResult | TextResult)[];
}
