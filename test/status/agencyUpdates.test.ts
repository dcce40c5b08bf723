/**
 * Signed status updates from agencies over real HTTP (restify on 127.0.0.1), applied to real records, and the
 * citizen told in their language through a recording ProactiveChannel (a real implementation of the interface).
 */
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import type { Collection } from 'mongodb';
import { mountAgencyUpdates } from '../../bots/http/agencyUpdates/route';
import { sign } from '../../services/delivery/signature';
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { createLocalizer } from '../../services/i18n';
import { Notifier, type NotifiableRecord } from '../../services/notifications/notifier';
import {
  RecipientUnreachableError,
  type OutboundMessage,
  type ProactiveChannel,
} from '../../services/notifications/types';
import { createStaffActionService } from '../../services/staff';
import { ReplayGuard } from '../../services/status/replayGuard';
import { StatusService } from '../../services/status/statusService';
import { makeRecord } from '../delivery/helpers';
import { testDb, type TestDb } from '../support/mongo';

/** A channel that keeps what it was asked to send; `unreachable` makes it behave like a blocked Telegram bot. */
class RecordingChannel implements ProactiveChannel {
  readonly sent: { ref: Record<string, unknown>; message: OutboundMessage }[] = [];
  unreachable = false;
  constructor(readonly channelId: string) {}
  async send(ref: Record<string, unknown>, message: OutboundMessage): Promise<void> {
    if (this.unreachable) throw new RecipientUnreachableError('blocked by user');
    this.sent.push({ ref, message });
  }
}

const SECRETS: Record<string, string> = { dbkl: 'dbkl-update-secret', mbpj: 'mbpj-update-secret' };
let t: TestDb;
let col: Collection<FeedbackRecord>;
let repo: FeedbackRepository;
let server: restify.Server;
let base: string;
let channel: RecordingChannel;

beforeEach(async () => {
  t = await testDb('status_updates');
  col = t.db.collection<FeedbackRecord>('feedback');
  repo = new FeedbackRepository(t.db);
  const { t: translate } = createLocalizer();
  const notifier = new Notifier({
    feedback: repo,
    t: translate,
    agencyName: async (id, lng) =>
      id === 'dbkl' ? (lng === 'ms' ? 'Dewan Bandaraya Kuala Lumpur' : 'Kuala Lumpur City Hall') : undefined,
  });
  channel = new RecordingChannel('telegram');
  notifier.register(channel);
  const guard = new ReplayGuard(t.db);
  await guard.ensureIndexes();
  server = restify.createServer();
  mountAgencyUpdates(server, {
    secretFor: async (id) => SECRETS[id],
    guard,
    actions: createStaffActionService(t.db, new StatusService(repo, notifier)),
    t: translate,
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await t.close();
});

async function post(
  agencyId: string,
  body: unknown,
  opts: { secret?: string; ts?: number; raw?: string; headers?: Record<string, string> } = {},
) {
  const raw = opts.raw ?? JSON.stringify(body);
  const ts = String(opts.ts ?? Math.floor(Date.now() / 1000));
  const headers = {
    'Content-Type': 'application/json',
    'X-Suara-Timestamp': ts,
    'X-Suara-Signature': sign(opts.secret ?? SECRETS[agencyId] ?? 'x', ts, raw),
    ...opts.headers,
  };
  const res = await fetch(`${base}/api/agencies/${agencyId}/updates`, { method: 'POST', headers, body: raw });
  return { status: res.status, json: (await res.json()) as Record<string, any> };
}

async function seed(over: Partial<FeedbackRecord> = {}): Promise<FeedbackRecord> {
  const rec = makeRecord({
    status: 'sent',
    channel: { channelId: 'telegram', conversationReference: { conversation: { id: 'tg-42' } } },
    ...over,
  });
  rec.delivery = { ...rec.delivery, state: 'delivered' };
  await col.insertOne(rec);
  return rec;
}

test('an update is applied with history, and the citizen is told in Malay', async () => {
  const rec = await seed();
  const r = await post('dbkl', {
    reference: rec._id,
    status: 'in_progress',
    note: 'Crew dispatched',
    language: 'en',
  });
  expect(r.status).toBe(200);
  expect(r.json).toMatchObject({
    reference: rec._id,
    status: 'in_progress',
    changed: true,
    notified: 'sent',
  });
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.status).toBe('in_progress');
  expect(after.statusHistory.at(-1)).toMatchObject({
    status: 'in_progress',
    note: 'Crew dispatched',
    by: 'agency:dbkl',
  });
  expect(channel.sent).toHaveLength(1);
  expect(channel.sent[0]!.ref).toEqual({ conversation: { id: 'tg-42' } });
  const text = channel.sent[0]!.message.text;
  expect(text).toContain(
    `Dewan Bandaraya Kuala Lumpur sedang mengambil tindakan terhadap maklum balas anda ${rec._id}.`,
  );
  expect(text).toContain('Catatan daripada agensi: Crew dispatched');
  expect(text).toContain('(Agensi menulis catatan ini dalam bahasa Inggeris.)');
  expect(channel.sent[0]!.message.suggestedActions).toBeUndefined();
});

test('resolved asks for a 1–5 rating with rate:<REFERENCE>:<n> actions, in English for an English citizen', async () => {
  const rec = await seed({ language: 'en' });
  const r = await post('dbkl', { reference: rec._id.toLowerCase().replace(/-/g, ' '), status: 'resolved' });
  expect(r.status).toBe(200);
  const msg = channel.sent[0]!.message;
  expect(msg.text).toContain(`Kuala Lumpur City Hall has marked your feedback ${rec._id} as resolved.`);
  expect(msg.text).toContain('How satisfied are you');
  expect(msg.suggestedActions?.map((a) => a.value)).toEqual(
    [1, 2, 3, 4, 5].map((n) => `rate:${rec._id}:${n}`),
  );
  expect(msg.suggestedActions?.[4]!.title).toBe('5 ★');
});

test('repeating the same status with no new note changes nothing and sends nothing', async () => {
  const rec = await seed();
  // Two distinct signatures (different timestamps), so the second is a repeat, not a replay.
  const ts = Math.floor(Date.now() / 1000);
  expect((await post('dbkl', { reference: rec._id, status: 'acknowledged' }, { ts })).json.changed).toBe(
    true,
  );
  const again = await post('dbkl', { reference: rec._id, status: 'acknowledged' }, { ts: ts - 1 });
  expect(again.status).toBe(200);
  expect(again.json).toMatchObject({ changed: false, notified: 'unchanged' });
  expect(channel.sent).toHaveLength(1);
  expect((await col.findOne({ _id: rec._id }))!.statusHistory.map((h) => h.status)).toEqual([
    'received',
    'acknowledged',
  ]);
});

test('forged, expired and replayed updates get 401 and change nothing', async () => {
  const rec = await seed();
  const body = { reference: rec._id, status: 'resolved' };
  const forged = await post('dbkl', body, { secret: 'guessed' });
  expect(forged.status).toBe(401);
  expect(forged.json.error.code).toBe('SIGNATURE_INVALID');
  const expired = await post('dbkl', body, { ts: Math.floor(Date.now() / 1000) - 301 });
  expect(expired.status).toBe(401);
  expect(expired.json.error.code).toBe('TIMESTAMP_EXPIRED');
  const missing = await fetch(`${base}/api/agencies/dbkl/updates`, {
    method: 'POST',
    body: JSON.stringify(body),
  });
  expect(missing.status).toBe(401);
  // Signed with the other agency's secret: still a forgery for this agency.
  expect((await post('dbkl', body, { secret: SECRETS.mbpj })).status).toBe(401);
  expect((await col.findOne({ _id: rec._id }))!.status).toBe('sent');
  // A captured valid request sent again within the window.
  const raw = JSON.stringify({ reference: rec._id, status: 'acknowledged' });
  const ts = Math.floor(Date.now() / 1000);
  expect((await post('dbkl', null, { raw, ts })).status).toBe(200);
  const replay = await post('dbkl', null, { raw, ts });
  expect(replay.status).toBe(401);
  expect(replay.json.error.code).toBe('SIGNATURE_REPLAYED');
  expect(channel.sent).toHaveLength(1);
});

test('a replayed update with the same signature plus a trailing U+00A0, spaces, tabs or upper-case hex is refused and the citizen is not told again', async () => {
  const rec = await seed();
  const ts = Math.floor(Date.now() / 1000);
  const resolved = JSON.stringify({ reference: rec._id, status: 'resolved' });
  const sig = sign(SECRETS.dbkl!, String(ts), resolved);
  expect((await post('dbkl', null, { raw: resolved, ts })).status).toBe(200);
  // A newer "in progress" from the agency.
  expect((await post('dbkl', { reference: rec._id, status: 'in_progress' }, { ts: ts + 1 })).status).toBe(
    200,
  );
  const hex = sig.slice('sha256='.length);
  const variants: [string, string][] = [
    [`${sig}\u00a0`, 'SIGNATURE_INVALID'],
    [`\u00a0${sig}`, 'SIGNATURE_INVALID'],
    [`${sig}\u00a0\u00a0`, 'SIGNATURE_INVALID'],
    // HTTP strips spaces and tabs around a header value, so these arrive as the captured signature: a replay.
    [`${sig}   `, 'SIGNATURE_REPLAYED'],
    [`\t${sig}\t`, 'SIGNATURE_REPLAYED'],
    [`sha256=${hex.toUpperCase()}`, 'SIGNATURE_REPLAYED'],
    [`sha256=${hex.slice(0, 32).toUpperCase()}${hex.slice(32)}`, 'SIGNATURE_REPLAYED'],
    [`sha256= ${hex}`, 'SIGNATURE_INVALID'],
  ];
  for (const [signature, code] of variants) {
    const r = await post('dbkl', null, { raw: resolved, ts, headers: { 'X-Suara-Signature': signature } });
    expect([r.status, r.json.error?.code]).toEqual([401, code]);
  }
  const after = (await col.findOne({ _id: rec._id }))!;
  expect(after.status).toBe('in_progress');
  expect(after.statusHistory.map((h) => h.status)).toEqual(['received', 'resolved', 'in_progress']);
  expect(channel.sent).toHaveLength(2);
});

test("an agency cannot update another agency's record (404), nor an unknown reference; errors are localized", async () => {
  const theirs = await seed({ agencyId: 'mbpj' });
  const r = await post('dbkl', { reference: theirs._id, status: 'resolved' });
  expect(r.status).toBe(404);
  expect(r.json.error.code).toBe('FEEDBACK_NOT_FOUND');
  expect((await col.findOne({ _id: theirs._id }))!.status).toBe('sent');
  const ms = await post(
    'dbkl',
    { reference: theirs._id, status: 'resolved', updateId: 'u-2' },
    { headers: { 'Accept-Language': 'ms-MY' } },
  );
  expect(ms.json.error.message).toBe('Tiada maklum balas dengan rujukan itu bagi agensi ini.');
  expect((await post('nosuch', { reference: theirs._id, status: 'resolved' })).status).toBe(404);
  expect((await post('dbkl', { reference: 'SRA-2222-2223', status: 'resolved' })).json.error.code).toBe(
    'REFERENCE_INVALID',
  );
  expect((await post('dbkl', { reference: 'SRA-2222-2222', status: 'resolved' })).json.error.code).toBe(
    'FEEDBACK_NOT_FOUND',
  );
});

test('bad bodies get 400 with a stable code: unknown status, our own statuses, not JSON, extra fields', async () => {
  const rec = await seed();
  expect((await post('dbkl', { reference: rec._id, status: 'fixed' })).json.error.code).toBe(
    'STATUS_INVALID',
  );
  expect((await post('dbkl', { reference: rec._id, status: 'sent' })).json.error.code).toBe('STATUS_INVALID');
  const notJson = await post('dbkl', null, { raw: '{oops' });
  expect(notJson.status).toBe(400);
  expect(notJson.json.error.code).toBe('BODY_INVALID');
  expect((await post('dbkl', { reference: rec._id, status: 'resolved', owner: 'x' })).status).toBe(400);
});

test('an unreachable citizen is recorded on the record and not tried again', async () => {
  const rec = await seed();
  channel.unreachable = true;
  const r = await post('dbkl', { reference: rec._id, status: 'acknowledged' });
  expect(r.json.notified).toBe('unreachable');
  const after = (await col.findOne({ _id: rec._id })) as NotifiableRecord;
  expect(after.notifications?.unreachable).toMatchObject({
    channelId: 'telegram',
    code: 'RECIPIENT_UNREACHABLE',
  });
  channel.unreachable = false;
  const next = await post('dbkl', { reference: rec._id, status: 'resolved' });
  expect(next.json).toMatchObject({ changed: true, notified: 'already_unreachable' });
  expect(channel.sent).toHaveLength(0);
});
