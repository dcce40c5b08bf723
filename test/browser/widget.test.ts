/** Our widget in headless Chromium against a real server (echo bot): chat, suggested actions, location, photo, resume. */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { EchoBot, type Harness, startHarness } from '../webchat/harness';
import { describeBrowser, launchChromium } from './chromium';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describeBrowser('web chat widget in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const bot = new EchoBot();

  beforeAll(async () => {
    h = await startHarness({ bot, build: true });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      geolocation: { latitude: 3.1579, longitude: 101.6958 },
      permissions: ['geolocation'],
    });
    page = await context.newPage();
    await page.goto(`${h.base}/`);
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows a labelled launcher that opens the panel in Malay, untouched by host styles', async () => {
    const launcher = page.locator('suara-webchat .launcher');
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-label')).toBe('Bersembang dengan Dewan Bandaraya Contoh');
    // The host page makes every <button> hot pink with !important; the shadow root keeps ours in the site colour.
    const bg = await launcher.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).toBe('rgb(11, 83, 148)');
    await launcher.click();
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    await page.locator('suara-webchat h2').filter({ hasText: 'Hubungi Dewan Bandaraya Contoh' }).waitFor();
    const focused = await page.evaluate(
      () => document.querySelector('suara-webchat')?.shadowRoot?.activeElement?.id,
    );
    expect(focused).toBe('sw-input');
    await page.locator('suara-webchat .bot').filter({ hasText: 'Selamat datang!' }).waitFor();
  });

  it('sends a message with the keyboard, shows the reply and its suggested actions as buttons', async () => {
    await page.locator('suara-webchat textarea').fill('Ada lubang di Jalan Raja Laut');
    await page.keyboard.press('Enter');
    await page
      .locator('suara-webchat .bot')
      .filter({ hasText: 'echo: Ada lubang di Jalan Raja Laut' })
      .waitFor();
    const sent = page.locator('suara-webchat .user').filter({ hasText: 'Ada lubang di Jalan Raja Laut' });
    await sent.waitFor();
    expect(await sent.getAttribute('class')).not.toContain('pending');
    const buttons = page.locator('suara-webchat .actions button');
    expect(await buttons.allTextContents()).toEqual(['Ya', 'Tidak']);
    await buttons.first().click();
    await page.locator('suara-webchat .bot').filter({ hasText: 'echo: Ya' }).waitFor();
    const seen = bot.received.filter((a) => a.type === 'message').map((a) => a.text);
    expect(seen).toEqual(expect.arrayContaining(['Ada lubang di Jalan Raja Laut', 'Ya']));
    const last = bot.received[bot.received.length - 1];
    expect(last.locale).toBe('ms-MY');
    expect(last.channelData.suara.site.id).toBe('demo');
  });

  it('shares the browser location as the Suara location attachment', async () => {
    await page.locator('suara-webchat .tool').first().click();
    // Not pending any more = the POST returned, which happens after the bot's turn.
    await page.locator('suara-webchat .user:not(.pending)').filter({ hasText: 'Lokasi dikongsi' }).waitFor();
    // "Mencari lokasi anda…" was only there while the browser was finding the place.
    expect(await page.locator('suara-webchat .note').filter({ hasText: 'Mencari lokasi' }).count()).toBe(0);
    const att = bot.received.find(
      (a) => a.attachments?.[0]?.contentType === 'application/vnd.suara.location+json',
    )!;
    expect(att.attachments![0].content).toMatchObject({ lat: 3.1579, lng: 101.6958 });
  });

  it('uploads a photo and shows it from the server', async () => {
    // A real (small) photo drawn by the browser, so the screenshot shows something.
    const dataUrl = await page.evaluate(() => {
      const c = document.createElement('canvas');
      c.width = 240;
      c.height = 160;
      const g = c.getContext('2d')!;
      g.fillStyle = '#7a8b99';
      g.fillRect(0, 0, 240, 160);
      g.fillStyle = '#3b2f2f';
      g.beginPath();
      g.ellipse(120, 95, 70, 30, 0, 0, Math.PI * 2);
      g.fill();
      return c.toDataURL('image/png');
    });
    const photo = Buffer.from(dataUrl.split(',')[1], 'base64');
    expect(photo.subarray(0, 4).equals(PNG.subarray(0, 4))).toBe(true);
    await page
      .locator('suara-webchat input[type=file]')
      .setInputFiles({ name: 'lubang.png', mimeType: 'image/png', buffer: photo });
    const img = page.locator('suara-webchat .user:not(.pending) img[src*="/v3/directline/uploads/"]');
    await img.waitFor();
    expect(await img.getAttribute('alt')).toBe('lubang.png');
    mkdirSync('/tmp/suara-screens', { recursive: true });
    await page.screenshot({ path: '/tmp/suara-screens/widget-phone.png' });
  });

  it('resumes the same conversation, with its history, after a page reload', async () => {
    const before = await page.evaluate(() => localStorage.getItem('suara-webchat:demo'));
    await page.reload();
    await page
      .locator('suara-webchat .bot')
      .filter({ hasText: 'echo: Ada lubang di Jalan Raja Laut' })
      .waitFor();
    const after = await page.evaluate(() => localStorage.getItem('suara-webchat:demo'));
    expect(JSON.parse(after!).c).toBe(JSON.parse(before!).c);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.locator('suara-webchat textarea').fill('masih di sini');
    await page.keyboard.press('Enter');
    await page.locator('suara-webchat .bot').filter({ hasText: 'echo: masih di sini' }).waitFor();
  });

  it('reconnects after the network drops and receives what was sent meanwhile', async () => {
    const conversationId = JSON.parse(
      (await page.evaluate(() => localStorage.getItem('suara-webchat:demo')))!,
    ).c as string;
    await context.setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await page.locator('suara-webchat .status').filter({ hasText: 'luar talian' }).waitFor();
    await h.mount.proactive.send(
      { conversation: { id: conversationId } },
      { text: 'Aduan anda sedang diproses.' },
    );
    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page
      .locator('suara-webchat .bot')
      .filter({ hasText: 'Aduan anda sedang diproses.' })
      .waitFor({ timeout: 30_000 });
  });

  it('switches the chrome to English and closes with Escape, returning focus to the launcher', async () => {
    await page.locator('suara-webchat header button[lang="en"]').click();
    await page.locator('suara-webchat h2').filter({ hasText: 'Talk to Demo City Hall' }).waitFor();
    await page.locator('suara-webchat textarea').focus();
    await page.keyboard.press('Escape');
    expect(await page.locator('suara-webchat .launcher').getAttribute('aria-expanded')).toBe('false');
    const focused = await page.evaluate(
      () => document.querySelector('suara-webchat')?.shadowRoot?.activeElement?.className,
    );
    expect(focused).toBe('launcher');
  });
});
