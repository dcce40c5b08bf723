/**
 * Email through the server's own composition (bots/compose/deliveryWiring.ts): SMTP_URL and MAIL_FROM from the environment,
 * a body whose directory entry says email, a citizen's complaint filed by the real service, one message in the
 * mailbox with a link to the item on this server's dashboard.
 */
import restify from 'restify';
import { wireDelivery, type DeliveryWiring } from '../../bots/compose/deliveryWiring';
import type { FeedbackRecord } from '../../services/feedback/types';
import { silentLogger } from '../../services/log';
import { createTestBot } from '../support/app';
import { parseMail, startSmtp, type FakeSmtp } from '../support/fakeSmtp';
import { testDb, type TestDb } from '../support/mongo';
import { waitFor } from './helpers';

let t: TestDb;
let smtp: FakeSmtp;
let wiring: DeliveryWiring | undefined;

beforeEach(async () => {
  t = await testDb('delivery_email_wiring');
  smtp = await startSmtp();
});
afterEach(async () => {
  await wiring?.stop();
  await smtp.down();
  await t.close();
});

test('with SMTP_URL set, a complaint for a body whose endpoint is email is mailed once, linking to this server', async () => {
  const { core } = await createTestBot(t.db);
  await t.db
    .collection('agencies')
    .updateOne(
      { _id: 'dbkl' as never },
      { $set: { endpoint: { kind: 'email', to: ['aduan@dbkl.test'], language: 'en' } } },
    );
  wiring = await wireDelivery(restify.createServer(), core, {
    baseUrl: 'https://suara.example.gov.my',
    runWorker: true,
    open311PollMinutes: 0,
    channels: [],
    log: silentLogger,
    env: {
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Suara <suara@example.gov.my>',
      MAIL_REPLY_TO: 'pasukan@example.gov.my',
      DELIVERY_POLL_MS: '20',
    },
  });
  expect(wiring.mailLine).toMatch(/^Email delivery: SMTP 127\.0\.0\.1:\d+ as suara@example\.gov\.my/);

  const filed = await core.feedback.file({
    type: 'complaint',
    category: 'streetlights',
    text: 'Lampu jalan padam di Jalan Ampang sejak minggu lepas',
    language: 'ms',
    location: { text: 'Jalan Ampang', postcode: '50450' },
    channel: { channelId: 'webchat', conversationReference: {} },
    citizenKey: 'k2',
    anonymous: true,
  });
  expect(filed.agencyId).toBe('dbkl');
  const col = t.db.collection<FeedbackRecord>('feedback');
  await waitFor(
    'delivered',
    async () => (await col.findOne({ _id: filed.reference }))?.delivery.state === 'delivered',
  );
  expect(smtp.messages).toHaveLength(1);
  const mail = parseMail(smtp.messages[0]!.raw);
  expect(mail.headers['reply-to']).toBe('pasukan@example.gov.my');
  expect(mail.headers['message-id']).toBe(`<suara.${filed.reference}@example.gov.my>`);
  expect(mail.text.indexOf('New complaint through Suara')).toBeLessThan(
    mail.text.indexOf('Aduan baharu melalui Suara'),
  );
  expect(mail.text).toContain(`https://suara.example.gov.my/dashboard#/feedback/${filed.reference}`);
});
