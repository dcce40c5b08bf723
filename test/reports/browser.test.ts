/** In Chromium: staff open the statistics view, see charts with their tables in their language, download CSV; axe-clean. */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { openPage, seriousViolations, SHOTS, signIn, VIEWPORTS } from '../dashboard/browserSupport';
import { type DashboardHarness, insertRecords, startDashboard } from '../dashboard/harness';
import { seedRecords } from '../openData/seed';

describeBrowser('statistics view in Chromium', () => {
  let h: DashboardHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, seedRecords());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('a DBKL officer sees DBKL’s figures as charts and tables in Malay, and downloads them as CSV', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, h.base, 'dbkl', 'ms');
    await page.locator('a[href="#/reports"]').click();
    await page.getByRole('heading', { level: 1, name: 'Statistik' }).waitFor();
    await page.locator('#report-figures').waitFor();
    expect(await page.locator('#report-figures').textContent()).toContain('Maklum balas diterima14');
    await page.locator('#report-chart-category').waitFor();
    expect(await page.locator('canvas[role="img"]').count()).toBe(4); // week, month, category, status (one body, one state: no body or state chart)
    const rows = await page.locator('#report-table-category tbody th').allTextContents();
    expect(rows.sort()).toEqual(['Jalan dan laluan pejalan kaki', 'Longkang dan banjir']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'reports-dbkl-ms.png'), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByText('Muat turun CSV').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^suara-statistics-dbkl-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the inbox loads without the chart library; the statistics view fetches it once and draws on its canvases', async () => {
    const { page, problems } = await openPage(browser);
    const scripts: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await signIn(page, h.base, 'dbkl', 'en');
    await page.locator('a[href="#/reports"]').waitFor();
    expect(scripts).toEqual(['/dashboard/app.js']);
    await page.locator('a[href="#/reports"]').click();
    await page.locator('#report-chart-category').waitFor();
    // Chart.js drew on the canvas (a canvas Chart.js has not touched has no size of its own set by it).
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>(
        '#report-chart-category canvas, canvas#report-chart-category',
      );
      return !!c && c.style.width !== '' && !!window.SuaraCharts;
    });
    await page.locator('a[href="#/inbox"]').click();
    await page.locator('a[href="#/reports"]').click();
    await page.locator('#report-chart-category').waitFor();
    expect(scripts).toEqual(['/dashboard/app.js', '/dashboard/charts.js']);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('an admin picks a body and a period in English; the phone layout is axe-clean', async () => {
    const { page, problems } = await openPage(browser, VIEWPORTS.phone);
    await signIn(page, h.base, 'admin', 'en');
    await page.goto(`${h.base}/dashboard?lang=en#/reports`);
    await page.locator('#report-figures').waitFor();
    expect(await page.locator('#report-figures').textContent()).toContain('Feedback received25');
    await page.locator('#report-chart-agency').waitFor(); // two bodies: a chart per body
    await page.getByLabel('Body', { exact: true }).selectOption('mbpj');
    await page.getByLabel('From', { exact: true }).fill('2026-11-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('#report-figures', { hasText: 'Feedback received11' }).waitFor();
    expect(await page.locator('#report-chart-agency').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(SHOTS, 'reports-admin-en-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
