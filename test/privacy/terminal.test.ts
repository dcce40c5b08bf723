/**
 * The terminal chat runs the same privacy dialog: "my data" lists what is held; without a web server there is no
 * address to link to, and the citizen is told where to get the file instead of being left at a dead end.
 */
import type { Activity } from 'botbuilder';
import { configureAdapter } from '../../bots/bot/pipeline';
import { TerminalAdapter } from '../../bots/channels/terminal/terminalAdapter';
import type { Core } from '../../bots/compose/core';
import { createTestBot } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('privacy_terminal');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

function terminal(locale: string) {
  let out: Partial<Activity>[] = [];
  const adapter = new TerminalAdapter({ print: () => {}, locale, userId: `terminal-${locale}` });
  configureAdapter(adapter, core.pipeline);
  adapter.use(async (ctx, next) => {
    ctx.onSendActivities(async (_c, activities, send) => {
      out.push(...activities.filter((a) => a.type === 'message'));
      return send();
    });
    await next();
  });
  const logic = (ctx: Parameters<typeof core.bot.run>[0]) => core.bot.run(ctx);
  const take = () => {
    const replies = out;
    out = [];
    const last = replies.filter((r) => (r.suggestedActions?.actions ?? []).length > 0).at(-1);
    return {
      text: replies.map((r) => r.text ?? '').join('\n'),
      buttons: (last?.suggestedActions?.actions ?? []).map((a) => String(a.title)),
    };
  };
  return {
    open: async () => (await adapter.start(logic), take()),
    say: async (text: string) => (await adapter.receive(text, logic), take()),
  };
}

test.each([
  [
    'en-US',
    'my data',
    'Download my data',
    /This is what Suara holds about you:\nFeedback: none\./,
    /only available while/,
  ],
  [
    'ms-MY',
    'data saya',
    'Muat turun data saya',
    /Berikut ialah data peribadi anda.*\nMaklum balas: tiada\./,
    /hanya tersedia semasa/,
  ],
])(
  'on the terminal (%s) "%s" lists what is held and says where to get the file',
  async (locale, ask, download, listed, noLink) => {
    const c = terminal(locale);
    await c.open();
    const seen = await c.say(ask);
    expect(seen.text).toMatch(listed);
    const link = await c.say(download);
    expect(link.text).toMatch(noLink);
    expect(link.buttons.length).toBe(2);
  },
);
