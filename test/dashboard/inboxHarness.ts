/**
 * The dashboard harness with what inbox tests need: a notifier whose web-chat channel keeps what it sends (the
 * citizens' "phones"), named officers (two at DBKL, one at MBPJ) and records on the web-chat channel.
 */
import { FeedbackRepository } from '../../services/feedback/repository';
import type { FeedbackRecord } from '../../services/feedback/types';
import { createLocalizer } from '../../services/i18n';
import { Notifier } from '../../services/notifications/notifier';
import type { OutboundMessage, ProactiveChannel } from '../../services/notifications/types';
import { createStaffActionService } from '../../services/staff';
import { StatusService } from '../../services/status/statusService';
import { testDb } from '../support/mongo';
import { agencyName, makeRecord, startDashboard, type DashboardHarness } from './harness';

/** A real ProactiveChannel that keeps what it was asked to send, by conversation id. */
export class PhoneChannel implements ProactiveChannel {
  readonly channelId = 'webchat';
  readonly received: { conversation: string; message: OutboundMessage }[] = [];
  async send(reference: Record<string, unknown>, message: OutboundMessage): Promise<void> {
    this.received.push({ conversation: (reference.conversation as { id: string }).id, message });
  }
  /** Texts sent to one conversation. */
  to(conversation: string): OutboundMessage[] {
    return this.received.filter((r) => r.conversation === conversation).map((r) => r.message);
  }
}

/** A running dashboard with a recording channel and named officers. */
export interface InboxHarness extends DashboardHarness {
  phone: PhoneChannel;
  officers: { ahmad: string; siti: string; mbpj: string };
}

/** Start the dashboard whose status changes notify through a recording web-chat channel. */
export async function startInbox(): Promise<InboxHarness> {
  const database = await testDb('inbox');
  const phone = new PhoneChannel();
  const repo = new FeedbackRepository(database.db);
  const notifier = new Notifier({
    feedback: repo,
    t: createLocalizer().t,
    agencyName: async (id, lang) => agencyName(id, lang),
  });
  notifier.register(phone);
  const actions = createStaffActionService(database.db, new StatusService(repo, notifier));
  const h = await startDashboard({ database, actions });
  const staff = h.mounted.services.staff;
  await staff.setName('dbkl@staff.suara.test', 'Ahmad Razak');
  const siti = await staff.add({
    email: 'siti@dbkl.test',
    password: 'siti-password-123',
    agencyId: 'dbkl',
    role: 'staff',
    name: 'Siti Aminah',
  });
  const ahmad = (await staff.findByEmail('dbkl@staff.suara.test'))!._id;
  const mbpj = (await staff.findByEmail('mbpj@staff.suara.test'))!._id;
  return { ...h, phone, officers: { ahmad, siti: siti._id, mbpj } };
}

/** A DBKL record filed through web chat in conversation `conversation`. */
export function webchatRecord(conversation: string, over: Partial<FeedbackRecord> = {}): FeedbackRecord {
  return makeRecord({
    channel: {
      channelId: 'webchat',
      conversationReference: { conversation: { id: conversation }, user: { id: `u-${conversation}` } },
    },
    ...over,
  });
}
