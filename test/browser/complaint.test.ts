/** The real Suara bot through our widget in Chromium: a complaint in Malay, with location and photo, gets a reference. */
import type { Browser, Page } from 'playwright-core';
import type { Core } from '../../bots/compose/core';
import { createTestBot } from '../support/app';
import { testDb } from '../support/mongo';
import { type Harness, startHarness } from '../webchat/harness';
import { describeBrowser, launchChromium } from './chromium';

const REF = /SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

/** Bot bubble texts and suggested-action titles currently shown. */
async function screen(page: Page): Promise<{ bot: string[]; actions: string[] }> {
  return {
    bot: await page.locator('suara-webchat .bot').allTextContents(),
    actions: await page.locator('suara-webchat .actions button').allTextContents(),
  };
}

/** Do something, then wait until the bot has answered it (a new bot bubble and nothing pending). */
async function step(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await page.locator('suara-webchat .bot').count();
  await action();
  await page.locator('suara-webchat .bot').nth(before).waitFor({ timeout: 30_000 });
  await page.locator('suara-webchat .pending').waitFor({ state: 'detached', timeout: 30_000 });
}

describeBrowser('filing a complaint through the widget (real bot)', () => {
  let h: Harness;
  let core: Core;
  let browser: Browser;

  beforeAll(async () => {
    const tdb = await testDb('webchat_real');
    const app = await createTestBot(tdb.db);
    core = app.core;
    h = await startHarness({ bot: app.bot, pipeline: app.pipeline, tdb, build: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await new Promise((r) => setTimeout(r, 200));
    await h?.tdb.close();
  });

  it('files a Malay complaint on the demo (DBKL) site and shows the reference number', async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      geolocation: { latitude: 3.1579, longitude: 101.6958 },
      permissions: ['geolocation'],
    });
    const page = await context.newPage();
    await page.goto(`${h.base}/`);
    await page.locator('suara-webchat .launcher').click();
    await page
      .locator('suara-webchat .bot')
      .filter({ hasText: 'Selamat datang ke Suara' })
      .waitFor({ timeout: 30_000 });

    await step(page, () =>
      page
        .locator('suara-webchat .actions button')
        .filter({ hasText: /^Aduan$/ })
        .click(),
    );
    expect((await screen(page)).bot.at(-1)).toMatch(/terangkan masalah/);
    await step(page, async () => {
      await page
        .locator('suara-webchat textarea')
        .fill('Ada lubang besar di jalan depan rumah saya, bahaya kepada penunggang motosikal');
      await page.keyboard.press('Enter');
    });

    // From here the dialog decides what to ask; answer like a citizen would until the reference appears.
    const transcript: string[] = [];
    let reference: string | undefined;
    for (let i = 0; i < 15 && !reference; i++) {
      const s = await screen(page);
      const last = s.bot.at(-1) ?? '';
      transcript.push(`${last} [${s.actions.join(' | ')}]`);
      reference = REF.exec(s.bot.join('\n'))?.[0];
      if (reference) break;
      const tap = (re: RegExp) =>
        step(page, () =>
          page.locator('suara-webchat .actions button').filter({ hasText: re }).first().click(),
        );
      if (s.actions.some((a) => /Kongsi lokasi/.test(a))) await tap(/Kongsi lokasi/);
      else if (s.actions.some((a) => /^Lampirkan foto$/.test(a))) {
        await step(page, () =>
          page.locator('suara-webchat input[type=file]').setInputFiles({
            name: 'lubang.png',
            mimeType: 'image/png',
            buffer: Buffer.from(
              'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
              'base64',
            ),
          }),
        );
      } else if (s.actions.some((a) => /tanpa nama/i.test(a))) await tap(/tanpa nama/i);
      else if (s.actions.some((a) => /^Hantar$/.test(a))) await tap(/^Hantar$/);
      else if (s.actions.some((a) => /^Ya/.test(a))) await tap(/^Ya/);
      else throw new Error(`stuck: ${transcript.join('\n')}`);
    }
    expect(reference).toBeDefined();
    await page.locator('suara-webchat .bot').filter({ hasText: reference! }).waitFor();

    const record = await core.feedbackRepo.get(reference!);
    expect(record).toMatchObject({
      type: 'complaint',
      language: 'ms',
      agencyId: 'dbkl',
      channel: { channelId: 'webchat' },
    });
    // The widget's geolocation arrived as the Suara location attachment, the photo as one of our upload URLs.
    expect(record?.location?.point?.coordinates).toEqual([101.6958, 3.1579]);
    expect(record?.attachments[0]?.url).toMatch(new RegExp(`^${h.base}/v3/directline/uploads/`));
    await page.screenshot({ path: '/tmp/suara-screens/complaint-phone.png' });
    await context.close();
  });
});
