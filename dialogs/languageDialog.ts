/** Choose the conversation language (Bahasa Melayu or English); changeable at any time. */
import type { StatePropertyAccessor } from 'botbuilder';
import { ComponentDialog, WaterfallDialog, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Language } from '../services/feedback/types';
import { ASK_PROMPT, LANGUAGE_DIALOG } from './ids';
import type { DialogDeps } from './ports';
import { AskPrompt, askOptions, type AskResult } from './prompts/askPrompt';
import { setTurnLanguage } from './turn';

/** What we remember about a citizen across conversations on a channel. */
export interface UserProfile {
  language?: Language;
  /** How the language was decided: the channel's locale, the first message, or the citizen's own choice. */
  languageSource?: 'locale' | 'text' | 'default' | 'chosen';
}

/** Set the citizen's language for this turn and from now on. */
export async function applyLanguage(
  context: WaterfallStepContext['context'],
  profile: StatePropertyAccessor<UserProfile>,
  lang: Language,
): Promise<void> {
  const p = await profile.get(context, {});
  await profile.set(context, { ...p, language: lang, languageSource: 'chosen' });
  setTurnLanguage(context, lang);
}

/** Asks "Bahasa Melayu or English?" and remembers the answer. */
export class LanguageDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDeps,
    private readonly profile: StatePropertyAccessor<UserProfile>,
  ) {
    super(LANGUAGE_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(
      new WaterfallDialog(`${LANGUAGE_DIALOG}.steps`, [(s) => this.ask(s), (s) => this.apply(s)]),
    );
    this.initialDialogId = `${LANGUAGE_DIALOG}.steps`;
  }

  private async ask(step: WaterfallStepContext) {
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'language.ask',
        kind: 'choice',
        choices: [
          { id: 'ms', label: 'Bahasa Melayu', synonyms: ['bm', 'melayu', 'malay', 'ms'] },
          { id: 'en', label: 'English', synonyms: ['en', 'inggeris', 'bahasa inggeris', 'bi'] },
        ],
      }),
    );
  }

  private async apply(step: WaterfallStepContext) {
    const r = step.result as AskResult<Language>;
    if (r.status === 'ok') {
      await applyLanguage(step.context, this.profile, r.value);
      await step.context.sendActivity(this.deps.l10n.t(r.value, 'language.set'));
    }
    return step.endDialog();
  }
}
