/**
 * A body's Teams channel: an officer links it (`link` in the channel), each new item of that body is posted there as
 * an Adaptive Card with its deadline, and the card follows the item whichever surface changes it (dashboard, Teams).
 * Posts go through the real CloudAdapter to a fake connector on 127.0.0.1; the dashboard is the real one over HTTP.
 */
import {
  createTeamsAdapter,
  createTeamsCards,
  loadTeamsConfig,
  TeamsCardQueue,
} from '../../bots/channels/teams';
import type { TeamsCardPoster } from '../../bots/channels/teams';
import { FeedbackRepository } from '../../services/feedback/repository';
import { MeTooService } from '../../services/similar/meToo';
import type { FeedbackRecord } from '../../services/feedback/types';
import { createLocalizer } from '../../services/i18n';
import { formatDate } from '../../services/i18n/dates';
import { createStaffActionService } from '../../services/staff';
import { StaffFeedback } from '../../services/staff/feedbackQueries';
import { StatusService } from '../../services/status/statusService';
import { loggedIn, startDashboard, type DashboardHarness } from '../dashboard/harness';
import { testDb } from '../support/mongo';
import { startConnector, type FakeConnector } from './fakeConnector';
import {
  agencyName,
  cardStrings,
  inChannel,
  makeRecord,
  startTeams,
  submits,
  type TeamsHarness,
} from './harness';

const DBKL_CHANNEL = '19:dbkl-aduan@thread.tacv2';
const MBPJ_CHANNEL = '19:mbpj-aduan@thread.tacv2';

let connector: FakeConnector;
let cards: TeamsCardPoster;
let h: TeamsHarness;
let dashboard: DashboardHarness;
const feedback = () => h.db.collection<FeedbackRecord>('feedback');

beforeAll(async () => {
  const database = await testDb('teams_cards');
  connector = await startConnector();
  cards = createTeamsCards({
    db: database.db,
    transport: { adapter: createTeamsAdapter(loadTeamsConfig({})), appId: '' },
    l10n: createLocalizer(),
    agencyName,
    backoff: { baseMs: 1, maxMs: 1 },
  });
  // Wired as the composition root wires it: every status change, reply, assignment and note tells the poster.
  const actions = createStaffActionService(
    database.db,
    new StatusService(new FeedbackRepository(database.db), undefined, cards),
    cards,
  );
  h = await startTeams({ actions }, database);
  dashboard = await startDashboard({ database, actions });
});
afterAll(async () => {
  await cards.stop();
  await connector.close();
  await dashboard.close();
});

const channel = (id: string) => inChannel(id, connector.url);
const postsOf = (reference: string) =>
  connector.posts.filter((p) => cardStrings(p.card).join('\n').includes(reference));

describe('linking a body’s channel', () => {
  test('an officer links the channel for their own body; outside a channel or for another body it is refused', async () => {
    expect((await h.say('dbkl', 'link'))[0]?.text).toBe(
      'Please type this in the Teams channel that should get the feedback, mentioning me there: @Suara link',
    );
    expect((await h.say('dbkl', 'link mbpj', 'en-US', channel(DBKL_CHANNEL)))[0]?.text).toBe(
      `You can link a channel only for your own agency (${agencyName('dbkl', 'en')}).`,
    );
    expect((await h.say('dbkl', 'link', 'en-US', channel(DBKL_CHANNEL)))[0]?.text).toBe(
      `This channel now gets the new feedback for ${agencyName('dbkl', 'en')}: each item is posted here as a card with its deadline, and the card is kept up to date as the item changes.`,
    );
    // A channel serves one body: MBPJ cannot take DBKL's channel, and links its own in Malay.
    expect((await h.say('mbpj', 'pautkan', 'ms-MY', channel(DBKL_CHANNEL)))[0]?.text).toBe(
      `Saluran ini sudah menerima maklum balas untuk ${agencyName('dbkl', 'ms')}. Minta mereka menaip **nyahpaut** dahulu.`,
    );
    expect((await h.say('mbpj', 'pautkan', 'ms-MY', channel(MBPJ_CHANNEL)))[0]?.text).toMatch(
      /^Saluran ini kini menerima maklum balas baharu untuk /,
    );
  });
});

describe('channel cards', () => {
  const before = makeRecord({ agencyId: 'dbkl', createdAt: new Date(Date.now() - 86_400_000) });
  // Filed after the channel was linked (records are made when the test runs).
  let complaint: FeedbackRecord;

  test('a new DBKL complaint is posted to DBKL’s linked Teams channel with its resolve-by date', async () => {
    complaint = makeRecord({
      agencyId: 'dbkl',
      text: 'Longkang tersumbat di Jalan Ampang, air bertakung',
      contact: { name: 'Aminah binti Yusof', phone: '+60123456789' },
    });
    await feedback().insertMany([before, complaint]);
    await cards.runOnce();
    const posted = postsOf(complaint._id);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.teamsChannelId).toBe(DBKL_CHANNEL);
    const strings = cardStrings(posted[0]!.card);
    const detail = await new StaffFeedback(new FeedbackRepository(h.db)).detail(
      { role: 'staff', agencyId: 'dbkl', staffId: 'test' },
      complaint._id,
    );
    expect(strings).toContain('Resolve by');
    expect(strings.join('\n')).toContain(formatDate('en', detail!.deadline!.resolveBy));
    expect(strings).toContain(complaint.text);
    // The same actions as the item view; no contact details in a channel.
    expect(submits(posted[0]!.card).map((d) => d.verb)).toEqual(['setStatus', 'reply', 'assignMe', 'note']);
    expect(strings).toContain('Nobody yet');
    expect(strings.join('\n')).not.toContain('+60123456789');
    // Filed before the channel was linked: not posted. A second run posts nothing again.
    expect(postsOf(before._id)).toEqual([]);
    await cards.runOnce();
    expect(postsOf(complaint._id)).toHaveLength(1);
  });

  test('when the dashboard resolves the item, the Teams card shows Resolved', async () => {
    const staff = await loggedIn(dashboard.base, 'dbkl');
    const r = await staff.request('POST', `/dashboard/api/feedback/${complaint._id}/status`, {
      status: 'resolved',
    });
    expect(r.status).toBe(200);
    await cards.settled();
    const [post] = postsOf(complaint._id);
    const update = connector.updates.at(-1)!;
    expect([update.conversationId, update.activityId]).toEqual([post!.conversationId, post!.activityId]);
    expect(cardStrings(update.card)).toContain(`Feedback ${complaint._id} · Resolved`);
  });

  test('a reply sent from the card in Teams shows on the card', async () => {
    const [reply] = await h.say(
      'dbkl',
      { value: { verb: 'reply', reference: complaint._id, reply: 'Pasukan kami akan ke sana esok.' } },
      'en-US',
      channel(DBKL_CHANNEL),
    );
    expect(reply?.text).toBe(`Your reply about ${complaint._id} has been sent to the citizen.`);
    await cards.settled();
    expect(cardStrings(connector.updates.at(-1)!.card).join('\n')).toContain(
      'Pasukan kami akan ke sana esok.',
    );
    expect(postsOf(complaint._id)).toHaveLength(1);
  });

  test('“Assign to me” and “Add internal note” from the card: the card shows who works on it and the notes count', async () => {
    const [assigned] = await h.say(
      'dbkl',
      { value: { verb: 'assignMe', reference: complaint._id } },
      'en-US',
      channel(DBKL_CHANNEL),
    );
    expect(assigned?.text).toBe(`${complaint._id} is now assigned to you.`);
    await cards.settled();
    const facts = (card: Record<string, any>) =>
      Object.fromEntries(
        (card.body as any[])
          .filter((b) => b.type === 'FactSet')
          .flatMap((b) => b.facts)
          .map((f: any) => [f.title, f.value]),
      );
    expect(facts(connector.updates.at(-1)!.card)['Assigned to']).toBe('siti.dbkl');
    const [noted] = await h.say(
      'dbkl',
      { value: { verb: 'note', reference: complaint._id, internalNote: 'Kontraktor sudah dihubungi' } },
      'ms-MY',
      channel(DBKL_CHANNEL),
    );
    expect(noted?.text).toBe(
      `Catatan dalaman anda tentang ${complaint._id} telah disimpan. Rakyat tidak dapat melihatnya.`,
    );
    await cards.settled();
    expect(facts(connector.updates.at(-1)!.card)['Internal notes']).toBe('1');
    expect(cardStrings(connector.updates.at(-1)!.card)).not.toContain('Kontraktor sudah dihubungi');
    const stored = await feedback().findOne({ _id: complaint._id });
    expect(stored?.notes?.map((n) => n.text)).toEqual(['Kontraktor sudah dihubungi']);
    // An admin is not an officer of the body: cannot take it.
    const [admin] = await h.say('admin', { value: { verb: 'assignMe', reference: complaint._id } });
    expect(admin?.text).toBe('Only an officer of the agency the item belongs to can take it.');
  });

  test('when the dashboard assigns the item to nobody, the card follows', async () => {
    const staff = await loggedIn(dashboard.base, 'dbkl');
    const r = await staff.request('POST', `/dashboard/api/feedback/${complaint._id}/assignee`, {
      staffId: null,
    });
    expect(r.status).toBe(200);
    await cards.settled();
    expect(cardStrings(connector.updates.at(-1)!.card)).toContain('Nobody yet');
  });

  test('an MBPJ officer’s card action on a DBKL item gets not found', async () => {
    const notFound = `I could not find feedback ${complaint._id}.`;
    const updates = connector.updates.length;
    for (const value of [
      { verb: 'setStatus', reference: complaint._id, status: 'closed', note: 'Not ours' },
      { verb: 'reply', reference: complaint._id, reply: 'Hello' },
      { verb: 'open', reference: complaint._id },
      { verb: 'assignMe', reference: complaint._id },
      { verb: 'note', reference: complaint._id, internalNote: 'Bukan kami' },
    ]) {
      expect((await h.say('mbpj', { value }, 'en-US', channel(DBKL_CHANNEL)))[0]?.text).toBe(notFound);
    }
    const stored = await feedback().findOne({ _id: complaint._id });
    expect(stored?.status).toBe('resolved');
    expect(stored?.replies).toHaveLength(1);
    expect(stored?.notes).toHaveLength(1);
    expect(stored?.assignee ?? null).toBeNull();
    await cards.settled();
    expect(connector.updates.length).toBe(updates);
    // MBPJ's channel never gets DBKL's cards, and DBKL's channel never gets MBPJ's.
    const mbpjItem = makeRecord({ agencyId: 'mbpj', text: 'Pokok tumbang di SS2' });
    await feedback().insertOne(mbpjItem);
    await cards.runOnce();
    expect(postsOf(mbpjItem._id).map((p) => p.teamsChannelId)).toEqual([MBPJ_CHANNEL]);
    // MBPJ linked its channel in Malay: its cards are in Malay.
    expect(cardStrings(postsOf(mbpjItem._id)[0]!.card)).toContain('Perlu diselesaikan sebelum');
    expect(
      connector.posts
        .filter((p) => p.teamsChannelId === MBPJ_CHANNEL)
        .map((p) => cardStrings(p.card).join('\n')),
    ).not.toContainEqual(expect.stringContaining(complaint._id));
  });

  test('a post that fails while Teams is down is retried and arrives once', async () => {
    const item = makeRecord({ agencyId: 'dbkl', text: 'Lampu jalan padam di Jalan Tun Razak' });
    connector.down = true;
    await feedback().insertOne(item); // filing is never held up by Teams
    await cards.runOnce();
    expect(connector.refused).toBeGreaterThan(0);
    expect(postsOf(item._id)).toEqual([]);
    expect(await new TeamsCardQueue(h.db).get(item._id)).toMatchObject({
      dirty: true,
      attempts: 1,
      lastError: '503',
    });
    connector.down = false;
    await cards.runOnce();
    await cards.runOnce();
    expect(postsOf(item._id)).toHaveLength(1);
    expect(await new TeamsCardQueue(h.db).get(item._id)).toMatchObject({
      dirty: false,
      attempts: 0,
      shownVersion: 1,
    });
  });

  test('two servers running the poster at once post each new item once', async () => {
    const other = createTeamsCards({
      db: h.db,
      transport: { adapter: createTeamsAdapter(loadTeamsConfig({})), appId: '' },
      l10n: createLocalizer(),
      agencyName,
    });
    const items = [1, 2, 3].map((i) => makeRecord({ agencyId: 'dbkl', text: `Jalan berlubang ${i}` }));
    await feedback().insertMany(items);
    await Promise.all([cards.runOnce(), other.runOnce(), cards.runOnce(), other.runOnce()]);
    expect(items.map((i) => postsOf(i._id).length)).toEqual([1, 1, 1]);
  });

  /** The facts of the latest version of a posted card, title → value. */
  const latestFacts = (reference: string) => {
    const [post] = postsOf(reference);
    const latest = connector.updates.filter((u) => u.activityId === post!.activityId).at(-1)?.card;
    const facts: Record<string, string> = {};
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') {
        const o = n as { title?: unknown; value?: unknown };
        if (typeof o.title === 'string' && typeof o.value === 'string') facts[o.title] = o.value;
        Object.values(n).forEach(walk);
      }
    };
    walk(latest ?? post!.card);
    return facts;
  };

  test('a citizen adding their voice (“me too”) shows on the item’s card', async () => {
    const item = makeRecord({ agencyId: 'dbkl' });
    await feedback().insertOne(item);
    await cards.runOnce();
    expect(latestFacts(item._id)['Supporters (“me too”)']).toBeUndefined();
    // Wired as the composition root wires it: the core's change announcements reach the poster.
    const meToo = new MeTooService(new FeedbackRepository(h.db), { changes: cards });
    const added = await meToo.addVoice(item._id, {
      citizenKey: 'another-citizen',
      channel: { channelId: 'webchat', conversationReference: { conversation: { id: 'x' } } },
      language: 'ms',
    });
    expect(added.outcome).toBe('added');
    await cards.settled();
    expect(latestFacts(item._id)['Supporters (“me too”)']).toBe('1');
  });

  test('merging a duplicate on the dashboard updates the original’s card with the duplicate’s reference', async () => {
    const original = makeRecord({ agencyId: 'dbkl' });
    const duplicate = makeRecord({ agencyId: 'dbkl' });
    await feedback().insertMany([original, duplicate]);
    await cards.runOnce();
    const staff = await loggedIn(dashboard.base, 'dbkl');
    const r = await staff.request('POST', `/dashboard/api/feedback/${duplicate._id}/merge`, {
      into: original._id,
    });
    expect(r.status).toBe(200);
    await cards.settled();
    expect(latestFacts(original._id)['Duplicates merged into this one']).toBe(duplicate._id);
    const dupCard = latestFacts(duplicate._id);
    expect(dupCard['Status']).toBe('Duplicate');
  });

  test('after unlink, new items of the body are not posted', async () => {
    expect((await h.say('dbkl', 'unlink', 'en-US', channel(DBKL_CHANNEL)))[0]?.text).toBe(
      `New feedback for ${agencyName('dbkl', 'en')} is no longer posted to a Teams channel.`,
    );
    const later = makeRecord({ agencyId: 'dbkl' });
    await feedback().insertOne(later);
    await cards.runOnce();
    expect(postsOf(later._id)).toEqual([]);
  });
});
