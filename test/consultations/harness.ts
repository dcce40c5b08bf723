/**
 * A small bot for driving ConsultationDialog before the menu entry is wired: the real dialog, AskPrompt, real
 * services (localizer, routing, citizen keys from buildCore) and dialog state in MongoDB, over botbuilder's
 * TestAdapter. "BM"/"English" switch language and re-ask the current question, like the real interruptions.
 */
import {
  ActivityTypes,
  ConversationState,
  TestAdapter,
  type Activity,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { Db } from 'mongodb';
import { buildCore, type Core } from '../../bots/compose/core';
import {
  CONSULTATION_DIALOG,
  ConsultationDialog,
  type ConsultationOptions,
} from '../../dialogs/consultationDialog';
import { setTurnLanguage } from '../../dialogs/turn';
import { ConsultationRepository, loadConsultations } from '../../services/consultations';
import type { Language } from '../../services/feedback/types';

/** The composed test bot: its services, the consultations repository and a settable clock. */
export interface ConsultationBot {
  core: Core;
  repo: ConsultationRepository;
  clock: { now: Date };
  /** A new citizen in their own conversation. */
  citizen(lang: Language, opts?: { userId?: string; start?: ConsultationOptions }): Citizen;
}

/** Build the bot on a test database and seed the sample consultations. */
export async function consultationBot(db: Db, now: Date): Promise<ConsultationBot> {
  const core = await buildCore(db);
  const repo = new ConsultationRepository(db);
  await repo.seed(loadConsultations());
  const clock = { now };
  const state = new ConversationState(core.state as unknown as Storage);
  const dialogs = new DialogSet(state.createProperty<DialogState>('dialogState'));
  dialogs.add(new ConsultationDialog(core.deps, repo, () => clock.now));
  const language = state.createProperty<Language>('language');
  const starts = new Map<string, ConsultationOptions | undefined>();

  const turn = async (context: TurnContext): Promise<void> => {
    const dc = await dialogs.createContext(context);
    const typed = (context.activity.text ?? '').trim().toLowerCase();
    const switchTo: Language | null = typed === 'bm' ? 'ms' : typed === 'english' ? 'en' : null;
    if (switchTo) await language.set(context, switchTo);
    setTurnLanguage(context, await language.get(context, context.activity.locale === 'ms-MY' ? 'ms' : 'en'));
    if (switchTo) {
      await dc.repromptDialog();
    } else {
      const result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        await dc.beginDialog(CONSULTATION_DIALOG, starts.get(context.activity.conversation.id));
      }
    }
    await state.saveChanges(context);
  };

  return {
    core,
    repo,
    clock,
    citizen: (lang, opts = {}) => {
      const c = new Citizen(turn, lang, opts.userId);
      starts.set(c.conversationId, opts.start);
      return c;
    },
  };
}

/** One citizen talking to the test bot. */
export class Citizen {
  readonly conversationId = `conv-${Math.random().toString(36).slice(2)}`;
  readonly userId: string;
  private readonly adapter: TestAdapter;
  private readonly base: Partial<Activity>;

  constructor(turn: (context: TurnContext) => Promise<void>, lang: Language, userId?: string) {
    this.userId = userId ?? `citizen-${Math.random().toString(36).slice(2)}`;
    this.base = {
      channelId: 'test',
      serviceUrl: 'https://test.local',
      conversation: { id: this.conversationId } as Activity['conversation'],
      from: { id: this.userId, name: 'Citizen' },
      recipient: { id: 'suara', name: 'Suara' },
      locale: lang === 'ms' ? 'ms-MY' : 'en-US',
    };
    this.adapter = new TestAdapter(turn, this.base as never);
  }

  /** Send text; returns the bot's message replies. */
  async say(text: string): Promise<Partial<Activity>[]> {
    await this.adapter.receiveActivity({ ...this.base, type: ActivityTypes.Message, text } as Activity);
    return this.adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message);
  }

  /** Send text; returns the replies' text joined. */
  async text(text: string): Promise<string> {
    return (await this.say(text)).map((r) => r.text ?? '').join('\n');
  }
}

/** Button titles of the last reply that had any. */
export function buttons(replies: Partial<Activity>[]): string[] {
  const withButtons = replies.filter((r) => (r.suggestedActions?.actions ?? []).length > 0);
  return (withButtons.at(-1)?.suggestedActions?.actions ?? []).map((a) => String(a.title));
}
