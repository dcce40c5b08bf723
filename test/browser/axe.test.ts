/** axe-core on the widget (closed and open, both languages): no serious or critical accessibility violation. */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type Harness, startHarness } from '../webchat/harness';
import { describeBrowser, launchChromium } from './chromium';

const AXE = path.resolve(__dirname, '../../node_modules/axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(async () => {
    type Run = { violations: AxeViolation[]; passes: unknown[] };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Run> } }).axe;
    return axe.run({ include: [['suara-webchat']] }, {});
  });
  // Guard against a vacuous run: axe must have checked rules inside the shadow root.
  expect(result.passes.length).toBeGreaterThan(5);
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

describeBrowser('widget accessibility (axe-core)', () => {
  let h: Harness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startHarness({ build: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it.each([
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ])('has no serious or critical violations (%s)', async (_name, viewport) => {
    const page = await browser.newPage({ viewport });
    await page.goto(`${h.base}/`);
    await page.locator('suara-webchat .launcher').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('suara-webchat .launcher').click();
    await page.locator('suara-webchat .bot').filter({ hasText: 'Selamat datang!' }).waitFor();
    await page.locator('suara-webchat textarea').fill('Sampah tidak dikutip, rujukan SRA-4QFE-5F83');
    await page.keyboard.press('Enter');
    await page.locator('suara-webchat .actions button').first().waitFor();
    // The echo shows the reference number with its copy button: axe checks that too.
    await page.locator('suara-webchat .bot button.copy').waitFor();
    const violations = await seriousViolations(page);
    expect(
      violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`),
    ).toEqual([]);

    await page.locator('suara-webchat header button[lang="en"]').click();
    await page.locator('suara-webchat h2').filter({ hasText: 'Talk to' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
