/** The page is served with both languages' strings embedded, a strict CSP and no external assets. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DASHBOARD_CSS, DASHBOARD_JS } from '../../bots/http/dashboard/bundle';
import { Client, type DashboardHarness, startDashboard } from './harness';

describe('dashboard page', () => {
  let h: DashboardHarness;
  beforeAll(async () => {
    h = await startDashboard();
  });
  afterAll(async () => h?.close());

  it('serves GET /dashboard in the language asked for, with a CSRF cookie and a strict CSP', async () => {
    const c = new Client(h.base);
    c.language = 'ms-MY,ms;q=0.9';
    const r = await c.request('GET', '/dashboard');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'; script-src 'self'");
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(c.csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const html = r.body.html as string;
    expect(html).toContain('<html lang="ms">');
    expect(html).toContain('<title>Papan pemuka kakitangan Suara</title>');
    const data = JSON.parse(
      html.match(/<script type="application\/json" id="suara-data">(.*?)<\/script>/s)![1]!,
    );
    expect(data.strings.en.dashboard.login.heading).toBe('Staff sign-in');
    expect(data.strings.ms.dashboard.login.heading).toBe('Log masuk kakitangan');
    expect(data.strings.ms.categories.drainage).toEqual(expect.any(String));
    expect(data.settable).not.toContain('received');
    expect(data.agencies.find((a: { id: string }) => a.id === 'dbkl').name.ms).toBe(
      'Dewan Bandaraya Kuala Lumpur',
    );
    const en = await new Client(h.base).request('GET', '/dashboard?lang=en');
    expect(en.body.html).toContain('<html lang="en">');
  });

  it('serves its built script and stylesheet itself and references nothing external', async () => {
    const c = new Client(h.base);
    const js = await c.request('GET', '/dashboard/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.body.html).toContain('suara-data');
    const css = await c.request('GET', '/dashboard/app.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const files = [
      join(__dirname, '../../web/dashboard/index.html'),
      join(__dirname, '../../web/dashboard/app.css'),
      DASHBOARD_JS,
      DASHBOARD_CSS,
    ];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      expect(text).not.toMatch(/(src|href)=["']https?:|url\(\s*['"]?https?:|@import/);
    }
  });
});
