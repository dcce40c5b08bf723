/** Check the status of a reference: status, agency and dates — never personal data. */
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { StatusView } from '../services/feedback/service';
import type { Language } from '../services/feedback/types';
import type { Translate } from '../services/i18n';
import { formatDate } from '../services/i18n/dates';
import { ASK_PROMPT, RATING_DIALOG, STATUS_DIALOG } from './ids';
import type { DialogDeps } from './ports';
import { AskPrompt, askOptions, type AskResult } from './prompts/askPrompt';
import { parseReferenceInput } from './prompts/parsers';
import { RatingDialog, type RatingOptions } from './ratingDialog';
import { message, turnLanguage } from './turn';

/** Start options: a reference already typed ("status SRA-…"), if any. */
export interface StatusOptions {
  reference?: string;
}

/** The status message for one record. */
export function renderStatus(t: Translate, lang: Language, v: StatusView, agencyName: string | null): string {
  const lines = [
    t(lang, 'status.header', {
      reference: v.reference,
      type: t(lang, `types.${v.type}`),
      category: t(lang, `categories:${v.category}.label`),
    }),
    t(lang, 'status.current', {
      status: t(lang, `statuses.${v.status}`),
      date: formatDate(lang, v.updatedAt),
    }),
    agencyName ? t(lang, 'status.agency', { agency: agencyName }) : t(lang, 'status.noAgency'),
    t(lang, 'status.history'),
    ...v.history.map((h) => `  • ${formatDate(lang, h.at)}: ${t(lang, `statuses.${h.status}`)}`),
  ];
  if (v.rating) lines.push(t(lang, 'status.rated', { score: v.rating }));
  return lines.join('\n');
}

/** Asks for a reference (offering the citizen's recent ones) and shows its status. */
export class StatusDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(STATUS_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(new RatingDialog(deps));
    this.addDialog(
      new WaterfallDialog(`${STATUS_DIALOG}.steps`, [
        (s) => this.ask(s),
        (s) => this.show(s),
        (s) => this.askScore(s),
        (s) => this.rate(s),
      ]),
    );
    this.initialDialogId = `${STATUS_DIALOG}.steps`;
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = (step.options ?? {}) as StatusOptions;
    const typed = o.reference ? parseReferenceInput(o.reference) : null;
    if (typed?.ok) return step.next({ status: 'typed', value: typed.value });
    const a = step.context.activity;
    const recent = await this.deps.feedback.recent(
      this.deps.feedback.citizenKey(a.channelId, a.from?.id ?? ''),
    );
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'status.ask',
        kind: 'reference',
        choices: recent.map((r) => ({ id: r._id, label: r._id })),
      }),
    );
  }

  private async show(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const lang = turnLanguage(step.context);
    const t = this.deps.l10n.t;
    const r = step.result as AskResult<string> | { status: 'typed'; value: string };
    if (r.status === 'gaveUp') {
      await step.context.sendActivity(t(lang, 'status.gaveUp'));
      return step.endDialog();
    }
    const reference =
      r.status === 'button' ? r.id : r.status === 'ok' || r.status === 'typed' ? String(r.value) : '';
    const a = step.context.activity;
    const citizen = this.deps.feedback.citizenKey(a.channelId, a.from?.id ?? '');
    const view = await this.deps.feedback.status(reference, citizen);
    if (!view) {
      await step.context.sendActivity(t(lang, 'status.notFound', { reference }));
      return step.endDialog();
    }
    const agency = view.agencyId ? this.deps.routing.agencyName(view.agencyId, lang) : null;
    await step.context.sendActivity(message(renderStatus(t, lang, view, agency)));
    if (!view.canRate) return step.endDialog();
    // A resolved item the citizen has not rated yet: they can always rate it from here, however late.
    (step.values as { reference?: string }).reference = view.reference;
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'status.rateAsk',
        kind: 'choice',
        choices: [
          { id: 'rate', labelKey: 'status.rate', synonyms: ['rate', 'nilai', 'yes', 'ya'] },
          { id: 'later', labelKey: 'status.notNow', synonyms: ['no', 'tidak', 'later', 'nanti', 'skip'] },
        ],
      }),
    );
  }

  private async askScore(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    if (r.status !== 'ok' || r.value !== 'rate') return step.endDialog();
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'status.rateScore',
        kind: 'choice',
        choices: [1, 2, 3, 4, 5].map((n) => ({
          id: String(n),
          labelKey: 'notifications:rating.option',
          vars: { n },
          synonyms: [String(n)],
        })),
      }),
    );
  }

  private async rate(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    const reference = (step.values as { reference?: string }).reference;
    if (r.status !== 'ok' || !reference) return step.endDialog();
    return step.replaceDialog(RATING_DIALOG, { reference, score: Number(r.value) } satisfies RatingOptions);
  }
}
