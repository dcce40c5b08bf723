/**
 * Our Open311 GeoReport v2 server over real HTTP, driven by a spec-following client (form-urlencoded POST, JSON and
 * XML parsed as the spec describes). Requests are filed through the lead's real FeedbackService, then delivered.
 */
import { CATEGORY_IDS } from '../../services/agencies/types';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { XMLParser } from 'fast-xml-parser';
import type { Collection } from 'mongodb';
import { mountOpen311 } from '../../bots/http/open311/routes';
import { FeedbackRepository } from '../../services/feedback/repository';
import { FeedbackService } from '../../services/feedback/service';
import type { FeedbackRecord } from '../../services/feedback/types';
import { createLocalizer } from '../../services/i18n';
import { IntegratorKeys, loadIntegrators } from '../../services/open311/integrators';
import { StatusService } from '../../services/status/statusService';
import { startWorker } from '../../services/delivery/worker';
import { startWebhookAgency } from '../support/fakeAgency';
import { testDb, type TestDb } from '../support/mongo';
import { makeRecord, waitFor } from '../delivery/helpers';

let t: TestDb;
let col: Collection<FeedbackRecord>;
let repo: FeedbackRepository;
let server: restify.Server;
let base: string;
const env = { OPEN311_KEY_DEMO: 'demo-key', OPEN311_KEY_OTHER: 'other-key' };
const xml = new XMLParser({ parseTagValue: false });

beforeEach(async () => {
  t = await testDb('open311_server');
  repo = new FeedbackRepository(t.db);
  col = t.db.collection<FeedbackRecord>('feedback');
  const feedbackService = new FeedbackService(
    repo,
    () => ({ agencyId: 'mbpj', reason: 'test routing' }),
    'salt',
  );
  const integrators = [
    ...loadIntegrators(),
    { id: 'other', name: 'Other', apiKeyEnv: 'OPEN311_KEY_OTHER', agencies: ['dbkl'] },
  ];
  server = restify.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/open311/v2`;
  mountOpen311(server, {
    feedback: repo,
    fileFeedback: (input) => feedbackService.file(input),
    keys: new IntegratorKeys(integrators, env),
    t: createLocalizer().t,
    baseUrl: base,
    jurisdictionId: 'suara.my',
    agencyName: async (id) => (id === 'mbpj' ? 'Majlis Bandaraya Petaling Jaya' : undefined),
  });
});

afterEach(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await t.close();
});

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${base}/${path}`, { headers });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};
const post = async (path: string, fields: Record<string, string>) => {
  const res = await fetch(`${base}/${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
};
const report = {
  api_key: 'demo-key',
  jurisdiction_id: 'suara.my',
  service_code: 'streetlights',
  lat: '3.1073',
  long: '101.6067',
  address_string: 'Jalan 14/1, Petaling Jaya',
  description: 'Three street lights out in front of the school.',
  media_url: 'https://img.example.test/lamp.jpg',
  email: 'reporter@example.test',
  first_name: 'Raj',
  'attribute[language]': 'en',
};

test('discovery and services, in JSON and XML', async () => {
  const d = await get('discovery.json');
  expect(d.status).toBe(200);
  const disc = JSON.parse(d.text);
  expect(disc.endpoints[0]).toMatchObject({
    specification: 'http://wiki.open311.org/GeoReport_v2',
    url: base,
    type: 'production',
  });
  expect(disc.endpoints[0].formats).toEqual(['application/json', 'text/xml']);
  const dx = await get('discovery.xml');
  expect(dx.type).toMatch(/^text\/xml/);
  expect(xml.parse(dx.text).discovery.endpoints.url).toBe(base);

  const s = JSON.parse((await get('services.json')).text);
  expect(s).toHaveLength(CATEGORY_IDS.length); // one service per category (26 since nationwide routing)
  expect(s[0]).toMatchObject({
    service_code: 'roads',
    service_name: 'Roads and footpaths',
    metadata: true,
    type: 'realtime',
  });
  const sms = JSON.parse((await get('services.json?locale=ms')).text);
  expect(sms[0].service_name).toBe('Jalan dan laluan pejalan kaki');
  const sx = xml.parse((await get('services.xml')).text);
  expect(sx.services.service).toHaveLength(CATEGORY_IDS.length);
  expect(sx.services.service[3]).toMatchObject({ service_code: 'streetlights', metadata: 'true' });

  const def = JSON.parse((await get('services/roads.json')).text);
  expect(def.service_code).toBe('roads');
  expect(def.attributes.map((a: { code: string }) => a.code)).toEqual(['feedback_type', 'language']);
  const missing = await get('services/nope.json');
  expect(missing.status).toBe(404);
  expect(JSON.parse(missing.text)).toEqual([
    { code: 404, description: 'There is no service with that service_code.' },
  ]);
  const mx = await get('services/nope.xml');
  expect(xml.parse(mx.text).errors.error).toMatchObject({ code: '404' });
});

test('POST requests files a record like any other; GET reads it back; status changes show as open/closed', async () => {
  const noKey = await post('requests.json', { ...report, api_key: '' });
  expect(noKey.status).toBe(403);
  expect(JSON.parse(noKey.text)[0]).toEqual({
    code: 403,
    description: 'The api_key is missing or not valid.',
  });
  expect(await col.countDocuments({})).toBe(0);

  const created = await post('requests.json', { ...report, account_id: 'acct-9' });
  expect(created.status).toBe(200);
  const [row] = JSON.parse(created.text);
  expect(row.service_request_id).toMatch(/^SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  expect(row.account_id).toBe('acct-9');
  const rec = (await col.findOne({ _id: row.service_request_id }))!;
  expect(rec).toMatchObject({
    category: 'streetlights',
    type: 'complaint',
    language: 'en',
    agencyId: 'mbpj',
    anonymous: false,
    contact: { name: 'Raj', email: 'reporter@example.test' },
    channel: { channelId: 'open311', conversationReference: { integratorId: 'demo', accountId: 'acct-9' } },
    delivery: { state: 'pending', attempts: 0 },
  });
  expect(rec.location?.point?.coordinates).toEqual([101.6067, 3.1073]);

  // The filer sees its description; anyone else sees the public fields only.
  const mine = JSON.parse((await get(`requests/${row.service_request_id}.json?api_key=demo-key`)).text);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({
    service_request_id: row.service_request_id,
    status: 'open',
    service_code: 'streetlights',
    service_name: 'Street lights',
    description: report.description,
    agency_responsible: 'Majlis Bandaraya Petaling Jaya',
    address: 'Jalan 14/1, Petaling Jaya',
    lat: 3.1073,
    long: 101.6067,
    media_url: report.media_url,
  });
  expect(mine[0].requested_datetime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  const theirs = JSON.parse((await get(`requests/${row.service_request_id}.json?api_key=other-key`)).text);
  expect(theirs[0].description).toBeNull();
  expect(theirs[0].media_url).toBeNull();
  expect(JSON.stringify(theirs)).not.toContain('reporter@example.test');

  await new StatusService(repo).apply({
    reference: row.service_request_id,
    status: 'resolved',
    note: 'Lamps replaced',
    by: 'test',
  });
  const list = JSON.parse(
    (await get(`requests.json?service_request_id=${row.service_request_id},SRA-2222-2222`)).text,
  );
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ status: 'closed', status_notes: null });
  const filers = JSON.parse(
    (await get(`requests.json?service_request_id=${row.service_request_id}&api_key=demo-key`)).text,
  );
  expect(filers[0]).toMatchObject({ status: 'closed', status_notes: 'Lamps replaced' });
  const rx = xml.parse((await get(`requests/${row.service_request_id}.xml`)).text);
  expect(rx.service_requests.request).toMatchObject({
    service_request_id: row.service_request_id,
    status: 'closed',
  });
  expect((await get('requests/SRA-2222-2223.json')).status).toBe(404);
});

test('the public requests.json shows no typed address, exact coordinates, text or staff notes; an api key shows more only for its own jurisdiction', async () => {
  const at = new Date(Date.now() - 60_000);
  const dbkl = makeRecord(
    {
      agencyId: 'dbkl',
      text: 'Lubang besar depan rumah no. 12, hubungi 012-3456789',
      statusHistory: [
        { status: 'received', at },
        { status: 'in_progress', at, note: 'Kontraktor En. Ali akan datang', by: 'staff:1' },
      ],
    },
    at,
  );
  const mbpj = makeRecord({ agencyId: 'mbpj', text: 'Lampu jalan rosak di rumah saya' }, at);
  await col.insertMany([dbkl, mbpj]);
  const ids = `${dbkl._id},${mbpj._id}`;
  const personal = [
    'Jalan Ampang',
    'Lubang',
    '012-3456789',
    'En. Ali',
    '101.7123',
    '3.1598',
    'Lampu jalan',
    '1.jpg',
  ];
  for (const query of [`service_request_id=${ids}`, '', 'api_key=not-a-key']) {
    const pub = JSON.parse((await get(`requests.json?${query}`)).text) as Record<string, unknown>[];
    expect(pub.map((r) => r.service_request_id).sort()).toEqual([dbkl._id, mbpj._id].sort());
    for (const r of pub) {
      expect(r).toMatchObject({
        service_code: 'roads',
        status: 'open',
        address: null,
        description: null,
        status_notes: null,
        media_url: null,
        zipcode: '50450',
        lat: 3.16,
        long: 101.712,
      });
    }
    const text = JSON.stringify(pub);
    for (const p of personal) expect(text).not.toContain(p);
    const xmlText = (await get(`requests.xml?${query}`)).text;
    for (const p of personal) expect(xmlText).not.toContain(p);
  }
  // "other" serves DBKL's jurisdiction: DBKL's request in full, MBPJ's as the public sees it.
  const other = JSON.parse((await get(`requests.json?service_request_id=${ids}&api_key=other-key`)).text);
  const byId = new Map(other.map((r: { service_request_id: string }) => [r.service_request_id, r]));
  expect(byId.get(dbkl._id)).toMatchObject({
    address: 'Jalan Ampang',
    description: dbkl.text,
    status_notes: 'Kontraktor En. Ali akan datang',
    lat: 3.1598,
    long: 101.7123,
  });
  expect(byId.get(mbpj._id)).toMatchObject({ address: null, description: null, lat: 3.16, long: 101.712 });
  // The demo integrator has no jurisdiction and filed neither: public fields only.
  const demo = JSON.parse((await get(`requests.json?service_request_id=${ids}&api_key=demo-key`)).text);
  for (const p of personal) expect(JSON.stringify(demo)).not.toContain(p);
});

test('GET requests filters: service_code, status, date window (90 days max), defaults', async () => {
  const a = JSON.parse((await post('requests.json', report)).text)[0].service_request_id;
  const b = JSON.parse((await post('requests.json', { ...report, service_code: 'roads' })).text)[0]
    .service_request_id;
  await new StatusService(repo).apply({ reference: b, status: 'closed', by: 'test' });
  const ids = (path: string) =>
    get(path).then((r) =>
      JSON.parse(r.text).map((x: { service_request_id: string }) => x.service_request_id),
    );
  expect((await ids('requests.json')).sort()).toEqual([a, b].sort());
  expect(await ids('requests.json?service_code=roads')).toEqual([b]);
  expect(await ids('requests.json?status=open')).toEqual([a]);
  expect(await ids('requests.json?status=closed')).toEqual([b]);
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();
  expect(
    await ids(`requests.json?start_date=${iso(Date.now() - 10 * day)}&end_date=${iso(Date.now() - 5 * day)}`),
  ).toEqual([]);
  const tooWide = await get(
    `requests.json?start_date=${iso(Date.now() - 100 * day)}&end_date=${iso(Date.now())}`,
  );
  expect(tooWide.status).toBe(400);
  expect(JSON.parse(tooWide.text)[0].description).toContain('90 days');
  expect((await get('requests.json?start_date=yesterday')).status).toBe(400);
  expect((await get('requests.json?jurisdiction_id=elsewhere')).status).toBe(404);
});

test('bad POSTs get spec error bodies (JSON and XML), localized on request', async () => {
  const noPlace = await post('requests.json', { ...report, lat: '', long: '', address_string: '' });
  expect(noPlace.status).toBe(400);
  expect(JSON.parse(noPlace.text)[0].description).toMatch(/location is required/);
  const badCode = await post('requests.xml', { ...report, service_code: 'potholes' });
  expect(badCode.status).toBe(400);
  expect(xml.parse(badCode.text).errors.error.description).toBe(
    'There is no service with that service_code.',
  );
  const res = await fetch(`${base}/requests.json`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'ms' },
    body: new URLSearchParams({ ...report, api_key: 'wrong' }).toString(),
  });
  expect(res.status).toBe(403);
  expect((await res.json())[0].description).toBe('api_key tiada atau tidak sah.');
  expect((await post('requests.json', { ...report, 'attribute[feedback_type]': 'rant' })).status).toBe(400);
  expect((await get('nothing.json')).status).toBe(404);
  expect(await col.countDocuments({})).toBe(0);
});

test('a request filed through Open311 is delivered to the agency like any other', async () => {
  const agency = await startWebhookAgency('mbpj-secret');
  const worker = startWorker(
    {
      feedback: repo,
      endpointFor: async () => ({ kind: 'webhook', url: `${agency.url}/in`, secretEnv: 'S' }),
      env: { S: 'mbpj-secret' },
    },
    { pollIntervalMs: 20 },
  );
  try {
    const ref = JSON.parse((await post('requests.json', report)).text)[0].service_request_id;
    await waitFor('delivered', async () => (await col.findOne({ _id: ref }))?.delivery.state === 'delivered');
    expect(agency.inbox[0]!.payload).toMatchObject({
      reference: ref,
      category: 'streetlights',
      text: report.description,
    });
  } finally {
    await worker.stop();
    await agency.close();
  }
});
