/** After a matter is resolved: store the citizen's 1–5 rating and an optional comment. */
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { ASK_PROMPT, RATING_DIALOG } from './ids';
import type { DialogDeps } from './ports';
import { AskPrompt, askOptions, type AskResult } from './prompts/askPrompt';
import { turnLanguage } from './turn';

/** Start options, from a tapped `rate:<REFERENCE>:<score>` button. */
export interface RatingOptions {
  reference: string;
  score: number;
}

/** Pattern of the rating buttons the notifier sends. */
export const RATE_PATTERN = /^rate:(SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}):([1-5])$/;

/** Records a rating, then asks for an optional comment. */
export class RatingDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(RATING_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(
      new WaterfallDialog(`${RATING_DIALOG}.steps`, [(s) => this.rate(s), (s) => this.comment(s)]),
    );
    this.initialDialogId = `${RATING_DIALOG}.steps`;
  }

  private citizen(step: WaterfallStepContext): string {
    const a = step.context.activity;
    return this.deps.feedback.citizenKey(a.channelId, a.from?.id ?? '');
  }

  private async rate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as RatingOptions;
    const lang = turnLanguage(step.context);
    const ok = await this.deps.feedback.rate(o.reference, this.citizen(step), o.score);
    if (!ok) {
      await step.context.sendActivity(
        this.deps.l10n.t(lang, 'rating.notAllowed', { reference: o.reference }),
      );
      return step.endDialog();
    }
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'rating.askComment',
        vars: { score: o.score },
        kind: 'text',
        min: 1,
        max: 1000,
        choices: [
          { id: 'skip', labelKey: 'common.skip', synonyms: ['skip', 'langkau', 'tiada', 'no', 'tak'] },
        ],
      }),
    );
  }

  private async comment(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as RatingOptions;
    const r = step.result as AskResult<string>;
    if (r.status === 'ok') await this.deps.feedback.rate(o.reference, this.citizen(step), o.score, r.value);
    await step.context.sendActivity(this.deps.l10n.t(turnLanguage(step.context), 'rating.thanks'));
    return step.endDialog();
  }
}
