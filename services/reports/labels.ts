/** Display names of report keys (categories, bodies, states, statuses) in either language. */
import type { Language } from '../feedback/types';
import type { Translate } from '../i18n';
import { bodyName, type BodyLookup } from './context';

/** Names of the keys a report groups by. */
export interface Labels {
  category(id: string, lang: Language): string;
  body(id: string, lang: Language): string;
  state(id: string, lang: Language): string;
  status(id: string, lang: Language): string;
}

/** Labels from the locale files and the body directory. */
export function createLabels(t: Translate, bodies: BodyLookup): Labels {
  return {
    category: (id, lang) => t(lang, `categories:${id}.label`),
    body: (id, lang) => (id === 'unrouted' ? t(lang, 'reports:unrouted') : bodyName(bodies, id, lang)),
    state: (id, lang) => t(lang, `reports:states.${id}`),
    status: (id, lang) => t(lang, `common:statuses.${id}`),
  };
}
