/** Shared steps of the dashboard's browser tests: sign in, axe-core, screenshots, console errors. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ACCOUNTS } from './harness';

const AXE_SOURCE = readFileSync(path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

/** Where screenshots go (look at them: `SUARA_SCREENSHOT_DIR=/tmp/shots`). */
export const SHOTS = process.env.SUARA_SCREENSHOT_DIR ?? '/tmp';

/** Phone and desktop viewports. */
export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1280, height: 900 },
} as const;

/** axe-core's serious and critical violations on the page (ids and the elements they concern). */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's strict CSP (rightly) does not let a <script> tag do.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    type Run = {
      violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
      passes: unknown[];
    };
    return (window as unknown as { axe: { run(): Promise<Run> } }).axe.run();
  });
  expect(result.passes.length).toBeGreaterThan(5);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

/** A page that records script errors (anything but a deliberate 401) into `problems`. */
export async function openPage(
  browser: Browser,
  viewport: { width: number; height: number } = VIEWPORTS.desktop,
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport, acceptDownloads: true });
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text());
  });
  return { page, problems };
}

/** Sign in on the dashboard page in a language, landing on `hash` (the inbox by default). */
export async function signIn(
  page: Page,
  base: string,
  who: keyof typeof ACCOUNTS,
  lang: 'en' | 'ms' = 'en',
  hash = '',
): Promise<void> {
  await page.goto(`${base}/dashboard?lang=${lang}${hash}`);
  await page.locator('#login-email').fill(ACCOUNTS[who].email);
  await page.locator('#login-password').fill(ACCOUNTS[who].password);
  await page.keyboard.press('Enter');
  await page.locator('#logout').waitFor();
}
