/** Deadline pieces shared by the list and the item: the overdue / due-soon badge and "acknowledge by …". */
import { formatDate, t } from '../i18n';
import type { Deadline } from '../types';

/** The badge of a flagged deadline (nothing when on time). */
export function DeadlineBadge({ deadline }: { deadline?: Deadline | undefined }) {
  if (!deadline?.flag) return null;
  return <span class={`badge d-${deadline.flag}`}>{t(`deadline.${deadline.flag}`)}</span>;
}

/** The deadline that matters now: to acknowledge until that is done, then to resolve. */
export function nextDue(d: Deadline): string {
  const ackOpen = d.acknowledge === 'open' || d.acknowledge === 'dueSoon' || d.acknowledge === 'overdue';
  return ackOpen
    ? t('deadline.acknowledgeDue', { at: formatDate(d.acknowledgeBy) })
    : t('deadline.resolveDue', { at: formatDate(d.resolveBy) });
}

/** True while the item still has a deadline to meet. */
export function stillDue(d: Deadline | undefined): d is Deadline {
  return !!d && d.resolve !== 'met' && d.resolve !== 'missed';
}
