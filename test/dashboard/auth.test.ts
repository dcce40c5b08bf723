/** Login, cookies, CSRF, rate limit, logout and demo-account seeding, over real HTTP on a real database. */
import type { StaffAccount } from '../../services/staff/types';
import { ACCOUNTS, Client, type DashboardHarness, loggedIn, startDashboard } from './harness';

describe('dashboard authentication', () => {
  let h: DashboardHarness;
  beforeAll(async () => {
    h = await startDashboard();
  });
  afterAll(async () => h?.close());

  it('needs a session for the API', async () => {
    const c = new Client(h.base);
    const r = await c.request('GET', '/dashboard/api/feedback');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('hands out a CSRF cookie before login and requires it back in the header', async () => {
    const c = new Client(h.base);
    const me = await c.request('GET', '/dashboard/api/me');
    expect(me.status).toBe(401);
    const csrfCookie = me.setCookies.find((s) => s.startsWith('suara_csrf='));
    expect(csrfCookie).toMatch(/; Path=\/dashboard; SameSite=Strict/);
    expect(csrfCookie).not.toMatch(/HttpOnly/);
    const { email, password } = ACCOUNTS.dbkl;
    const missing = await c.request('POST', '/dashboard/api/login', { email, password }, { csrf: false });
    expect([missing.status, missing.body.error.code]).toEqual([403, 'CSRF_INVALID']);
    const wrong = await c.request(
      'POST',
      '/dashboard/api/login',
      { email, password },
      { csrf: 'not-the-cookie' },
    );
    expect(wrong.status).toBe(403);
    const ok = await c.request('POST', '/dashboard/api/login', { email, password });
    expect(ok.status).toBe(200);
    expect(ok.body.staff).toEqual({
      id: expect.stringMatching(/^stf_/),
      email,
      role: 'staff',
      agencyId: 'dbkl',
      agencyName: { en: 'Kuala Lumpur City Hall', ms: 'Dewan Bandaraya Kuala Lumpur' },
    });
    const session = ok.setCookies.find((s) => s.startsWith('suara_staff='))!;
    expect(session).toMatch(/; Path=\/dashboard; SameSite=Strict; HttpOnly; Max-Age=\d+$/);
    expect(session).not.toMatch(/Secure/);
    // The CSRF token is rotated at login and bound to the session.
    expect(ok.body.csrfToken).toBe(c.csrf);
    const after = (await c.request('GET', '/dashboard/api/me')).body.staff;
    expect([after.email, after.id]).toEqual([email, ok.body.staff.id]);
  });

  it('rejects POSTs without the session’s CSRF token, including another session’s valid token', async () => {
    const a = await loggedIn(h.base, 'dbkl');
    const b = await loggedIn(h.base, 'dbkl');
    const path = '/dashboard/api/logout';
    expect((await a.request('POST', path, {}, { csrf: false })).status).toBe(403);
    // b's token in both header and cookie of a's request: double submit alone would pass; the session binding does not.
    a.cookies.set('suara_csrf', b.csrf);
    const cross = await a.request('POST', path, {}, { csrf: b.csrf });
    expect([cross.status, cross.body.error.code]).toEqual([403, 'CSRF_INVALID']);
    expect((await a.request('GET', '/dashboard/api/me')).status).toBe(200);
  });

  it('answers a wrong password and an unknown email the same way, localized', async () => {
    const c = new Client(h.base);
    c.language = 'ms';
    const wrong = await c.login(ACCOUNTS.mbpj.email, 'not-the-password');
    const unknown = await c.login('nobody@staff.suara.test', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toEqual({
      code: 'LOGIN_FAILED',
      message: 'E-mel atau kata laluan tidak betul.',
    });
  });

  it('blocks an email+IP after 5 failures within 15 minutes, even with the right password', async () => {
    const c = new Client(h.base);
    const { email, password } = ACCOUNTS.mbpj;
    await h.db.collection('loginAttempts').deleteMany({});
    for (let i = 0; i < 5; i++) expect((await c.login(email, `wrong-${i}`)).status).toBe(401);
    const blocked = await c.login(email, password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error).toEqual({
      code: 'LOGIN_RATE_LIMITED',
      message: 'Too many failed attempts. Please wait 15 minutes and try again.',
    });
    // Stored in MongoDB, hashed: no email in clear.
    const docs = await h.db.collection('loginAttempts').find({}).toArray();
    expect(docs.map((d) => d.count)).toEqual([6]);
    expect(JSON.stringify(docs)).not.toContain(email);
    // Another account from the same address is not affected.
    expect((await c.login(ACCOUNTS.admin.email, ACCOUNTS.admin.password)).status).toBe(200);
    await h.db.collection('loginAttempts').deleteMany({});
  });

  it.each([20, 50])(
    'checks at most 5 of %i wrong passwords sent at once; the rest get 429, and then the right password is refused too',
    async (n) => {
      const { email, password } = ACCOUNTS.dbkl;
      await h.db.collection('loginAttempts').deleteMany({});
      const clients = await Promise.all(
        Array.from({ length: n }, async () => {
          const c = new Client(h.base);
          await c.request('GET', '/dashboard/api/me');
          return c;
        }),
      );
      const results = await Promise.all(clients.map((c, i) => c.login(email, `wrong-at-once-${i}`)));
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(n - 5);
      expect((await clients[0]!.login(email, password)).status).toBe(429);
      await h.db.collection('loginAttempts').deleteMany({});
    },
  );

  it('logs out: the session is gone from the database and the cookie no longer works', async () => {
    const c = await loggedIn(h.base, 'admin');
    const token = c.cookies.get('suara_staff')!;
    const before = await h.db.collection('sessions').countDocuments({});
    const out = await c.request('POST', '/dashboard/api/logout', {});
    expect(out.status).toBe(200);
    expect(await h.db.collection('sessions').countDocuments({})).toBe(before - 1);
    c.cookies.set('suara_staff', token);
    expect((await c.request('GET', '/dashboard/api/feedback')).status).toBe(401);
    const audit = await h.db
      .collection('auditLog')
      .find({ action: { $in: ['login', 'logout'] } })
      .toArray();
    expect(audit.some((e) => e.action === 'logout' && e.staffId)).toBe(true);
  });

  it('ends the sessions of an account disabled directly in the database, and applies agency changes', async () => {
    const c = await loggedIn(h.base, 'mbpj');
    const staff = h.db.collection('staff');
    await staff.updateOne({ email: ACCOUNTS.mbpj.email }, { $set: { agencyId: 'mbsa' } });
    expect((await c.request('GET', '/dashboard/api/me')).body.staff.agencyId).toBe('mbsa');
    await staff.updateOne({ email: ACCOUNTS.mbpj.email }, { $set: { disabled: true } });
    expect((await c.request('GET', '/dashboard/api/feedback')).status).toBe(401);
    await staff.updateOne({ email: ACCOUNTS.mbpj.email }, { $set: { disabled: false, agencyId: 'mbpj' } });
    // The session was ended, not merely refused: re-enabling does not bring it back.
    expect((await c.request('GET', '/dashboard/api/feedback')).status).toBe(401);
  });

  it('stores sessions hashed, with a TTL index, and only scrypt hashes of passwords', async () => {
    const c = await loggedIn(h.base, 'dbkl');
    const token = decodeURIComponent(c.cookies.get('suara_staff')!);
    expect(await h.db.collection('sessions').countDocuments({ _id: token as never })).toBe(0);
    const indexes = await h.db.collection('sessions').indexes();
    expect(indexes.find((i) => i.name === 'session_ttl')).toMatchObject({
      key: { expiresAt: 1 },
      expireAfterSeconds: 0,
    });
    const staff = await h.db.collection<StaffAccount>('staff').find({}).toArray();
    expect(staff.map((s) => s.email).sort()).toEqual(
      Object.values(ACCOUNTS)
        .map((a) => a.email)
        .sort(),
    );
    for (const s of staff) {
      expect(s.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(JSON.stringify(s)).not.toContain('test-');
    }
    expect(h.mounted.demoLogins).toContain('dbkl@staff.suara.test');
    expect(h.mounted.demoLogins).toContain('test-dbkl-password');
  });

  it('marks cookies Secure when the public URL is https', async () => {
    const s = await startDashboard({ publicUrl: 'https://suara.example.my' });
    try {
      const c = new Client(s.base);
      const r = await c.login(ACCOUNTS.dbkl.email, ACCOUNTS.dbkl.password);
      expect(r.status).toBe(200);
      for (const cookie of r.setCookies) expect(cookie).toMatch(/; Secure/);
    } finally {
      await s.close();
    }
  });

  it('seeds no demo account in production, and disables demo accounts left from a local run', async () => {
    const s = await startDashboard({ env: { NODE_ENV: 'production' } });
    try {
      expect(await s.db.collection('staff').countDocuments({})).toBe(0);
      expect(s.mounted.demoLogins).not.toMatch(/password/);
      expect(s.mounted.demoLogins).toContain('npm run staff -- add');
    } finally {
      await s.close();
    }
    const local = await startDashboard();
    const c = await loggedIn(local.base, 'dbkl');
    // Restart the same database with demo accounts switched off: the public demo passwords stop working.
    const off = await startDashboard({
      env: { STAFF_DEMO_ACCOUNTS: 'false' },
      database: { db: local.db, client: undefined as never, close: async () => undefined },
    });
    try {
      expect((await c.request('GET', '/dashboard/api/feedback')).status).toBe(401);
      const again = await new Client(off.base).login(ACCOUNTS.dbkl.email, ACCOUNTS.dbkl.password);
      expect([again.status, again.body.error.code]).toEqual([403, 'ACCOUNT_DISABLED']);
    } finally {
      await off.close();
      await local.close();
    }
  });
});
