/** `npm start`'s composition root: every surface is mounted on one server and answers. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { testMongoUri } from '../support/mongo';

const ROOT = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

let child: ChildProcess;
let out = '';
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  child = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'index.ts', '--no-chat'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      MONGODB_URI: testMongoUri(),
      MONGODB_DB: `t_app_${Date.now()}`,
      SUARA_DATA_DIR: join('/tmp', `suara-app-test-${port}`),
      OPEN311_POLL_MINUTES: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 90_000;
  while (!out.includes('Suara is running.') || !out.includes('Teams staff app')) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${out}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

afterAll(async () => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
});

test('it prints where everything is', () => {
  for (const what of [
    'Web chat demo',
    'Embed docs',
    'Direct Line 3.0',
    'Staff dashboard',
    'Open311',
    'Telegram:',
    'MongoDB:',
    'Email delivery: off (SMTP_URL unset)',
  ]) {
    expect(out).toContain(what);
  }
});

test.each([
  ['/healthz', 200, /"ok":true/],
  ['/', 200, /widget\.js/],
  ['/embed', 200, /data-site/],
  ['/widget.js', 200, /./],
  ['/dashboard', 200, /<html/i],
  ['/open311/v2/discovery.json', 200, /GeoReport_v2/],
  ['/open311/v2/services.json', 200, /service_code/],
])('GET %s answers %i', async (path, status, body) => {
  const res = await fetch(`${base}${path}`);
  expect(res.status).toBe(status);
  expect(await res.text()).toMatch(body);
});

test('an unsigned agency status update is refused', async () => {
  const res = await fetch(`${base}/api/agencies/dbkl/updates`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ reference: 'SRA-2222-2222', status: 'resolved' }),
  });
  expect(res.status).toBe(401);
});

test('/readyz says ready once MongoDB answers, seed data is there and the worker is leasing', async () => {
  const res = await fetch(`${base}/readyz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toMatchObject({ ok: true, mongodb: true, seed: true, worker: true });
});

test('/metrics speaks Prometheus: turns, deliveries, outbox depth and notification failures', async () => {
  const res = await fetch(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/text\/plain/);
  const text = await res.text();
  for (const name of [
    'suara_turns_total',
    'suara_turn_duration_seconds',
    'suara_deliveries_total',
    'suara_outbox_depth',
    'suara_outbox_oldest_age_seconds',
    'suara_notification_failures_total',
  ]) {
    expect(text).toContain(`# TYPE ${name}`);
  }
});

test('logs are JSON lines', () => {
  const jsonLines = out.split('\n').filter((l) => l.startsWith('{'));
  expect(jsonLines.length).toBeGreaterThan(0);
  for (const l of jsonLines) expect(() => JSON.parse(l)).not.toThrow();
});

// Node runs index.ts itself (`node --import tsx`, as `npm start` does): the tsx CLI as a parent process relays
// signals with a 30 ms handshake: a child too busy to confirm in time is SIGKILLed and the CLI exits 143.
test('SIGTERM shuts down gracefully: not ready at once, turns finished, MongoDB closed, exit code 0', async () => {
  // A turn in flight when the signal arrives still completes and is answered.
  const gen = await fetch(`${base}/v3/directline/tokens/generate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ site: 'demo', locale: 'en-US' }),
  });
  const { token } = (await gen.json()) as { token: string };
  const started = await fetch(`${base}/v3/directline/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, origin: base },
  });
  const conv = (await started.json()) as { conversationId: string; token: string };
  const post = fetch(`${base}/v3/directline/conversations/${conv.conversationId}/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${conv.token}`, origin: base, 'content-type': 'application/json' },
    body: JSON.stringify({ type: 'message', text: 'help' }),
  });
  await new Promise((r) => setTimeout(r, 50));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  child.kill('SIGTERM');
  const answered = await post;
  expect(answered.status).toBe(200);
  expect(await exited).toBe(0);
  expect(out).toContain('"msg":"shutdown.start"');
  expect(out).toContain('"msg":"shutdown.done"');
});
