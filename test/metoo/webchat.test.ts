/**
 * "Me too" in the web chat (real bot and dialogs over the real Direct Line HTTP API on 127.0.0.1, test MongoDB): a
 * pin 100 m from an open pothole complaint offers the buttons; the supporter is told in the web chat, in English,
 * when the original is resolved.
 */
import { createNotifier } from '../../bots/compose/deliveryWiring';
import { buildCore, type Core } from '../../bots/compose/core';
import { silentLogger } from '../../services/log';
import { StatusService } from '../../services/status/statusService';
import { testDb, type TestDb } from '../support/mongo';
import { call, startHarness, type Harness } from '../webchat/harness';
import { north, pinAttachment, PIN, seedComplaint } from './support';

interface Activity {
  type: string;
  text?: string;
  locale?: string;
  from?: { role?: string };
  suggestedActions?: { actions: { title: string; value: unknown }[] };
}

let tdb: TestDb;
let core: Core;
let h: Harness;

beforeAll(async () => {
  tdb = await testDb('metoowc');
  core = await buildCore(tdb.db, { log: silentLogger });
  h = await startHarness({ bot: core.bot, pipeline: core.pipeline, tdb });
});
beforeEach(async () => {
  await tdb.db.collection('feedback').deleteMany({});
});
afterAll(async () => {
  await h.close();
  await tdb.close();
});

/** A web chat citizen over Direct Line: every call returns the bot messages that arrived since the last one. */
async function webCitizen(locale: string) {
  const gen = await call(`${h.base}/v3/directline/tokens/generate`, {
    body: { site: 'demo', locale },
    origin: h.base,
  });
  const conv = await call(`${h.base}/v3/directline/conversations`, {
    method: 'POST',
    token: gen.body.token,
    origin: h.base,
  });
  const id = String(conv.body.conversationId);
  const token = String(conv.body.token);
  let watermark = '';
  let n = 0;
  const read = async (): Promise<Activity[]> => {
    const page = await call(`${h.base}/v3/directline/conversations/${id}/activities?watermark=${watermark}`, {
      token,
    });
    watermark = String(page.body.watermark);
    return (page.body.activities as Activity[]).filter(
      (a) => a.type === 'message' && a.from?.role !== 'user',
    );
  };
  await read();
  const say = async (input: string | Record<string, unknown>) => {
    const body = typeof input === 'string' ? { text: input } : input;
    const r = await call(`${h.base}/v3/directline/conversations/${id}/activities`, {
      token,
      origin: h.base,
      body: { type: 'message', locale, ...body, channelData: { clientActivityID: `c-${++n}` } },
    });
    expect(r.status).toBe(200);
    return read();
  };
  return { say, read, id };
}

const text = (as: Activity[]) => as.map((a) => a.text ?? '').join('\n');
const buttons = (as: Activity[]) => as.flatMap((a) => a.suggestedActions?.actions.map((x) => x.title) ?? []);

test('a citizen with a pin 100 m from an open pothole report is offered to add their voice (web chat)', async () => {
  const ref = await seedComplaint(core, { text: 'Lubang besar di jalan', at: PIN });
  const c = await webCitizen('en-US');
  await c.say('Complaint');
  await c.say('There is a deep pothole in the road, motorcycles keep swerving around it');
  expect(text(await c.say("Yes, that's right"))).toMatch(/Where is it/);
  const offer = await c.say(pinAttachment(north(100)));
  expect(text(offer)).toMatch(/Someone has already reported the same thing nearby/);
  expect(buttons(offer)).toEqual(['Add my voice', 'File mine anyway']);
  const added = await c.say('Add my voice');
  expect(text(added)).toContain(ref);
  expect(added.every((a) => !a.locale || a.locale.startsWith('en'))).toBe(true);
});

test('a supporter is told when the original is resolved, in their language, on their channel', async () => {
  const ref = await seedComplaint(core, { text: 'Lubang besar di jalan', at: PIN });
  const c = await webCitizen('en-US');
  await c.say('Complaint');
  await c.say('There is a deep pothole in the road, motorcycles keep swerving around it');
  await c.say("Yes, that's right");
  await c.say(pinAttachment(north(80)));
  expect(text(await c.say('Add my voice'))).toContain(ref);
  // The filer is on another channel (Malay): the supporter's message is theirs, in English, in their web chat.
  const status = new StatusService(core.feedbackRepo, createNotifier(core, [h.mount.proactive]));
  await status.apply({ reference: ref, status: 'resolved', by: 'officer@dbkl' });
  const told = await c.read();
  expect(told).toHaveLength(1);
  expect(told[0]?.text).toMatch(
    new RegExp(`has marked complaint ${ref}, which you added your voice to, as resolved`),
  );
  expect(told[0]?.locale ?? 'en').toMatch(/^en/);
  expect(told[0]?.suggestedActions?.actions ?? []).toEqual([]);
});
