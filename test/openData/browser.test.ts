/** In Chromium: the open-data page draws its charts and tables in Malay and English, with no CSP error, axe-clean. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { startOpenData, type OpenDataHarness } from './harness';
import { seedRecords } from './seed';

const AXE_SOURCE = readFileSync(path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Run = {
      violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
      passes: unknown[];
    };
    const r = await (window as unknown as { axe: { run(): Promise<Run> } }).axe.run();
    if (r.passes.length < 10) return ['axe checked almost nothing'];
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

describeBrowser('open-data page in Chromium', () => {
  let h: OpenDataHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startOpenData(seedRecords(), { build: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it.each([
    [
      'ms',
      '',
      'Data terbuka: maklum balas Suara dalam angka',
      'Maklum balas mengikut kategori',
      'Longkang dan banjir',
    ],
    ['en', '?lang=en', 'Open data: Suara feedback in figures', 'Feedback by category', 'Drains and flooding'],
  ])(
    'renders its charts and tables in %s and is axe-clean',
    async (lang, query, title, heading, category) => {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${m.text()} ${m.location().url}`);
      });
      await page.goto(`${h.base}/open-data${query}`);
      expect(await page.getAttribute('html', 'lang')).toBe(lang);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.locator('body[data-charts="3"]').waitFor();
      expect(await page.locator('.chart.drawn canvas').count()).toBe(3);
      // Chart.js drew something: the canvas has pixels that are not transparent.
      const inked = await page.locator('#chart-category').evaluate((c: HTMLCanvasElement) => {
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
        return n;
      });
      expect(inked).toBeGreaterThan(500);
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
      const categoryTable = page.locator('#table-category');
      expect(await categoryTable.getByRole('rowheader', { name: category }).count()).toBe(1);
      expect(await page.locator('#table-category .suppressed').count()).toBe(2);
      expect(await page.locator('#chart-category').getAttribute('aria-label')).toContain(heading);
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({
        path: path.join(require('node:os').tmpdir(), `open-data-${lang}.png`),
        fullPage: true,
      });
      expect(problems).toEqual([]);
      await page.close();
    },
  );

  it('reads on a phone at 390 px without sideways scrolling of the page', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${h.base}/open-data`);
    await page.locator('body[data-charts="3"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
