/**
 * The staff Consultations view in Chromium: DBKL staff open their consultation's results — a chart with the same
 * counts in a table, the free-text answers and the CSV link — axe-core clean; MBPJ staff who type the URL get "not
 * found".
 */
import type { Browser } from 'playwright-core';
import { ConsultationRepository, loadConsultations, type Answer } from '../../services/consultations';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { openPage, seriousViolations, signIn, SHOTS } from '../dashboard/browserSupport';
import { startDashboard, type DashboardHarness } from '../dashboard/harness';

const ID = 'dbkl-walkable-kl';

describeBrowser('staff consultation results in Chromium', () => {
  let h: DashboardHarness;
  let browser: Browser;

  beforeAll(async () => {
    h = await startDashboard();
    const repo = new ConsultationRepository(h.db);
    await repo.seed(loadConsultations());
    const answers = (commute: string, safety: number, spot?: string): Answer[] => [
      { questionId: 'commute', kind: 'choice', value: commute },
      { questionId: 'safety', kind: 'scale', value: safety },
      { questionId: 'first', kind: 'choice', value: 'covered' },
      ...(spot ? [{ questionId: 'spot', kind: 'text' as const, value: spot }] : []),
    ];
    const submit = (key: string, language: 'en' | 'ms', a: Answer[]) =>
      repo.submit({ consultationId: ID, citizenKey: key, language, answers: a, submittedAt: new Date() });
    await submit('k1', 'ms', answers('car', 2, 'Lintasan di Jalan Raja Laut terlalu jauh'));
    await submit('k2', 'en', answers('car', 4));
    await submit('k3', 'en', answers('public_transport', 5));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('DBKL staff read their consultation’s results as a chart, a table and the written answers', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, h.base, 'dbkl', 'en');
    await page.getByRole('link', { name: 'Consultations' }).click();
    const link = page.locator('#consultation-list a', {
      hasText: 'Walkable and bicycle-friendly Kuala Lumpur',
    });
    await link.click();
    await page.locator('#consultation-results').waitFor();
    expect(await page.locator('#consultation-total').textContent()).toMatch(
      /^3 responses \(1 in Malay, 2 in English\)/,
    );
    const commute = page.locator('section.card', { has: page.locator('h3', { hasText: 'Question 1:' }) });
    expect(await commute.locator('canvas').count()).toBe(1);
    expect(await commute.locator('tbody tr', { hasText: 'Car' }).locator('td').allTextContents()).toEqual([
      '2',
      '67%',
    ]);
    expect(await page.locator('blockquote').allTextContents()).toEqual([
      'Lintasan di Jalan Raja Laut terlalu jauh',
    ]);
    expect(await page.locator('#consultation-csv').getAttribute('href')).toBe(
      `/dashboard/api/consultations/${ID}/results.csv?lang=en`,
    );
    await page.screenshot({ path: `${SHOTS}/consultation-results-en.png`, fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('MBPJ staff who open the DBKL consultation by its URL are told it was not found', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'mbpj', 'en');
    await page.goto(`${h.base}/dashboard?lang=en#/consultations?id=${ID}`);
    await page.locator('#consultation-error').waitFor();
    expect(await page.locator('#consultation-results').count()).toBe(0);
    await page.close();
  });
});
