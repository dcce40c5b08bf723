/** The terminal channel: `npm run chat` with piped input files a complaint and exits at end of input. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { testMongoUri } from '../support/mongo';

const ROOT = join(__dirname, '..', '..');

function chat(
  lines: string[],
  args: string[],
  db: string,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'bin/chat.ts', ...args],
      {
        cwd: ROOT,
        env: { ...process.env, MONGODB_URI: testMongoUri(), MONGODB_DB: db },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

test('a scripted Malay conversation files a complaint, prints every reply and exits at end of input', async () => {
  const { code, out } = await chat(
    [
      'aduan',
      'Longkang tersumbat di Jalan Kuching dekat Kepong, air bertakung',
      '1',
      '52100',
      'Langkau',
      '1',
      '1',
    ],
    ['--lang', 'ms'],
    `t_chat_${Date.now()}`,
  );
  expect(code).toBe(0);
  expect(out).toMatch(/^Suara: Selamat datang ke Suara!/);
  expect(out).toMatch(/\[1\] Aduan \[2\] Cadangan \[3\] Penghargaan \[4\] Pertanyaan \[5\] Semak status/);
  expect(out).toMatch(
    /Terima kasih\. Aduan anda telah diterima\. Nombor rujukan: SRA-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/,
  );
  expect(out).toMatch(/Dewan Bandaraya Kuala Lumpur/);
});

test('typing a choice number or its text both work, and a bad --lang is a clear error', async () => {
  const byNumber = await chat(['5', 'SRA-2222-2223'], ['--lang', 'en'], `t_chat_${Date.now()}`);
  expect(byNumber.out).toMatch(/> 5\nSuara: Please type your reference number/);
  expect(byNumber.out).toMatch(/has a typo/);
  const byText = await chat(['Check status'], ['--lang', 'en'], `t_chat_${Date.now()}`);
  expect(byText.out).toMatch(/> Check status\nSuara: Please type your reference number/);
  const bad = await chat([], ['--lang', 'fr'], `t_chat_${Date.now()}`);
  expect(bad.code).toBe(2);
  expect(bad.err).toMatch(/--lang must be "ms"/);
});
