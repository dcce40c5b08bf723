/**
 * The terminal channel: a BotAdapter over lines of text. Suggested actions print as numbered choices; typing the
 * number or the text both work. `/location <lat>,<lng>` shares a pin and `/photo <file or URL>` attaches a photo,
 * so every step of a flow can be scripted.
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { ProactiveAdapter } from '../../bot/proactiveAdapter';
import { LOCATION_CONTENT_TYPE } from '../../../dialogs/prompts/parsers';
import {
  RecipientUnreachableError,
  type OutboundMessage,
  type ProactiveChannel,
} from '../../../services/notifications/types';

/** Where the terminal writes what the bot says. */
export type Printer = (line: string) => void;

/** Options of one terminal conversation. */
export interface TerminalOptions {
  conversationId?: string;
  userId?: string;
  locale?: string;
  print: Printer;
}

/** The bot logic the adapter runs each turn. */
export type BotLogic = (context: TurnContext) => Promise<void>;

/** A BotAdapter for stdin/stdout (or any line source and printer). */
export class TerminalAdapter extends ProactiveAdapter {
  readonly conversationId: string;
  private readonly userId: string;
  private lastButtons: string[] = [];

  constructor(private readonly options: TerminalOptions) {
    super();
    this.conversationId = options.conversationId ?? `terminal-${randomUUID()}`;
    this.userId = options.userId ?? 'citizen';
  }

  private base(): Partial<Activity> {
    return {
      channelId: 'terminal',
      serviceUrl: 'terminal://local',
      conversation: {
        id: this.conversationId,
        isGroup: false,
        conversationType: 'personal',
        name: 'terminal',
      },
      from: { id: this.userId, name: 'Citizen' },
      recipient: { id: 'suara', name: 'Suara' },
      ...(this.options.locale ? { locale: this.options.locale } : {}),
      timestamp: new Date(),
    };
  }

  /** Start the conversation (the bot greets). */
  async start(logic: BotLogic): Promise<void> {
    const activity = {
      ...this.base(),
      id: randomUUID(),
      type: ActivityTypes.ConversationUpdate,
      membersAdded: [{ id: this.userId, name: 'Citizen' }],
    } as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /** Turn one typed line into a message activity and run a turn. */
  async receive(line: string, logic: BotLogic): Promise<void> {
    const activity = {
      ...this.base(),
      id: randomUUID(),
      type: ActivityTypes.Message,
      ...this.parseLine(line),
    } as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  private parseLine(line: string): Partial<Activity> {
    const text = line.replace(/\r$/, '');
    const n = Number.parseInt(text.trim(), 10);
    if (String(n) === text.trim() && n >= 1 && n <= this.lastButtons.length)
      return { text: this.lastButtons[n - 1] };
    const loc = /^\/(?:location|lokasi)\s+(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/i.exec(text.trim());
    if (loc) {
      return {
        text: '',
        attachments: [
          { contentType: LOCATION_CONTENT_TYPE, content: { lat: Number(loc[1]), lng: Number(loc[2]) } },
        ],
      };
    }
    const photo = /^\/(?:photo|gambar)\s+(\S+)$/i.exec(text.trim());
    if (photo) {
      const url = /^https?:\/\//.test(photo[1]!) ? photo[1]! : `file://${photo[1]!}`;
      const type = /\.png$/i.test(photo[1]!) ? 'image/png' : 'image/jpeg';
      return {
        text: '',
        attachments: [{ contentType: type, contentUrl: url, name: photo[1]!.split('/').pop() }],
      };
    }
    return { text };
  }

  /** Numbered choices typed next refer to these button values. */
  rememberButtons(values: string[]): void {
    if (values.length > 0) this.lastButtons = values;
  }

  /** Print the bot's activities; buttons become numbered choices. */
  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const a of activities) {
      if (a.type !== ActivityTypes.Message) continue;
      const buttons = (a.suggestedActions?.actions ?? []).map((x) => String(x.title ?? x.value));
      if (buttons.length > 0)
        this.lastButtons = (a.suggestedActions?.actions ?? []).map((x) => String(x.value ?? x.title));
      const choices = buttons.map((b, i) => `[${i + 1}] ${b}`).join(' ');
      this.options.print(`Suara: ${a.text ?? ''}${choices ? `\n       ${choices}` : ''}`);
    }
    return activities.map(() => ({ id: randomUUID() }));
  }

  async updateActivity(): Promise<void> {
    throw new Error('The terminal cannot edit printed lines.');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('The terminal cannot delete printed lines.');
  }
}

/** Proactive messages (status changes) for a live terminal session: printed as they come. */
export function terminalProactive(adapter: TerminalAdapter, print: Printer): ProactiveChannel {
  return {
    channelId: 'terminal',
    async send(reference, msg: OutboundMessage) {
      const conversation = (reference.conversation as { id?: string } | undefined)?.id;
      if (conversation !== adapter.conversationId) {
        throw new RecipientUnreachableError('That terminal conversation has ended.');
      }
      const buttons = (msg.suggestedActions ?? []).map((b, i) => `[${i + 1}] ${b.title}`).join(' ');
      adapter.rememberButtons((msg.suggestedActions ?? []).map((b) => b.value));
      print(`Suara: ${msg.text}${buttons ? `\n       ${buttons}` : ''}`);
    },
  };
}
