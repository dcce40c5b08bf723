/**
 * Filing a complaint, suggestion, compliment or question: description → category (suggested, confirm or change) →
 * location → optional photo → anonymous or contact (after PDPA consent) → summary with edit → submit.
 * Editing re-enters this dialog with the draft and the field to change; every other step is skipped.
 */
import { randomUUID } from 'node:crypto';
import { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { CategoryId } from '../services/agencies/types';
import { CATEGORY_PICKER, CategoryPickerDialog, categoryChoice } from './categoryPicker';
import type { FeedbackLocation, FeedbackType } from '../services/feedback/types';
import { whenRepliesDelivered } from './afterReplies';
import { ContactDialog, type ContactResult } from './contactDialog';
import { offerMeToo } from './meToo';
import { ME_TOO_DIALOG, MeTooDialog, type MeTooResult } from './meTooDialog';
import { renderSummary, type Draft } from './feedbackSummary';
import { ASK_PROMPT, CONTACT_DIALOG, FILE_FEEDBACK_DIALOG } from './ids';
import type { CategoryGuess, DialogDeps, RoutePlan } from './ports';
import { AskPrompt, askOptions, type AskResult, type ChoiceSpec } from './prompts/askPrompt';
import { MAX_DESCRIPTION } from './prompts/parsers';
import { explainRoute } from '../services/routing/explain';
import { message, turnLanguage, turnSite } from './turn';

/** Fields a citizen can go back and change from the summary. */
export type EditableField = 'text' | 'category' | 'location' | 'photo' | 'contact';

/** How the dialog is started. */
export interface FileFeedbackOptions {
  type: FeedbackType;
  draft?: Draft;
  editing?: EditableField | 'none';
}

/** Why the dialog ended. */
export type FileFeedbackResult =
  | { outcome: 'filed'; reference: string }
  | { outcome: 'supported'; reference: string }
  | { outcome: 'cancelled' | 'gaveUp' };

const SKIP = { status: 'skip' } as const;

interface StepValues {
  draft: Draft;
  guess?: CategoryGuess;
  placeInText?: string;
  needsLocation?: boolean;
  /** Councils offered when the place fitted more than one ("which one do you mean?"). */
  askedWhich?: boolean;
}

function vals(step: WaterfallStepContext): StepValues {
  return step.values as StepValues;
}
const skipButton: ChoiceSpec = {
  id: 'skip',
  labelKey: 'common.skip',
  synonyms: ['skip', 'langkau', 'tiada', 'none', 'no'],
};

/** The filing flow, shared by the four feedback kinds. */
export class FileFeedbackDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(FILE_FEEDBACK_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n, (text) => deps.routing.classify(text)));
    this.addDialog(new ContactDialog(deps));
    this.addDialog(new CategoryPickerDialog());
    if (deps.meToo) this.addDialog(new MeTooDialog(deps, deps.meToo));
    this.addDialog(
      new WaterfallDialog(`${FILE_FEEDBACK_DIALOG}.steps`, [
        (s) => this.askDescription(s),
        (s) => this.askCategory(s),
        (s) => this.maybeAskAllCategories(s),
        (s) => this.askLocation(s),
        (s) => this.maybeAskLocationAgain(s),
        (s) => this.settleLocation(s),
        (s) => this.askPhoto(s),
        (s) => this.askContactChoice(s),
        (s) => this.maybeCollectContact(s),
        (s) => this.showSummary(s),
        (s) => this.onSummaryChoice(s),
        (s) => this.onEditChoice(s),
      ]),
    );
    this.initialDialogId = `${FILE_FEEDBACK_DIALOG}.steps`;
  }

  private draft(step: WaterfallStepContext): Draft {
    return vals(step).draft;
  }

  private editing(step: WaterfallStepContext, field: EditableField): boolean {
    const o = step.options as FileFeedbackOptions;
    return o.editing === field;
  }

  private keep(step: WaterfallStepContext, field: EditableField, value: unknown): boolean {
    return value !== undefined && !this.editing(step, field);
  }

  private async askDescription(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as FileFeedbackOptions;
    vals(step).draft = { ...(o.draft ?? { type: o.type }) } satisfies Draft;
    const draft = this.draft(step);
    // Saved with the dialog state at the end of this turn, long before the insert: the idempotency key of the filing.
    draft.submissionId ??= randomUUID();
    if (this.keep(step, 'text', draft.text)) return step.next(SKIP);
    return step.prompt(
      ASK_PROMPT,
      askOptions({ key: `file.describe.${draft.type}`, kind: 'text', min: 3, max: MAX_DESCRIPTION }),
    );
  }

  private async askCategory(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const r = step.result as AskResult<string> | typeof SKIP;
    if (r.status === 'gaveUp') return this.giveUp(step);
    if (r.status === 'ok') draft.text = r.value;
    if (this.keep(step, 'category', draft.category)) return step.next(SKIP);
    const guess = this.deps.routing.classify(draft.text ?? '');
    vals(step).guess = guess;
    const alternatives = guess.alternatives
      .map((a) => a.category)
      .filter((c) => c !== guess.category && c !== 'other')
      .slice(0, 2);
    const more: ChoiceSpec = {
      id: 'more',
      labelKey: 'file.category.more',
      synonyms: ['lain', 'others', 'more'],
    };
    if (guess.lowConfidence || guess.category === 'other') {
      const picks = [guess.category, ...alternatives].filter((c) => c !== 'other');
      if (picks.length === 0) return this.promptAllCategories(step);
      return step.prompt(
        ASK_PROMPT,
        askOptions({
          key: 'file.category.pick',
          kind: 'choice',
          matchCategory: true,
          choices: [...picks.map((c) => categoryChoice(c)), more],
        }),
      );
    }
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'file.category.confirm',
        vars: { category: `@categories:${guess.category}.label` },
        kind: 'choice',
        matchCategory: true,
        choices: [
          {
            id: 'yes',
            labelKey: 'file.category.yes',
            synonyms: ['yes', 'ya', 'betul', 'ok', 'y', 'correct'],
          },
          ...alternatives.map((c) => categoryChoice(c)),
          more,
        ],
      }),
    );
  }

  /** The whole list, in two short steps (area, then category): see categoryPicker.ts. */
  private async promptAllCategories(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(CATEGORY_PICKER);
  }

  private async maybeAskAllCategories(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const guess = vals(step).guess as CategoryGuess | undefined;
    const r = step.result as AskResult<string> | typeof SKIP;
    if (r.status === 'skip') return step.next(SKIP);
    if (r.status === 'ok' && r.value === 'more') return this.promptAllCategories(step);
    if (r.status === 'ok' && r.value !== 'yes') draft.category = r.value as CategoryId;
    else draft.category = guess?.category ?? 'other';
    return step.next(SKIP);
  }

  private async askLocation(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const r = step.result as AskResult<string> | typeof SKIP;
    if (r.status === 'ok') draft.category = r.value as CategoryId;
    if (r.status === 'gaveUp')
      draft.category = (vals(step).guess as CategoryGuess | undefined)?.category ?? 'other';
    if (this.keep(step, 'location', draft.location)) return step.next(SKIP);
    // On a city hall's own site, a place named in the description that belongs to that city hall needs no question
    // ("Jalan Raja Laut" on the DBKL site). The summary still shows it and lets the citizen change it.
    const site = turnSite(step.context);
    const inText = this.deps.routing.route({ category: draft.category ?? 'other', text: draft.text });
    vals(step).placeInText = inText.place?.name;
    if (
      !this.editing(step, 'location') &&
      site.defaultAgencyId &&
      inText.place?.agencyId === site.defaultAgencyId
    ) {
      draft.location = { text: inText.place.name, place: inText.place.name };
      return step.next(SKIP);
    }
    return this.promptLocation(step, 'file.location.ask');
  }

  /** Ask where it is; offers the place found in the description (found once, in askLocation) as a button. */
  private async promptLocation(
    step: WaterfallStepContext,
    key: string,
    vars?: Record<string, string>,
  ): Promise<DialogTurnResult> {
    const local = this.deps.routing.isLocalMatter(this.draft(step).category ?? 'other');
    const placeInText = vals(step).placeInText;
    const buttons: ChoiceSpec[] = [];
    if (placeInText) buttons.push({ id: 'usePlace', label: `📍 ${placeInText}` });
    if (!local || placeInText) buttons.push(skipButton);
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: local || vars ? key : `${key}Optional`,
        ...(vars ? { vars } : {}),
        kind: 'location',
        choices: buttons,
        ask: 'location',
      }),
    );
  }

  private applyLocation(step: WaterfallStepContext, r: AskResult<FeedbackLocation> | typeof SKIP): void {
    const draft = this.draft(step);
    if (r.status === 'ok' || (r.status === 'button' && r.id === 'usePlace')) delete draft.placeAgencyId;
    if (r.status === 'ok') draft.location = r.value;
    else if (r.status === 'button' && r.id === 'usePlace')
      draft.location = { text: vals(step).placeInText as string };
    else if (r.status !== 'skip') draft.location = draft.location ?? null;
    vals(step).needsLocation = this.reroute(step);
  }

  /** Decide the agency from everything known so far; returns whether a location is still needed. */
  private reroute(step: WaterfallStepContext): boolean {
    return this.plan(step).needsLocation;
  }

  /** Routes the draft (agency, reason, the one-line why) and returns the plan. */
  private plan(step: WaterfallStepContext): RoutePlan {
    const draft = this.draft(step);
    const loc = draft.location ?? undefined;
    const plan = this.deps.routing.route({
      category: draft.category ?? 'other',
      text: draft.text,
      locationText: loc?.text ?? loc?.postcode,
      point: loc?.point ? { lng: loc.point.coordinates[0], lat: loc.point.coordinates[1] } : undefined,
      councilId: draft.placeAgencyId,
      defaultAgencyId: turnSite(step.context).defaultAgencyId,
    });
    draft.agencyId = plan.agencyId;
    draft.routingReason = plan.reason;
    if (plan.why) draft.routingWhy = plan.why;
    else delete draft.routingWhy;
    if (loc && plan.place) loc.place = plan.place.name;
    if (!loc && plan.place && plan.why?.how !== 'siteDefault')
      draft.placeFromText = plan.place.text || plan.place.name;
    else delete draft.placeFromText;
    const lang = turnLanguage(step.context);
    const name = plan.agencyId ? this.deps.routing.agencyName(plan.agencyId, lang) : null;
    if (plan.why && name)
      draft.routeLine = explainRoute(
        this.deps.l10n.t,
        lang,
        { agencyId: plan.agencyId, why: plan.why },
        name,
        draft.category ?? 'other',
      );
    else delete draft.routeLine;
    return plan;
  }

  /** "Which one do you mean?" with each council the place fits as a button. */
  private async promptWhich(step: WaterfallStepContext, plan: RoutePlan): Promise<DialogTurnResult> {
    vals(step).askedWhich = true;
    const place = plan.place?.text ?? plan.place?.name ?? '';
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'routing:place.which',
        vars: { place },
        kind: 'choice',
        choices: (plan.choices ?? []).map((c) => ({ id: c.agencyId, label: c.label })),
      }),
    );
  }

  private async maybeAskLocationAgain(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<FeedbackLocation> | typeof SKIP;
    if (r.status === 'skip') return step.next(SKIP);
    this.applyLocation(step, r);
    const plan = this.plan(step);
    if (plan.choices?.length) return this.promptWhich(step, plan);
    // Only the state is known ("Johor") and the council matters: ask for the town in that state.
    if (r.status === 'ok' && plan.needsLocation && plan.why?.how === 'stateName' && plan.why.place)
      return this.promptLocation(step, 'routing:place.stateOnly', { state: plan.why.place.name });
    if (r.status === 'ok' && vals(step).needsLocation)
      return this.promptLocation(step, 'file.location.notFound');
    return step.next(SKIP);
  }

  /** The place is known: apply the last answer about it, then offer "me too" when similar complaints are open. */
  private async settleLocation(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<FeedbackLocation> | typeof SKIP;
    const draft = this.draft(step);
    if (vals(step).askedWhich) {
      const picked = step.result as AskResult<string>;
      if (picked.status === 'ok') draft.placeAgencyId = picked.value;
      this.reroute(step);
    } else if (r.status !== 'skip') this.applyLocation(step, r);
    const offer = this.deps.meToo ? await offerMeToo(step.context, this.deps, draft) : null;
    return offer ? step.beginDialog(ME_TOO_DIALOG, offer) : step.next(SKIP);
  }

  private async askPhoto(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const meToo = step.result as MeTooResult | typeof SKIP;
    if ('outcome' in meToo && meToo.outcome === 'supported')
      return step.endDialog({
        outcome: 'supported',
        reference: meToo.reference,
      } satisfies FileFeedbackResult);
    if (this.keep(step, 'photo', draft.photo)) return step.next(SKIP);
    return step.prompt(
      ASK_PROMPT,
      askOptions({ key: 'file.photo.ask', kind: 'photo', choices: [skipButton], ask: 'photo' }),
    );
  }

  private async askContactChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const r = step.result as AskResult<Draft['photo']> | typeof SKIP;
    if (r.status === 'ok') draft.photo = r.value;
    else if (r.status !== 'skip') draft.photo = null;
    if (this.keep(step, 'contact', draft.anonymous)) return step.next(SKIP);
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'file.contact.ask',
        kind: 'choice',
        choices: [
          {
            id: 'anonymous',
            labelKey: 'file.contact.anonymous',
            synonyms: ['anonymous', 'tanpa nama', 'anon'],
          },
          { id: 'contact', labelKey: 'file.contact.give', synonyms: ['contact', 'hubungi'] },
        ],
      }),
    );
  }

  private async maybeCollectContact(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const r = step.result as AskResult<string> | typeof SKIP;
    if (r.status === 'ok' && r.value === 'contact') return step.beginDialog(CONTACT_DIALOG);
    if (r.status !== 'skip') {
      draft.anonymous = true;
      draft.contact = null;
    }
    return step.next(SKIP);
  }

  private async showSummary(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    if (step.result !== SKIP && (step.result as { status?: string } | undefined)?.status !== 'skip') {
      const contact = step.result as ContactResult;
      draft.contact = contact;
      draft.anonymous = contact === null;
    }
    this.reroute(step);
    const lang = turnLanguage(step.context);
    const agencyName = draft.agencyId ? this.deps.routing.agencyName(draft.agencyId, lang) : null;
    await step.context.sendActivity(message(renderSummary(this.deps.l10n.t, lang, draft, agencyName)));
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'file.summary.question',
        kind: 'choice',
        choices: [
          {
            id: 'submit',
            labelKey: 'file.summary.submit',
            synonyms: ['submit', 'hantar', 'ya', 'yes', 'ok'],
          },
          { id: 'edit', labelKey: 'file.summary.edit', synonyms: ['edit', 'ubah', 'tukar', 'change'] },
          {
            id: 'place',
            labelKey: 'routing:place.wrong',
            synonyms: ['wrong place', 'tukar tempat', 'salah tempat'],
          },
          { id: 'cancel', labelKey: 'file.summary.cancel' },
        ],
      }),
    );
  }

  private async onSummaryChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    if (r.status !== 'ok' || r.value === 'cancel') {
      await step.context.sendActivity(this.deps.l10n.t(turnLanguage(step.context), 'cancelled'));
      return step.endDialog({ outcome: 'cancelled' } satisfies FileFeedbackResult);
    }
    if (r.value === 'submit') return this.submit(step);
    if (r.value === 'place') return this.onEditChoice(step, 'location');
    const fields: EditableField[] = ['text', 'category', 'location', 'photo', 'contact'];
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'file.edit.which',
        kind: 'choice',
        choices: fields.map((f) => ({ id: f, labelKey: `file.edit.${f}` })),
      }),
    );
  }

  private async onEditChoice(step: WaterfallStepContext, field?: EditableField): Promise<DialogTurnResult> {
    const r = step.result as AskResult<EditableField>;
    const editing = field ?? (r.status === 'ok' ? r.value : 'none');
    const draft = this.draft(step);
    // The inner waterfall, not the component (see MainDialog.loop): a nested component breaks re-prompts.
    return step.replaceDialog(`${FILE_FEEDBACK_DIALOG}.steps`, {
      type: draft.type,
      draft,
      editing,
    } satisfies FileFeedbackOptions);
  }

  private async submit(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const draft = this.draft(step);
    const lang = turnLanguage(step.context);
    const t = this.deps.l10n.t;
    const activity = step.context.activity;
    try {
      const filed = await this.deps.feedback.file({
        type: draft.type,
        category: draft.category ?? 'other',
        text: draft.text ?? '',
        language: lang,
        ...(draft.location ? { location: draft.location } : {}),
        attachments: draft.photo ? [draft.photo] : [],
        agencyId: draft.agencyId ?? null,
        routingReason: draft.routingReason ?? 'unrouted',
        ...(draft.routingWhy && draft.agencyId ? { routingWhy: draft.routingWhy } : {}),
        channel: {
          channelId: activity.channelId,
          conversationReference: JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))),
        },
        citizenKey: this.deps.feedback.citizenKey(activity.channelId, activity.from?.id ?? 'unknown'),
        anonymous: draft.anonymous !== false,
        ...(draft.contact ? { contact: draft.contact } : {}),
        ...submissionKey(activity, draft),
        awaitsConfirmation: true,
      });
      const agency = filed.agencyId ? this.deps.routing.agencyName(filed.agencyId, lang) : null;
      await step.context.sendActivity(
        message(
          [
            t(lang, `file.done.${draft.type}`, { reference: filed.reference }),
            agency ? t(lang, 'file.done.sentTo', { agency }) : t(lang, 'file.done.unrouted'),
            t(lang, 'file.done.keep'),
          ].join('\n'),
        ),
      );
      whenRepliesDelivered(step.context, () => this.deps.feedback.confirmed(filed.reference));
      return step.endDialog({ outcome: 'filed', reference: filed.reference } satisfies FileFeedbackResult);
    } catch {
      // Nothing was acknowledged; the draft is kept in dialog state. Show the summary again so they can retry.
      await step.context.sendActivity(t(lang, 'file.submitFailed'));
      return step.replaceDialog(`${FILE_FEEDBACK_DIALOG}.steps`, {
        type: draft.type,
        draft,
        editing: 'none',
      });
    }
  }

  private async giveUp(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.deps.l10n.t(turnLanguage(step.context), 'gaveUp'));
    return step.endDialog({ outcome: 'gaveUp' } satisfies FileFeedbackResult);
  }
}

/** The filing's idempotency key: the draft's pending-submission id, else the submitting message's identity. */
function submissionKey(
  activity: TurnContext['activity'],
  draft: Draft,
): { sourceKey: string } | Record<string, never> {
  const where = `${activity.channelId}:${activity.conversation.id}`;
  if (draft.submissionId) return { sourceKey: `${where}:sub:${draft.submissionId}` };
  return activity.id ? { sourceKey: `${where}:${activity.id}` } : {};
}
