import { loadTelegramConfig, webhookSecretFor } from '../../bots/channels/telegram/config';

const TOKEN = '123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345';

describe('Telegram configuration', () => {
  it('is off without a token and polls by default', () => {
    expect(loadTelegramConfig({})).toMatchObject({
      token: undefined,
      mode: 'polling',
      apiRoot: 'https://api.telegram.org',
    });
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TOKEN }).mode).toBe('polling');
  });

  it('uses the webhook when PUBLIC_URL is set, and honours TELEGRAM_API_ROOT', () => {
    const c = loadTelegramConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      PUBLIC_URL: 'https://suara.example.my',
      TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/',
    });
    expect(c).toMatchObject({ mode: 'webhook', apiRoot: 'http://127.0.0.1:8081' });
  });

  it('reports bad values by variable name, never by value', () => {
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: 'oops-secret' })).toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(() => loadTelegramConfig({ TELEGRAM_BOT_TOKEN: 'oops-secret' })).not.toThrow(/oops-secret/);
    expect(() => loadTelegramConfig({ TELEGRAM_MODE: 'webhook' })).toThrow(/PUBLIC_URL/);
    expect(() => loadTelegramConfig({ TELEGRAM_WEBHOOK_SECRET: 'has spaces' })).toThrow(
      /TELEGRAM_WEBHOOK_SECRET/,
    );
  });

  it('derives a stable, URL-safe webhook secret from the token unless one is configured', () => {
    const a = webhookSecretFor(TOKEN);
    expect(a).toBe(webhookSecretFor(TOKEN));
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(webhookSecretFor('123456:ZZZdefGHIjklMNOpqrSTUvwxYZ012345'));
    expect(webhookSecretFor(TOKEN, 'mine')).toBe('mine');
  });
});
