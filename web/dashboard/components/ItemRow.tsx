/** One inbox row: reference, status, type and category, date, deadline flag; then the excerpt and the details line. */
import { agencyName, categoryName, formatDate, t, tCount } from '../i18n';
import { itemHref } from '../router';
import type { Summary } from '../types';
import { DeadlineBadge, nextDue, stillDue } from './Deadline';

/** A row of the list (the whole row is one link). */
export function ItemRow({ item, admin }: { item: Summary; admin: boolean }) {
  const extra: string[] = [];
  if (admin) extra.push(agencyName(item.agencyId));
  if (item.place) extra.push(item.place);
  if (stillDue(item.deadline)) extra.push(nextDue(item.deadline));
  if (item.assignee !== undefined)
    extra.push(item.assignee ? t('ui.list.assignedTo', { name: item.assignee.name }) : t('ui.list.nobody'));
  if (item.supporters) extra.push(tCount('ui.supporters', item.supporters));
  return (
    <li>
      <a class="item" href={itemHref(item.reference)} data-ref={item.reference}>
        <span class="item-top">
          <span class="ref">{item.reference}</span>
          <span class={`badge s-${item.status}`}>{t(`status.${item.status}`)}</span>
          <span>
            {t(`type.${item.type}`)} · {categoryName(item.category)}
          </span>
          <span class="muted">{formatDate(item.createdAt)}</span>
          <DeadlineBadge deadline={item.deadline} />
        </span>
        <p class="excerpt">{item.excerpt}</p>
        {extra.length ? <p class="muted excerpt">{extra.join(' · ')}</p> : null}
      </a>
    </li>
  );
}
