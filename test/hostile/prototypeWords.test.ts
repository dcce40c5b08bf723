/**
 * Words like "constructor", "__proto__" or "toString" typed by a citizen (or sent by an agency) are ordinary words:
 * no lookup table answers them with an Object.prototype member, and JSON from outside cannot set a prototype.
 */
import type { Request } from 'restify';
import { readCookies } from '../../bots/http/dashboard/cookies';
import { toInbound } from '../../bots/channels/telegram/inbound';
import { mapOpen311Status } from '../../services/delivery/open311Poller';
import { JsonTooDeepError, parseBoundedJson, tooDeep } from '../../services/json/bounded';
import { placeTokens } from '../../services/routing/placeText';
import { FAKE_BOT_INFO, textMessage } from '../support/fakeTelegram';

const WORDS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

test('place matching keeps prototype-named words as plain strings', () => {
  for (const w of WORDS) {
    const tokens = placeTokens(`The ${w} left debris on Jalan Ipoh`);
    expect(tokens.every((t) => typeof t.word === 'string')).toBe(true);
  }
});

test('an Open311 status named like a prototype member is unknown, not a function', () => {
  for (const w of WORDS) expect(mapOpen311Status(w, 'sent')).toBeNull();
  expect(mapOpen311Status('fixed', 'sent')).toBe('resolved');
});

test('Telegram commands named like prototype members reach the bot as the text typed', async () => {
  const deps = {
    botInfo: FAKE_BOT_INFO,
    apiRoot: 'http://127.0.0.1:1',
    decodeCallback: async () => undefined,
    resolveFileUrl: async () => undefined,
  };
  for (const w of WORDS) {
    const inbound = await toInbound({ update_id: 1, ...textMessage({ id: 9 }, `/${w} x`) } as never, deps);
    expect(inbound.kind).toBe('activity');
    expect((inbound as { activity: { text: unknown } }).activity.text).toBe(`/${w} x`);
  }
});

test('cookies named __proto__ or constructor are ignored and do not hide the real ones', () => {
  const req = {
    headers: { cookie: '__proto__=x; constructor=y; toString=z; suara_csrf=abc' },
  } as unknown as Request;
  const cookies = readCookies(req);
  expect(cookies.suara_csrf).toBe('abc');
  expect(Object.getPrototypeOf(cookies)).toBeNull();
  expect(cookies.constructor).toBe('y');
});

test('inbound JSON drops __proto__ keys, and anything nested past 32 levels is refused before parsing', () => {
  const parsed = parseBoundedJson(
    '{"a":1,"__proto__":{"polluted":true},"b":{"__proto__":{"x":1},"c":2}}',
  ) as Record<string, unknown>;
  expect(Object.hasOwn(parsed, '__proto__')).toBe(false);
  expect(parsed).toEqual({ a: 1, b: { c: 2 } });
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(tooDeep('['.repeat(32) + ']'.repeat(32))).toBe(false);
  expect(tooDeep('['.repeat(33) + ']'.repeat(33))).toBe(true);
  // Brackets inside strings do not count.
  expect(tooDeep(`{"s":"${'['.repeat(100)}"}`)).toBe(false);
  expect(() => parseBoundedJson('{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000))).toThrow(JsonTooDeepError);
});
