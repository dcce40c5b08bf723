/**
 * Public consultation (e-participation): pick an open consultation, answer its questions in your language, confirm,
 * and get a receipt. One response per citizen per consultation (a second attempt may replace the first). Question
 * and option texts are agency-authored data in both languages; they reach the prompt as `{ en, ms }` variables that
 * the locale strings pick from (`{{text.en}}` / `{{text.ms}}`), so a language switch re-asks in the new language.
 * Length (~340 lines): the whole flow, its question prompts and its answer summary are kept in this one file.
 */
import { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type {
  Answer,
  Bilingual,
  Consultation,
  NewConsultationResponse,
  PreviousResponse,
  Question,
  SubmitReceipt,
} from '../services/consultations/types';
import type { Language } from '../services/feedback/types';
import { ASK_PROMPT } from './ids';
import type { DialogDeps } from './ports';
import { AskPrompt, askOptions, type AskResult, type AskSpec, type ChoiceSpec } from './prompts/askPrompt';
import { formatDate, formatDay } from '../services/i18n/dates';
import { message, turnLanguage } from './turn';

/** Dialog id. */
export const CONSULTATION_DIALOG = 'consultation';
const STEPS = `${CONSULTATION_DIALOG}.steps`;
const QUESTION = `${CONSULTATION_DIALOG}.question`;
const NS = 'consultation:';
const SKIP = '_skip';
const BACK = '_back';
const KEEP = '_keep';

/** What the dialog needs from the consultations service. */
export interface ConsultationPort {
  listOpen(now: Date): Promise<Consultation[]>;
  get(id: string): Promise<Consultation | null>;
  submit(response: NewConsultationResponse): Promise<SubmitReceipt>;
  hasResponded(consultationId: string, citizenKey: string): Promise<boolean>;
  /** The citizen's stored answers, or null when they have not answered. */
  previous(consultationId: string, citizenKey: string): Promise<PreviousResponse | null>;
}

/**
 * Start options: a consultation to open directly (a deep link: Telegram `/start c-<id>`, the widget's
 * `data-consultation`); `replacing` skips the "already answered" ask.
 */
export interface ConsultationOptions {
  consultationId?: string;
  replacing?: boolean;
}

/** How the dialog ends. */
export interface ConsultationResult {
  submitted: boolean;
  receipt?: string;
}

interface LoopOptions {
  consultationId: string;
  index: number;
  answers: Answer[];
  /** The citizen's earlier answers (each question offers "keep my earlier answer"). */
  previous?: Answer[];
}

type LoopResult = { answers: Answer[] } | { gaveUp: true } | { gone: true };

/** What the main waterfall remembers between its steps. */
interface StepValues {
  consultationId: string;
  answers: Answer[];
  previous?: Answer[];
}

function values(step: WaterfallStepContext): StepValues {
  return step.values as StepValues;
}

function both(render: (lang: Language) => string): Bilingual {
  return { en: render('en'), ms: render('ms') };
}

/** Runs one public consultation with the citizen. */
export class ConsultationDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDeps,
    private readonly consultations: ConsultationPort,
    private readonly clock: () => Date = () => new Date(),
  ) {
    super(CONSULTATION_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(
      new WaterfallDialog(STEPS, [
        (s) => this.choose(s),
        (s) => this.open(s),
        (s) => this.introduce(s),
        (s) => this.confirm(s),
        (s) => this.finish(s),
      ]),
    );
    this.addDialog(new WaterfallDialog(QUESTION, [(s) => this.ask(s), (s) => this.record(s)]));
    this.initialDialogId = STEPS;
  }

  private say(step: WaterfallStepContext, key: string, vars?: Record<string, unknown>): Promise<unknown> {
    return step.context.sendActivity(message(this.deps.l10n.t(turnLanguage(step.context), NS + key, vars)));
  }

  private citizenKey(step: WaterfallStepContext): string {
    const a = step.context.activity;
    return this.deps.feedback.citizenKey(a.channelId, a.from?.id ?? '');
  }

  private agency(c: Consultation): Bilingual {
    return both((lang) => this.deps.routing.agencyName(c.agencyId, lang));
  }

  private async choose(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = (step.options ?? {}) as ConsultationOptions;
    if (o.consultationId) return step.next({ status: 'ok', value: o.consultationId } satisfies AskResult);
    const open = await this.consultations.listOpen(this.clock());
    if (open.length === 0) {
      await this.say(step, 'list.none');
      return step.endDialog({ submitted: false } satisfies ConsultationResult);
    }
    const choices: ChoiceSpec[] = [
      ...open.map((c) => ({ id: c.id, labelKey: `${NS}list.item`, vars: { title: c.title } })),
      { id: BACK, labelKey: `${NS}list.back`, synonyms: ['back', 'kembali'] },
    ];
    return step.prompt(ASK_PROMPT, askOptions({ key: `${NS}list.ask`, kind: 'choice', choices }));
  }

  private async open(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    if (r.status !== 'ok' || r.value === BACK)
      return step.endDialog({ submitted: false } satisfies ConsultationResult);
    const c = await this.consultations.get(r.value);
    if (!c) {
      await this.say(step, 'notFound');
      return step.endDialog({ submitted: false } satisfies ConsultationResult);
    }
    const now = this.clock();
    const previous = now < c.opensAt ? null : await this.consultations.previous(c.id, this.citizenKey(step));
    if (now < c.opensAt || now >= c.closesAt) return this.notOpen(step, c, now, previous);
    values(step).consultationId = c.id;
    if (previous) values(step).previous = previous.answers;
    const o = (step.options ?? {}) as ConsultationOptions;
    if (o.replacing || !previous) return step.next({ status: 'ok', value: 'fresh' } satisfies AskResult);
    const answers = both((lang) => this.summary(lang, c, previous.answers));
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: `${NS}already.ask`,
        vars: { title: c.title, answers, date: both((lang) => formatDay(lang, c.closesAt)) },
        kind: 'choice',
        choices: [
          {
            id: 'replace',
            labelKey: `${NS}already.replace`,
            synonyms: ['yes', 'ya', 'replace', 'ganti', 'change', 'ubah', 'tukar'],
          },
          { id: 'keep', labelKey: `${NS}already.keep`, synonyms: ['no', 'tidak', 'tak', 'keep', 'kekal'] },
        ],
      }),
    );
  }

  /** Not open (yet, or any more): say so; after closing, show the citizen's answers, which can no longer change. */
  private async notOpen(
    step: WaterfallStepContext,
    c: Consultation,
    now: Date,
    previous: PreviousResponse | null,
  ): Promise<DialogTurnResult> {
    const lang = turnLanguage(step.context);
    const early = now < c.opensAt;
    const date = formatDay(lang, early ? c.opensAt : c.closesAt);
    if (!early && previous) {
      await this.say(step, 'readOnly', {
        title: c.title,
        date,
        answers: this.summary(lang, c, previous.answers),
      });
    } else {
      await this.say(step, early ? 'notYet' : 'closed', { title: c.title, date });
    }
    return step.endDialog({ submitted: false } satisfies ConsultationResult);
  }

  private async introduce(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    if (r.status !== 'ok' || (r.value !== 'fresh' && r.value !== 'replace')) {
      if (r.status !== 'gaveUp') await this.say(step, 'already.kept');
      return step.endDialog({ submitted: false } satisfies ConsultationResult);
    }
    const c = await this.consultations.get(values(step).consultationId);
    if (!c) return this.gone(step);
    const lang = turnLanguage(step.context);
    const t = this.deps.l10n.t;
    const parts = [
      t(lang, `${NS}intro.body`, {
        title: c.title,
        summary: c.summary,
        agency: this.agency(c),
        date: formatDay(lang, c.closesAt),
        count: c.questions.length,
      }),
      ...(c.url ? [t(lang, `${NS}intro.more`, { url: c.url })] : []),
      '',
      t(lang, `${NS}intro.note`),
    ];
    await step.context.sendActivity(message(parts.join('\n')));
    const previous = values(step).previous;
    return step.beginDialog(QUESTION, {
      consultationId: c.id,
      index: 0,
      answers: [],
      ...(previous ? { previous } : {}),
    } satisfies LoopOptions);
  }

  private async ask(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as LoopOptions;
    const c = await this.consultations.get(o.consultationId);
    const q = c?.questions[o.index];
    if (!c || !q) return step.endDialog({ gone: true } satisfies LoopResult);
    const earlier = o.previous?.some((a) => a.questionId === q.id) ?? false;
    return step.prompt(ASK_PROMPT, askOptions(questionSpec(q, o.index + 1, c.questions.length, earlier)));
  }

  private async record(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as LoopOptions;
    const r = step.result as AskResult<string>;
    if (r.status === 'gaveUp') return step.endDialog({ gaveUp: true } satisfies LoopResult);
    const c = await this.consultations.get(o.consultationId);
    const q = c?.questions[o.index];
    if (!c || !q) return step.endDialog({ gone: true } satisfies LoopResult);
    const answers = [...o.answers];
    const tapped = r.status === 'button' ? r.id : r.status === 'ok' ? r.value : undefined;
    const kept = tapped === KEEP;
    const skipped = !kept && (r.status === 'button' || tapped === SKIP);
    const earlier = o.previous?.find((a) => a.questionId === q.id);
    if (kept) {
      if (earlier) answers.push(earlier);
    } else if (!skipped && r.status === 'ok') {
      if (q.kind === 'scale') answers.push({ questionId: q.id, kind: 'scale', value: Number(r.value) });
      else answers.push({ questionId: q.id, kind: q.kind, value: String(r.value) });
    }
    if (o.index + 1 < c.questions.length) {
      return step.replaceDialog(QUESTION, { ...o, index: o.index + 1, answers } satisfies LoopOptions);
    }
    return step.endDialog({ answers } satisfies LoopResult);
  }

  private async confirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as LoopResult;
    if ('gaveUp' in r) {
      await this.say(step, 'gaveUp');
      return step.endDialog({ submitted: false } satisfies ConsultationResult);
    }
    const c = 'answers' in r ? await this.consultations.get(values(step).consultationId) : null;
    if (!c || !('answers' in r)) return this.gone(step);
    values(step).answers = r.answers;
    const answers = both((lang) => this.summary(lang, c, r.answers));
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: `${NS}confirm.ask`,
        vars: { answers, agency: this.agency(c) },
        kind: 'choice',
        choices: [
          { id: 'send', labelKey: `${NS}confirm.send`, synonyms: ['yes', 'ya', 'ok', 'submit', 'hantar'] },
          {
            id: 'restart',
            labelKey: `${NS}confirm.restart`,
            synonyms: ['again', 'semula', 'ubah', 'change'],
          },
          { id: 'discard', labelKey: `${NS}confirm.discard`, synonyms: ['no', 'tidak', 'tak', 'discard'] },
        ],
      }),
    );
  }

  private async finish(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    const consultationId = values(step).consultationId;
    if (r.status === 'ok' && r.value === 'restart') {
      return step.replaceDialog(STEPS, { consultationId, replacing: true } satisfies ConsultationOptions);
    }
    if (r.status !== 'ok' || r.value !== 'send') {
      await this.say(step, 'confirm.discarded');
      return step.endDialog({ submitted: false } satisfies ConsultationResult);
    }
    const c = await this.consultations.get(consultationId);
    if (!c) return this.gone(step);
    const lang = turnLanguage(step.context);
    let receipt: SubmitReceipt;
    try {
      receipt = await this.consultations.submit({
        consultationId,
        citizenKey: this.citizenKey(step),
        language: lang,
        answers: values(step).answers,
        submittedAt: this.clock(),
        channel: {
          channelId: step.context.activity.channelId,
          conversationReference: JSON.parse(
            JSON.stringify(TurnContext.getConversationReference(step.context.activity)),
          ) as Record<string, unknown>,
        },
      });
    } catch (err) {
      if ((err as { code?: unknown }).code !== 'CONSULTATION_CLOSED') throw err;
      await this.say(step, 'closedMeanwhile', { title: c.title });
      return step.endDialog({ submitted: false } satisfies ConsultationResult);
    }
    await this.say(step, receipt.replaced ? 'thanksReplaced' : 'thanks', {
      title: c.title,
      receipt: receipt.receipt,
      date: formatDate(lang, receipt.submittedAt),
    });
    return step.endDialog({ submitted: true, receipt: receipt.receipt } satisfies ConsultationResult);
  }

  private async gone(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await this.say(step, 'gone');
    return step.endDialog({ submitted: false } satisfies ConsultationResult);
  }

  /** The answers as the citizen will read them before sending, in one language. */
  private summary(lang: Language, c: Consultation, answers: Answer[]): string {
    const t = this.deps.l10n.t;
    const lines = c.questions.map((q, i) => {
      const a = answers.find((x) => x.questionId === q.id);
      let shown = t(lang, `${NS}confirm.skipped`);
      if (a?.kind === 'scale') shown = `${a.value} / 5`;
      else if (a?.kind === 'text')
        shown = a.value.length > 300 ? `“${a.value.slice(0, 300)}…”` : `“${a.value}”`;
      else if (a?.kind === 'choice' && q.kind === 'choice')
        shown = q.options.find((x) => x.id === a.value)?.label[lang] ?? a.value;
      return t(lang, `${NS}confirm.line`, { n: i + 1, question: q.text[lang], answer: shown });
    });
    return [t(lang, `${NS}confirm.title`, { title: c.title[lang] }), ...lines].join('\n');
  }
}

/**
 * The prompt for one question: options as buttons, 1–5 buttons, or free text; Skip when it is optional; "keep my
 * earlier answer" when the citizen is changing answers they gave before.
 */
function questionSpec(q: Question, n: number, total: number, earlier = false): AskSpec {
  const skip: ChoiceSpec = { id: SKIP, labelKey: `${NS}question.skip`, synonyms: ['skip', 'langkau'] };
  const keep: ChoiceSpec[] = earlier
    ? [{ id: KEEP, labelKey: `${NS}question.keep`, synonyms: ['keep', 'kekal', 'kekalkan', 'same', 'sama'] }]
    : [];
  const base = { vars: { n, total, text: q.text }, maxAttempts: 3 };
  if (q.kind === 'text') {
    return {
      ...base,
      key: `${NS}question.${q.required ? 'text' : 'textOptional'}`,
      kind: 'text',
      min: 2,
      max: q.maxLength,
      ...(q.required && !earlier ? {} : { choices: [...keep, ...(q.required ? [] : [skip])] }),
    };
  }
  const choices: ChoiceSpec[] =
    q.kind === 'choice'
      ? q.options.map((o) => ({ id: o.id, labelKey: `${NS}question.option`, vars: { label: o.label } }))
      : [1, 2, 3, 4, 5].map((v) => ({ id: String(v), label: String(v) }));
  const vars = q.kind === 'scale' ? { ...base.vars, low: q.low, high: q.high } : base.vars;
  return {
    ...base,
    vars,
    key: `${NS}question.${q.kind}`,
    kind: 'choice',
    choices: [...choices, ...keep, ...(q.required ? [] : [skip])],
  };
}
