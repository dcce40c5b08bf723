/**
 * Each of the bot's web chat messages says which language it is written in (`locale`), so the widget can put its own
 * labels in the conversation's language: real bot, real HTTP, the shared test MongoDB.
 */
import { createTestBot } from '../support/app';
import { testDb } from '../support/mongo';
import { call, type Harness, pollUntil, startConversation, startHarness } from './harness';

/** The bot's messages in the feed. */
const botMessages = (all: { type: string; from?: { role?: string }; text?: string }[]) =>
  all.filter((a) => a.type === 'message' && a.from?.role === 'bot');

describe('web chat: the locale of the bot messages', () => {
  let h: Harness;
  beforeAll(async () => {
    const tdb = await testDb('webchat_locale');
    const app = await createTestBot(tdb.db);
    h = await startHarness({ bot: app.bot, pipeline: app.pipeline, tdb });
  });
  afterAll(async () => {
    await h?.close();
    await h?.tdb.close();
  });

  it('a citizen who types English in a Malay widget gets replies marked en-MY, not the ms-MY the widget posted', async () => {
    const c = await startConversation(h, 'ms-MY');
    const greeting = await pollUntil(h, c, (all) => botMessages(all).length > 0);
    expect(botMessages(greeting).map((a) => (a as { locale?: string }).locale)).toContain('ms-MY');

    const post = await call(`${h.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      token: c.token,
      body: { type: 'message', text: 'English', locale: 'ms-MY', from: { id: 'x' } },
    });
    expect(post.status).toBe(200);
    const all = await pollUntil(h, c, (feed) => feed.some((a) => a.from?.role === 'user'));
    const after = botMessages(all.slice(all.findIndex((a) => a.from?.role === 'user')));
    expect(after.length).toBeGreaterThan(0);
    expect(after.map((a) => (a as { locale?: string }).locale)).toEqual(after.map(() => 'en-MY'));
  });

  it('a status update queued later carries the language it was written in, never the stale filing locale', async () => {
    const c = await startConversation(h, 'ms-MY');
    await pollUntil(h, c, (all) => botMessages(all).length > 0);
    const reference = { conversation: { id: c.conversationId }, locale: 'ms-MY' };
    await h.mount.proactive.send(reference, { text: 'Your complaint is resolved.', language: 'en' });
    await h.mount.proactive.send(reference, { text: 'Tanpa bahasa.' });
    const all = await pollUntil(h, c, (feed) => feed.some((a) => a.text === 'Tanpa bahasa.'));
    expect(all.find((a) => a.text === 'Your complaint is resolved.')?.locale).toBe('en-MY');
    expect(all.find((a) => a.text === 'Tanpa bahasa.')?.locale).toBeUndefined();
  });
});
