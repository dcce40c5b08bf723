/**
 * Agency isolation and identity: staff never see or change another agency's feedback (it is "not found", exactly like
 * a reference that does not exist); unlinked, disabled or unidentified Teams users get a polite "not linked".
 */
import { newReference } from '../../services/feedback/reference';
import { AuditLog } from '../../services/staff/audit';
import { TeamsStaffLinks } from '../../bots/channels/teams';
import { cardOf, cardStrings, makeRecord, startTeams, USERS, type TeamsHarness } from './harness';

let h: TeamsHarness;
const dbklRecord = makeRecord({ agencyId: 'dbkl', text: 'Longkang tersumbat di Jalan Ampang' });
const unrouted = makeRecord({ agencyId: null, text: 'Perkara tanpa agensi' });
beforeAll(async () => {
  h = await startTeams();
  await h.feedback.insertMany([dbklRecord, unrouted]);
});
afterAll(async () => {
  await h.close();
});

const notFound = (ref: string) => `I could not find feedback ${ref}.`;

describe('another agency’s reference is not found', () => {
  test('show, typed or from a card, answers exactly like a reference that does not exist', async () => {
    const missing = newReference();
    expect((await h.say('mbpj', `show ${missing}`))[0]?.text).toBe(notFound(missing));
    expect((await h.say('mbpj', `show ${dbklRecord._id}`))[0]?.text).toBe(notFound(dbklRecord._id));
    expect((await h.say('mbpj', { value: { verb: 'open', reference: dbklRecord._id } }))[0]?.text).toBe(
      notFound(dbklRecord._id),
    );
    expect((await h.say('mbpj', `lihat ${dbklRecord._id}`, 'ms-MY'))[0]?.text).toBe(
      `Maklum balas ${dbklRecord._id} tidak dapat ditemui.`,
    );
  });

  test('status and reply, typed or from a card, change nothing and write no audit entry', async () => {
    const attempts = [
      `status ${dbklRecord._id} resolved Done`,
      `reply ${dbklRecord._id} Hello`,
      { value: { verb: 'setStatus', reference: dbklRecord._id, status: 'closed' } },
      { value: { verb: 'reply', reference: dbklRecord._id, reply: 'Hello' } },
    ];
    for (const input of attempts)
      expect((await h.say('mbpj', input))[0]?.text).toBe(notFound(dbklRecord._id));
    const after = await h.feedback.findOne({ _id: dbklRecord._id });
    expect(after).toEqual(dbklRecord);
    expect(await new AuditLog(h.db).forReference(dbklRecord._id)).toEqual([]);
  });

  test('staff of an agency do not see the unrouted queue; an admin sees every agency', async () => {
    expect((await h.say('dbkl', `show ${unrouted._id}`))[0]?.text).toBe(notFound(unrouted._id));
    expect(cardStrings(cardOf((await h.say('admin', `show ${dbklRecord._id}`))[0]))).toContain(
      dbklRecord.text,
    );
    expect(cardStrings(cardOf((await h.say('admin', `show ${unrouted._id}`))[0]))).toContain('Not assigned');
  });

  test('the search message extension finds only the agency’s own records and shares no citizen text', async () => {
    const search = async (user: 'dbkl' | 'mbpj', query: string) => {
      const replies = await h.say(user, {
        type: 'invoke',
        name: 'composeExtension/query',
        value: {
          commandId: 'searchFeedback',
          parameters: [{ name: 'query', value: query }],
          queryOptions: { skip: 0, count: 10 },
        },
      });
      expect(replies.map((r) => r.type)).toEqual(['invokeResponse']);
      return (replies[0]!.value as { status: number; body: { composeExtension: any } }).body.composeExtension;
    };
    const own = await search('dbkl', 'ampang');
    expect(own.type).toBe('result');
    expect(own.attachments.map((a: any) => a.preview.content.title)).toEqual([dbklRecord._id]);
    expect(JSON.stringify(own.attachments[0].content)).not.toContain('Longkang');
    expect(own.attachments[0].preview.content.text).toContain('Longkang tersumbat');
    expect((await search('mbpj', 'ampang')).attachments).toEqual([]);
  });
});

describe('who may use the app', () => {
  test('an unlinked Teams user is told politely, in their language, with the id to give an administrator', async () => {
    const [en, ...more] = await h.say('stranger', 'list');
    expect(more).toEqual([]);
    expect(en?.text).toBe(
      `Sorry, your Teams account is not linked to a Suara staff account yet, so I cannot show you any feedback. Please ask your Suara administrator to link it. Your Teams user ID is ${USERS.stranger.aad}.`,
    );
    const [ms] = await h.say('stranger', 'senarai', 'ms-MY');
    expect(ms?.text).toMatch(/^Maaf, akaun Teams anda belum dipautkan kepada akaun kakitangan Suara/);
  });

  test('an unlinked user’s card submit changes nothing', async () => {
    const [reply] = await h.say('stranger', {
      value: { verb: 'setStatus', reference: dbklRecord._id, status: 'closed' },
    });
    expect(reply?.text).toMatch(/^Sorry, your Teams account is not linked/);
    expect((await h.feedback.findOne({ _id: dbklRecord._id }))?.status).toBe('sent');
  });

  test('a disabled staff account, an unlinked account and a user without an AAD id are all "not linked"', async () => {
    expect((await h.say('disabled', 'list'))[0]?.text).toMatch(/^Sorry, your Teams account is not linked/);
    const links = new TeamsStaffLinks(h.db);
    expect(await links.unlink(USERS.mbpj.aad)).toBe(true);
    expect((await h.say('mbpj', 'help'))[0]?.text).toMatch(/^Sorry, your Teams account is not linked/);
    await links.link(USERS.mbpj.aad, USERS.mbpj.email, 'admin');
    expect((await h.say('mbpj', 'help'))[0]?.text).toContain(USERS.mbpj.email);
    const [anon] = await h.say('dbkl', { text: 'list', from: { id: '29:guest', name: 'guest' } });
    expect(anon?.text).toMatch(/Your Teams user ID is -\.$/);
  });

  test('the search extension tells an unlinked user instead of searching', async () => {
    const [res] = await h.say('stranger', {
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId: 'searchFeedback', parameters: [{ name: 'query', value: '' }] },
    });
    expect((res!.value as any).body.composeExtension).toEqual({
      type: 'message',
      text: 'Your Teams account is not linked to a Suara staff account.',
    });
  });

  test('adding the app to a chat sends a greeting', async () => {
    const replies = await h.say(
      'stranger',
      {
        type: 'conversationUpdate',
        membersAdded: [{ id: '28:suara-staff-bot', name: 'Suara' }],
      },
      'ms-MY',
    );
    expect(replies.map((r) => r.text)).toEqual([
      'Salam sejahtera! Saya Suara, pembantu maklum balas untuk kakitangan agensi. Taip **bantuan** untuk melihat perkara yang boleh saya lakukan.',
    ]);
  });
});
