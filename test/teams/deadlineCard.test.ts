/** The Teams cards show a record's deadline: due dates with where they stand, and an overdue flag, in both languages. */
import { detailCard, listCard, shareCard } from '../../bots/channels/teams/cards';
import { createDeadlines } from '../../services/deadlines';
import { createLocalizer } from '../../services/i18n';
import { deadlineOfWith } from '../../services/staff/deadlineView';
import { toDetail, toSummary } from '../../services/staff/feedbackView';
import { makeRecord } from '../support/records';

describe('Teams deadline on the card', () => {
  const { t } = createLocalizer();
  const deadlineOf = deadlineOfWith(createDeadlines(), (id) => ({ id, state: 'kul' }));
  const filed = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Kuala Lumpur
  const record = makeRecord({ createdAt: filed, statusHistory: [{ status: 'received', at: filed }] });
  const now = new Date('2026-11-25T01:00:00Z'); // Wednesday 09:00: not acknowledged in time
  const detail = { ...toDetail(record), deadline: deadlineOf(record, now) };

  it('says the item is overdue and when it must be acknowledged and resolved (Malay)', () => {
    const json = JSON.stringify(detailCard({ t, lang: 'ms', agencyName: (id) => id }, detail));
    expect(json).toContain('⚠ Lewat');
    expect(json).toContain('Sahkan penerimaan sebelum');
    expect(json).toContain('Perlu diselesaikan sebelum');
    expect(json).toContain('masih dalam tempoh');
  });

  it('shows the flag in the list and the deadline in a shared card (English)', () => {
    const x = { t, lang: 'en' as const, agencyName: (id: string) => id };
    const summary = { ...toSummary(record), deadline: detail.deadline };
    expect(JSON.stringify(listCard(x, 'Newest', [summary]))).toContain('⚠ Overdue');
    const shared = JSON.stringify(shareCard(x, summary));
    expect(shared).toContain('Acknowledge by');
    expect(shared).toContain('overdue');
  });

  it('shows nothing about deadlines for a record without one', () => {
    const json = JSON.stringify(detailCard({ t, lang: 'en', agencyName: (id) => id }, toDetail(record)));
    expect(json).not.toContain('Acknowledge by');
  });
});
