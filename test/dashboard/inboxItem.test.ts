/**
 * The item over real HTTP: officers' names (never ids) in history, photos served inline, the rating and its comment,
 * the route's why in plain words in the staff's language, and the conversation that produced it.
 */
import { UploadsRepository } from '../../services/directline/uploads';
import { MongoTranscriptStore } from '../../services/state/transcriptStore';
import { type Client, agencyName, insertRecords, loggedIn } from './harness';
import { startInbox, webchatRecord, type InboxHarness } from './inboxHarness';

describe('inbox item', () => {
  let h: InboxHarness;
  let dbkl: Client;
  const T = Date.parse('2026-03-02T02:00:00Z');
  const at = (min: number) => new Date(T + min * 60_000);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(64, 7),
  ]);
  let item = webchatRecord('item-1');
  const old = webchatRecord('item-old', {
    routing: { state: 'routed', reason: 'local_authority' },
    rating: { score: 2, comment: 'Lambat sangat', at: at(60) },
    status: 'resolved',
  });
  const previous = webchatRecord('item-1', { citizenKey: 'citizen-item-1', createdAt: at(-30) });

  beforeAll(async () => {
    h = await startInbox();
    const upload = await new UploadsRepository(h.db, 1_000_000).save('item-1', 'lubang.png', png);
    item = webchatRecord('item-1', {
      citizenKey: 'citizen-item-1',
      createdAt: at(0),
      anonymous: true,
      consent: { contact: false },
      attachments: [
        { contentType: 'image/png', url: `http://127.0.0.1:3978/v3/directline/uploads/${upload.id}` },
        { contentType: 'image/jpeg', url: 'http://169.254.169.254/latest/meta-data' },
      ],
      routing: {
        state: 'routed',
        reason: 'local_authority',
        why: {
          rule: 'council-matters',
          ruleKey: 'routing:rule.council-matters',
          place: { text: 'Jalan Pudu', name: 'Kuala Lumpur', state: 'kul' },
          how: 'placeName',
        },
      },
    });
    await insertRecords(h.db, [previous, item, old]);
    const msg = (conversation: string, min: number, role: 'user' | 'bot', text: string) => ({
      type: 'message',
      channelId: 'webchat',
      conversation: { id: conversation },
      from: { id: role === 'user' ? 'u' : 'suara', role },
      text,
      timestamp: at(min).toISOString(),
    });
    await new MongoTranscriptStore(h.db, 365).logActivities([
      msg('item-1', -40, 'user', 'Aduan dahulu yang sudah difailkan'),
      msg('item-1', -10, 'user', 'Jalan berlubang besar di Jalan Pudu'),
      msg('item-1', -9, 'bot', 'Adakah ini tentang jalan raya?'),
      msg('item-1', -2, 'user', 'Hubungi saya di 012-345 6789'),
      msg('item-1', 0.5, 'bot', `Diterima. Nombor rujukan anda ${item._id}`),
      msg('item-1', 20, 'user', 'semak'),
      msg('other-conversation', -5, 'user', 'Perbualan orang lain'),
    ]);
    dbkl = await loggedIn(h.base, 'dbkl');
    await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/status`, { status: 'acknowledged' });
    await dbkl.request('POST', `/dashboard/api/feedback/${item._id}/reply`, { text: 'Kami akan periksa.' });
  });
  afterAll(async () => h?.close());

  it('signs history and replies with names, never staff ids', async () => {
    const r = await dbkl.request('GET', `/dashboard/api/feedback/${item._id}`);
    expect(r.status).toBe(200);
    expect(r.body.history.map((e: { by: unknown }) => e.by)).toEqual([
      { kind: 'system', name: 'Suara' },
      { kind: 'staff', name: 'Ahmad Razak' },
    ]);
    expect(r.body.replies[0].by).toEqual({ kind: 'staff', name: 'Ahmad Razak' });
    expect(JSON.stringify([r.body.history, r.body.statusHistory, r.body.replies])).not.toMatch(/stf_/);
  });

  it('serves a stored photo inline to staff of the body, and lists only photos it can serve', async () => {
    const r = await dbkl.request('GET', `/dashboard/api/feedback/${item._id}`);
    expect(r.body.photos).toEqual([
      { url: `/dashboard/api/feedback/${item._id}/photos/0`, contentType: 'image/png' },
    ]);
    const res = await fetch(h.base + r.body.photos[0].url, {
      headers: { cookie: [...dbkl.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-disposition')).toBe('inline');
    expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    const external = await dbkl.request('GET', `/dashboard/api/feedback/${item._id}/photos/1`);
    expect(external.status).toBe(404);
    const anon = await fetch(h.base + r.body.photos[0].url);
    expect(anon.status).toBe(401);
  });

  it('explains the route in plain words in the staff’s language, old records included', async () => {
    const en = await dbkl.request('GET', `/dashboard/api/feedback/${item._id}`);
    expect(en.body.route.why).toBe(
      `Sent to ${agencyName('dbkl', 'en')} — the local council looks after drains and flooding in Jalan Pudu.`,
    );
    const ms = await dbkl.request('GET', `/dashboard/api/feedback/${item._id}?lang=ms`);
    expect(ms.body.route.why).toMatch(
      new RegExp(`^Dihantar kepada ${agencyName('dbkl', 'ms')} — .+ di Jalan Pudu\\.$`),
    );
    dbkl.language = 'ms';
    const legacy = await dbkl.request('GET', `/dashboard/api/feedback/${old._id}`);
    dbkl.language = 'en';
    expect(legacy.body.route.why).toBe(
      'Dihantar kepada majlis tempatan bagi tempat yang dinyatakan oleh rakyat.',
    );
    expect(JSON.stringify(legacy.body.route)).not.toContain('local_authority');
    expect(legacy.body.rating).toEqual({ score: 2, comment: 'Lambat sangat' });
  });

  it('shows the conversation that produced the item, masked where the citizen did not consent to contact', async () => {
    const r = await dbkl.request('GET', `/dashboard/api/feedback/${item._id}`);
    expect(r.body.transcript.map((l: { from: string; text: string }) => [l.from, l.text])).toEqual([
      ['citizen', 'Jalan berlubang besar di Jalan Pudu'],
      ['bot', 'Adakah ini tentang jalan raya?'],
      ['citizen', 'Hubungi saya di •••'],
      ['bot', `Diterima. Nombor rujukan anda ${item._id}`],
    ]);
  });
});
