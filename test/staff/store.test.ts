/** Accounts, sessions, the login limiter and the demo-account file, on a real database. */
import type { Db } from 'mongodb';
import { login } from '../../services/staff/auth';
import { createStaffServices, type StaffServices } from '../../services/staff';
import { loadStaffConfig } from '../../services/staff/config';
import { scopeOf } from '../../services/staff/feedbackQueries';
import { loadDemoAccounts } from '../../services/staff/seed';
import { getDefaultRouter } from '../../services/routing';
import { testDb, type TestDb } from '../support/mongo';

describe('staff store', () => {
  let t: TestDb;
  let db: Db;
  let s: StaffServices;
  beforeAll(async () => {
    t = await testDb('staff');
    db = t.db;
    s = await createStaffServices(db, { sessionMs: 60_000, maxFailures: 3, windowMs: 60_000 });
  });
  afterAll(async () => t?.close());

  it('keeps emails unique, case-insensitively, and never returns the hash', async () => {
    const p = await s.staff.add({
      email: ' Siti@DBKL.gov.my ',
      password: 'pw-123456',
      agencyId: 'dbkl',
      role: 'staff',
    });
    expect(p).toMatchObject({ email: 'siti@dbkl.gov.my', agencyId: 'dbkl', role: 'staff', disabled: false });
    expect(p).not.toHaveProperty('passwordHash');
    await expect(
      s.staff.add({ email: 'SITI@dbkl.gov.my', password: 'x'.repeat(9), agencyId: 'dbkl', role: 'staff' }),
    ).rejects.toMatchObject({ code: 'EMAIL_TAKEN' });
    await expect(
      s.staff.add({ email: 'not an email', password: 'x'.repeat(9), agencyId: 'dbkl', role: 'staff' }),
    ).rejects.toMatchObject({ code: 'EMAIL_INVALID' });
    expect((await s.staff.list()).every((a) => !('passwordHash' in a))).toBe(true);
  });

  it('sessions expire at their time even before the TTL monitor removes them', async () => {
    const staff = (await s.staff.list())[0]!;
    const created = new Date('2025-01-01T00:00:00Z');
    const n = await s.sessions.create(staff, created);
    expect(await s.sessions.get(n.token, new Date(created.getTime() + 59_000))).toMatchObject({
      staffId: staff._id,
      agencyId: 'dbkl',
    });
    expect(await s.sessions.get(n.token, new Date(created.getTime() + 61_000))).toBeNull();
    expect(await s.sessions.get('garbage')).toBeNull();
    expect(await s.sessions.get(undefined)).toBeNull();
  });

  it('limits failed logins per email+IP and resets on success', async () => {
    const email = 'siti@dbkl.gov.my';
    for (let i = 0; i < 2; i++)
      expect(await login(s, email, 'wrong', '10.0.0.1')).toEqual({ ok: false, code: 'LOGIN_FAILED' });
    const ok = await login(s, email, 'pw-123456', '10.0.0.1');
    expect(ok.ok).toBe(true);
    for (let i = 0; i < 3; i++) await login(s, email, 'wrong', '10.0.0.1');
    expect(await login(s, email, 'pw-123456', '10.0.0.1')).toEqual({ ok: false, code: 'LOGIN_RATE_LIMITED' });
    // Another address is a different pair.
    expect((await login(s, email, 'pw-123456', '10.0.0.2')).ok).toBe(true);
    // Failures age out of the window.
    expect(await s.limiter.blocked(email, '10.0.0.1', new Date(Date.now() + 61_000))).toBe(false);
  });

  it('never lets a staff account without an agency see the unrouted queue', () => {
    expect(scopeOf({ role: 'staff', agencyId: null, staffId: 'x' }, 'unrouted')).toEqual({ kind: 'nothing' });
    expect(scopeOf({ role: 'staff', agencyId: 'dbkl', staffId: 'x' }, 'mbpj')).toEqual({
      kind: 'agency',
      agencyId: 'dbkl',
    });
    expect(scopeOf({ role: 'admin', agencyId: null, staffId: 'x' }, 'mbpj')).toEqual({
      kind: 'agency',
      agencyId: 'mbpj',
    });
  });

  it('turns demo accounts off in production or on request', () => {
    expect(loadStaffConfig({}).demoAccounts).toBe(true);
    expect(loadStaffConfig({ NODE_ENV: 'production' }).demoAccounts).toBe(false);
    expect(loadStaffConfig({ STAFF_DEMO_ACCOUNTS: 'false' }).demoAccounts).toBe(false);
    expect(() => loadStaffConfig({ STAFF_DEMO_ACCOUNTS: 'maybe' })).toThrow(/STAFF_DEMO_ACCOUNTS/);
  });

  it('data/staff.json: every demo account names a body of the directory (or a retired id of one), one admin', () => {
    const accounts = loadDemoAccounts();
    const router = getDefaultRouter();
    for (const a of accounts.filter((x) => x.role === 'staff')) {
      expect([a.agencyId, router.agency(a.agencyId as string) ? 'known' : 'unknown']).toEqual([
        a.agencyId,
        'known',
      ]);
    }
    expect(accounts.filter((a) => a.role === 'admin')).toHaveLength(1);
    expect(new Set(accounts.map((a) => a.password)).size).toBe(accounts.length);
  });
});
