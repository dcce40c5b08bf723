/**
 * Choosing a category when Suara's suggestion was not right: instead of one list of 26 buttons (longer than a phone
 * screen), two short ones — first the area (roads and transport, rubbish and drains, …, or "Something else"), then
 * the categories of that area with a way back. At either list, typing a category's name ("bekalan air") or
 * describing it ("jalan berlubang") is understood too. Ends with the prompt's own result: `{status:'ok', value:
 * <category id>}` or `{status:'gaveUp'}`.
 */
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CATEGORY_IDS, type CategoryId } from '../services/agencies/types';
import { ASK_PROMPT } from './ids';
import { askOptions, type AskResult, type ChoiceSpec } from './prompts/askPrompt';

/** Dialog id of the picker (inside the filing dialog, beside its ASK_PROMPT). */
export const CATEGORY_PICKER = 'categoryPicker';

/** The areas of the first list and their categories (every category but 'other' in exactly one). */
export const CATEGORY_GROUPS: readonly { id: string; categories: readonly CategoryId[] }[] = [
  { id: 'streets', categories: ['roads', 'streetlights', 'parking', 'transport'] },
  { id: 'cleanliness', categories: ['waste', 'drainage', 'sewerage', 'noise', 'environment'] },
  { id: 'nature', categories: ['parks', 'animals', 'wildlife'] },
  { id: 'utilities', categories: ['water', 'energy', 'telecoms'] },
  { id: 'safetyHealth', categories: ['safety', 'health'] },
  { id: 'homesTrade', categories: ['housing', 'trade', 'licensing'] },
  { id: 'services', categories: ['identity', 'immigration', 'education', 'employment', 'welfare'] },
];

const BACK = 'groups';

/** A category as a button (or, hidden, as an answer that is understood without a button). */
export function categoryChoice(category: CategoryId, hidden = false): ChoiceSpec {
  return { id: category, labelKey: `categories:${category}.label`, synonyms: [category], hidden };
}

/** Every category, understood when typed but not shown. */
const typedCategories = (shown: readonly string[]): ChoiceSpec[] =>
  CATEGORY_IDS.filter((c) => !shown.includes(c)).map((c) => categoryChoice(c, true));

/** The two-step category list. */
export class CategoryPickerDialog extends WaterfallDialog {
  constructor() {
    super(CATEGORY_PICKER, [(s) => this.askArea(s), (s) => this.afterArea(s), (s) => this.afterCategory(s)]);
  }

  private async askArea(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const areas: ChoiceSpec[] = CATEGORY_GROUPS.map((g) => ({
      id: g.id,
      labelKey: `categoryGroups:group.${g.id}`,
    }));
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'categoryGroups:ask',
        kind: 'choice',
        matchCategory: true,
        choices: [...areas, categoryChoice('other'), ...typedCategories(['other'])],
      }),
    );
  }

  private async afterArea(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    const group = r.status === 'ok' ? CATEGORY_GROUPS.find((g) => g.id === r.value) : undefined;
    if (!group) return step.endDialog(r);
    return step.prompt(
      ASK_PROMPT,
      askOptions({
        key: 'categoryGroups:inGroup',
        vars: { group: `@categoryGroups:group.${group.id}` },
        kind: 'choice',
        matchCategory: true,
        choices: [
          ...group.categories.map((c) => categoryChoice(c)),
          { id: BACK, labelKey: 'categoryGroups:back', synonyms: ['back', 'kembali'] },
          ...typedCategories(group.categories),
        ],
      }),
    );
  }

  private async afterCategory(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const r = step.result as AskResult<string>;
    if (r.status === 'ok' && r.value === BACK) return step.replaceDialog(CATEGORY_PICKER);
    return step.endDialog(r);
  }
}
