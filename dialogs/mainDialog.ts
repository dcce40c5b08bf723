/** Greeting and main menu; runs the chosen flow, then offers the menu again. */
import type { StatePropertyAccessor } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { FEEDBACK_TYPES, type FeedbackType } from '../services/feedback/types';
import { CONSULTATION_DIALOG, ConsultationDialog, type ConsultationOptions } from './consultationDialog';
import { FileFeedbackDialog, type FileFeedbackOptions, type FileFeedbackResult } from './fileFeedbackDialog';
import {
  ASK_PROMPT,
  FILE_FEEDBACK_DIALOG,
  LANGUAGE_DIALOG,
  MAIN_DIALOG,
  PRIVACY_DIALOG,
  STATUS_DIALOG,
} from './ids';
import { LanguageDialog, type UserProfile } from './languageDialog';
import type { DialogDeps } from './ports';
import { PrivacyDialog } from './privacyDialog';
import { AskPrompt, askOptions, type AskResult, type ChoiceSpec } from './prompts/askPrompt';
import { StatusDialog } from './statusDialog';
import { turnLanguage } from './turn';

/** How the menu is shown. */
export interface MainOptions {
  /** First contact: say welcome. */
  greet?: boolean;
  /** After a flow: "anything else?". */
  again?: boolean;
  /** A first message that already describes a problem: start a complaint with it. */
  text?: string;
  /** A deep link to one consultation: open it instead of showing the menu. */
  consultationId?: string;
}

const MENU: ChoiceSpec[] = [
  { id: 'complaint', labelKey: 'menu.complaint', synonyms: ['complain', 'aduan', 'adu', 'report', 'lapor'] },
  { id: 'suggestion', labelKey: 'menu.suggestion', synonyms: ['suggest', 'cadangan', 'cadang', 'idea'] },
  {
    id: 'compliment',
    labelKey: 'menu.compliment',
    synonyms: ['compliment', 'penghargaan', 'pujian', 'thanks'],
  },
  {
    id: 'question',
    labelKey: 'menu.question',
    synonyms: ['question', 'pertanyaan', 'tanya', 'soalan', 'ask'],
  },
  { id: 'status', labelKey: 'menu.status', synonyms: ['status', 'semak', 'check', 'semak status'] },
  {
    id: 'consultation',
    labelKey: 'consultation:menu',
    synonyms: ['consultation', 'rundingan', 'rundingan awam', 'e-penyertaan', 'survey', 'tinjauan'],
  },
  {
    id: 'privacy',
    labelKey: 'menu.privacy',
    synonyms: ['privacy', 'privasi', 'pdpa', 'data saya', 'my data'],
  },
  { id: 'language', labelKey: 'menu.language', synonyms: ['language', 'bahasa', 'tukar bahasa'] },
];

/** The root flow of every conversation. */
export class MainDialog extends ComponentDialog {
  private readonly l10n: DialogDeps['l10n'];

  constructor(deps: DialogDeps, profile: StatePropertyAccessor<UserProfile>) {
    super(MAIN_DIALOG);
    this.l10n = deps.l10n;
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(new FileFeedbackDialog(deps));
    this.addDialog(new StatusDialog(deps));
    this.addDialog(new ConsultationDialog(deps, deps.consultations));
    this.addDialog(new PrivacyDialog(deps));
    this.addDialog(new LanguageDialog(deps, profile));
    this.addDialog(
      new WaterfallDialog(`${MAIN_DIALOG}.steps`, [
        (s) => this.menu(s),
        (s) => this.dispatch(s),
        (s) => this.loop(s),
      ]),
    );
    this.initialDialogId = `${MAIN_DIALOG}.steps`;
  }

  private async menu(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = (step.options ?? {}) as MainOptions;
    if (o.greet) await step.context.sendActivity(this.l10n.t(turnLanguage(step.context), 'main.intro'));
    if (o.text) return step.next({ status: 'freeText', value: o.text } satisfies AskResult);
    if (o.consultationId) return step.next({ status: 'ok', value: 'consultation' } satisfies AskResult);
    const key = o.again ? 'main.again' : 'main.menu';
    return step.prompt(ASK_PROMPT, askOptions({ key, kind: 'choice', choices: MENU, allowFreeText: true }));
  }

  private async dispatch(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    if (r.status === 'freeText') {
      return step.beginDialog(FILE_FEEDBACK_DIALOG, {
        type: 'complaint',
        draft: { type: 'complaint', text: r.value },
      } satisfies FileFeedbackOptions);
    }
    if (r.status === 'gaveUp') {
      // The third answer we could not read: say so and show the menu again, never end in silence.
      await step.context.sendActivity(this.l10n.t(turnLanguage(step.context), 'gaveUp'));
      return step.replaceDialog(`${MAIN_DIALOG}.steps`, {} satisfies MainOptions);
    }
    if (r.status !== 'ok') return step.endDialog();
    const choice = r.value;
    if ((FEEDBACK_TYPES as readonly string[]).includes(choice)) {
      return step.beginDialog(FILE_FEEDBACK_DIALOG, {
        type: choice as FeedbackType,
      } satisfies FileFeedbackOptions);
    }
    if (choice === 'consultation') {
      const id = ((step.options ?? {}) as MainOptions).consultationId;
      return step.beginDialog(
        CONSULTATION_DIALOG,
        id ? ({ consultationId: id } satisfies ConsultationOptions) : {},
      );
    }
    if (choice === 'status') return step.beginDialog(STATUS_DIALOG);
    if (choice === 'privacy') return step.beginDialog(PRIVACY_DIALOG);
    return step.beginDialog(LANGUAGE_DIALOG);
  }

  private async loop(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as FileFeedbackResult | { erased?: boolean } | undefined;
    if (result && 'erased' in result && result.erased) return step.endDialog();
    // Restart the inner waterfall, not `main` itself: a `main` nested inside `main` cannot be found again when the
    // component is re-prompted or resumed after an interruption ("Can't find a dialog with an id of 'main'").
    return step.replaceDialog(`${MAIN_DIALOG}.steps`, { again: true } satisfies MainOptions);
  }
}
