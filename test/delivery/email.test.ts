/** Email delivery end to end: the real filing service and worker, nodemailer, and a real SMTP server on 127.0.0.1. */
import type { Collection } from 'mongodb';
import type { DeliveryEndpoint } from '../../services/agencies/types';
import { NO_SMTP_NOTE } from '../../services/delivery/emailSender';
import { createSmtpMailer, type MailContext } from '../../services/delivery/mailer';
import type { WorkerOptions } from '../../services/delivery/options';
import { startWorker, type DeliveryWorker } from '../../services/delivery/worker';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { createTestBot } from '../support/app';
import { decodeHeader, parseMail, startSmtp, type FakeSmtp } from '../support/fakeSmtp';
import { testDb, type TestDb } from '../support/mongo';
import { makeRecord, waitFor } from './helpers';

const fast: Partial<WorkerOptions> = {
  pollIntervalMs: 20,
  backoffBaseMs: 20,
  backoffMaxMs: 200,
  timeoutMs: 2000,
  leaseMs: 5000,
  maxAttempts: 8,
};
const EMAIL: DeliveryEndpoint = { kind: 'email', to: ['aduan@dbkl.test'], cc: ['pegawai@dbkl.test'] };
const PHOTO = 'https://suara.test/telegram/files/abc123?exp=1767225600&sig=3f9a';

let t: TestDb;
let col: Collection<FeedbackRecord>;
let repo: FeedbackRepository;
let smtp: FakeSmtp;
let mail: MailContext;
let worker: DeliveryWorker | undefined;

function start(endpoint: DeliveryEndpoint = EMAIL, withMail = true): DeliveryWorker {
  worker = startWorker(
    { feedback: repo, endpointFor: async () => endpoint, ...(withMail ? { mail } : {}) },
    fast,
  );
  return worker;
}

async function stateOf(reference: string): Promise<FeedbackRecord> {
  return (await col.findOne({ _id: reference }))!;
}

beforeEach(async () => {
  t = await testDb('delivery_email');
  col = t.db.collection<FeedbackRecord>('feedback');
  repo = new FeedbackRepository(t.db);
  smtp = await startSmtp();
  mail = {
    mailer: createSmtpMailer({ url: smtp.url, from: 'Suara <suara@suara.test>', timeoutMs: 2000 }),
    dashboardUrl: 'https://suara.test',
  };
});

afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  mail.mailer.close();
  await smtp.down();
  await t.close();
});

test("a citizen's complaint routed to an email body reaches its mailbox once: reference, Malay then English, photo link, escaped HTML", async () => {
  const { core } = await createTestBot(t.db);
  const filed = await core.feedback.file({
    type: 'complaint',
    category: 'roads',
    text: 'Lubang besar <script>alert(1)</script> & air bertakung di Jalan Ampang',
    language: 'ms',
    location: { text: 'Jalan Ampang', postcode: '50450' },
    attachments: [{ contentType: 'image/jpeg', url: PHOTO, name: 'lubang.jpg' }],
    channel: { channelId: 'telegram', conversationReference: {} },
    citizenKey: 'k1',
    anonymous: true,
  });
  expect(filed.agencyId).toBe('dbkl');
  col = core.db.collection<FeedbackRecord>('feedback');
  repo = core.feedbackRepo;
  start();
  await waitFor('delivered', async () => (await stateOf(filed.reference)).delivery.state === 'delivered');

  expect(smtp.messages).toHaveLength(1);
  const m = smtp.messages[0]!;
  expect(m.from).toBe('suara@suara.test');
  expect(m.to.sort()).toEqual(['aduan@dbkl.test', 'pegawai@dbkl.test']);
  const parsed = parseMail(m.raw);
  const ref = filed.reference;
  expect(parsed.headers['message-id']).toBe(`<suara.${ref}@suara.test>`);
  expect(parsed.headers['x-suara-reference']).toBe(ref);
  expect(parsed.headers['auto-submitted']).toBe('auto-generated');
  expect(decodeHeader(parsed.headers.subject!)).toBe(
    `[${ref}] Aduan baharu / New complaint: Jalan dan laluan pejalan kaki / Roads and footpaths`,
  );

  const text = parsed.text;
  expect(text).toContain(`Nombor rujukan / Reference: ${ref}`);
  expect(text.indexOf('Aduan baharu melalui Suara')).toBeLessThan(
    text.indexOf('New complaint through Suara'),
  );
  expect(text.indexOf('Cara menghantar status')).toBeLessThan(text.indexOf('How to send a status back'));
  expect(text).toContain('Lokasi / Place: Jalan Ampang, 50450');
  expect(text).toContain(`1. ${PHOTO}`);
  expect(text).toContain(`https://suara.test/dashboard#/feedback/${ref}`);
  expect(text).toContain(`quoting the reference ${ref}`);
  expect(text).toContain('Tanpa nama (tidak bersetuju untuk dihubungi) / Anonymous');
  expect(text).toContain('<script>alert(1)</script> & air bertakung');

  const html = parsed.html;
  expect(html).toContain('<html lang="ms">');
  expect(html).toContain('Lubang besar &lt;script&gt;alert(1)&lt;/script&gt; &amp; air bertakung');
  expect(html).not.toContain('<script>');
  expect(html).toContain(`<a href="${PHOTO.replace(/&/g, '&amp;')}">`);
  expect(html).toContain('New complaint through Suara');

  const after = await stateOf(ref);
  expect(after.delivery).toMatchObject({ state: 'delivered', attempts: 1, via: 'email' });
  expect(after.delivery.remoteId).toBe(`<suara.${ref}@suara.test>`);
  expect(after.delivery.history[0]).toMatchObject({ statusCode: 250 });
  expect(after.status).toBe('sent');
});

test('SMTP 550 → dead letter after one attempt with code SMTP_REJECTED; a re-drive sends the same Message-ID', async () => {
  smtp.respond = (n) => (n === 0 ? { code: 550, message: 'Mailbox unavailable' } : undefined);
  const rec = makeRecord();
  await col.insertOne(rec);
  start();
  await waitFor('dead', async () => (await stateOf(rec._id)).delivery.state === 'dead');
  const dead = await stateOf(rec._id);
  expect(dead.delivery.attempts).toBe(1);
  expect(dead.delivery.lastError).toMatch(/^SMTP_REJECTED: SMTP 550/);
  expect(dead.delivery.history).toEqual([expect.objectContaining({ statusCode: 550 })]);
  expect(dead.status).toBe('received');

  expect(await repo.outbox.redrive(rec._id)).toBe(true);
  await waitFor('delivered', async () => (await stateOf(rec._id)).delivery.state === 'delivered');
  const ids = smtp.messages.map((m) => parseMail(m.raw).headers['message-id']);
  expect(ids).toEqual([`<suara.${rec._id}@suara.test>`, `<suara.${rec._id}@suara.test>`]);
  expect(smtp.accepted).toHaveLength(1);
});

test('SMTP server down then up: retried with backoff (NETWORK) and delivered exactly once', async () => {
  await smtp.down();
  const rec = makeRecord();
  await col.insertOne(rec);
  start();
  await waitFor('two failed attempts', async () => (await stateOf(rec._id)).delivery.attempts >= 2);
  const failing = await stateOf(rec._id);
  expect(failing.delivery.state).not.toBe('dead');
  expect(failing.delivery.history[0]!.error).toMatch(/^NETWORK: SMTP connection failed/);
  await smtp.up();
  await waitFor('delivered', async () => (await stateOf(rec._id)).delivery.state === 'delivered');
  expect(smtp.messages).toHaveLength(1);
  expect(parseMail(smtp.messages[0]!.raw).headers['x-suara-reference']).toBe(rec._id);
});

test('a 451 after the message was transmitted is retried, and the retry carries the same Message-ID', async () => {
  smtp.respond = (n) => (n < 2 ? { code: 451, message: 'Try again later' } : undefined);
  const rec = makeRecord();
  await col.insertOne(rec);
  start();
  await waitFor('delivered', async () => (await stateOf(rec._id)).delivery.state === 'delivered');
  const after = await stateOf(rec._id);
  expect(after.delivery.history.map((h) => h.statusCode)).toEqual([451, 451, 250]);
  expect(after.delivery.history[0]!.error).toMatch(/^SMTP_DEFERRED: SMTP 451/);
  const ids = new Set(smtp.messages.map((m) => parseMail(m.raw).headers['message-id']));
  expect(smtp.messages).toHaveLength(3);
  expect([...ids]).toEqual([`<suara.${rec._id}@suara.test>`]);
  expect(smtp.accepted).toHaveLength(1);
});

test('without SMTP configured, an email body gets the item in its Suara inbox, with a note on the attempt', async () => {
  const rec = makeRecord();
  await col.insertOne(rec);
  start(EMAIL, false);
  await waitFor('delivered', async () => (await stateOf(rec._id)).delivery.state === 'delivered');
  const after = await stateOf(rec._id);
  expect(after.delivery.via).toBe('inbox');
  expect(after.delivery.history[0]!.note).toBe(NO_SMTP_NOTE);
  expect(smtp.messages).toHaveLength(0);
});
