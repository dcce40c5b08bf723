/** Agency directory types shared by routing, delivery and the staff tools. Plain data: no I/O here. */

/** Stable category ids (issue "Routing"; sewerage … telecoms added in issue "Nationwide reach"). */
export const CATEGORY_IDS = [
  'roads',
  'drainage',
  'waste',
  'streetlights',
  'parks',
  'animals',
  'noise',
  'parking',
  'licensing',
  'health',
  'education',
  'employment',
  'welfare',
  'water',
  'environment',
  'energy',
  'housing',
  'trade',
  'sewerage',
  'identity',
  'transport',
  'safety',
  'immigration',
  'wildlife',
  'telecoms',
  'other',
] as const;

/** One of the stable category ids. */
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** Government level of an agency. */
export type AgencyLevel = 'federal' | 'state' | 'local';

/**
 * Where an agency receives feedback. Secrets are named by environment variable, never stored.
 * `inbox` (the default for a body with no integration) = the body's own Suara inbox, read in the staff dashboard;
 * `none` is an older name for the same thing. `email` sends a bilingual message over SMTP (services/delivery).
 */
export type DeliveryEndpoint =
  | { kind: 'webhook'; url: string; secretEnv: string }
  | {
      kind: 'email';
      /** Addresses the message goes to (at least one). */
      to: string[];
      cc?: string[];
      /** Which language comes first in the message (both are always there); default Malay. */
      language?: 'ms' | 'en';
    }
  | { kind: 'inbox' }
  | {
      kind: 'open311';
      url: string;
      apiKeyEnv: string;
      jurisdictionId?: string;
      /** Our category id → the agency's Open311 service_code. */
      serviceCodes: Partial<Record<CategoryId, string>>;
    }
  | { kind: 'none' };

/** One agency ("body" in FixMyStreet terms). */
export interface Agency {
  id: string;
  name: { en: string; ms: string };
  shortName?: string;
  level: AgencyLevel;
  categories: CategoryId[];
  /** The directory's kind of body (data/bodies); absent for agencies from an old-style agencies file. */
  kind?: 'ministry' | 'federal_agency' | 'state_office' | 'local_authority' | 'utility';
  /** Home state id (councils, state offices, utilities). */
  state?: string;
  /** Former names and acronyms. */
  aliases?: string[];
  /** Public complaint channel, where known. */
  contact?: { url?: string; email?: string; phone?: string };
  /** Area covered: postcode ranges "50000-60000" or single postcodes, place names, optional GeoJSON polygons. */
  area?: {
    postcodes?: string[];
    postTowns?: string[];
    places?: string[];
    state?: string;
    polygons?: { type: 'Polygon'; coordinates: number[][][] }[];
  };
  eParticipationUrl?: string;
  /** Default endpoint, and per-category overrides (as FixMyStreet contacts). */
  endpoint: DeliveryEndpoint;
  categoryEndpoints?: Partial<Record<CategoryId, DeliveryEndpoint>>;
}
