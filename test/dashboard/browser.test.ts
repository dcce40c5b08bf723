/**
 * The dashboard in real headless Chromium: DBKL staff sign in with the keyboard, see only DBKL items, open one and
 * change its status; the page passes axe-core (no serious or critical violation) at phone and desktop widths.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FeedbackRecord } from '../../services/feedback/types';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { ACCOUNTS, type DashboardHarness, insertRecords, makeRecord, startDashboard } from './harness';

const AXE_SOURCE = readFileSync(path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.SUARA_SCREENSHOT_DIR ?? '/tmp';

async function seriousViolations(page: Page): Promise<{ id: string; nodes: unknown[] }[]> {
  // Evaluated through the DevTools protocol, which the page's strict CSP (rightly) does not let a <script> tag do.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    type Run = { violations: { id: string; impact: string | null; nodes: unknown[] }[]; passes: unknown[] };
    return (window as unknown as { axe: { run(): Promise<Run> } }).axe.run();
  });
  expect(result.passes.length).toBeGreaterThan(5);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, nodes: v.nodes }));
}

describeBrowser('staff dashboard in Chromium', () => {
  let h: DashboardHarness;
  let browser: Browser;
  const t0 = Date.parse('2025-05-01T02:00:00Z');
  const ours = [
    makeRecord({
      createdAt: new Date(t0),
      text: 'Longkang tersumbat di Jalan Ampang, air melimpah ke jalan.',
    }),
    makeRecord({
      createdAt: new Date(t0 + 60_000),
      category: 'waste',
      type: 'complaint',
      text: 'Sampah tidak dikutip sejak Isnin di Taman Melawati.',
    }),
    makeRecord({
      createdAt: new Date(t0 + 120_000),
      category: 'streetlights',
      type: 'suggestion',
      text: 'Please add street lights along Jalan Kuching.',
      language: 'en',
    }),
  ];
  const unrouted = makeRecord({
    agencyId: null,
    createdAt: new Date(t0 + 90_000),
    text: 'Pokok tumbang, tidak pasti di kawasan mana.',
  });
  const theirs = [
    makeRecord({
      agencyId: 'mbpj',
      createdAt: new Date(t0 + 30_000),
      text: 'Jalan berlubang di SS2, Petaling Jaya.',
    }),
  ];

  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [...ours, ...theirs, unrouted]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it.each([
    ['phone', { width: 390, height: 844 }],
    ['desktop', { width: 1280, height: 900 }],
  ])('DBKL staff sign in, see only DBKL items and change a status (%s)', async (name, viewport) => {
    const page = await browser.newPage({ viewport, locale: 'en-MY' });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`${m.text()} ${m.location().url}`));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${h.base}/dashboard?lang=en`);
    await page.getByRole('heading', { name: 'Staff sign-in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Keyboard only: the skip link comes first, then the form is reachable and submits with Enter.
    const focused = () =>
      page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    expect(await focused()).toBe('login-email');
    // Before it, in order: the language switch and the skip link.
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('lang-switch');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('Skip to main content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('login-email');
    await page.keyboard.type(ACCOUNTS.dbkl.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong password');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'The email or password is not correct.' }).waitFor();
    await page.getByLabel('Password').fill(ACCOUNTS.dbkl.password);
    await page.keyboard.press('Enter');

    // After signing in, focus is on the list heading and the filters come next in the tab order.
    await page.getByText('3 records').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('list-heading');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-status');

    const items = page.locator('#items a.item');
    await items.first().waitFor();
    await page.getByText('3 records').waitFor();
    const refs = await page.locator('#items .ref').allTextContents();
    expect(refs).toEqual([ours[2]!._id, ours[1]!._id, ours[0]!._id]);
    expect(await page.content()).not.toContain(theirs[0]!._id);
    await page.getByText(/Signed in as dbkl@staff\.suara\.test · Kuala Lumpur City Hall/).waitFor();
    // Staff have no agency choice and no pager for a single page.
    expect(await page.getByLabel('Agency').isVisible()).toBe(false);
    expect(await page.locator('#pager').isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/suara-dashboard-list-${name}.png`, fullPage: true });

    // Open the oldest one with the keyboard and resolve it.
    const target = ours[0]!;
    await page.locator(`a[data-ref="${target._id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `Feedback ${target._id}` }).waitFor();
    await page.locator('#detail-body').getByText(target.text).waitFor();
    const status = name === 'phone' ? 'in_progress' : 'resolved';
    const label = name === 'phone' ? 'In progress' : 'Resolved';
    await page.getByLabel('New status').selectOption(status);
    await page.getByLabel('Note to the citizen (optional)').fill(`Checked on site (${name}).`);
    await page.getByRole('button', { name: 'Update status' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Status updated to ${label}.` })
      .waitFor();
    await page
      .locator('.history li')
      .filter({ hasText: `Checked on site (${name}).` })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/suara-dashboard-detail-${name}.png`, fullPage: true });

    const rec = await h.db.collection<FeedbackRecord>('feedback').findOne({ _id: target._id });
    expect(rec!.status).toBe(status);
    expect(rec!.statusHistory.at(-1)).toMatchObject({ status, note: `Checked on site (${name}).` });
    const audit = await h.db
      .collection('auditLog')
      .countDocuments({ reference: target._id, action: 'status', agencyId: 'dbkl' });
    expect(audit).toBeGreaterThanOrEqual(1);

    // Switch to Malay: the chrome follows without a reload.
    await page.getByRole('button', { name: 'Tukar bahasa ke Bahasa Melayu' }).click();
    await page.getByRole('heading', { name: 'Tukar status' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ms');
    await page.getByRole('link', { name: 'Kembali ke senarai' }).click();
    await page.getByRole('heading', { name: 'Maklum balas', exact: true }).waitFor();

    // Sign out: the session ends and the sign-in form is back.
    await page.getByRole('button', { name: 'Log keluar' }).click();
    await page.getByRole('heading', { name: 'Log masuk kakitangan' }).waitFor();
    await page.evaluate(() => localStorage.clear());
    // Only the deliberate failures show up as errors (the wrong password's 401, the ended session's 401 on /me).
    expect(problems.filter((p) => !/status of 401/.test(p))).toEqual([]);
    await page.close();
  });

  it('the admin finds an item in the "could not route" queue and assigns it to DBKL', async () => {
    const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
    await page.goto(`${h.base}/dashboard?lang=ms`);
    await page.getByLabel('E-mel').fill(ACCOUNTS.admin.email);
    await page.getByLabel('Kata laluan').fill(ACCOUNTS.admin.password);
    await page.getByRole('button', { name: 'Log masuk', exact: true }).click();
    await page.getByText('5 rekod').waitFor();
    await page.getByLabel('Agensi').selectOption('unrouted');
    await page.getByRole('button', { name: 'Guna tapisan' }).click();
    await page.getByText('1 rekod').waitFor();
    await page.locator(`a[data-ref="${unrouted._id}"]`).click();
    await page.getByRole('heading', { name: 'Serahkan kepada agensi' }).waitFor();
    await page.getByLabel('Agensi', { exact: true }).last().selectOption('dbkl');
    await page.getByRole('button', { name: 'Serahkan', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Telah diserahkan kepada Dewan Bandaraya Kuala Lumpur.' })
      .waitFor();
    // Assigned: the form is gone and the record now belongs to DBKL, with its delivery queued.
    expect(await page.getByRole('heading', { name: 'Serahkan kepada agensi' }).count()).toBe(0);
    const rec = await h.db.collection<FeedbackRecord>('feedback').findOne({ _id: unrouted._id });
    expect(rec).toMatchObject({
      agencyId: 'dbkl',
      routing: { state: 'routed' },
      delivery: { state: 'pending' },
    });
    await page.screenshot({ path: `${SHOTS}/suara-dashboard-admin-assigned.png`, fullPage: true });
    await page.close();
  });
});
