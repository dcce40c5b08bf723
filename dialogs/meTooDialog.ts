/**
 * "Me too", offered while filing a complaint or a suggestion (before the photo, contact and summary questions): "3
 * people have reported the same thing nearby" with the best 1–3 matches, anonymised (category, place, date, status,
 * people), and the buttons "Add my voice" / "File mine anyway". Adding a voice makes the citizen a supporter of that
 * item (told of its updates on their own channel, in their language) instead of filing a second one. The wording
 * follows the item's type through i18next context: the plain keys speak of complaints, `<key>_suggestion` of
 * suggestions ("2 people have suggested the same thing nearby" / "Add my support").
 */
import { TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { FeedbackType, Language } from '../services/feedback/types';
import type { Translate } from '../services/i18n';
import { formatDay } from '../services/i18n/dates';
import type { MeTooMatch } from '../services/similar/meToo';
import { ASK_PROMPT } from './ids';
import type { DialogDeps, MeTooPort } from './ports';
import { AskPrompt, askOptions, type AskResult, type ChoiceSpec } from './prompts/askPrompt';
import { message, turnLanguage } from './turn';

/** Dialog id. */
export const ME_TOO_DIALOG = 'meToo';

/** Started with the draft's type (complaint or suggestion), the matches to offer and how many people they concern. */
export interface MeTooOptions {
  type: FeedbackType;
  matches: MeTooMatch[];
  people: number;
}

/** `supported`: the citizen's voice was added to `reference`; `fileAnyway`: go on filing their own. */
export type MeTooResult = { outcome: 'supported'; reference: string } | { outcome: 'fileAnyway' };

/** The i18next context that words "me too" for the item's type (`offer.one_suggestion`; complaints: the plain key). */
export function wording(type: FeedbackType | undefined): { context?: FeedbackType } {
  return type ? { context: type } : {};
}

/** One anonymised line per match: "1. Roads · about 100 m from your pin, Kuala Lumpur · 3 Nov 2026 · In progress". */
export function renderMatches(t: Translate, lang: Language, o: MeTooOptions): string {
  const w = wording(o.type);
  const head =
    o.people === 1 ? t(lang, 'metoo:offer.one', w) : t(lang, 'metoo:offer.many', { ...w, count: o.people });
  const lines = o.matches.map((m, i) => {
    const where = [
      m.distanceM !== undefined
        ? t(lang, 'metoo:item.distance', { metres: Math.max(10, m.distanceM) })
        : null,
      m.place ?? null,
    ]
      .filter(Boolean)
      .join(', ');
    const parts = [
      t(lang, `categories:${m.category}.label`),
      where || t(lang, 'metoo:item.samePlace'),
      formatDay(lang, new Date(m.createdAt)),
      t(lang, `common:statuses.${m.status}`),
      m.people > 1 ? t(lang, 'metoo:item.people', { count: m.people }) : null,
    ];
    return `${i + 1}. ${parts.filter(Boolean).join(' · ')}`;
  });
  return [head, ...lines, t(lang, 'metoo:item.privacy')].join('\n');
}

/** "Add my voice" (one per match when there are several) and "File mine anyway", worded for the item's type. */
function choices(o: MeTooOptions): ChoiceSpec[] {
  const w = wording(o.type);
  const add: ChoiceSpec[] =
    o.matches.length === 1
      ? [
          {
            id: 'add:0',
            labelKey: 'metoo:add',
            vars: w,
            synonyms: ['me too', 'saya juga', 'tambah', 'add', 'sokong', 'support'],
          },
        ]
      : o.matches.map((_, i) => ({ id: `add:${i}`, labelKey: 'metoo:addN', vars: { ...w, n: i + 1 } }));
  return [
    ...add,
    {
      id: 'new',
      labelKey: 'metoo:fileAnyway',
      vars: w,
      synonyms: ['file anyway', 'new', 'baharu', 'teruskan'],
    },
  ];
}

/** Offers similar open complaints or suggestions and adds the citizen's voice to the one they pick. */
export class MeTooDialog extends ComponentDialog {
  constructor(
    private readonly deps: DialogDeps,
    private readonly port: MeTooPort,
  ) {
    super(ME_TOO_DIALOG);
    this.addDialog(new AskPrompt(ASK_PROMPT, deps.l10n));
    this.addDialog(
      new WaterfallDialog(`${ME_TOO_DIALOG}.steps`, [(s) => this.offer(s), (s) => this.onChoice(s)]),
    );
    this.initialDialogId = `${ME_TOO_DIALOG}.steps`;
  }

  private async offer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as MeTooOptions;
    const lang = turnLanguage(step.context);
    await step.context.sendActivity(message(renderMatches(this.deps.l10n.t, lang, o)));
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: o.matches.length === 1 ? 'metoo:question.one' : 'metoo:question.many',
        vars: wording(o.type),
        kind: 'choice',
        choices: choices(o),
      }),
    );
  }

  private async onChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const o = step.options as MeTooOptions;
    const r = step.result as AskResult<string>;
    const picked =
      r.status === 'ok' && r.value.startsWith('add:') ? o.matches[Number(r.value.slice(4))] : undefined;
    if (!picked) return step.endDialog({ outcome: 'fileAnyway' } satisfies MeTooResult);
    return this.addVoice(step, picked, o.type);
  }

  private async addVoice(
    step: WaterfallStepContext,
    picked: MeTooMatch,
    type: FeedbackType | undefined,
  ): Promise<DialogTurnResult> {
    const lang = turnLanguage(step.context);
    const w = wording(type);
    const t = this.deps.l10n.t;
    const activity = step.context.activity;
    const added = await this.port.addVoice(picked.reference, {
      citizenKey: this.deps.feedback.citizenKey(activity.channelId, activity.from?.id ?? 'unknown'),
      channel: {
        channelId: activity.channelId,
        conversationReference: JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))),
      },
      language: lang,
    });
    if (added.outcome === 'closed' || added.outcome === 'notFound') {
      // Closed (or gone) since it was offered: file the citizen's own complaint (or suggestion) instead.
      await step.context.sendActivity(t(lang, 'metoo:noLonger', w));
      return step.endDialog({ outcome: 'fileAnyway' } satisfies MeTooResult);
    }
    const vars = {
      ...w,
      reference: picked.reference,
      status: t(lang, `common:statuses.${added.status ?? picked.status}`),
      count: await this.port.people(picked.reference),
    };
    const key = added.outcome === 'added' ? 'metoo:added' : 'metoo:already';
    await step.context.sendActivity(message([t(lang, key, vars), t(lang, 'metoo:updates')].join('\n')));
    return step.endDialog({ outcome: 'supported', reference: picked.reference } satisfies MeTooResult);
  }
}
