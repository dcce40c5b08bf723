/** Our categories as Open311 services, and the service definition (attributes) integrators can send. */
import { CATEGORY_IDS, type CategoryId } from '../agencies/types';
import { FEEDBACK_TYPES, type Language } from '../feedback/types';
import type { Translate } from '../i18n';

/** GeoReport v2 `services` entry. */
export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

/** True when `code` is one of our categories. */
export function isServiceCode(code: string | null | undefined): code is CategoryId {
  return !!code && (CATEGORY_IDS as readonly string[]).includes(code);
}

/** The list of services in a language (names from the `categories` namespace). */
export function services(t: Translate, lng: Language): Open311Service[] {
  return CATEGORY_IDS.map((id) => ({
    service_code: id,
    service_name: t(lng, `categories:${id}.label`),
    description: t(lng, `categories:${id}.description`),
    metadata: true,
    type: 'realtime',
    keywords: id,
    group: 'suara',
  }));
}

/** GeoReport v2 service definition: two optional attributes, the kind of feedback and the citizen's language. */
export function serviceDefinition(code: CategoryId) {
  return {
    service_code: code,
    attributes: [
      {
        variable: true,
        code: 'feedback_type',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'complaint (default), suggestion, compliment or question',
        order: 1,
        description: 'Kind of feedback',
        values: FEEDBACK_TYPES.map((f) => ({ key: f, name: f })),
      },
      {
        variable: true,
        code: 'language',
        datatype: 'singlevaluelist',
        required: false,
        datatype_description: 'Language for replies to the reporter: ms or en',
        order: 2,
        description: 'Language',
        values: [
          { key: 'ms', name: 'Bahasa Melayu' },
          { key: 'en', name: 'English' },
        ],
      },
    ],
  };
}
