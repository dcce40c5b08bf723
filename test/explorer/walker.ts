/**
 * The conversation explorer's walker: abstract steps (chosen by fast-check) are turned into concrete messages
 * relative to what the bot just offered, sent to the real bot on the real MongoDB, and every turn is checked
 * against the invariants. A failure throws with the concrete script that led to it, ready to paste as a test.
 */
import { type Activity } from 'botbuilder';
import type { Db } from 'mongodb';
import { buildCore, type Core } from '../../bots/compose/core';
import { createNotifier } from '../../bots/compose/deliveryWiring';
import { LOCATION_CONTENT_TYPE } from '../../dialogs/prompts/parsers';
import { newReference } from '../../services/feedback/reference';
import type { Language } from '../../services/feedback/types';
import type { Logger } from '../../services/log';
import type { OutboundMessage } from '../../services/notifications/types';
import { AGENCY_STATUSES, StatusService } from '../../services/status/statusService';
import { TestCitizen } from '../support/app';
import { languageProblem, type LanguageIndex } from './languageCheck';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/g;

/** One abstract step; numbers pick among what is on offer at that moment, so shrinking keeps scripts valid. */
export type Step =
  | { k: 'button'; i: number }
  | { k: 'typed'; i: number; v: number }
  | { k: 'free'; i: number }
  | { k: 'interrupt'; i: number }
  | { k: 'status'; which: 'real' | 'madeUp' | 'typo'; i: number }
  | { k: 'location' }
  | { k: 'photo' }
  | { k: 'empty' }
  | { k: 'long' }
  | { k: 'staff'; what: 'status' | 'reply'; i: number; s: number }
  | { k: 'restart' };

/** Free text in either language (none of it copies a locale string). */
export const FREE_TEXT = [
  'Sampah tidak dikutip di Jalan Raja Laut sudah dua minggu',
  'Streetlight broken outside the mosque in Bangsar for a week',
  'Longkang tersumbat depan rumah saya di Taman Melawati',
  'Thank you to the team that fixed the pothole on Jalan Ampang quickly',
  'Saya cadangkan lebih banyak tong kitar semula di taman',
  'When will the public library in Cheras reopen after renovation?',
  '50350',
  'Jalan Tun Razak',
  'ok',
  'tak tahu',
  'hmm what',
  'Aminah binti Ali',
  '0123456789',
  'aminah@example.com',
  '👍',
];

/** Words that work anywhere. */
export const INTERRUPTIONS = [
  'menu',
  'batal',
  'cancel',
  'bantuan',
  'help',
  'BM',
  'English',
  'bahasa',
  'data saya',
  'my data',
  'padam data saya',
];

/** One concrete message sent, as a line of the replay script. */
type Sent = { label: string; activity: Partial<Activity>; own?: boolean };

interface Turn {
  step: string;
  replies: { text: string; buttons: string[]; values: string[] }[];
}

/** What a walker needs from the test. */
export interface WalkerEnv {
  db: Db;
  core: Core;
  index: LanguageIndex;
  locale: 'en-US' | 'ms-MY';
  /** Distinct dialog states seen, shared by all walks. */
  states: Set<string>;
}

/** Errors logged by the pipeline's turn error handler. */
function recordingLogger(errors: string[]): Logger {
  const none = () => {};
  return {
    debug: none,
    info: none,
    warn: none,
    error: (msg: string, meta?: Record<string, unknown>) => {
      errors.push(`${msg} ${JSON.stringify(meta ?? {})}`);
    },
  } as unknown as Logger;
}

/** A citizen walking through the bot; one per run. */
export class Walker {
  private core: Core;
  private citizen: TestCitizen;
  private readonly userId = `walker-${Math.random().toString(36).slice(2)}`;
  private readonly conversationId = `walk-${Math.random().toString(36).slice(2)}`;
  private readonly errors: string[] = [];
  private readonly typed = new Set<string>();
  private readonly script: string[] = [];
  private readonly turns: Turn[] = [];
  private readonly proactive: OutboundMessage[] = [];
  private filed: string[] = [];
  private last: { text: string; buttons: string[]; values: string[] }[] = [];
  private chosen: Language | null = null;
  private status: StatusService;
  /** Steps taken. */
  steps = 0;

  private constructor(private readonly env: WalkerEnv) {
    this.core = env.core;
    this.citizen = this.newCitizen();
    this.status = this.newStatusService();
  }

  /** Open a conversation (the bot greets). */
  static async open(env: WalkerEnv): Promise<Walker> {
    const w = new Walker(env);
    w.script.push(`(open, locale ${env.locale})`);
    const replies = await w.citizen.open();
    await w.check('(open)', replies);
    return w;
  }

  private newCitizen(): TestCitizen {
    (this.core.pipeline as { log: Logger }).log = recordingLogger(this.errors);
    return new TestCitizen(this.core.bot, this.core.pipeline, {
      userId: this.userId,
      conversationId: this.conversationId,
      locale: this.env.locale,
    });
  }

  private newStatusService(): StatusService {
    const inbox = this.proactive;
    const mine = this.conversationId;
    const channel = {
      channelId: 'test',
      // Only what is addressed to this walker's conversation: supporters from other walks ("me too" on the seeded
      // complaints) are told too, each in their own language, on their own conversation.
      send: async (ref: Record<string, unknown>, msg: OutboundMessage) => {
        if ((ref as { conversation?: { id?: string } }).conversation?.id === mine) inbox.push(msg);
      },
    };
    return new StatusService(this.core.feedbackRepo, createNotifier(this.core, [channel]));
  }

  /** Take one abstract step, then check every invariant. */
  async take(step: Step): Promise<void> {
    this.steps++;
    if (step.k === 'restart') return this.restart();
    if (step.k === 'staff') return this.staff(step);
    const sent = this.concrete(step);
    this.script.push(sent.label);
    if (sent.own && sent.activity.text) this.typed.add(sent.activity.text);
    const replies = await this.citizen.say(sent.activity);
    await this.check(sent.label, replies);
    const lower = (sent.activity.text ?? '').trim().toLowerCase();
    const target = ['bm'].includes(lower) ? 'ms' : lower === 'english' ? 'en' : null;
    if (target) await this.expectLanguage(target, sent.label);
  }

  private buttons(): { titles: string[]; values: string[] } {
    const withButtons = this.last.filter((r) => r.buttons.length > 0).at(-1);
    return { titles: withButtons?.buttons ?? [], values: withButtons?.values ?? [] };
  }

  /** Turn an abstract step into a message, relative to the last reply. */
  private concrete(step: Exclude<Step, { k: 'restart' } | { k: 'staff' }>): Sent {
    const { titles, values } = this.buttons();
    const text = (t: string, label = JSON.stringify(t)): Sent => ({ label, activity: { text: t } });
    switch (step.k) {
      case 'button':
        if (titles.length === 0) return { ...text(FREE_TEXT[step.i % FREE_TEXT.length]!), own: true };
        return text(values[step.i % values.length]!, `tap ${JSON.stringify(values[step.i % values.length])}`);
      case 'typed': {
        if (titles.length === 0) return text(INTERRUPTIONS[step.i % INTERRUPTIONS.length]!);
        const n = step.i % titles.length;
        const title = titles[n]!;
        const variants = [
          title.toLowerCase(),
          this.env.index.translation.en.get(title) ?? this.env.index.translation.ms.get(title) ?? title,
          String(n + 1),
          typo(title),
        ];
        return text(variants[step.v % variants.length]!);
      }
      case 'free':
        return { ...text(FREE_TEXT[step.i % FREE_TEXT.length]!), own: true };
      case 'interrupt':
        return text(INTERRUPTIONS[step.i % INTERRUPTIONS.length]!);
      case 'status': {
        const word = step.i % 2 === 0 ? 'semak' : 'status';
        const real = this.filed[step.i % Math.max(1, this.filed.length)];
        const ref =
          step.which === 'real' && real
            ? real
            : step.which === 'typo' && real
              ? mistype(real)
              : newReference();
        return { ...text(`${word} ${ref}`), own: true };
      }
      case 'location':
        return {
          label: '(location 3.1579,101.7116)',
          activity: {
            text: '',
            attachments: [{ contentType: LOCATION_CONTENT_TYPE, content: { lat: 3.1579, lng: 101.7116 } }],
          },
        };
      case 'photo':
        return {
          label: '(photo)',
          activity: {
            text: '',
            attachments: [
              { contentType: 'image/jpeg', contentUrl: 'https://example.invalid/p.jpg', name: 'p.jpg' },
            ],
          },
        };
      case 'empty':
        return text('');
      case 'long':
        return { label: '(5,000 × "a ")', activity: { text: 'a '.repeat(2500) }, own: true };
    }
  }

  /** A staff status change or reply, through the StatusService the dashboard uses. */
  private async staff(step: Extract<Step, { k: 'staff' }>): Promise<void> {
    const reference = this.filed[step.i % Math.max(1, this.filed.length)];
    if (!reference) return;
    const before = this.proactive.length;
    if (step.what === 'status') {
      const status = AGENCY_STATUSES[step.s % AGENCY_STATUSES.length]!;
      this.script.push(`(staff sets ${reference} to ${status})`);
      await this.status.apply({ reference, status, by: 'staff:explorer' });
    } else {
      this.script.push(`(staff replies on ${reference})`);
      const r = await this.status.reply({
        reference,
        text: 'Kami sedang menyiasat / we are looking into it',
        by: 'staff:explorer',
      });
      if (!r.ok) this.fail(`staff reply failed: ${r.code}`);
    }
    this.typed.add('Kami sedang menyiasat / we are looking into it');
    const sent = this.proactive.slice(before);
    if (sent.length === 0) return;
    this.last = sent.map((m) => ({
      text: m.text,
      buttons: (m.suggestedActions ?? []).map((a) => a.title),
      values: (m.suggestedActions ?? []).map((a) => a.value),
    }));
    const lang = await this.language();
    for (const m of sent) {
      const problem = languageProblem(this.env.index, m.text, lang, this.typed);
      if (problem) this.fail(`a notification is not in ${lang}: ${problem}\n${m.text}`);
      await this.checkReferences(m.text);
    }
  }

  /** A new process: new core, bot, adapter; state comes back from MongoDB. */
  private async restart(): Promise<void> {
    this.script.push('(restart)');
    const before = await this.signature();
    const lang = await this.language();
    this.core = await buildCore(this.env.db);
    this.citizen = this.newCitizen();
    this.status = this.newStatusService();
    const after = await this.signature();
    if (after !== before) this.fail(`the dialog state changed across a restart: ${before} → ${after}`);
    if ((await this.language()) !== lang) this.fail('the language changed across a restart');
  }

  /** The stored language and dialog state, in one round trip. */
  private async snapshot(): Promise<{ lang: Language; sig: string }> {
    const user = `test/users/${this.userId}/`;
    const conv = `test/conversations/${this.conversationId}/`;
    const items = await this.core.state.read([user, conv]);
    const profile = items[user] as { profile?: { language?: Language } } | undefined;
    const dialogs = items[conv] as { dialogState?: { dialogStack?: unknown[] } } | undefined;
    return {
      lang: profile?.profile?.language ?? 'ms',
      sig: stackSignature(dialogs?.dialogState?.dialogStack ?? []),
    };
  }

  private async language(): Promise<Language> {
    return (await this.snapshot()).lang;
  }

  private async signature(): Promise<string> {
    return (await this.snapshot()).sig;
  }

  private async expectLanguage(target: Language, label: string): Promise<void> {
    this.chosen = target;
    const now = await this.language();
    if (now !== target) this.fail(`after ${label} the language is ${now}`);
  }

  private async check(label: string, raw: Partial<Activity>[]): Promise<void> {
    const replies = raw.map((r) => ({
      locale: r.locale ?? '(none)',
      text: r.text ?? '',
      buttons: (r.suggestedActions?.actions ?? []).map((a) => String(a.title)),
      values: (r.suggestedActions?.actions ?? []).map((a) => String(a.value)),
    }));
    this.turns.push({ step: label, replies });
    this.last = replies;
    if (this.errors.length > 0) this.fail(`the turn failed: ${this.errors.join('; ')}`);
    if (replies.length === 0) this.fail('no reply at all');
    const { lang, sig } = await this.snapshot();
    if (replies.some((r) => r.text.startsWith(this.core.l10n.t(lang, 'language.set')))) this.chosen = lang;
    if (this.chosen && lang !== this.chosen) this.fail(`the language changed by itself to ${lang}`);
    for (const r of replies) {
      for (const l of ['en', 'ms'] as const) {
        const apology = this.core.l10n.t(l, 'errors.turn');
        if (r.text.includes(apology)) this.fail('the apology was sent');
      }
      if (!r.locale.startsWith(lang))
        this.fail(`a reply carries locale ${r.locale}, not ${lang}:\n${r.text}`);
      const problem = languageProblem(this.env.index, r.text, lang, this.typed);
      if (problem) this.fail(`a reply is not in ${lang}: ${problem}\n${r.text}`);
      await this.checkReferences(r.text);
    }
    this.env.states.add(sig);
    if ((sig.split('>')[0] ?? '').split('/').length > 2)
      this.fail(`interruptions piled up on the dialog stack: ${sig}`);
    const final = replies.at(-1)!;
    if (final.buttons.length === 0 && !/\?|？/.test(final.text) && !sig.includes('ask:'))
      this.fail(`the last reply offers no way forward (state ${sig}):\n${final.text}`);
  }

  private async checkReferences(text: string): Promise<void> {
    for (const ref of text.match(REF) ?? []) {
      if ([...this.typed].some((t) => t.toUpperCase().includes(ref))) continue;
      if (this.env.index.strings.en.some((s) => s.includes(ref))) continue; // the example in "it looks like …"

      const stored = await this.core.feedbackRepo.get(ref);
      if (!stored) this.fail(`reference ${ref} shown but not stored`);
      if (!this.filed.includes(ref)) this.filed = [...this.filed, ref];
    }
  }

  private fail(why: string): never {
    const lastTurns = this.turns
      .slice(-3)
      .map(
        (t) =>
          `> ${t.step}\n${t.replies.map((r) => `  < ${r.text.slice(0, 300)}${r.buttons.length ? ` [${r.buttons.join(' | ')}]` : ''}`).join('\n')}`,
      )
      .join('\n');
    throw new Error(`${why}\n\nReplay script:\n  ${this.script.join('\n  ')}\n\nLast turns:\n${lastTurns}`);
  }
}

/** Signature of a (possibly nested) dialog stack: ids bottom to top, the active one expanded. */
export function stackSignature(stack: unknown[]): string {
  const entries = stack as { id?: string; state?: Record<string, unknown> }[];
  const top = entries.at(-1);
  if (!top) return '(empty)';
  const below = entries
    .slice(0, -1)
    .map((e) => `${e.id ?? '?'}/`)
    .join('');
  const inner = (top.state?.dialogs as { dialogStack?: unknown[] } | undefined)?.dialogStack;
  const spec = (top.state?.options as { validations?: { key?: string } } | undefined)?.validations;
  if (inner && inner.length > 0) return `${below}${top.id ?? '?'}>${stackSignature(inner)}`;
  return `${below}${spec?.key ? `ask:${spec.key}` : (top.id ?? '?')}`;
}

/** A typing slip: two neighbouring letters swapped (or a letter doubled in a short word). */
export function typo(word: string): string {
  const letters = [...word];
  const i = letters.findIndex((c, n) => n > 0 && /\p{L}/u.test(c) && /\p{L}/u.test(letters[n + 1] ?? ''));
  if (i < 0) return `${word}${word.at(-1) ?? ''}`;
  [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
  return letters.join('');
}

/** A reference with one character changed (the check character catches it). */
export function mistype(reference: string): string {
  const last = reference.at(-1)!;
  return reference.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}
