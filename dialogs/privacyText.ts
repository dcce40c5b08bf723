/** The privacy dialog's long messages: what Suara holds about a citizen, and what erasure did and kept. */
import type { Language } from '../services/feedback/types';
import { formatDay } from '../services/i18n/dates';
import type { CitizenSummary, ErasureReport } from '../services/privacy/types';
import type { Translate } from '../services/i18n';

/** Items listed in the chat; the rest are counted (the file has them all). */
const MAX_LISTED = 10;

function itemLines(t: Translate, lang: Language, s: CitizenSummary): string[] {
  if (s.items.length === 0) return [t(lang, 'privacy:summary.noItems')];
  const lines = [t(lang, 'privacy:summary.items', { count: s.items.length })];
  for (const i of s.items.slice(0, MAX_LISTED)) {
    const item = t(lang, 'privacy:summary.item', {
      reference: i.reference,
      kind: t(lang, `types.${i.type}`),
      status: t(lang, `statuses.${i.status}`),
      date: formatDay(lang, i.createdAt),
    });
    lines.push(`• ${item}`);
  }
  if (s.items.length > MAX_LISTED) {
    lines.push(t(lang, 'privacy:summary.more', { count: s.items.length - MAX_LISTED }));
  }
  return lines;
}

function contactLine(t: Translate, lang: Language, s: CitizenSummary): string {
  if (s.contacts.length === 0) return t(lang, 'privacy:summary.noContacts');
  const list = s.contacts.map((c) => [c.name, c.phone, c.email].filter(Boolean).join(', ')).join('; ');
  return t(lang, 'privacy:summary.contacts', { list });
}

function consultationLines(t: Translate, lang: Language, s: CitizenSummary): string[] {
  if (s.consultations.length === 0) return [];
  return [
    t(lang, 'privacy:summary.consultations', { count: s.consultations.length }),
    ...s.consultations.map(
      (c) =>
        `• ${t(lang, 'privacy:summary.consultation', {
          title: c.title?.[lang] ?? c.consultationId,
          answers: c.answers,
          date: formatDay(lang, c.at),
        })}`,
    ),
  ];
}

function retentionLines(t: Translate, lang: Language, s: CitizenSummary): string[] {
  const r = s.retention;
  return [
    t(lang, 'privacy:retention.title'),
    `• ${t(lang, 'privacy:retention.feedback')}`,
    `• ${t(lang, 'privacy:retention.consultations')}`,
    `• ${t(lang, 'privacy:retention.transcripts', { days: r.transcriptDays })}`,
    `• ${t(lang, 'privacy:retention.webChat', { days: r.webChatDays })}`,
    `• ${t(lang, 'privacy:retention.telegram', { days: r.telegramButtonDays })}`,
  ];
}

/** "This is what Suara holds about you": items, masked contacts, answers, support, conversations, retention. */
export function summaryText(t: Translate, lang: Language, s: CitizenSummary): string {
  const lines = [t(lang, 'privacy:summary.title'), ...itemLines(t, lang, s), contactLine(t, lang, s)];
  lines.push(...consultationLines(t, lang, s));
  if (s.supported.length > 0) {
    const list = s.supported.map((x) => x.reference).join(', ');
    lines.push(t(lang, 'privacy:summary.supported', { count: s.supported.length, list }));
  }
  lines.push(t(lang, 'privacy:summary.conversations', { count: s.conversations, messages: s.messages }));
  if (s.photos > 0) lines.push(t(lang, 'privacy:summary.photos', { count: s.photos }));
  lines.push('', ...retentionLines(t, lang, s));
  return lines.join('\n');
}

/** "Done": what was erased, then what was kept and why. */
export function erasureText(t: Translate, lang: Language, r: ErasureReport): string {
  const lines = [
    t(lang, 'privacy:erased.done'),
    t(lang, 'privacy:erased.what', {
      items: r.items.length,
      consultations: r.consultationAnswers,
      messages: r.transcriptMessages + r.webChatMessages,
      other: r.otherRecords + r.photos,
    }),
  ];
  if (r.supportersRemoved > 0)
    lines.push(t(lang, 'privacy:erased.supporters', { count: r.supportersRemoved }));
  lines.push('', t(lang, 'privacy:kept.title'));
  const open = r.items.filter((i) => i.open).map((i) => i.reference);
  const finished = r.items.filter((i) => !i.open).map((i) => i.reference);
  if (open.length > 0) lines.push(`• ${t(lang, 'privacy:kept.open', { references: open.join(', ') })}`);
  if (finished.length > 0) {
    lines.push(`• ${t(lang, 'privacy:kept.finished', { references: finished.join(', ') })}`);
  }
  const delivered = r.items.filter((i) => i.deliveredToAgency).length;
  if (delivered > 0) lines.push(`• ${t(lang, 'privacy:kept.agency', { count: delivered })}`);
  if (r.telegramPhotos) lines.push(`• ${t(lang, 'privacy:kept.telegram')}`);
  lines.push(`• ${t(lang, 'privacy:kept.language')}`);
  lines.push(`• ${t(lang, 'privacy:kept.fromNow', { days: r.retention.transcriptDays })}`);
  return lines.join('\n');
}
