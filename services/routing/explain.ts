/** A routing decision in plain words, one line, in the citizen's language (locale namespace "routing"). */
import type { CategoryId } from '../agencies/types';
import type { Language } from '../feedback/types';
import type { Translate } from '../i18n';
import type { RouteWhy } from './router';

/**
 * "Akan dihantar kepada Majlis Bandaraya Pulau Pinang — lampu jalan ialah urusan majlis tempatan di Georgetown."
 * With no body: says so (staff will forward it).
 */
export function explainRoute(
  t: Translate,
  lang: Language,
  decision: { agencyId: string | null; why: RouteWhy },
  agencyName: string | null,
  category: CategoryId,
): string {
  const label = t(lang, `categories:${category}.label`);
  const cat = label.charAt(0).toLowerCase() + label.slice(1);
  const why = decision.why;
  const rule = t(lang, why.ruleKey, { category: cat });
  // A pin's own words are coordinates: name the place we matched it to instead.
  const pinned = why.how === 'pin' || why.how === 'nearestSeat';
  const place = why.place ? (pinned ? why.place.name : why.place.text || why.place.name) : '';
  const how =
    why.how && why.how !== 'placeName'
      ? t(lang, `routing:how.${why.how}`, { name: why.place?.name ?? '' })
      : '';
  const where = place ? t(lang, 'routing:where', { place, how: how ? ` ${how}` : '' }) : '';
  if (!decision.agencyId || !agencyName) return t(lang, 'routing:line.none');
  return t(lang, 'routing:line.to', { agency: agencyName, rule, where });
}
