/**
 * Working one item in real Chromium, one staff action per test: reply, change the status, assign to an officer
 * ("assign to me"), add an internal note (marked, and never sent to the citizen), merge a duplicate into the
 * original; the citizen's photo is shown inline. axe-core on the full item; screenshots on a phone and a desktop.
 */
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { UploadsRepository } from '../../services/directline/uploads';
import { MongoTranscriptStore } from '../../services/state/transcriptStore';
import type { FeedbackRecord } from '../../services/feedback/types';
import { describeBrowser, launchChromium } from '../browser/chromium';
import { type DashboardHarness, insertRecords, makeRecord, startDashboard } from './harness';
import { SHOTS, VIEWPORTS, openPage, seriousViolations, signIn } from './browserSupport';

/** A small solid-colour PNG (w×h, RGB). */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3).map((_, i) => rgb[i % 3]!)]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const t0 = Date.now() - 3 * 86_400_000;
const original = makeRecord({
  createdAt: new Date(t0),
  text: 'Longkang tersumbat di Jalan Ampang berhampiran stesen LRT, air melimpah ke jalan setiap kali hujan.',
});
const duplicate = makeRecord({
  createdAt: new Date(t0 + 3_600_000),
  text: 'Air longkang melimpah di Jalan Ampang dekat LRT.',
});
const worked = makeRecord({
  createdAt: new Date(t0 + 7_200_000),
  category: 'roads',
  text: 'Jalan berlubang besar di Jalan Tun Razak menghala ke Ampang, bahaya kepada penunggang motosikal.',
  status: 'resolved',
  channel: { channelId: 'telegram', conversationReference: { conversation: { id: 'conv-worked' } } },
  citizenKey: 'citizen-who-rated',
  rating: { score: 4, comment: 'Cepat dibaiki, terima kasih.', at: new Date(t0 + 86_400_000) },
});

const db = (h: DashboardHarness) => h.db.collection<FeedbackRecord>('feedback');
const open = async (page: Page, ref: string) => {
  await page.goto(`${page.url().split('#')[0]}#/item/${ref}`);
  await page.getByRole('heading', { name: `Feedback ${ref}` }).waitFor();
  await page.locator('#detail-body').waitFor();
};

describeBrowser('working an item in Chromium', () => {
  let h: DashboardHarness;
  let browser: Browser;
  beforeAll(async () => {
    h = await startDashboard();
    const { id } = await new UploadsRepository(h.db, 1_000_000).save(
      'conv-1',
      'lubang.png',
      png(64, 48, [180, 40, 40]),
    );
    worked.attachments = [
      { contentType: 'image/png', name: 'lubang.png', url: `http://127.0.0.1/v3/directline/uploads/${id}` },
    ];
    // "Me too" from three other citizens (the count the supporters feature keeps on the record).
    await insertRecords(h.db, [original, duplicate, { ...worked, supporterCount: 3 }]);
    const said = (minutesBefore: number, role: 'user' | 'bot', text: string) => ({
      type: 'message',
      channelId: 'telegram',
      conversation: { id: 'conv-worked' },
      from: { id: role === 'user' ? 'citizen' : 'suara', role },
      timestamp: new Date(worked.createdAt.getTime() - minutesBefore * 60_000),
      text,
    });
    await new MongoTranscriptStore(h.db, 30).logActivities([
      said(6, 'user', 'Ada lubang besar di Jalan Tun Razak'),
      said(5, 'bot', 'Terima kasih. Di manakah lokasinya?'),
    ]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('staff reply to the citizen: the reply is listed and stored', async () => {
    const { page, problems } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    await open(page, original._id);
    await page.getByLabel('Message').fill('Pasukan kami akan membersihkan longkang ini esok.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByRole('status').filter({ hasText: 'Reply sent.' }).waitFor();
    await page
      .locator('#detail-body')
      .getByText('Pasukan kami akan membersihkan longkang ini esok.')
      .waitFor();
    expect((await db(h).findOne({ _id: original._id }))!.replies?.at(-1)?.text).toBe(
      'Pasukan kami akan membersihkan longkang ini esok.',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('staff change the status with a note: the history shows it, signed with their name, not an id', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    await open(page, original._id);
    await page.getByLabel('New status').selectOption('acknowledged');
    await page.getByLabel('Note to the citizen (optional)').fill('Diterima, akan disiasat.');
    await page.getByRole('button', { name: 'Update status' }).click();
    await page.getByRole('status').filter({ hasText: 'Status updated to Acknowledged.' }).waitFor();
    const entry = page.locator('.history li').filter({ hasText: 'Diterima, akan disiasat.' });
    await entry.waitFor();
    expect(await entry.textContent()).not.toMatch(/stf_|staff:/);
    expect((await db(h).findOne({ _id: original._id }))!.status).toBe('acknowledged');
    await page.close();
  });

  it('an officer assigns the item to themself, and it appears under "assigned to me"', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    await open(page, original._id);
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /^Assigned to / })
      .waitFor();
    await page.getByText(/^Now with /).waitFor();
    await page.goto(`${h.base}/dashboard#/inbox?assigned=me`);
    await page.locator('#list-count').getByText('1 record').waitFor();
    expect(await page.locator('#items .ref').allTextContents()).toEqual([original._id]);
    await page.close();
  });

  it('an internal note is marked as internal, shown to staff and never sent to the citizen', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    await open(page, original._id);
    const form = page.locator('#note-form');
    await form.getByText('Internal — never sent to the citizen').waitFor();
    await page.getByLabel('New internal note').fill('Kontraktor dihubungi, menunggu sebut harga.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('status').filter({ hasText: 'Note added.' }).waitFor();
    await form.getByText('Kontraktor dihubungi, menunggu sebut harga.').waitFor();
    const rec = (await db(h).findOne({ _id: original._id }))!;
    // Not a reply, not a status note: nothing the citizen is sent carries it.
    expect(JSON.stringify(rec.replies ?? [])).not.toContain('Kontraktor');
    expect(JSON.stringify(rec.statusHistory)).not.toContain('Kontraktor');
    await page.close();
  });

  it('staff merge a duplicate into the original and land on the original', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl');
    await open(page, duplicate._id);
    await page.getByLabel('Reference number of the original').fill(original._id.toLowerCase());
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByRole('heading', { name: `Feedback ${original._id}` }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: `${duplicate._id} was merged into ${original._id}.` })
      .waitFor();
    await page.locator('#detail-body').getByRole('link', { name: duplicate._id }).waitFor();
    expect((await db(h).findOne({ _id: duplicate._id }))!.status).toBe('duplicate');
    await page.close();
  });

  it('the conversation that produced the item is shown, citizen and bot apart', async () => {
    const { page } = await openPage(browser);
    await signIn(page, h.base, 'dbkl', 'ms', `#/item/${worked._id}`);
    await page.getByText('Perbualan dengan rakyat').click();
    const citizen = page.locator('.transcript li.from-citizen');
    await citizen.getByText('Ada lubang besar di Jalan Tun Razak').waitFor();
    expect(await citizen.textContent()).toContain('Rakyat');
    await page.locator('.transcript li.from-bot').getByText('Terima kasih. Di manakah lokasinya?').waitFor();
    await page.close();
  });

  it.each(Object.entries(VIEWPORTS))(
    'the item shows the photo inline, the rating comment, the why and the "me too" count, and passes axe-core (%s)',
    async (name, viewport) => {
      const { page, problems } = await openPage(browser, viewport);
      await signIn(page, h.base, 'dbkl', 'en', `#/item/${worked._id}`);
      await page.locator('#detail-body').waitFor();
      const img = page.getByRole('img', { name: /^Photo 1 of 1 sent by the citizen/ });
      await img.waitFor();
      await page.waitForFunction(() => {
        const i = document.querySelector<HTMLImageElement>('.photos img');
        return !!i && i.complete && i.naturalWidth === 64;
      });
      await page.getByText('Cepat dibaiki, terima kasih.').waitFor();
      await page.locator('dl.facts').first().getByText('3 other citizens have the same problem').waitFor();
      expect(await page.locator('dl.facts').first().textContent()).toContain(
        'Why it was sent to this agency',
      );
      expect(await page.locator('dl.facts').first().textContent()).not.toContain('category+postcode');
      expect(await seriousViolations(page)).toEqual([]);
      await page.screenshot({ path: `${SHOTS}/suara-item-${name}.png`, fullPage: name === 'desktop' });
      if (name === 'phone') {
        for (const part of ['.photos', '#note-form', '#assignee-form']) {
          await page.locator(part).scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${SHOTS}/suara-item-phone-${part.replace(/\W/g, '')}.png` });
        }
      }
      expect(problems).toEqual([]);
      await page.close();
    },
  );
});
