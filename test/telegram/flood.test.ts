/** Inbound flood protection: a spamming citizen gets one polite, localized notice; the bot is not flooded. */
import { buttonTap, textMessage } from '../support/fakeTelegram';
import { RecordingBot, startHarness } from './harness';

describe('Telegram flood protection', () => {
  it('lets a few messages through per window and answers the excess once, in Malay', async () => {
    const bot = new RecordingBot();
    const h = await startHarness(bot, { flood: { limit: 2, windowMs: 60_000 } });
    try {
      const spammer = { id: 4242, languageCode: 'ms' };
      for (let i = 0; i < 5; i++) {
        await h.channel.handleUpdate({
          update_id: h.fake.newUpdateId(),
          ...textMessage(spammer, `spam ${i}`),
        } as never);
      }
      expect(bot.received.map((a) => a.text)).toEqual(['spam 0', 'spam 1']);
      await h.fake.waitFor(
        (calls) => calls.some((c) => /terlalu cepat/.test(String(c.payload.text))),
        5000,
        'flood notice',
      );
      expect(h.fake.textsTo(4242).filter((t) => /terlalu cepat/.test(t))).toHaveLength(1);
      // A button tap over the limit still gets its callback query answered.
      await h.channel.handleUpdate({
        update_id: h.fake.newUpdateId(),
        ...buttonTap(spammer, 'v:x', 1),
      } as never);
      await h.fake.waitFor(
        (calls) => calls.some((c) => c.method === 'answerCallbackQuery'),
        5000,
        'callback answer',
      );
      // Another citizen is unaffected.
      await h.channel.handleUpdate({
        update_id: h.fake.newUpdateId(),
        ...textMessage({ id: 1 }, 'hello'),
      } as never);
      expect(bot.received.pop()?.text).toBe('hello');
    } finally {
      await h.close();
    }
  });
});
