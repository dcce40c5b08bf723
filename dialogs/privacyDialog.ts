/** Privacy (PDPA 2010): what we keep and why, and erasing the citizen's data on request. */
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { ASK_PROMPT, PRIVACY_DIALOG } from './ids';
import type { DialogDeps } from './ports';
import { AskPrompt, askOptions, type AskResult } from './prompts/askPrompt';
import { message, turnLanguage } from './turn';

/** Explains the privacy notice and offers erasure, with a confirmation. */
export class PrivacyDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PRIVACY_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(
      new WaterfallDialog(`${PRIVACY_DIALOG}.steps`, [
        (s) => this.notice(s),
        (s) => this.confirm(s),
        (s) => this.erase(s),
      ]),
    );
    this.initialDialogId = `${PRIVACY_DIALOG}.steps`;
  }

  private async notice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'privacy.notice',
        kind: 'choice',
        choices: [
          { id: 'erase', labelKey: 'privacy.erase', synonyms: ['erase', 'padam', 'delete'] },
          { id: 'back', labelKey: 'privacy.back', synonyms: ['back', 'kembali'] },
        ],
      }),
    );
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    if (r.status !== 'ok' || r.value !== 'erase') return step.endDialog();
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'privacy.confirm',
        kind: 'choice',
        choices: [
          { id: 'yes', labelKey: 'privacy.confirmYes', synonyms: ['yes', 'ya'] },
          { id: 'no', labelKey: 'privacy.confirmNo', synonyms: ['no', 'tidak', 'tak'] },
        ],
      }),
    );
  }

  private async erase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    const lang = turnLanguage(step.context);
    if (r.status !== 'ok' || r.value !== 'yes') {
      await step.context.sendActivity(this.deps.l10n.t(lang, 'privacy.kept'));
      return step.endDialog();
    }
    const a = step.context.activity;
    const count = await this.deps.feedback.erase(
      this.deps.feedback.citizenKey(a.channelId, a.from?.id ?? ''),
      {
        channelId: a.channelId,
        conversationId: a.conversation.id,
      },
    );
    // The conversation ends here, so offer the way back rather than leaving the citizen at a dead end.
    const back = this.deps.l10n.t(lang, 'privacy.back');
    await step.context.sendActivity(
      message(this.deps.l10n.t(lang, 'privacy.erased', { count }), [{ title: back, value: back }]),
    );
    return step.endDialog({ erased: true });
  }
}
