/** PDPA consent, then name and a way to reach the citizen. Declining consent means staying anonymous. */
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { FeedbackContact } from '../services/feedback/types';
import { ASK_PROMPT, CONTACT_DIALOG } from './ids';
import type { DialogDeps } from './ports';
import { AskPrompt, askOptions, type AskResult } from './prompts/askPrompt';

/** Result: contact details the citizen consented to give, or null to stay anonymous. */
export type ContactResult = FeedbackContact | null;

/** Collects contact details only after explicit consent (Malaysia's PDPA 2010). */
export class ContactDialog extends ComponentDialog {
  constructor(deps: DialogDeps) {
    super(CONTACT_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(
      new WaterfallDialog(`${CONTACT_DIALOG}.steps`, [
        (s) => this.consent(s),
        (s) => this.name(s),
        (s) => this.reach(s),
        (s) => this.done(s),
      ]),
    );
    this.initialDialogId = `${CONTACT_DIALOG}.steps`;
  }

  private async consent(step: WaterfallStepContext) {
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'contact.consent',
        kind: 'choice',
        choices: [
          { id: 'agree', labelKey: 'contact.agree', synonyms: ['yes', 'ya', 'setuju', 'ok', 'boleh'] },
          {
            id: 'decline',
            labelKey: 'contact.decline',
            synonyms: ['no', 'tidak', 'tak', 'anonymous', 'tanpa nama'],
          },
        ],
      }),
    );
  }

  private async name(step: WaterfallStepContext) {
    const r = step.result as AskResult<string>;
    if (r.status !== 'ok' || r.value !== 'agree') return step.endDialog(null);
    return step.prompt(ASK_PROMPT, askOptions({ key: 'contact.name', kind: 'text', min: 2, max: 100 }));
  }

  private async reach(step: WaterfallStepContext) {
    const r = step.result as AskResult<string>;
    if (r.status !== 'ok') return step.endDialog(null);
    (step.values as { name?: string }).name = r.value;
    return step.prompt(
      ASK_PROMPT,
      askOptions({ key: 'contact.reach', kind: 'reachability', ask: 'contact' }),
    );
  }

  private async done(step: WaterfallStepContext) {
    const r = step.result as AskResult<Pick<FeedbackContact, 'phone' | 'email'>>;
    if (r.status !== 'ok') return step.endDialog(null);
    const contact: FeedbackContact = { name: (step.values as { name?: string }).name, ...r.value };
    return step.endDialog(contact);
  }
}
