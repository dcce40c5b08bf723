/**
 * A citizen on a phone, in the Malay widget, with the real bot: files a complaint, copies the reference number,
 * then types "English" and the widget's own labels follow the conversation's language.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Core } from '../../bots/compose/core';
import { createTestBot } from '../support/app';
import { testDb } from '../support/mongo';
import { type Harness, startHarness } from '../webchat/harness';
import { describeBrowser, launchChromium } from './chromium';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;
const SHOTS = '/tmp/suara-screens';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Do something, then wait until the bot has answered it (a new bot bubble and nothing pending). */
async function step(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await page.locator('suara-webchat .bot').count();
  await action();
  await page.locator('suara-webchat .bot').nth(before).waitFor({ timeout: 30_000 });
  await page.locator('suara-webchat .pending').waitFor({ state: 'detached', timeout: 30_000 });
}

/** Type a message and wait for the bot's answer. */
const type = (page: Page, text: string) =>
  step(page, async () => {
    await page.locator('suara-webchat textarea').fill(text);
    await page.keyboard.press('Enter');
  });

/** The widget's own labels, as a citizen (or a screen reader) meets them. */
async function labels(page: Page) {
  const w = page.locator('suara-webchat');
  return {
    title: await w.locator('h2').textContent(),
    subtitle: await w.locator('header p').textContent(),
    placeholder: await w.locator('textarea').getAttribute('placeholder'),
    input: await w.locator('label[for="sw-input"]').textContent(),
    photo: await w.locator('.tool').nth(1).getAttribute('aria-label'),
    location: await w.locator('.tool').nth(0).getAttribute('aria-label'),
    send: await w.locator('.send').getAttribute('aria-label'),
    language: await w.locator('header button').first().textContent(),
    close: await w.locator('header .x').getAttribute('aria-label'),
    lang: await w.locator('.root').getAttribute('lang'),
  };
}

/** Answer the complaint flow like a citizen (location, photo, anonymous, send) until a reference appears. */
async function fileComplaint(page: Page): Promise<string> {
  await step(page, () =>
    page
      .locator('suara-webchat .actions button')
      .filter({ hasText: /^Aduan$/ })
      .click(),
  );
  await type(page, 'Lampu jalan di depan sekolah rosak sejak minggu lepas, gelap waktu malam');
  const seen: string[] = [];
  for (let i = 0; i < 15; i++) {
    const bot = await page.locator('suara-webchat .bot').allTextContents();
    const actions = await page.locator('suara-webchat .actions button').allTextContents();
    seen.push(`${bot.at(-1)} [${actions.join(' | ')}]`);
    const ref = REF.exec(bot.join('\n'))?.[0];
    if (ref) return ref;
    const tap = (re: RegExp) =>
      step(page, () => page.locator('suara-webchat .actions button').filter({ hasText: re }).first().click());
    if (actions.some((a) => /Kongsi lokasi/.test(a))) await tap(/Kongsi lokasi/);
    else if (actions.some((a) => /^Lampirkan foto$/.test(a)))
      await step(page, () =>
        page
          .locator('suara-webchat input[type=file]')
          .setInputFiles({ name: 'lampu.png', mimeType: 'image/png', buffer: PNG }),
      );
    else if (actions.some((a) => /tanpa nama/i.test(a))) await tap(/tanpa nama/i);
    else if (actions.some((a) => /^Hantar$/.test(a))) await tap(/^Hantar$/);
    else if (actions.some((a) => /^Ya/.test(a))) await tap(/^Ya/);
    else throw new Error(`stuck:\n${seen.join('\n')}`);
  }
  throw new Error(`no reference:\n${seen.join('\n')}`);
}

describeBrowser('a citizen on a phone with the real bot (widget labels, reference copy)', () => {
  let h: Harness;
  let core: Core;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const tdb = await testDb('webchat_citizen');
    const app = await createTestBot(tdb.db);
    core = app.core;
    h = await startHarness({ bot: app.bot, pipeline: app.pipeline, tdb, build: true });
    browser = await launchChromium();
    context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      geolocation: { latitude: 3.1579, longitude: 101.6958 },
      permissions: ['geolocation', 'clipboard-read', 'clipboard-write'],
    });
    page = await context.newPage();
    await page.goto(`${h.base}/`);
    await page.locator('suara-webchat .launcher').click();
    await page
      .locator('suara-webchat .bot')
      .filter({ hasText: 'Selamat datang ke Suara' })
      .waitFor({ timeout: 30_000 });
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await new Promise((r) => setTimeout(r, 200));
    await h?.tdb.close();
  });

  it('shows the reference number unbroken, with a Salin button that copies it and says Disalin', async () => {
    const reference = await fileComplaint(page);
    expect(await core.feedbackRepo.get(reference)).toMatchObject({ language: 'ms' });

    const ref = page.locator('suara-webchat .bot .ref').filter({ hasText: reference });
    await ref.waitFor();
    // One line box: the number never wraps at its hyphens, even in a 360 px wide phone.
    expect(await ref.evaluate((el) => el.getClientRects().length)).toBe(1);
    expect(await ref.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('nowrap');

    const copy = page.locator('suara-webchat .bot button.copy').last();
    expect(await copy.textContent()).toBe('Salin');
    expect(await copy.getAttribute('aria-label')).toBe(`Salin nombor rujukan ${reference}`);
    await page.screenshot({ path: `${SHOTS}/citizen-reference-ms.png` });
    await copy.click();
    await page.locator('suara-webchat button.copy.done').filter({ hasText: 'Disalin' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference);
    expect(await page.locator('suara-webchat div.sr[role="status"]').textContent()).toBe(
      `Nombor rujukan ${reference} disalin`,
    );
    await page.screenshot({ path: `${SHOTS}/citizen-copied-ms.png` });
    // The confirmation goes away by itself; the button can be used again.
    await page.locator('suara-webchat button.copy.done').waitFor({ state: 'detached', timeout: 10_000 });
    expect(await copy.textContent()).toBe('Salin');
  });

  it('a citizen who types English in a Malay widget gets the widget labels in English too', async () => {
    expect(await labels(page)).toEqual({
      title: 'Hubungi Dewan Bandaraya Contoh',
      subtitle: 'Aduan, cadangan dan pertanyaan',
      placeholder: 'Taip mesej anda…',
      input: 'Mesej anda',
      photo: 'Lampirkan foto',
      location: 'Kongsi lokasi saya',
      send: 'Hantar',
      language: 'English',
      close: 'Tutup sembang',
      lang: 'ms',
    });
    await type(page, 'English');
    await page.locator('suara-webchat h2').filter({ hasText: 'Talk to Demo City Hall' }).waitFor();
    expect(await labels(page)).toEqual({
      title: 'Talk to Demo City Hall',
      subtitle: 'Complaints, suggestions and questions',
      placeholder: 'Type your message…',
      input: 'Your message',
      photo: 'Attach a photo',
      location: 'Share my location',
      send: 'Send',
      language: 'Bahasa Melayu',
      close: 'Close chat',
      lang: 'en',
    });
    // Labels already in the conversation follow as well: the copy button and who said what.
    const copy = page.locator('suara-webchat .bot button.copy').last();
    expect(await copy.textContent()).toBe('Copy');
    expect(await copy.getAttribute('aria-label')).toMatch(/^Copy reference number SRA-/);
    expect(await page.locator('suara-webchat .bot .sr').first().textContent()).toBe('Suara said:');
    await page.screenshot({ path: `${SHOTS}/citizen-english.png` });

    // And back: "BM" typed in the chat returns every label to Malay.
    await type(page, 'BM');
    await page.locator('suara-webchat h2').filter({ hasText: 'Hubungi Dewan Bandaraya Contoh' }).waitFor();
    expect((await labels(page)).placeholder).toBe('Taip mesej anda…');
    // The choice is remembered for the next page of the same site.
    expect(await page.evaluate(() => localStorage.getItem('suara-webchat-lang:demo'))).toBe('ms');
  });
});
