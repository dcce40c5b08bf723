/** The widget with `data-consultation` in Chromium, with the real bot: opening the chat opens that consultation. */
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { createTestBot } from '../support/app';
import { testDb } from '../support/mongo';
import { type Harness, startHarness } from '../webchat/harness';

describeBrowser('a consultation linked from a city hall page', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const tdb = await testDb('consult_widget');
    const app = await createTestBot(tdb.db);
    h = await startHarness({ bot: app.bot, pipeline: app.pipeline, tdb, build: true });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    // A city hall's consultation page on the allowed origin, embedding the widget with data-consultation.
    await page.route(`${h.base}/kl-walkable.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><head><title>Walkable KL</title></head><body><h1>Walkable KL</h1>
<script src="${h.base}/widget.js" data-site="demo" data-lang="en" data-consultation="dbkl-walkable-kl" async></script></body></html>`,
      }),
    );
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await new Promise((r) => setTimeout(r, 200));
    await h?.tdb.close();
  });

  it('the widget with data-consultation opens it', async () => {
    await page.goto(`${h.base}/kl-walkable.html`);
    await page.locator('suara-webchat .launcher').click();
    const bot = page.locator('suara-webchat .bot');
    await bot.filter({ hasText: 'Question 1 of 4' }).waitFor({ timeout: 30_000 });
    expect(await bot.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/Walkable and bicycle-friendly Kuala Lumpur/)]),
    );
    const buttons = page.locator('suara-webchat .actions button');
    await buttons.filter({ hasText: /^Car$/ }).waitFor();
    await buttons.filter({ hasText: /^Car$/ }).click();
    await bot.filter({ hasText: 'Question 2 of 4' }).waitFor({ timeout: 30_000 });

    // A reload of the same tab does not restart the consultation (the payload is sent once per tab).
    const before = await bot.count();
    await page.reload();
    await page
      .locator('suara-webchat .bot')
      .nth(before - 1)
      .waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await page.locator('suara-webchat .bot').filter({ hasText: 'Question 1 of 4' }).count()).toBe(1);
  });
});
