import type { ApiCallFn } from 'grammy';
import { createThrottle } from '../../bots/channels/telegram/throttle';

/** Virtual clock: sleeping advances time; nothing here measures wall time. */
function virtualClock() {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      const wake = now + ms;
      await Promise.resolve();
      now = Math.max(now, wake);
    },
  };
}

function recorder(clock: { now(): number }) {
  const sent: { chat: unknown; at: number; method: string }[] = [];
  const prev = (async (method: string, payload: { chat_id?: unknown }) => {
    sent.push({ chat: payload?.chat_id, at: clock.now(), method });
    return { ok: true, result: true };
  }) as unknown as ApiCallFn;
  return { sent, prev };
}

describe('outgoing throttle', () => {
  it('lets a chat burst, then paces it at 1 message per second, in order', async () => {
    const clock = virtualClock();
    const { sent, prev } = recorder(clock);
    const t = createThrottle({ ...clock, perChatBurst: 3, perChatPerSecond: 1, globalPerSecond: 30 });
    await Promise.all(
      [1, 2, 3, 4, 5].map((i) => t(prev, 'sendMessage', { chat_id: 42, text: String(i) } as never)),
    );
    expect(sent.map((s) => s.at)).toEqual([0, 0, 0, 1000, 2000]);
  });

  it('keeps the whole bot within 30 messages per second across many chats', async () => {
    const clock = virtualClock();
    const { sent, prev } = recorder(clock);
    const t = createThrottle({ ...clock, perChatBurst: 3, perChatPerSecond: 1, globalPerSecond: 30 });
    await Promise.all(
      Array.from({ length: 90 }, (_, i) => t(prev, 'sendMessage', { chat_id: 1000 + i, text: 'x' } as never)),
    );
    expect(sent).toHaveLength(90);
    // In any window of one virtual second at most 30 (+1 for the window edge) messages went out.
    const times = sent.map((s) => s.at).sort((a, b) => a - b);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((x) => x >= times[i] && x < times[i] + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(31);
    }
    expect(times[times.length - 1]).toBeGreaterThanOrEqual(1900);
  });

  it('does not throttle chat actions or callback answers', async () => {
    const clock = virtualClock();
    const { sent, prev } = recorder(clock);
    const t = createThrottle({ ...clock, perChatBurst: 1, perChatPerSecond: 1, globalPerSecond: 1 });
    for (let i = 0; i < 5; i++) await t(prev, 'sendChatAction', { chat_id: 7, action: 'typing' } as never);
    await t(prev, 'answerCallbackQuery', { callback_query_id: 'a' } as never);
    expect(sent.every((s) => s.at === 0)).toBe(true);
  });
});
