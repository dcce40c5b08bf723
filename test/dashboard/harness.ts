/** A real restify server on 127.0.0.1 with the dashboard mounted on a test database, and a cookie-keeping client. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import restify from 'restify';
import type { Db } from 'mongodb';
import { mountDashboard, type MountedDashboard } from '../../bots/http/dashboard';
import { listen } from '../../bots/http/server';
import { loadAgencies } from '../../services/agencies/directory';
import type { FeedbackRecord } from '../../services/feedback/types';
import { silentLogger } from '../../services/log';
import { testDb, type TestDb } from '../support/mongo';
import { staffActions } from '../support/staffActions';
import type { StaffActionService } from '../../services/staff/actionService';

/** Demo accounts the tests log in with. */
export const ACCOUNTS = {
  dbkl: { email: 'dbkl@staff.suara.test', password: 'test-dbkl-password', agencyId: 'dbkl', role: 'staff' },
  mbpj: { email: 'mbpj@staff.suara.test', password: 'test-mbpj-password', agencyId: 'mbpj', role: 'staff' },
  admin: { email: 'admin@staff.suara.test', password: 'test-admin-password', agencyId: null, role: 'admin' },
} as const;

/** A small demo-account file for tests (three accounts keep scrypt time low). */
export function writeStaffFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'suara-staff-'));
  const file = join(dir, 'staff.json');
  writeFileSync(file, JSON.stringify({ accounts: Object.values(ACCOUNTS) }));
  return file;
}

const agencies = new Map(loadAgencies().map((a) => [a.id, a]));

/** Agency display name, as the composition root would give it. */
export function agencyName(id: string, lang: 'en' | 'ms'): string {
  return agencies.get(id)?.name[lang] ?? id;
}

/** A running dashboard. */
export interface DashboardHarness {
  base: string;
  db: Db;
  mounted: MountedDashboard;
  close(): Promise<void>;
}

/** Start a server with the dashboard on a fresh database. */
export async function startDashboard(
  opts: { env?: NodeJS.ProcessEnv; publicUrl?: string; database?: TestDb; actions?: StaffActionService } = {},
): Promise<DashboardHarness> {
  const t = opts.database ?? (await testDb('dashboard'));
  const server = restify.createServer({ name: 'suara-test', handleUncaughtExceptions: false });
  const mounted = await mountDashboard(server, {
    db: t.db,
    actions: opts.actions ?? staffActions(t.db),
    agencyName,
    ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}),
    log: silentLogger,
    env: opts.env ?? { STAFF_DEMO_ACCOUNTS: 'true' },
    staffFile: writeStaffFile(),
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    db: t.db,
    mounted,
    close: async () => {
      server.close();
      await t.close();
    },
  };
}

export { makeRecord } from '../support/records';

/** Insert records. */
export async function insertRecords(db: Db, records: FeedbackRecord[]): Promise<void> {
  await db.collection<FeedbackRecord>('feedback').insertMany(records);
}

/** A reply from the server. */
export interface Reply {
  status: number;
  body: Record<string, any>;
  setCookies: string[];
  headers: Headers;
}

/** An HTTP client that keeps cookies like a browser (Path=/dashboard only), and sends the CSRF header on POST. */
export class Client {
  readonly cookies = new Map<string, string>();
  /** Accept-Language header to send. */
  language = 'en';

  constructor(readonly base: string) {}

  /** The CSRF cookie's value. */
  get csrf(): string {
    return this.cookies.get('suara_csrf') ?? '';
  }

  /** Send a request; `csrf: false` leaves the header out, a string sends that value. */
  async request(
    method: string,
    path: string,
    body?: unknown,
    opts: { csrf?: boolean | string; contentType?: string } = {},
  ): Promise<Reply> {
    const headers: Record<string, string> = { 'accept-language': this.language };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET') {
      headers['content-type'] = opts.contentType ?? 'application/json';
      const csrf = opts.csrf ?? true;
      if (csrf !== false) headers['x-csrf-token'] = csrf === true ? this.csrf : csrf;
    }
    const res = await fetch(this.base + path, {
      method,
      headers,
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      redirect: 'manual',
    });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i);
      if (/max-age=0(;|$)/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(i + 1));
    }
    const text = await res.text();
    let json: Record<string, any> = {};
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { html: text };
    }
    return { status: res.status, body: json, setCookies, headers: res.headers };
  }

  /** GET the page (which hands out the CSRF cookie), then log in. */
  async login(email: string, password: string): Promise<Reply> {
    if (!this.csrf) await this.request('GET', '/dashboard/api/me');
    return this.request('POST', '/dashboard/api/login', { email, password });
  }
}

/** A client already logged in as one of ACCOUNTS. */
export async function loggedIn(base: string, who: keyof typeof ACCOUNTS): Promise<Client> {
  const c = new Client(base);
  const r = await c.login(ACCOUNTS[who].email, ACCOUNTS[who].password);
  if (r.status !== 200) throw new Error(`login as ${who} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}
