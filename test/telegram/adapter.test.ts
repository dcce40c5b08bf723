/** The adapter's translation both ways, through grammY against the fake Bot API (echo bot, no dialogs). */
import type { TurnContext } from 'botbuilder';
import {
  buttonTap,
  contactMessage,
  locationMessage,
  photoMessage,
  stickerMessage,
  textMessage,
} from '../support/fakeTelegram';
import { RecordingBot, startHarness, type Harness } from './harness';

const AMIN = { id: 111, languageCode: 'ms' };
const JOHN = { id: 222, languageCode: 'en-GB' };

describe('TelegramAdapter translation', () => {
  let h: Harness;
  let bot: RecordingBot;
  const replies = new Map<string, (ctx: TurnContext) => Promise<void>>();

  beforeAll(async () => {
    bot = new RecordingBot(async (ctx) => {
      const custom = replies.get(ctx.activity.text ?? '');
      if (custom) await custom(ctx);
      else await ctx.sendActivity(`echo: ${ctx.activity.text ?? ''}`);
    });
    h = await startHarness(bot, { typingDelayMs: 30 });
  });
  afterAll(async () => h.close());

  const deliver = async (u: Parameters<Harness['fake']['queueUpdate']>[0]) => {
    const update = { update_id: h.fake.newUpdateId(), ...u } as never;
    await h.channel.handleUpdate(update);
    return bot.received[bot.received.length - 1];
  };

  it('passes text with the Telegram locale and a conversation reference the bot can store', async () => {
    const a = await deliver(textMessage(AMIN, 'Lampu jalan rosak'));
    expect(a.type).toBe('message');
    expect(a.channelId).toBe('telegram');
    expect(a.text).toBe('Lampu jalan rosak');
    expect(a.locale).toBe('ms');
    expect(a.conversation?.id).toBe('111');
    expect(a.from?.id).toBe('111');
    expect(h.fake.textsTo(111).pop()).toBe('echo: Lampu jalan rosak');
    const b = await deliver(textMessage(JOHN, 'hello'));
    expect(b.locale).toBe('en');
    const c = await deliver(textMessage({ id: 333, languageCode: 'zh-hans' }, 'hi'));
    expect(c.locale).toBe('en');
  });

  it('maps /start with a deep-link payload, /bahasa, /status, /help', async () => {
    const start = await deliver(textMessage(AMIN, '/start dbkl'));
    expect(start.value).toEqual({ suara: { start: 'dbkl' } });
    expect((start.channelData as { suara: unknown }).suara).toEqual({ start: 'dbkl' });
    const plain = await deliver(textMessage(AMIN, '/start'));
    expect(plain.value).toEqual({ suara: { start: '' } });
    const bad = await deliver(textMessage(AMIN, '/start <script>'));
    expect(bad.value).toEqual({ suara: { start: '' } });
    expect((await deliver(textMessage(AMIN, '/bahasa'))).text).toBe('bahasa');
    expect((await deliver(textMessage(AMIN, '/status SRA-ABCD-EFGH'))).text).toBe('status SRA-ABCD-EFGH');
    expect((await deliver(textMessage(AMIN, '/help@SuaraTestBot'))).text).toBe('help');
  });

  it('escapes HTML in replies and sends them in HTML parse mode', async () => {
    replies.set('tags', async (ctx) => {
      await ctx.sendActivity('Use <b> & <i> freely > here');
    });
    await deliver(textMessage(JOHN, 'tags'));
    const call = h.fake.callsOf('sendMessage').pop()!;
    expect(call.payload.text).toBe('Use &lt;b&gt; &amp; &lt;i&gt; freely &gt; here');
    expect(call.payload.parse_mode).toBe('HTML');
  });

  it('renders suggested actions as an inline keyboard; a tap arrives as the value, is answered, keyboard removed', async () => {
    const longValue = `rate:SRA-ABCD-EFGH:5:${'x'.repeat(80)}`;
    replies.set('menu', async (ctx) => {
      await ctx.sendActivity({
        type: 'message',
        text: 'Pilih satu:',
        suggestedActions: {
          to: [],
          actions: [
            { type: 'imBack', title: 'Aduan', value: 'complaint' },
            { type: 'imBack', title: 'Panjang', value: longValue },
          ],
        },
      });
    });
    await deliver(textMessage(AMIN, 'menu'));
    const sent = h.fake.callsOf('sendMessage').pop()!;
    const buttons = sent.payload.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: { text: string }) => b.text)).toEqual(['Aduan', 'Panjang']);
    for (const b of buttons) expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);

    const messageId = 9001;
    const tap = await deliver(buttonTap(AMIN, buttons[0].callback_data, messageId));
    expect(tap.text).toBe('complaint');
    const tapLong = await deliver(buttonTap(AMIN, buttons[1].callback_data, messageId));
    expect(tapLong.text).toBe(longValue);
    expect(h.fake.callsOf('answerCallbackQuery').length).toBeGreaterThanOrEqual(2);
    const edit = h.fake.callsOf('editMessageReplyMarkup').pop()!;
    expect(edit.payload).toMatchObject({
      chat_id: 111,
      message_id: messageId,
      reply_markup: { inline_keyboard: [] },
    });
  });

  it('resolves long button values from MongoDB after a restart (memory lost)', async () => {
    const { CallbackCodec } = await import('../../bots/channels/telegram/callbackData');
    const value = 'v'.repeat(200);
    const data = await new CallbackCodec(h.db).encode(value);
    expect(await new CallbackCodec(h.db).decode(data)).toBe(value);
  });

  it('answers an unknown button politely and still answers the callback query', async () => {
    const before = bot.received.length;
    const answered = h.fake.callsOf('answerCallbackQuery').length;
    await h.channel.handleUpdate({
      update_id: h.fake.newUpdateId(),
      ...buttonTap(AMIN, 'k:doesnotexist', 1),
    } as never);
    expect(bot.received.length).toBe(before);
    expect(h.fake.callsOf('answerCallbackQuery').length).toBe(answered + 1);
    expect(h.fake.textsTo(111).pop()).toMatch(/Butang itu sudah tamat tempoh/);
  });

  it('asks for a place with a "share location" reply-keyboard button and removes it afterwards', async () => {
    replies.set('where', async (ctx) => {
      await ctx.sendActivity({
        type: 'message',
        text: 'Di mana?',
        locale: 'ms',
        channelData: { suara: { ask: 'location' } },
      });
    });
    await deliver(textMessage(AMIN, 'where'));
    const ask = h.fake.callsOf('sendMessage').pop()!;
    expect(ask.payload.reply_markup.keyboard[0][0]).toMatchObject({
      request_location: true,
      text: '📍 Kongsi lokasi saya',
    });
    const loc = await deliver(locationMessage(AMIN, 3.139, 101.6869));
    expect(loc.attachments).toEqual([
      { contentType: 'application/vnd.suara.location+json', content: { lat: 3.139, lng: 101.6869 } },
    ]);
    expect(loc.entities).toEqual([{ type: 'GeoCoordinates', latitude: 3.139, longitude: 101.6869 }]);
    expect(h.fake.callsOf('sendMessage').pop()!.payload.reply_markup).toEqual({ remove_keyboard: true });
  });

  it('passes the largest photo size with its file id, and a download URL within 20 MB', async () => {
    h.fake.addFile('photo-big', { file_path: 'photos/file_7.jpg', file_size: 150_000 });
    const a = await deliver(photoMessage(AMIN, 'photo-big', 'Longkang tersumbat'));
    expect(a.text).toBe('Longkang tersumbat');
    const att = a.attachments![0];
    expect(att.contentType).toBe('image/jpeg');
    expect(att.content).toMatchObject({
      fileId: 'photo-big',
      fileUniqueId: 'photo-big-u',
      width: 1280,
      height: 960,
    });
    expect(att.contentUrl).toBe(`${h.fake.apiRoot}/file/bot${h.fake.token}/photos/file_7.jpg`);
    const res = await fetch(att.contentUrl!);
    expect(res.status).toBe(200);
    expect(h.fake.callsOf('getFile').pop()!.payload.file_id).toBe('photo-big');

    const gets = h.fake.callsOf('getFile').length;
    const huge = await deliver(photoMessage(AMIN, 'photo-huge', undefined, 25 * 1024 * 1024));
    expect(huge.attachments![0].contentUrl).toBeUndefined();
    expect(huge.attachments![0].content).toMatchObject({ fileId: 'photo-huge', downloadable: false });
    expect(h.fake.callsOf('getFile').length).toBe(gets);
  });

  it('passes a shared contact as a contact attachment (the bot decides about consent)', async () => {
    const a = await deliver(contactMessage(AMIN, '+60123456789'));
    expect(a.attachments).toEqual([
      {
        contentType: 'application/vnd.suara.contact+json',
        content: { phone: '+60123456789', name: 'Aminah Ali', own: true },
      },
    ]);
  });

  it('answers unsupported messages (a sticker) politely without a turn', async () => {
    const before = bot.received.length;
    await h.channel.handleUpdate({ update_id: h.fake.newUpdateId(), ...stickerMessage(JOHN) } as never);
    expect(bot.received.length).toBe(before);
    expect(h.fake.textsTo(222).pop()).toMatch(/I can only read text messages/);
  });

  it('splits a 5,000-character reply into two messages under 4,096, keyboard on the last', async () => {
    const long = 'Laporan anda sedang disemak oleh pihak berkuasa tempatan. '.repeat(90).slice(0, 5000);
    replies.set('long', async (ctx) => {
      await ctx.sendActivity({
        type: 'message',
        text: long,
        suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'OK', value: 'ok' }] },
      });
    });
    const before = h.fake.callsOf('sendMessage').length;
    await deliver(textMessage(AMIN, 'long'));
    const sent = h.fake.callsOf('sendMessage').slice(before);
    expect(sent).toHaveLength(2);
    for (const s of sent) expect(String(s.payload.text).length).toBeLessThanOrEqual(4096);
    expect(String(sent[0].payload.text).endsWith('tempatan.')).toBe(true);
    expect(sent[0].payload.reply_markup).toBeUndefined();
    expect(sent[1].payload.reply_markup.inline_keyboard[0][0].text).toBe('OK');
  });

  it('shows "typing" while a turn is slow', async () => {
    replies.set('slow', async (ctx) => {
      await new Promise((r) => setTimeout(r, 300));
      await ctx.sendActivity('done');
    });
    await deliver(textMessage(JOHN, 'slow'));
    expect(
      h.fake
        .callsOf('sendChatAction')
        .some((c) => c.payload.chat_id === 222 && c.payload.action === 'typing'),
    ).toBe(true);
  });

  it('records inbound and outbound activities through the shared pipeline (transcripts)', async () => {
    const items = h.transcripts.of('111');
    expect(items.some((a) => a.text === 'Lampu jalan rosak')).toBe(true);
    expect(items.some((a) => a.text === 'echo: Lampu jalan rosak')).toBe(true);
  });

  it('ignores group chats', async () => {
    const before = bot.received.length;
    const u = textMessage(AMIN, 'hi') as { message: { chat: { type: string; id: number } } };
    u.message.chat = { ...u.message.chat, type: 'group', id: -100 };
    await h.channel.handleUpdate({ update_id: h.fake.newUpdateId(), ...u } as never);
    expect(bot.received.length).toBe(before);
  });
});
