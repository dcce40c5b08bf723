/** In Chromium, in Malay: an overdue item carries "Lewat" in the list and the item, with the body's count for today. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { ACCOUNTS, type DashboardHarness, insertRecords, makeRecord, startDashboard } from './harness';

const AXE_SOURCE = readFileSync(path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

describeBrowser('dashboard deadlines in Chromium', () => {
  let h: DashboardHarness;
  let browser: Browser;
  const old = new Date(Date.now() - 30 * 86_400_000);
  const late = makeRecord({ createdAt: old, text: 'Longkang tersumbat sebulan di Jalan Ampang.' });
  const fresh = makeRecord({ createdAt: new Date(), text: 'Lampu jalan padam di Jalan Tun Razak.' });

  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [late, fresh, makeRecord({ agencyId: 'mbpj', createdAt: old })]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('DBKL staff see "Lewat" on the overdue item, today’s count, and both deadlines in the item', async () => {
    const page = await browser.newPage({ locale: 'ms-MY' });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${h.base}/dashboard?lang=ms`);
    await page.getByLabel('E-mel').fill(ACCOUNTS.dbkl.email);
    await page.getByLabel('Kata laluan').fill(ACCOUNTS.dbkl.password);
    await page.keyboard.press('Enter');
    await page.getByText('2 rekod').waitFor();
    await page.getByText('Hari ini: 1 lewat').waitFor();
    const lateItem = page.locator(`a[data-ref="${late._id}"]`);
    expect(await lateItem.locator('.badge.d-overdue').textContent()).toBe('Lewat');
    expect(await page.locator(`a[data-ref="${fresh._id}"] .badge.d-overdue`).count()).toBe(0);
    expect(await page.locator(`a[data-ref="${fresh._id}"]`).textContent()).toContain(
      'Sahkan penerimaan sebelum',
    );

    await lateItem.click();
    await page.locator('#detail-body').getByText('Sahkan penerimaan sebelum').waitFor();
    const facts = await page.locator('#detail-body dl.facts').first().textContent();
    expect(facts).toContain('Perlu diselesaikan sebelum');
    expect(facts).toMatch(/· lewat/);

    await page.evaluate(AXE_SOURCE);
    const violations = await page.evaluate(async () => {
      type Run = { violations: { id: string; impact: string | null }[] };
      const r = await (window as unknown as { axe: { run(): Promise<Run> } }).axe.run();
      return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the admin sees the bodies with the most overdue items', async () => {
    const page = await browser.newPage({ locale: 'ms-MY' });
    await page.goto(`${h.base}/dashboard?lang=ms`);
    await page.getByLabel('E-mel').fill(ACCOUNTS.admin.email);
    await page.getByLabel('Kata laluan').fill(ACCOUNTS.admin.password);
    await page.keyboard.press('Enter');
    await page.getByText('3 rekod').waitFor();
    await page.getByText('Hari ini: 2 lewat').waitFor();
    expect(await page.locator('#deadline-counts').textContent()).toMatch(/Paling banyak lewat: .+ 1, .+ 1$/);
    await page.close();
  });
});
