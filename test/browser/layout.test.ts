/**
 * The widget's header and reference numbers in Chromium (echo bot): the title is never cut (desktop, phone, 200%
 * zoom; short and long site names) and the copy button works without the Clipboard API too.
 * Screenshots go to /tmp/suara-screens for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../webchat/harness';
import { describeBrowser, launchChromium } from './chromium';

const SHOTS = '/tmp/suara-screens';

/** Window, site, language, CSS viewport, device scale (200% zoom = half the window's size at scale 2), title. */
const CASES = [
  ['1280x800', 'demo', 'ms', { width: 1280, height: 800 }, 1, 'Hubungi Dewan Bandaraya Contoh'],
  ['1280x800', 'dbkl', 'ms', { width: 1280, height: 800 }, 1, 'Hubungi Dewan Bandaraya Kuala Lumpur (DBKL)'],
  [
    '360x740 phone',
    'dbkl',
    'ms',
    { width: 360, height: 740 },
    2,
    'Hubungi Dewan Bandaraya Kuala Lumpur (DBKL)',
  ],
  [
    '1280x800 at 200% zoom',
    'dbkl',
    'en',
    { width: 640, height: 400 },
    2,
    'Talk to Kuala Lumpur City Hall (DBKL)',
  ],
] as const;

/** Where the header's parts are, and whether the title's text overflows its box. */
async function headerGeometry(page: Page) {
  return page.locator('suara-webchat').evaluate((host) => {
    const root = host.shadowRoot!;
    const box = (sel: string) => root.querySelector(sel)!.getBoundingClientRect();
    const h2 = root.querySelector('h2')!;
    return {
      title: h2.textContent,
      titleOverflows: h2.scrollWidth > h2.clientWidth || h2.scrollHeight > h2.clientHeight,
      titleRight: box('h2').right,
      langLeft: box('header button').left,
      closeRight: box('header .x').right,
      panelLeft: box('.panel').left,
      panelRight: box('.panel').right,
      panelTop: box('.panel').top,
      panelBottom: box('.panel').bottom,
      formBottom: box('form').bottom,
    };
  });
}

describeBrowser('widget layout and reference copy in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHarness({ build: true });
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it.each(CASES)(
    'shows the whole title at %s (site %s, %s)',
    async (name, site, lang, viewport, deviceScaleFactor, title) => {
      const context = await browser.newContext({ viewport, deviceScaleFactor });
      const page = await context.newPage();
      if (site === 'demo') await page.goto(`${h.base}/`);
      else {
        // Another city hall's page: only the site's public look matters here (its origin may not start a chat, so
        // the panel shows a connection notice under the header).
        await page.route(`${h.base}/embed-${site}-${lang}`, (r) =>
          r.fulfill({
            contentType: 'text/html',
            body: `<!doctype html><html lang="${lang}"><title>t</title><body><script src="/widget.js" data-site="${site}" data-lang="${lang}"></script></body></html>`,
          }),
        );
        await page.goto(`${h.base}/embed-${site}-${lang}`);
      }
      await page.locator('suara-webchat .launcher').click();
      await page.locator('suara-webchat h2').filter({ hasText: title }).waitFor();
      const g = await headerGeometry(page);
      expect(g.title).toBe(title);
      expect(g.titleOverflows).toBe(false);
      expect(g.titleRight).toBeLessThanOrEqual(g.langLeft);
      // The panel, its close button and its input are inside the window.
      expect(g.panelLeft).toBeGreaterThanOrEqual(0);
      expect(g.panelTop).toBeGreaterThanOrEqual(0);
      expect(g.closeRight).toBeLessThanOrEqual(g.panelRight);
      expect(g.panelRight).toBeLessThanOrEqual(viewport.width);
      expect(g.formBottom).toBeLessThanOrEqual(Math.min(g.panelBottom, viewport.height) + 0.5);
      await page.screenshot({ path: `${SHOTS}/header-${name.replace(/\W+/g, '-')}-${site}-${lang}.png` });
      await context.close();
    },
  );

  it('copies a reference number with the fallback when the browser has no Clipboard API', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = await context.newPage();
    await page.addInitScript(() =>
      Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }),
    );
    await page.goto(`${h.base}/`);
    await page.locator('suara-webchat .launcher').click();
    await page.locator('suara-webchat .bot').filter({ hasText: 'Selamat datang!' }).waitFor();
    await page.locator('suara-webchat textarea').fill('semak SRA-4QFE-5F83');
    await page.keyboard.press('Enter');
    const copy = page.locator('suara-webchat .bot button.copy');
    await copy.waitFor();
    // The citizen's own message shows the number unbroken too, but only the bot's has a copy button.
    expect(await page.locator('suara-webchat .user .ref').textContent()).toBe('SRA-4QFE-5F83');
    expect(await page.locator('suara-webchat .user button.copy').count()).toBe(0);
    await copy.click();
    await page.locator('suara-webchat button.copy.done').filter({ hasText: 'Disalin' }).waitFor();
    // Focus comes back to the button after the hidden textarea did the copying.
    expect(
      await page.evaluate(
        () => document.querySelector('suara-webchat')!.shadowRoot!.activeElement?.className,
      ),
    ).toContain('copy');
    const reader = await context.newPage();
    await reader.goto(`${h.base}/embed`);
    expect(await reader.evaluate(() => navigator.clipboard.readText())).toBe('SRA-4QFE-5F83');
    await context.close();
  });
});
