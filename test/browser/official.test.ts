/** Microsoft's own Web Chat bundle (botframework-webchat 4.18.1, unmodified) against our Direct Line server. */
import type { Browser } from 'playwright-core';
import { EchoBot, type Harness, startHarness } from '../webchat/harness';
import { describeBrowser, launchChromium } from './chromium';

describeBrowser('Microsoft Web Chat against our Direct Line endpoint', () => {
  let h: Harness;
  let browser: Browser;
  const bot = new EchoBot();

  beforeAll(async () => {
    h = await startHarness({ bot });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  for (const mode of ['polling', 'websocket'] as const) {
    it(`exchanges messages with the bot (${mode})`, async () => {
      const page = await browser.newPage();
      await page.goto(`${h.base}/demo/webchat${mode === 'websocket' ? '?ws=1' : ''}`);
      const bubbles = page.locator('.webchat__bubble:not(.webchat__bubble--from-user)');
      await bubbles.filter({ hasText: 'Selamat datang!' }).waitFor({ timeout: 30_000 });
      const input = page.locator('[data-id="webchat-sendbox-input"]');
      await input.fill(`Longkang tersumbat (${mode})`);
      await input.press('Enter');
      await bubbles.filter({ hasText: `echo: Longkang tersumbat (${mode})` }).waitFor({ timeout: 30_000 });
      // Web Chat marks the user's message as sent only when it sees it echoed with its clientActivityID.
      const mine = page
        .locator('.webchat__bubble--from-user')
        .filter({ hasText: `Longkang tersumbat (${mode})` });
      await mine.waitFor();
      expect(
        await page.locator('.webchat__activity-status--send-failed, [class*="send-failed"]').count(),
      ).toBe(0);
      // Suggested actions render as Web Chat buttons and send their value.
      await page.locator('.webchat__suggested-action').filter({ hasText: 'Ya' }).first().click();
      await bubbles.filter({ hasText: 'echo: Ya' }).waitFor({ timeout: 30_000 });
      const seen = bot.received.find((a) => a.text === `Longkang tersumbat (${mode})`);
      expect(seen?.channelId).toBe('webchat');
      expect(seen?.channelData.clientActivityID).toEqual(expect.any(String));
      await page.close();
    });
  }
});
