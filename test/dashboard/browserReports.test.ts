/**
 * The statistics view in real Chromium: its filters live in the address (a shared link opens that period, applying
 * filters writes them, a reload and the back button keep them, a broken link falls back to no filter), the CSV link
 * follows them, and volumes by state and by month are charts with their tables. Seed: test/openData/seed.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { seedRecords } from '../openData/seed';
import { type DashboardHarness, insertRecords, startDashboard } from './harness';
import { SHOTS, VIEWPORTS, openPage, seriousViolations, signIn } from './browserSupport';

/** A data table's rows as "name count" pairs. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  const rows = page.locator(`#report-table-${id} tbody tr`);
  return rows.evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('th')!.textContent!, tr.querySelector('td')!.textContent!]),
  );
}

/** Wait until the headline says this many items were received. */
async function waitForTotal(page: Page, total: string, label = 'Feedback received'): Promise<void> {
  await page.locator('#report-figures', { hasText: `${label}${total}` }).waitFor();
}

const hashOf = (page: Page) => new URL(page.url()).hash;

describeBrowser('statistics filters in the address, and volumes by state and month, in Chromium', () => {
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

  it('a staff officer opens a shared statistics link and sees the figures for that period', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, h.base, 'dbkl', 'en', '#/reports?from=2026-10-01&to=2026-10-31');
    await waitForTotal(page, '6'); // DBKL's six road reports of October, not its 14 in all
    expect(hashOf(page)).toBe('#/reports?from=2026-10-01&to=2026-10-31');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2026-10-01');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe('2026-10-31');
    expect(await page.locator('#report-period').textContent()).toBe('Figures from 1 Oct 2026 to 31 Oct 2026');
    expect(await tableRows(page, 'month')).toEqual([['October 2026', '6']]);
    expect(await tableRows(page, 'category')).toEqual([['Roads and footpaths', '6']]);

    // The CSV link carries the same period; what it downloads is October's figures.
    const href = (await page.locator('#report-csv').getAttribute('href'))!;
    expect(href).toContain('reports.csv?from=2026-10-01&to=2026-10-31&lang=en');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#report-csv').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toMatch(/^month,2026-10,[^\n]*,6\r?$/m);
    expect(csv).not.toMatch(/^month,2026-11/m);

    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('applying filters puts them in the address, and reload keeps them', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, h.base, 'admin', 'en', '#/reports');
    await waitForTotal(page, '25');
    expect(await page.locator('#report-period').textContent()).toBe('Figures for all dates');

    await page.getByLabel('Body', { exact: true }).selectOption('mbpj');
    await page.getByLabel('From', { exact: true }).fill('2026-11-01');
    await page.getByRole('button', { name: 'Show' }).click();
    await waitForTotal(page, '11');
    expect(hashOf(page)).toBe('#/reports?from=2026-11-01&agency=mbpj');
    expect(await page.locator('#report-csv').getAttribute('href')).toContain(
      'reports.csv?from=2026-11-01&agency=mbpj&lang=en',
    );

    await page.reload();
    await waitForTotal(page, '11');
    expect(await page.getByLabel('Body', { exact: true }).inputValue()).toBe('mbpj');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('2026-11-01');
    expect(await page.locator('#report-period').textContent()).toBe('Figures from 1 Nov 2026 onwards');

    // Back returns to every body and every date, the form with it; forward brings the filters again.
    await page.goBack();
    await waitForTotal(page, '25');
    expect(hashOf(page)).toBe('#/reports');
    expect(await page.getByLabel('Body', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe('');
    await page.goForward();
    await waitForTotal(page, '11');
    expect(await page.getByLabel('Body', { exact: true }).inputValue()).toBe('mbpj');

    // "Clear filters" goes back to no filter.
    await page.getByRole('link', { name: 'Clear filters' }).click();
    await waitForTotal(page, '25');
    expect(hashOf(page)).toBe('#/reports');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a link with a broken date or body shows every date with a note, and does not break the page', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, h.base, 'dbkl', 'ms', '#/reports?from=2026-02-30&to=kelmarin&agency=DROP%20TABLE');
    await waitForTotal(page, '14', 'Maklum balas diterima');
    expect(await page.locator('#report-link-note').textContent()).toBe(
      'Sebahagian tapisan dalam pautan ini tidak sah, jadi tapisan itu tidak digunakan.',
    );
    expect(await page.getByLabel('Dari', { exact: true }).inputValue()).toBe('');
    expect(await page.locator('#report-period').textContent()).toBe('Angka bagi semua tarikh');

    // A period that ends before it starts is dropped too.
    await page.goto(`${h.base}/dashboard?lang=ms#/reports?from=2026-11-30&to=2026-11-01`);
    await waitForTotal(page, '14', 'Maklum balas diterima');
    await page.locator('#report-link-note').waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('by-state and by-month tables show the seeded counts, each under its chart', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, h.base, 'admin', 'en', '#/reports');
    await waitForTotal(page, '25');
    expect(await tableRows(page, 'state')).toEqual([
      ['Kuala Lumpur', '14'],
      ['Selangor', '11'],
    ]);
    expect(await tableRows(page, 'month')).toEqual([
      ['October 2026', '6'],
      ['November 2026', '19'],
    ]);
    for (const id of ['state', 'month']) {
      const chart = page.locator(`#report-chart-${id}`);
      expect(await chart.getAttribute('role')).toBe('img');
      expect(await chart.getAttribute('aria-label')).toMatch(/The same figures are in the table below\.$/);
      // The chart comes first in its section, then its table.
      const order = await page
        .locator(`#rh-${id}`)
        .evaluate((h2) => [...h2.parentElement!.children].map((el) => el.tagName));
      expect(order).toEqual(['H2', 'CANVAS', 'TABLE']);
    }
    expect(await page.locator('#rh-state').textContent()).toBe('Feedback by state');
    await page.screenshot({ path: path.join(SHOTS, 'reports-state-month-desktop.png'), fullPage: true });

    // In Malay on a phone: month names and state names in Malay, and the page is axe-clean.
    const phone = await openPage(browser, VIEWPORTS.phone);
    await signIn(phone.page, h.base, 'admin', 'ms', '#/reports?from=2026-10-01');
    await waitForTotal(phone.page, '25', 'Maklum balas diterima');
    expect(await tableRows(phone.page, 'month')).toEqual([
      ['Oktober 2026', '6'],
      ['November 2026', '19'],
    ]);
    expect(await tableRows(phone.page, 'state')).toEqual([
      ['W.P. Kuala Lumpur', '14'],
      ['Selangor', '11'],
    ]);
    expect(await seriousViolations(phone.page)).toEqual([]);
    await phone.page.screenshot({ path: path.join(SHOTS, 'reports-state-month-phone.png'), fullPage: true });
    expect(problems).toEqual([]);
    expect(phone.problems).toEqual([]);
    await phone.page.close();
    await page.close();
  });
});
