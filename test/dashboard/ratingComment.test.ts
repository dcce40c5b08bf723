/**
 * Staff see what citizens wrote with their rating: in the dashboard's item view (real Chromium, both languages)
 * and on the Teams item card.
 */
import type { Browser } from 'playwright-core';
import { detailCard } from '../../bots/channels/teams/cards';
import { createLocalizer } from '../../services/i18n';
import { toDetail } from '../../services/staff/feedbackView';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { ACCOUNTS, type DashboardHarness, insertRecords, makeRecord, startDashboard } from './harness';

const COMMENT = 'Cepat dibaiki, tetapi longkang masih berbau';
const rated = makeRecord({
  status: 'resolved',
  rating: { score: 2, comment: COMMENT, at: new Date('2025-05-02T03:00:00Z') },
});

test('the Teams item card shows the citizen’s rating and the comment they wrote with it', () => {
  const { t } = createLocalizer();
  for (const lang of ['en', 'ms'] as const) {
    const json = JSON.stringify(detailCard({ t, lang, agencyName: (id) => id }, toDetail(rated)));
    expect(json).toContain(t(lang, 'teams:detail.ratingValue', { score: 2 }));
    expect(json).toContain(t(lang, 'teams:detail.ratingComment'));
    expect(json).toContain(COMMENT);
  }
});

describeBrowser('the rating comment in the dashboard', () => {
  let h: DashboardHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startDashboard();
    await insertRecords(h.db, [rated]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it.each([
    ['en', 'Email', 'Password', "Citizen's comment on the rating", '2 out of 5'],
    ['ms', 'E-mel', 'Kata laluan', 'Ulasan rakyat tentang penilaian', '2 daripada 5'],
  ])(
    'staff see the rating and its comment in the item view (%s)',
    async (lang, email, password, heading, score) => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${h.base}/dashboard?lang=${lang}`);
      await page.getByLabel(email).fill(ACCOUNTS.dbkl.email);
      await page.getByLabel(password).fill(ACCOUNTS.dbkl.password);
      await page.keyboard.press('Enter');
      await page.locator(`a[data-ref="${rated._id}"]`).click();
      await page.getByRole('heading', { name: heading }).waitFor();
      await page.locator('#detail-body').getByText(COMMENT).waitFor();
      await page.locator('#detail-body').getByText(score).waitFor();
      await page.close();
    },
  );
});
