/**
 * Test harness for the citizen's own data: the real bot on one MongoDB database, reached through the fake Telegram
 * Bot API and through Direct Line over HTTP, with the privacy download route on a real restify server; citizens
 * file feedback and answer a consultation through the real flows; `scanAll` reads every collection.
 */
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import * as restify from 'restify';
import type { TelegramChannel } from '../../bots/channels/telegram/channel';
import type { Core } from '../../bots/compose/core';
import { mountPrivacyRoutes } from '../../bots/http/privacy/routes';
import type { Language } from '../../services/feedback/types';
import { silentLogger } from '../../services/log';
import { createTestBot } from '../support/app';
import { FakeTelegram, photoMessage, type RecordedCall } from '../support/fakeTelegram';
import {
  buttonsOf,
  fakeTelegramChannel,
  telegramCitizen as chatOnTelegram,
  textsOf,
} from '../support/telegramBot';
import { testDb, type TestDb } from '../support/mongo';
import { call, startConversation, startHarness, type Harness } from '../webchat/harness';

process.env.SUARA_TELEGRAM_SILENT = '1';

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Reference numbers as citizens see them. */
export const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

/** What the citizen saw after one message: every reply's text, and the buttons offered last. */
export interface Seen {
  text: string;
  buttons: string[];
}

/** A citizen on one channel. */
export interface ChatCitizen {
  lang: Language;
  channelId: string;
  userId: string;
  conversationId: string;
  say(text: string): Promise<Seen>;
  /** Send a photo whose file id or name is `id`. */
  photo(id: string): Promise<Seen>;
}

/** Everything a privacy test runs on. */
export interface PrivacyEnv {
  t: TestDb;
  core: Core;
  fake: FakeTelegram;
  telegram: TelegramChannel;
  web: Harness;
  /** Base URL of the server with the privacy route. */
  base: string;
  close(): Promise<void>;
}

/** Start the bot, Telegram (fake Bot API), the web chat and the privacy route on one fresh database. */
export async function startPrivacyEnv(name: string): Promise<PrivacyEnv> {
  const t = await testDb(name);
  const core = (await createTestBot(t.db)).core;
  const fake = await FakeTelegram.start();
  const telegram = fakeTelegramChannel(fake, { bot: core.bot, pipeline: core.pipeline, db: t.db });
  const web = await startHarness({ bot: core.bot, pipeline: core.pipeline, tdb: t });
  const server = restify.createServer({ handleUpgrades: false });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  mountPrivacyRoutes(server, { privacy: core.privacy, l10n: core.l10n, baseUrl: base, log: silentLogger });
  return {
    t,
    core,
    fake,
    telegram,
    web,
    base,
    close: async () => {
      await telegram.stop();
      await web.close();
      server.close();
      await new Promise((r) => setTimeout(r, 200));
      await fake.close();
      await t.close();
    },
  };
}

/** A Telegram citizen (private chat id = user id). */
export function telegramCitizen(env: PrivacyEnv, id: number, lang: Language): ChatCitizen {
  const citizen = { id, languageCode: lang };
  const chat = chatOnTelegram(env.fake, env.telegram, citizen);
  const step = async (sent: Promise<RecordedCall[]>): Promise<Seen> => {
    const mine = await sent;
    return { text: textsOf(mine), buttons: buttonsOf(mine) };
  };
  return {
    lang,
    channelId: 'telegram',
    userId: String(id),
    conversationId: String(id),
    say: (text) => step(chat.say(text)),
    photo: (id) => step(chat.send(photoMessage(citizen, id))),
  };
}

/** A web chat citizen over Direct Line HTTP. */
export async function webCitizen(env: PrivacyEnv, lang: Language): Promise<ChatCitizen> {
  const locale = lang === 'ms' ? 'ms-MY' : 'en-US';
  const c = await startConversation(env.web, locale);
  const doc = await env.t.db
    .collection<{ _id: string; userId: string }>('dlConversations')
    .findOne({ _id: c.conversationId });
  let watermark = '';
  const feed = async (): Promise<Seen> => {
    const r = await call(
      `${env.web.base}/v3/directline/conversations/${c.conversationId}/activities?watermark=${watermark}`,
      {
        token: c.token,
      },
    );
    watermark = r.body.watermark;
    const replies = (r.body.activities as Partial<Activity>[]).filter(
      (a) => a.type === 'message' && !String(a.from?.id).startsWith('dl_'),
    );
    const last = replies.filter((a) => (a.suggestedActions?.actions ?? []).length > 0).at(-1);
    return {
      text: replies.map((a) => a.text ?? '').join('\n'),
      buttons: (last?.suggestedActions?.actions ?? []).map((a) => String(a.title)),
    };
  };
  await feed();
  return {
    lang,
    channelId: 'webchat',
    userId: doc!.userId,
    conversationId: c.conversationId,
    say: async (text) => {
      const r = await call(`${env.web.base}/v3/directline/conversations/${c.conversationId}/activities`, {
        token: c.token,
        body: { type: 'message', text, from: { id: 'citizen' }, locale },
      });
      if (r.status !== 200) throw new Error(`post failed: ${r.status}`);
      return feed();
    },
    photo: async (id) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), `${id}.png`);
      const url = `${env.web.base}/v3/directline/conversations/${c.conversationId}/upload?userId=x`;
      const r = await fetch(url, {
        method: 'POST',
        headers: { Authorization: `Bearer ${c.token}` },
        body: form,
      });
      if (r.status !== 200) throw new Error(`upload failed: ${r.status}`);
      return feed();
    },
  };
}

/** What a seeded citizen gives. */
export interface Seed {
  text: string;
  name: string;
  reach: string;
  /** A photo's file id (Telegram) or file name (web chat). */
  photo: string;
}

/** File a complaint with contact details through the real flow, answering whatever it asks; returns the reference. */
export async function fileWithContact(env: PrivacyEnv, c: ChatCitizen, seed: Seed): Promise<string> {
  const t = (k: string) => env.core.l10n.t(c.lang, k);
  let seen = await c.say(t('menu.complaint'));
  let sentPhoto = false;
  for (let i = 0; i < 15; i++) {
    const ref = REF.exec(seen.text);
    if (ref) return ref[0];
    const asks = (k: string) => seen.text.includes(t(k).slice(0, 30));
    let next: string;
    if (asks('file.describe.complaint')) next = seed.text;
    else if (seen.buttons.includes(t('file.category.yes'))) next = t('file.category.yes');
    else if (asks('file.category.pick') || asks('categoryGroups:ask')) next = seen.buttons[0]!;
    else if (seen.buttons.includes(t('categoryGroups:back'))) next = seen.buttons[0]!;
    else if (asks('file.location.ask') || asks('file.location.askOptional')) next = '50350';
    else if (asks('file.photo.ask') && !sentPhoto) {
      sentPhoto = true;
      seen = await c.photo(seed.photo);
      continue;
    } else if (asks('file.photo.ask')) next = t('common.skip');
    else if (asks('file.contact.ask')) next = t('file.contact.give');
    else if (asks('contact.consent')) next = t('contact.agree');
    else if (asks('contact.name')) next = seed.name;
    else if (asks('contact.reach')) next = seed.reach;
    else if (asks('file.summary.question')) next = t('file.summary.submit');
    else if (seen.buttons.includes(t('menu.complaint'))) next = t('menu.complaint');
    else throw new Error(`unexpected step: ${seen.text}`);
    seen = await c.say(next);
  }
  throw new Error('filing did not finish');
}

/** Answer the walkable-KL consultation through the menu, with `text` as the free-text answer. */
export async function answerConsultation(env: PrivacyEnv, c: ChatCitizen, text: string): Promise<void> {
  const t = (k: string) => env.core.l10n.t(c.lang, k);
  const title =
    c.lang === 'ms'
      ? 'Kuala Lumpur mesra pejalan kaki dan berbasikal'
      : 'Walkable and bicycle-friendly Kuala Lumpur';
  await c.say(t('consultation:menu'));
  const q1 = await c.say(title);
  const q2 = await c.say(q1.buttons[0]!);
  const q3 = await c.say(q2.buttons[2] ?? '3');
  await c.say(q3.buttons[0]!);
  const confirm = await c.say(text);
  const done = await c.say(confirm.buttons[0]!);
  if (!/DBKL-/.test(done.text)) throw new Error(`consultation not stored: ${done.text}`);
}

/** Every collection of the database with the documents (as JSON text) that contain any of `needles`. */
export async function scanAll(env: PrivacyEnv, needles: string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const cols = await env.t.db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of cols) {
    const docs = await env.t.db.collection(name).find({}).toArray();
    for (const d of docs) {
      const json = JSON.stringify(d);
      const hits = needles.filter((n) => json.includes(n));
      if (hits.length > 0) (found[name] ??= []).push(...hits);
    }
  }
  for (const k of Object.keys(found)) found[k] = [...new Set(found[k])];
  return found;
}
