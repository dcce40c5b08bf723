/** The item's facts as a description list: status, type, category, body, dates and deadlines, place, route, delivery. */
import type { ComponentChildren } from 'preact';
import { agencyName, categoryName, formatDate, t, tCount } from '../i18n';
import { itemHref } from '../router';
import type { Detail } from '../types';

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

function DeadlineFact({ label, at, stage }: { label: string; at: string; stage: string }) {
  const text = t('deadline.value', { at: formatDate(at), stage: t(`deadline.stage.${stage}`) });
  const flagged = stage === 'overdue' || stage === 'dueSoon';
  return <Fact label={label}>{flagged ? <span class={`badge d-${stage}`}>{text}</span> : text}</Fact>;
}

function locationText(r: Detail): string {
  const loc: string[] = [];
  if (r.location?.text) loc.push(r.location.text);
  if (r.location?.place && r.location.place !== r.location.text) loc.push(r.location.place);
  if (r.location?.postcode) loc.push(t('detail.postcode', { postcode: r.location.postcode }));
  return loc.join(' · ');
}

function deliveryText(r: Detail): string {
  const via = r.delivery.via ? ` · ${t(`deliveryVia.${r.delivery.via}`)}` : '';
  return t('detail.deliveryValue', {
    state: t(`deliveryState.${r.delivery.state}`) + via,
    attempts: r.delivery.attempts,
  });
}

function Links({ refs }: { refs: string[] }) {
  return (
    <>
      {refs.map((ref, i) => (
        <span key={ref}>
          {i ? ', ' : ''}
          <a href={itemHref(ref)}>{ref}</a>
        </span>
      ))}
    </>
  );
}

/** The facts block. */
export function ItemFacts({ item: r }: { item: Detail }) {
  const where = locationText(r);
  return (
    <dl class="facts card">
      <Fact label={t('detail.status')}>
        <span class={`badge s-${r.status}`}>{t(`status.${r.status}`)}</span>
      </Fact>
      <Fact label={t('detail.type')}>{t(`type.${r.type}`)}</Fact>
      <Fact label={t('detail.category')}>{categoryName(r.category)}</Fact>
      <Fact label={t('detail.agency')}>{agencyName(r.agencyId)}</Fact>
      {r.assignee !== undefined ? (
        <Fact label={t('ui.assign.label')}>{r.assignee ? r.assignee.name : t('ui.list.nobody')}</Fact>
      ) : null}
      <Fact label={t('detail.received')}>{formatDate(r.createdAt)}</Fact>
      {r.deadline ? (
        <DeadlineFact
          label={t('deadline.acknowledgeBy')}
          at={r.deadline.acknowledgeBy}
          stage={r.deadline.acknowledge}
        />
      ) : null}
      {r.deadline ? (
        <DeadlineFact label={t('deadline.resolveBy')} at={r.deadline.resolveBy} stage={r.deadline.resolve} />
      ) : null}
      <Fact label={t('detail.updated')}>{formatDate(r.updatedAt)}</Fact>
      <Fact label={t('detail.language')}>{t(`languages.${r.language}`)}</Fact>
      {where ? <Fact label={t('detail.location')}>{where}</Fact> : null}
      <Fact label={t('ui.detail.why')}>{r.route?.why ?? r.routing?.reason ?? ''}</Fact>
      <Fact label={t('detail.delivery')}>{deliveryText(r)}</Fact>
      {r.supporters ? (
        <Fact label={t('ui.detail.supporters')}>{tCount('ui.supporters', r.supporters)}</Fact>
      ) : null}
      {r.rating ? (
        <Fact label={t('detail.rating')}>{t('detail.ratingValue', { score: r.rating.score })}</Fact>
      ) : null}
      {r.mergedInto ? (
        <Fact label={t('ui.detail.mergedInto')}>
          <Links refs={[r.mergedInto]} />
        </Fact>
      ) : null}
      {r.duplicates?.length ? (
        <Fact label={t('ui.detail.duplicates')}>
          <Links refs={r.duplicates} />
        </Fact>
      ) : null}
    </dl>
  );
}
