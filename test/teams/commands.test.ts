/** Staff commands in Teams: list, show, status, reply and help, in English and Malay, on real records. */
import { AuditLog } from '../../services/staff/audit';
import {
  agencyName,
  cardOf,
  cardStrings,
  makeRecord,
  startTeams,
  submits,
  USERS,
  type TeamsHarness,
} from './harness';

let h: TeamsHarness;
beforeAll(async () => {
  h = await startTeams();
});
afterAll(async () => {
  await h.close();
});

const minutesAgo = (m: number) => new Date(Date.UTC(2025, 5, 1, 8, 0) - m * 60_000);

describe('list / senarai', () => {
  let dbkl: ReturnType<typeof makeRecord>[];
  beforeAll(async () => {
    await h.feedback.deleteMany({});
    dbkl = Array.from({ length: 12 }, (_, i) =>
      makeRecord({ agencyId: 'dbkl', createdAt: minutesAgo(i), text: `DBKL matter ${i}` }),
    );
    dbkl[3]!.status = 'resolved';
    const mbpj = [makeRecord({ agencyId: 'mbpj', createdAt: minutesAgo(-5), text: 'MBPJ matter' })];
    await h.feedback.insertMany([...dbkl, ...mbpj]);
  });

  test('shows the newest 10 of the staff member’s agency, newest first, each with an Open button', async () => {
    const [reply, ...more] = await h.say('dbkl', 'list');
    expect(more).toHaveLength(0);
    const card = cardOf(reply);
    const opens = submits(card);
    expect(opens).toEqual(dbkl.slice(0, 10).map((r) => ({ verb: 'open', reference: r._id })));
    const strings = cardStrings(card);
    expect(strings).toContain(`Newest feedback for ${agencyName('dbkl', 'en')}`);
    expect(strings.join('\n')).not.toContain('MBPJ matter');
  });

  test('another agency sees only its own record', async () => {
    const opens = submits(cardOf((await h.say('mbpj', 'senarai'))[0]));
    expect(opens).toHaveLength(1);
    expect(String(opens[0]!.reference)).not.toBe(dbkl[0]!._id);
  });

  test('filters by a status typed as an id, an English label or a Malay label', async () => {
    for (const input of ['list resolved', 'senarai selesai', 'LIST Resolved']) {
      const opens = submits(cardOf((await h.say('dbkl', input, 'ms-MY'))[0]));
      expect([input, opens]).toEqual([input, [{ verb: 'open', reference: dbkl[3]!._id }]]);
    }
    const [malay] = await h.say('dbkl', 'senarai selesai', 'ms-MY');
    expect(cardStrings(cardOf(malay))).toContain(
      `Maklum balas terbaharu untuk ${agencyName('dbkl', 'ms')} dengan status “Selesai”`,
    );
  });

  test('an unknown status word gets the list of statuses', async () => {
    const [reply] = await h.say('dbkl', 'list banana');
    expect(reply?.text).toMatch(/^Please choose one of these statuses: received, sent, acknowledged/);
  });

  test('an empty list says so', async () => {
    const [reply] = await h.say('dbkl', 'list duplicate');
    expect(reply?.text).toBe('There is no feedback to show.');
  });
});

describe('show / lihat and the Open button', () => {
  test('a record as a card with its details, history, forms and the assign and note actions', async () => {
    const r = makeRecord({
      agencyId: 'dbkl',
      text: 'Lampu jalan *padam* di [Jalan Tun Razak](http://evil.example)',
    });
    await h.feedback.insertOne(r);
    const card = cardOf((await h.say('dbkl', `show ${r._id}`))[0]);
    const strings = cardStrings(card);
    expect(strings).toContain(`Feedback ${r._id}`);
    expect(strings).toContain(r.text); // in a TextRun: shown as typed, never as Markdown
    expect(JSON.stringify(card)).toContain(`{"type":"TextRun","text":${JSON.stringify(r.text)}}`);
    expect(strings).toContain('Aminah binti Yusof · +60123456789'); // the citizen consented
    expect(strings).toContain('Drains and flooding');
    expect(submits(card)).toEqual([
      { verb: 'setStatus', reference: r._id },
      { verb: 'reply', reference: r._id },
      { verb: 'assignMe', reference: r._id },
      { verb: 'note', reference: r._id },
    ]);
    expect(strings.join('\n')).not.toContain('tg-conversation-1');
    expect(strings.join('\n')).not.toContain('citizen-key-hash');
  });

  test('contact details stay hidden without consent; Malay labels for a Malay client', async () => {
    const r = makeRecord({ agencyId: 'dbkl', consent: { contact: false } });
    await h.feedback.insertOne(r);
    const strings = cardStrings(cardOf((await h.say('dbkl', `lihat ${r._id.toLowerCase()}`, 'ms-MY'))[0]));
    expect(strings).toContain(`Maklum balas ${r._id}`);
    expect(strings).toContain('Rakyat tidak bersetuju untuk dihubungi.');
    expect(strings).toContain('Tukar status');
    expect(strings.join('\n')).not.toContain('Aminah');
  });

  test('the Open button of the list and a bare reference both open the record', async () => {
    const r = makeRecord({ agencyId: 'dbkl' });
    await h.feedback.insertOne(r);
    const viaButton = cardOf((await h.say('dbkl', { value: { verb: 'open', reference: r._id } }))[0]);
    const viaText = cardOf((await h.say('dbkl', r._id.replace(/-/g, ' ')))[0]);
    expect(cardStrings(viaButton)).toContain(`Feedback ${r._id}`);
    expect(viaText).toEqual(viaButton);
  });

  test('a malformed reference and a missing one get clear messages', async () => {
    expect((await h.say('dbkl', 'show SRA-1234-0000'))[0]?.text).toBe(
      '“SRA-1234-0000” is not a valid reference. References look like SRA-ABCD-EFGH.',
    );
    expect((await h.say('dbkl', 'lihat', 'ms-MY'))[0]?.text).toBe(
      'Sila berikan nombor rujukan, contohnya: SRA-ABCD-EFGH',
    );
  });
});

describe('status', () => {
  test('a typed status change goes through the status service, with the note and who did it, and is audited', async () => {
    const r = makeRecord({ agencyId: 'dbkl' });
    await h.feedback.insertOne(r);
    const [reply] = await h.say('dbkl', `status ${r._id} in progress Team dispatched to Jalan Ampang`);
    expect(reply?.text).toBe(`${r._id} is now “In progress”.`);
    const after = await h.feedback.findOne({ _id: r._id });
    expect(after?.status).toBe('in_progress');
    const staff = await h.db.collection('staff').findOne({ email: USERS.dbkl.email });
    expect(after?.statusHistory.at(-1)).toMatchObject({
      status: 'in_progress',
      note: 'Team dispatched to Jalan Ampang',
      by: `staff:${staff?._id}`,
    });
    const audit = await new AuditLog(h.db).forReference(r._id);
    expect(audit).toMatchObject([
      {
        action: 'status',
        staffId: staff?._id,
        agencyId: 'dbkl',
        detail: { status: 'in_progress', via: 'teams' },
      },
    ]);
  });

  test('the card form (setStatus) changes the status; Malay confirmation', async () => {
    const r = makeRecord({ agencyId: 'dbkl' });
    await h.feedback.insertOne(r);
    const [reply] = await h.say(
      'dbkl',
      { value: { verb: 'setStatus', reference: r._id, status: 'resolved', note: '' } },
      'ms-MY',
    );
    expect(reply?.text).toBe(`Status ${r._id} kini “Selesai”.`);
    expect((await h.feedback.findOne({ _id: r._id }))?.status).toBe('resolved');
  });

  test('repeating the current status without a note changes nothing', async () => {
    const r = makeRecord({ agencyId: 'dbkl', status: 'acknowledged' });
    await h.feedback.insertOne(r);
    const [reply] = await h.say('dbkl', `status ${r._id} acknowledged`);
    expect(reply?.text).toBe(`${r._id} already has the status “Acknowledged”.`);
    expect((await h.feedback.findOne({ _id: r._id }))?.statusHistory).toHaveLength(2);
  });

  test('statuses staff may not set, unknown ones and a missing one are refused politely', async () => {
    const r = makeRecord({ agencyId: 'dbkl' });
    await h.feedback.insertOne(r);
    const sent = (await h.say('dbkl', `status ${r._id} received`))[0]?.text;
    expect(sent).toMatch(
      /^Please choose one of these statuses: acknowledged \(Acknowledged\), in_progress \(In progress\)/,
    );
    expect((await h.say('dbkl', `status ${r._id} banana`))[0]?.text).toBe(sent);
    expect(
      (await h.say('dbkl', { value: { verb: 'setStatus', reference: r._id, status: 'sent' } }))[0]?.text,
    ).toBe(sent);
    expect((await h.say('dbkl', `status ${r._id}`, 'ms-MY'))[0]?.text).toBe(
      `Sila berikan status baharu, contohnya: status ${r._id} in_progress`,
    );
    expect((await h.feedback.findOne({ _id: r._id }))?.status).toBe('sent');
  });

  test('a note over the limit is refused', async () => {
    const r = makeRecord({ agencyId: 'dbkl' });
    await h.feedback.insertOne(r);
    const [reply] = await h.say('dbkl', `status ${r._id} resolved ${'x'.repeat(2001)}`);
    expect(reply?.text).toBe('That is too long. Please keep it under 2000 characters.');
    expect((await h.feedback.findOne({ _id: r._id }))?.status).toBe('sent');
  });
});

describe('reply / balas', () => {
  test('a typed reply reaches the record and the audit log', async () => {
    const r = makeRecord({ agencyId: 'dbkl' });
    await h.feedback.insertOne(r);
    const [reply] = await h.say(
      'dbkl',
      `reply ${r._id} Thank you, our team will inspect the drain on Monday.`,
    );
    expect(reply?.text).toBe(`Your reply about ${r._id} has been sent to the citizen.`);
    const after = (await h.feedback.findOne({ _id: r._id })) as unknown as {
      replies: { text: string; by: string }[];
    };
    expect(after.replies).toMatchObject([{ text: 'Thank you, our team will inspect the drain on Monday.' }]);
    expect(after.replies[0]!.by).toMatch(/^staff:stf_/);
    expect(await new AuditLog(h.db).forReference(r._id)).toMatchObject([
      { action: 'reply', detail: { via: 'teams' } },
    ]);
  });

  test('balas from the card form, in Malay; an empty reply is refused', async () => {
    const r = makeRecord({ agencyId: 'dbkl' });
    await h.feedback.insertOne(r);
    const [ok] = await h.say(
      'dbkl',
      { value: { verb: 'reply', reference: r._id, reply: 'Terima kasih atas aduan anda.' } },
      'ms-MY',
    );
    expect(ok?.text).toBe(`Balasan anda tentang ${r._id} telah dihantar kepada rakyat.`);
    const [empty] = await h.say('dbkl', `balas ${r._id}`, 'ms-MY');
    expect(empty?.text).toMatch(/^Sila tulis mesej yang hendak dihantar, contohnya: balas SRA-/);
    const after = (await h.feedback.findOne({ _id: r._id })) as unknown as { replies: unknown[] };
    expect(after.replies).toHaveLength(1);
  });
});

describe('help and anything else', () => {
  test('help / bantuan name the staff member, the agency and every command', async () => {
    const [en] = await h.say('dbkl', 'help');
    expect(en?.text).toContain(`You are signed in as ${USERS.dbkl.email} for ${agencyName('dbkl', 'en')}.`);
    expect(en?.text).toContain('**status** SRA-ABCD-EFGH in_progress [note]');
    const [ms] = await h.say('dbkl', 'bantuan', 'ms-MY');
    expect(ms?.text).toContain('**balas** SRA-ABCD-EFGH mesej anda');
    const [admin] = await h.say('admin', 'help');
    expect(admin?.text).toContain('for all agencies.');
  });

  test('an unknown command and an unknown card verb point to help', async () => {
    expect((await h.say('dbkl', 'hello there'))[0]?.text).toBe(
      'Sorry, I did not understand that. Type **help** to see the commands.',
    );
    expect((await h.say('dbkl', { value: { verb: 'setStatus' } }, 'ms-MY'))[0]?.text).toBe(
      'Maaf, saya tidak faham. Taip **bantuan** untuk melihat senarai arahan.',
    );
  });
});
