/** ProactiveChannel for Telegram: status messages with buttons reach the chat; blocked bots are unreachable. */
import { TurnContext } from 'botbuilder';
import { RecipientUnreachableError } from '../../services/notifications/types';
import { textMessage } from '../support/fakeTelegram';
import { RecordingBot, startHarness, type Harness } from './harness';

describe('Telegram proactive messages', () => {
  let h: Harness;
  let reference: Record<string, unknown>;

  beforeAll(async () => {
    const bot = new RecordingBot(async (ctx) => {
      // What the bot stores with a feedback record.
      reference = JSON.parse(JSON.stringify(TurnContext.getConversationReference(ctx.activity)));
      await ctx.sendActivity('Aduan diterima');
    });
    h = await startHarness(bot, { throttle: {} });
    await h.channel.handleUpdate({
      update_id: h.fake.newUpdateId(),
      ...textMessage({ id: 808, languageCode: 'ms' }, 'aduan'),
    } as never);
  });
  afterAll(async () => h.close());

  it('sends a status message with rating buttons to the stored conversation', async () => {
    expect(h.channel.proactive.channelId).toBe('telegram');
    await h.channel.proactive.send(reference, {
      text: 'Aduan SRA-ABCD-EFGH telah diselesaikan. Sila beri penilaian:',
      suggestedActions: [1, 2, 3, 4, 5].map((n) => ({ title: String(n), value: `rate:SRA-ABCD-EFGH:${n}` })),
    });
    const call = h.fake.callsOf('sendMessage').pop()!;
    expect(call.payload.chat_id).toBe(808);
    expect(call.payload.text).toBe('Aduan SRA-ABCD-EFGH telah diselesaikan. Sila beri penilaian:');
    const buttons = call.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: { text: string }) => b.text)).toEqual(['1', '2', '3', '4', '5']);
    expect(buttons[4].callback_data).toBe('v:rate:SRA-ABCD-EFGH:5');
    // The proactive message went through the pipeline (transcripts).
    expect(
      h.transcripts.of('808').some((a) => a.text?.startsWith('Aduan SRA-ABCD-EFGH telah diselesaikan')),
    ).toBe(true);
  });

  it('a tap on a rating button reaches the bot as the rate:<ref>:<n> text', async () => {
    const { buttonTap } = await import('../support/fakeTelegram');
    const bot = new RecordingBot();
    const other = await startHarness(bot);
    try {
      await other.channel.handleUpdate({
        update_id: other.fake.newUpdateId(),
        ...buttonTap({ id: 808 }, 'v:rate:SRA-ABCD-EFGH:5', 77),
      } as never);
      expect(bot.received.pop()?.text).toBe('rate:SRA-ABCD-EFGH:5');
    } finally {
      await other.close();
    }
  });

  it('turns a 403 (bot blocked) into RecipientUnreachableError, without an apology attempt', async () => {
    h.fake.fail('sendMessage', { error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    const before = h.fake.callsOf('sendMessage').length;
    await expect(h.channel.proactive.send(reference, { text: 'Status dikemas kini' })).rejects.toBeInstanceOf(
      RecipientUnreachableError,
    );
    expect(h.fake.callsOf('sendMessage').length).toBe(before + 1);
  });

  it('treats a reference that is not a Telegram chat as unreachable', async () => {
    await expect(
      h.channel.proactive.send({ conversation: { id: 'webchat-abc' } }, { text: 'x' }),
    ).rejects.toMatchObject({
      code: 'RECIPIENT_UNREACHABLE',
    });
  });

  it('delivers a burst of notifications to many chats (throttled, none lost, per-chat order kept)', async () => {
    const chats = Array.from({ length: 40 }, (_, i) => 9000 + i);
    const sends = chats.flatMap((id) =>
      [1, 2].map((n) =>
        h.channel.proactive.send(
          { ...reference, conversation: { id: String(id), isGroup: false } },
          { text: `notice ${n}` },
        ),
      ),
    );
    await Promise.all(sends);
    for (const id of chats) expect(h.fake.textsTo(id)).toEqual(['notice 1', 'notice 2']);
  });
});
