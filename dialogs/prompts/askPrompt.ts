/**
 * The one prompt every flow uses. It stores *what* to ask (locale keys), not rendered text, so the question is
 * rendered in the citizen's current language every time it is shown: switching language mid-flow re-asks the
 * same question in the new language. It re-asks politely with the reason, and gives up after `maxAttempts`.
 */
import {
  Prompt,
  type PromptOptions,
  type PromptRecognizerResult,
  type PromptValidatorContext,
} from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { Language } from '../../services/feedback/types';
import type { Localizer } from '../../services/i18n';
import { message, turnLanguage, type Ask, type Button } from '../turn';
import {
  MAX_DESCRIPTION,
  parseChoice,
  parseFreeText,
  parseLocation,
  parsePhoto,
  parseReachability,
  parseReferenceInput,
  type ChoiceOption,
  type Parsed,
} from './parsers';

/** A button or option: stable id, and its label as a locale key or a literal. */
export interface ChoiceSpec {
  id: string;
  labelKey?: string;
  label?: string;
  vars?: Record<string, unknown>;
  synonyms?: string[];
  /** Understood when typed, but not shown as a button nor numbered (e.g. every category behind a short list). */
  hidden?: boolean;
}

/** What to parse the answer as. */
export type AskKind = 'choice' | 'text' | 'location' | 'photo' | 'reachability' | 'reference';

/** Everything needed to (re-)render and parse one question. */
export interface AskSpec {
  key: string;
  vars?: Record<string, unknown>;
  kind: AskKind;
  /** For 'choice': the options. For other kinds: extra buttons (e.g. "Skip") matched before parsing. */
  choices?: ChoiceSpec[];
  min?: number;
  max?: number;
  ask?: Ask;
  maxAttempts?: number;
  /** For 'choice': a message of several words that matches no option is returned as `freeText`. */
  allowFreeText?: boolean;
  /** For category choices: an answer that matches no label is classified ("jalan raya" → roads). */
  matchCategory?: boolean;
}

/** Classifies free text into a category (from services/routing, passed in by the dialog that needs it). */
export type CategoryMatcher = (text: string) => { category: string; confidence: number };

/** The answer: a parsed value, a tapped extra button, or "gave up" after too many tries. */
export type AskResult<T = unknown> =
  | { status: 'ok'; value: T }
  | { status: 'button'; id: string }
  | { status: 'freeText'; value: string }
  | { status: 'gaveUp' };

interface AskState {
  lastError?: string;
}

/** What recognition yields before validation: an answer, or why it was not one. */
type Recognized = AskResult | { status: 'invalid'; error: string };

/** Options as stored in dialog state: our spec travels in `validations`. */
export function askOptions(spec: AskSpec): PromptOptions {
  return { validations: spec };
}

/** Localized, self-validating prompt. */
export class AskPrompt extends Prompt<Recognized> {
  constructor(
    dialogId: string,
    private readonly l10n: Localizer,
    private readonly matchCategory?: CategoryMatcher,
  ) {
    // Recognition must be side-effect free (botbuilder also runs it before bubbling events), so attempts are
    // counted by the validator, which botbuilder calls exactly once per answer with `attemptCount`.
    super(dialogId, async (p) => this.validate(p));
  }

  private async validate(p: PromptValidatorContext<Recognized>): Promise<boolean> {
    const value = p.recognized.value;
    if (!value || value.status !== 'invalid') return true;
    const spec = p.options.validations as AskSpec;
    if (p.attemptCount >= (spec.maxAttempts ?? 3)) {
      p.recognized.value = { status: 'gaveUp' };
      return true;
    }
    (p.state as AskState).lastError = value.error;
    return false;
  }

  private options(spec: AskSpec): ChoiceOption[] {
    return (spec.choices ?? []).map((c) => ({
      id: c.id,
      hidden: c.hidden,
      matches: [
        ...(c.labelKey ? this.l10n.all(c.labelKey).map((s) => s.replace(/\{\{.*?\}\}/g, '')) : []),
        ...(c.labelKey && c.vars
          ? [this.l10n.t('en', c.labelKey, c.vars), this.l10n.t('ms', c.labelKey, c.vars)]
          : []),
        ...(c.label ? [c.label] : []),
        ...(c.synonyms ?? []),
      ],
    }));
  }

  /** Variables whose value starts with '@' are locale keys, rendered in the current language. */
  private resolveVars(lang: Language, vars?: Record<string, unknown>): Record<string, unknown> | undefined {
    if (!vars) return vars;
    return Object.fromEntries(
      Object.entries(vars).map(([k, v]) => [
        k,
        typeof v === 'string' && v.startsWith('@') ? this.l10n.t(lang, v.slice(1)) : v,
      ]),
    );
  }

  protected async onPrompt(
    context: TurnContext,
    state: object,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const spec = options.validations as AskSpec;
    const s = state as AskState;
    const lang = turnLanguage(context);
    const t = this.l10n.t;
    const question = t(lang, spec.key, this.resolveVars(lang, spec.vars));
    const text =
      isRetry && s.lastError
        ? `${t(lang, s.lastError, { max: spec.max ?? MAX_DESCRIPTION })}\n\n${question}`
        : question;
    const buttons: Button[] = (spec.choices ?? [])
      .filter((c) => !c.hidden)
      .map((c) => {
        const title = c.label ?? t(lang, c.labelKey ?? c.id, this.resolveVars(lang, c.vars));
        return { title, value: title };
      });
    await context.sendActivity(message(text, buttons, spec.ask));
  }

  protected async onRecognize(
    context: TurnContext,
    _state: object,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<Recognized>> {
    const parsed = this.parse(context, options.validations as AskSpec);
    return { succeeded: true, value: parsed.ok ? parsed.value : { status: 'invalid', error: parsed.error } };
  }

  private parse(context: TurnContext, spec: AskSpec): Parsed<AskResult> {
    const activity = context.activity;
    const options = this.options(spec);
    if (spec.kind === 'choice') {
      const r = parseChoice(activity.text, options);
      if (r.ok) return { ok: true, value: { status: 'ok', value: r.value } };
      if (spec.matchCategory && this.matchCategory && activity.text) {
        const guess = this.matchCategory(activity.text);
        if (guess.confidence >= 0.5 && options.some((o) => o.id === guess.category)) {
          return { ok: true, value: { status: 'ok', value: guess.category } };
        }
      }
      const text = parseFreeText(activity.text, 10, MAX_DESCRIPTION);
      if (spec.allowFreeText && text.ok && text.value.split(/\s+/).length >= 3) {
        return { ok: true, value: { status: 'freeText', value: text.value } };
      }
      return r;
    }
    const hasAttachment = (activity.attachments ?? []).length > 0 || (activity.entities ?? []).length > 0;
    if (options.length > 0 && activity.text && !hasAttachment) {
      const button = parseChoice(activity.text, options);
      if (button.ok && !/^\d+$/.test(activity.text.trim()))
        return { ok: true, value: { status: 'button', id: button.value } };
    }
    let r: Parsed<unknown>;
    switch (spec.kind) {
      case 'text':
        r = parseFreeText(activity.text, spec.min ?? 1, spec.max ?? MAX_DESCRIPTION);
        break;
      case 'location':
        r = parseLocation(activity);
        break;
      case 'photo':
        r = parsePhoto(activity);
        break;
      case 'reachability':
        r = parseReachability(activity);
        break;
      case 'reference':
        r = parseReferenceInput(activity.text);
        break;
    }
    return r.ok ? { ok: true, value: { status: 'ok', value: r.value } } : r;
  }
}
