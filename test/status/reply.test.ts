/** A staff reply is kept on the record and reaches the citizen on their channel, in their language. */
import { Notifier } from '../../services/notifications/notifier';
import type { OutboundMessage, ProactiveChannel } from '../../services/notifications/types';
import { StatusService } from '../../services/status/statusService';
import { FeedbackNotFoundError, FeedbackRepository } from '../../services/feedback/repository';
import { FeedbackService } from '../../services/feedback/service';
import { createLocalizer } from '../../services/i18n';
import { testDb, type TestDb } from '../support/mongo';

/** A real ProactiveChannel that keeps what it was asked to send (the citizen's "phone"). */
class InboxChannel implements ProactiveChannel {
  readonly channelId = 'webchat';
  readonly received: { conversation: unknown; message: OutboundMessage }[] = [];
  async send(reference: Record<string, unknown>, message: OutboundMessage): Promise<void> {
    this.received.push({ conversation: (reference.conversation as { id: string }).id, message });
  }
}

let t: TestDb;
let repo: FeedbackRepository;
let files: FeedbackService;

beforeAll(async () => {
  t = await testDb('reply');
  repo = new FeedbackRepository(t.db);
  await repo.ensureIndexes();
  files = new FeedbackService(repo, () => ({ agencyId: 'dbkl', reason: 'local_authority' }), 'salt');
});
afterAll(async () => t.close());

test('a DBKL reply is stored and sent to the citizen in Malay; another agency cannot reply to it', async () => {
  const inbox = new InboxChannel();
  const l10n = createLocalizer();
  const notifier = new Notifier({
    feedback: repo,
    t: l10n.t,
    agencyName: async (id, lang) =>
      id === 'dbkl' ? (lang === 'ms' ? 'Dewan Bandaraya Kuala Lumpur' : 'Kuala Lumpur City Hall') : undefined,
  });
  notifier.register(inbox);
  const status = new StatusService(repo, notifier);
  const { reference } = await files.file({
    type: 'complaint',
    category: 'drainage',
    text: 'Longkang tersumbat',
    language: 'ms',
    channel: { channelId: 'webchat', conversationReference: { conversation: { id: 'dl-1' } } },
    citizenKey: 'k1',
    anonymous: true,
  });

  await expect(
    status.reply({
      reference,
      text: 'Pasukan kami akan datang esok.',
      by: 'staff:1',
      agencyId: 'mbpj',
    }),
  ).rejects.toBeInstanceOf(FeedbackNotFoundError);
  expect(
    await status.reply({
      reference,
      text: 'Pasukan kami akan datang esok.',
      by: 'staff:1',
      agencyId: 'dbkl',
    }),
  ).toEqual({
    ok: true,
    notified: 'sent',
  });
  expect(inbox.received).toHaveLength(1);
  expect(inbox.received[0]!.conversation).toBe('dl-1');
  expect(inbox.received[0]!.message.text).toMatch(/Balasan daripada Dewan Bandaraya Kuala Lumpur/);
  expect(inbox.received[0]!.message.text).toMatch(/Pasukan kami akan datang esok/);
  expect((await repo.get(reference))?.replies).toEqual([
    expect.objectContaining({ text: 'Pasukan kami akan datang esok.', by: 'staff:1' }),
  ]);
});

test('erasing my data also removes staff replies on my items', async () => {
  const key = files.citizenKey('webchat', 'erase-replies');
  const { reference } = await files.file({
    type: 'complaint',
    category: 'drainage',
    text: 'Longkang depan rumah Siti Aminah di Jalan Kenari 7 tersumbat',
    language: 'ms',
    channel: { channelId: 'webchat', conversationReference: { conversation: { id: 'dl-erase-7' } } },
    citizenKey: key,
    anonymous: false,
    contact: { name: 'Siti Aminah', phone: '+60129876543', email: 'siti.aminah@example.my' },
    sourceKey: 'webchat:dl-erase-7:activity-3',
  });
  const status = new StatusService(repo);
  const replied = await status.reply({
    reference,
    text: 'Puan Siti Aminah, kami akan hubungi +60129876543 esok.',
    by: 'staff:1',
    agencyId: 'dbkl',
  });
  expect(replied.ok).toBe(true);

  expect(await repo.eraseCitizen(key)).toBe(1);

  // Scan the whole stored document, not just the fields erasure knows about.
  const stored = JSON.stringify(await t.db.collection('feedback').findOne({ _id: reference as never }));
  for (const personal of [
    'Siti',
    'Aminah',
    'Jalan Kenari',
    '+60129876543',
    'siti.aminah@example.my',
    'dl-erase-7',
  ]) {
    expect(stored).not.toContain(personal);
  }
  const after = await repo.get(reference);
  expect(after?.replies ?? []).toEqual([]);
  expect(after?.category).toBe('drainage');
  expect(after?.statusHistory.length).toBeGreaterThanOrEqual(1);
});
