/**
 * The inbox in real Chromium: filters go into the URL (a reload, a shared link and the back button keep them), the
 * sort and the pager follow, the counts per status narrow the list, and the CSV link downloads the filtered list.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { PAGE_SIZE } from '../../services/staff/feedbackQueries';
import { type DashboardHarness, insertRecords, makeRecord, startDashboard } from './harness';
import { SHOTS, VIEWPORTS, openPage, seriousViolations, signIn } from './browserSupport';

const t0 = Date.parse('2026-03-02T02:00:00Z');
const at = (minutes: number) => new Date(t0 + minutes * 60_000);
const waste = [
  makeRecord({ createdAt: at(1), category: 'waste', text: 'Sampah tidak dikutip di Taman Melawati.' }),
  makeRecord({ createdAt: at(2), category: 'waste', text: 'Tong sampah pecah di Jalan Melawati 3.' }),
  makeRecord({
    createdAt: at(3),
    category: 'waste',
    text: 'Sampah pukal di Wangsa Maju.',
    status: 'resolved',
  }),
];
const drains = Array.from({ length: PAGE_SIZE + 2 }, (_, i) =>
  makeRecord({ createdAt: at(10 + i), text: `Longkang tersumbat di Jalan Ampang, lot ${i + 1}.` }),
);
const theirs = makeRecord({ agencyId: 'mbpj', category: 'waste', text: 'Sampah di Taman Melawati, PJ?' });
const total = waste.length + drains.length;

const refsShown = (page: Page) => page.locator('#items .ref').allTextContents();

describeBrowser('the inbox in Chromium', () => {
  let h: DashboardHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [...waste, ...drains, theirs]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('filters are kept in the URL: a reload, a shared link and the back button bring the same list back', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    await page.locator('#list-count').getByText(`${total} records`).waitFor();

    await page.getByLabel('Category').selectOption('waste');
    await page.getByLabel('Search').fill('Melawati');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.locator('#list-count').getByText('2 records').waitFor();
    expect(new URL(page.url()).hash).toBe('#/inbox?category=waste&q=Melawati');
    expect((await refsShown(page)).sort()).toEqual([waste[0]!._id, waste[1]!._id].sort());

    // A reload (or the same link opened by a colleague) shows the same list with the same filters filled in.
    await page.reload();
    await page.locator('#list-count').getByText('2 records').waitFor();
    expect(await page.getByLabel('Category').inputValue()).toBe('waste');
    expect(await page.getByLabel('Search').inputValue()).toBe('Melawati');

    // Opening an item and going back to the list keeps the filters.
    await page.locator(`a[data-ref="${waste[0]!._id}"]`).click();
    await page.getByRole('heading', { name: `Feedback ${waste[0]!._id}` }).waitFor();
    await page.getByRole('link', { name: 'Back to the list' }).click();
    await page.locator('#list-count').getByText('2 records').waitFor();
    expect(new URL(page.url()).hash).toBe('#/inbox?category=waste&q=Melawati');

    // The sort is a filter too: oldest first reverses the order.
    await page.getByLabel('Sort by').selectOption('oldest');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/sort=oldest/);
    await expectOrder(page, [waste[0]!._id, waste[1]!._id]);

    // The browser's back button returns to the previous filters.
    await page.goBack();
    await page.waitForURL((u) => !u.hash.includes('sort='));
    await expectOrder(page, [waste[1]!._id, waste[0]!._id]);
    expect(await page.getByLabel('Sort by').inputValue()).toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a date range and the deadline filter narrow the list and stay in the URL', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    await page.locator('#list-count').getByText(`${total} records`).waitFor();
    await page.getByText('More filters').click();
    await page.getByLabel('Received from').fill('2026-03-01');
    await page.getByLabel('Received until').fill('2026-03-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('No feedback matches these filters.').waitFor();
    expect(new URL(page.url()).hash).toBe('#/inbox?from=2026-03-01&to=2026-03-01');
    await page.getByLabel('Received until').fill('2026-03-02');
    await page.getByLabel('Deadline').selectOption('overdue');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    // Filed on 2 March 2026, never acknowledged: every open one is overdue (the resolved one is not).
    await page
      .locator('#list-count')
      .getByText(`${total - 1} records`)
      .waitFor();
    expect(new URL(page.url()).hash).toBe('#/inbox?from=2026-03-01&to=2026-03-02&due=overdue');
    expect(await page.getByText('More filters (3 in use)').isVisible()).toBe(true);
    await page.close();
  });

  it('the pager moves through the pages and the page number is in the URL', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    await page.locator('#list-count').getByText(`${total} records`).waitFor();
    const pages = Math.ceil(total / PAGE_SIZE);
    await page.getByText(`Page 1 of ${pages}`).waitFor();
    const first = await refsShown(page);
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.getByText(`Page 2 of ${pages}`).waitFor();
    expect(new URL(page.url()).hash).toBe('#/inbox?page=2');
    // Focus moves to the heading so a keyboard or screen-reader user starts at the top of the new page.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('list-heading');
    const second = await refsShown(page);
    expect(second.filter((r) => first.includes(r))).toEqual([]);
    expect(first.length + second.length).toBe(Math.min(total, 2 * PAGE_SIZE));
    await page.close();
  });

  it('the counts per status narrow the list to one status', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    const counts = page.getByRole('navigation', { name: 'Counts by status' });
    await counts.getByRole('link', { name: `All ${total}` }).waitFor();
    await counts.getByRole('link', { name: `Sent to agency ${total - 1}` }).waitFor();
    await counts.getByRole('link', { name: 'Resolved 1' }).click();
    await page.locator('#list-count').getByText('1 record', { exact: true }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/inbox?status=resolved');
    expect(await refsShown(page)).toEqual([waste[2]!._id]);
    expect(await counts.getByRole('link', { name: 'Resolved 1' }).getAttribute('aria-current')).toBe('true');
    expect(await page.getByLabel('Status', { exact: true }).inputValue()).toBe('resolved');
    await page.close();
  });

  it('the CSV link downloads exactly the filtered list, headed in the staff member’s language', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl', 'ms', '#/inbox?category=waste');
    await page.locator('#list-count').getByText('3 rekod').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Muat turun senarai ini (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^suara-.+\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toContain('Nombor rujukan');
    expect(lines).toHaveLength(1 + waste.length);
    for (const r of waste) expect(csv).toContain(r._id);
    expect(csv).not.toContain(drains[0]!._id);
    expect(csv).not.toContain(theirs._id);
    await page.close();
  });

  it.each(Object.entries(VIEWPORTS))(
    'the inbox passes axe-core with filters open (%s)',
    async (name, viewport) => {
      const { page, problems } = await openPage(browser, viewport);
      await signIn(page, h.base, 'dbkl', 'ms', '#/inbox?category=waste&due=overdue');
      await page.locator('#list-count').waitFor();
      await page
        .locator('#items a.item')
        .first()
        .waitFor({ state: 'attached', timeout: 5000 })
        .catch(() => undefined);
      expect(await page.locator('details.more').getAttribute('open')).not.toBeNull();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/suara-inbox-filters-${name}.png`, fullPage: true });
      await page.goto(`${h.base}/dashboard?lang=ms#/inbox`);
      await page.locator('#items a.item').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/suara-inbox-${name}.png`, fullPage: false });
      expect(problems).toEqual([]);
      await page.close();
    },
  );
});

async function expectOrder(page: Page, refs: string[]): Promise<void> {
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('#items .ref')].map((n) => n.textContent).join() === want.join(),
    refs,
  );
}
