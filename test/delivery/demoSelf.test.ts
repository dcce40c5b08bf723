import type { FeedbackRecord } from '../../services/feedback/types';
/**
 * The demo agency inbox as `npm start` wires it (bots/compose/deliveryWiring on a real restify server and database):
 * `{{self}}` endpoints deliver to this instance whatever port it listens on; the inbox keeps and shows no personal
 * data; and with NODE_ENV=production it is not there at all.
 */
import restify from 'restify';
import { buildCore, type Core } from '../../bots/compose/core';
import { wireDelivery, type DeliveryWiring } from '../../bots/compose/deliveryWiring';
import { listen } from '../../bots/http/server';
import { loadAgencies } from '../../services/agencies/directory';
import {
  endpointUrlSchema,
  isSelfUrl,
  resolveSelfUrl,
  SelfUrlUnknownError,
  selfUrlOf,
} from '../../services/delivery/selfUrl';
import { silentLogger } from '../../services/log';
import { testDb, type TestDb } from '../support/mongo';
import { makeRecord, waitFor } from './helpers';

let t: TestDb;
let core: Core;
let server: restify.Server;
let wiring: DeliveryWiring | undefined;
let base = '';

async function start(env: NodeJS.ProcessEnv): Promise<void> {
  t = await testDb('demo_self');
  core = await buildCore(t.db, { log: silentLogger });
  server = restify.createServer({ handleUncaughtExceptions: false });
  const port = await listen(server, 0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
  wiring = await wireDelivery(server, core, {
    baseUrl: base,
    runWorker: true,
    open311PollMinutes: 0,
    channels: [],
    log: silentLogger,
    env,
  });
}

afterEach(async () => {
  await wiring?.stop();
  wiring = undefined;
  if (server) await new Promise<void>((r) => server.close(() => r()));
  await t?.close();
});

test('the seeded demo agencies point at {{self}}, not at a fixed host and port', () => {
  const urls = loadAgencies().flatMap((a) => (a.endpoint.kind === 'webhook' ? [a.endpoint.url] : []));
  expect(urls.length).toBeGreaterThan(0);
  for (const url of urls.filter((u) => u.includes('/demo-agency/'))) expect(isSelfUrl(url)).toBe(true);
  expect(urls.join(' ')).not.toContain('127.0.0.1:3978');
});

test('an instance on a port other than 3978 delivers demo feedback to its own inbox, which shows no text, place or phone', async () => {
  await start({});
  expect(base).not.toContain(':3978');
  const rec = makeRecord({
    agencyId: 'dbkl',
    anonymous: false,
    consent: { contact: true, at: new Date() },
    contact: { name: 'Siti Aminah', phone: '+60123456789' },
    text: 'Lubang besar di depan rumah saya, telefon 012-3456789',
  } as never);
  await core.db.collection<FeedbackRecord>('feedback').insertOne(rec);
  await waitFor('delivered to self', async () => {
    const r = await core.db.collection<FeedbackRecord>('feedback').findOne({ _id: rec._id });
    return r?.delivery.state === 'delivered';
  });
  const res = await fetch(`${base}/demo-agency/dbkl`);
  expect(res.status).toBe(200);
  const list = (await res.json()) as { count: number; items: { summary: Record<string, unknown> }[] };
  expect(list.count).toBe(1);
  expect(list.items[0]!.summary).toMatchObject({ reference: rec._id, category: 'roads', anonymous: false });
  const shown = JSON.stringify(list);
  for (const personal of [
    'Lubang',
    '012-3456789',
    '+60123456789',
    'Siti',
    'Jalan Ampang',
    '101.7123',
    '50450',
  ])
    expect(shown).not.toContain(personal);
  // Nor is it kept in the demo inbox collection.
  const stored = JSON.stringify(await t.db.collection('demoInbox').find({}).toArray());
  expect(stored).not.toContain('+60123456789');
  expect(stored).not.toContain('Lubang');
});

test('with NODE_ENV=production the demo agency inbox is not mounted: GET and POST answer 404', async () => {
  await start({ NODE_ENV: 'production' });
  expect((await fetch(`${base}/demo-agency/dbkl`)).status).toBe(404);
  expect((await fetch(`${base}/demo-agency/dbkl/feedback`, { method: 'POST', body: '{}' })).status).toBe(404);
});

test('{{self}} URLs: only {{self}}/<path> is accepted, and it resolves against the listening address', () => {
  expect(endpointUrlSchema.safeParse('{{self}}/demo-agency/dbkl/feedback').success).toBe(true);
  expect(endpointUrlSchema.safeParse('https://agency.example.my/hook').success).toBe(true);
  for (const bad of [
    '{{self}}@evil.example/x',
    '{{self}}evil.example/x',
    '{{self}}/a?b',
    'ftp://x/y',
    '/relative',
  ])
    expect(endpointUrlSchema.safeParse(bad).success).toBe(false);
  expect(resolveSelfUrl('{{self}}/demo-agency/x/feedback', 'http://127.0.0.1:4100/')).toBe(
    'http://127.0.0.1:4100/demo-agency/x/feedback',
  );
  expect(resolveSelfUrl('https://agency.example.my/hook', undefined)).toBe('https://agency.example.my/hook');
  expect(() => resolveSelfUrl('{{self}}/x', undefined)).toThrow(SelfUrlUnknownError);
  expect(selfUrlOf({ address: '0.0.0.0', port: 4100 })).toBe('http://127.0.0.1:4100');
  expect(selfUrlOf({ address: '::', port: 4100 })).toBe('http://127.0.0.1:4100');
  expect(selfUrlOf({ address: '::1', port: 4100 })).toBe('http://[::1]:4100');
  expect(selfUrlOf(null)).toBeUndefined();
});
