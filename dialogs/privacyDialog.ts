/**
 * Privacy (PDPA 2010): what Suara keeps and why, the citizen's own data ("data saya" / "my data") with a one-time
 * download link, and erasure with a confirmation that says what was kept and why. Reachable from the menu and, as
 * an interruption, from any point of any flow.
 */
import type { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CitizenRef } from '../services/privacy/types';
import { ASK_PROMPT, PRIVACY_DIALOG } from './ids';
import type { DialogDeps } from './ports';
import { erasureText, summaryText } from './privacyText';
import { AskPrompt, askOptions, type AskResult, type ChoiceSpec } from './prompts/askPrompt';
import { message, turnLanguage } from './turn';

/** Where the privacy dialog starts: the notice (default), the citizen's data, its download link, or erasure. */
export interface PrivacyOptions {
  open?: 'myData' | 'download' | 'erase';
}

const MY_DATA: ChoiceSpec = {
  id: 'myData',
  labelKey: 'privacy:myData',
  synonyms: ['my data', 'data saya', 'lihat data', 'see data', 'show my data', 'data peribadi saya'],
};
const DOWNLOAD: ChoiceSpec = {
  id: 'download',
  labelKey: 'privacy:download',
  synonyms: ['download', 'muat turun', 'file', 'fail', 'salinan', 'copy', 'export', 'eksport'],
};
const ERASE: ChoiceSpec = {
  id: 'erase',
  labelKey: 'privacy:erase',
  synonyms: ['erase', 'padam', 'delete', 'hapus', 'padamkan', 'erase my data', 'padam data saya'],
};
const BACK: ChoiceSpec = { id: 'back', labelKey: 'privacy.back', synonyms: ['back', 'kembali'] };

function chosen(step: WaterfallStepContext): string | undefined {
  const r = step.result as AskResult<string> | undefined;
  return r?.status === 'ok' ? r.value : undefined;
}

/** Who is asking, as the privacy service needs it. */
export function citizenOf(context: TurnContext): CitizenRef {
  const a = context.activity;
  return {
    channelId: a.channelId,
    userId: a.from?.id ?? '',
    conversationId: a.conversation?.id ?? '',
    ...(a.id ? { activityId: a.id } : {}),
  };
}

/** The notice, the citizen's data and its download, and erasure. */
export class PrivacyDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(PRIVACY_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(
      new WaterfallDialog(`${PRIVACY_DIALOG}.steps`, [
        (s) => this.notice(s),
        (s) => this.myData(s),
        (s) => this.download(s),
        (s) => this.confirm(s),
        (s) => this.erase(s),
      ]),
    );
    this.initialDialogId = `${PRIVACY_DIALOG}.steps`;
  }

  private async notice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const open = (step.options as PrivacyOptions | undefined)?.open;
    if (open) return step.next({ status: 'ok', value: open } satisfies AskResult);
    return step.prompt(
      ASK_PROMPT,
      askOptions({ key: 'privacy:notice', kind: 'choice', choices: [MY_DATA, ERASE, BACK] }),
    );
  }

  private async myData(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const value = chosen(step);
    if (value === 'erase' || value === 'download') return step.next(step.result);
    if (value !== 'myData') return step.endDialog();
    const lang = turnLanguage(step.context);
    const summary = await this.deps.privacy.summary(citizenOf(step.context));
    await step.context.sendActivity(message(summaryText(this.deps.l10n.t, lang, summary)));
    return step.prompt(
      ASK_PROMPT,
      askOptions({ key: 'privacy:summary.ask', kind: 'choice', choices: [DOWNLOAD, ERASE, BACK] }),
    );
  }

  private async download(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const value = chosen(step);
    if (value === 'erase') return step.next(step.result);
    if (value !== 'download') return step.endDialog();
    const link = await this.deps.privacy.exportLink(citizenOf(step.context));
    // The link goes in a message of its own: a prompt keeps its words in the dialog state (to ask again), and the
    // link is the key to the citizen's data until it is used or expires.
    if (link) {
      const lang = turnLanguage(step.context);
      const vars = { url: link.url, minutes: link.minutes };
      await step.context.sendActivity(message(this.deps.l10n.t(lang, 'privacy:link', vars)));
    }
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: link ? 'privacy:afterLink' : 'privacy:noLink',
        kind: 'choice',
        choices: [ERASE, BACK],
      }),
    );
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (chosen(step) !== 'erase') return step.endDialog();
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'privacy:confirm',
        kind: 'choice',
        choices: [
          { id: 'yes', labelKey: 'privacy:confirmYes', synonyms: ['yes', 'ya'] },
          { id: 'no', labelKey: 'privacy:confirmNo', synonyms: ['no', 'tidak', 'tak'] },
        ],
      }),
    );
  }

  private async erase(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = turnLanguage(step.context);
    const t = this.deps.l10n.t;
    if (chosen(step) !== 'yes') {
      await step.context.sendActivity(t(lang, 'privacy:notErased'));
      return step.endDialog();
    }
    const report = await this.deps.privacy.erase(citizenOf(step.context));
    const back = t(lang, 'privacy.back');
    await step.context.sendActivity(message(erasureText(t, lang, report), [{ title: back, value: back }]));
    // Every flow below this one may hold a draft of the citizen's words: end them all (the turn then saves an
    // empty dialog stack), and leave the citizen at the "back to the menu" button.
    await step.cancelAllDialogs(true);
    return { status: DialogTurnStatus.cancelled, result: { erased: true } };
  }
}
