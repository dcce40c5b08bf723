/**
 * The terminal chat runs the same privacy dialog: "my data" lists what is held; without a web server there is no
 * address to link to, and the citizen is told where to get the file instead of being left at a dead end.
 */
import type { Core } from '../../bots/compose/core';
import { createTestBot } from '../support/app';
import { testDb, type TestDb } from '../support/mongo';
import { terminalChat, type TerminalReplies } from '../support/terminalChat';

let t: TestDb;
let core: Core;

beforeAll(async () => {
  t = await testDb('privacy_terminal');
  core = (await createTestBot(t.db)).core;
});
afterAll(async () => t.close());

function terminal(locale: string) {
  const chat = terminalChat(core, locale, `terminal-${locale}`);
  const seen = ({ texts, buttons }: TerminalReplies) => ({ text: texts.join('\n'), buttons });
  return {
    open: async () => seen(await chat.open()),
    say: async (text: string) => seen(await chat.say(text)),
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
