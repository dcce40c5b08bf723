/** The data the server embeds in the page (`<script type="application/json" id="suara-data">`), read once. */

/** A language the dashboard speaks. */
export type Lang = 'en' | 'ms';

/** One body for the admin's selects. */
export interface AgencyOption {
  id: string;
  name: Record<Lang, string>;
}

/** Strings of one language: the `dashboard` and `reports` namespaces and the category labels. */
export interface LangStrings {
  dashboard: Record<string, unknown>;
  reports?: Record<string, unknown>;
  categories: Record<string, string>;
}

/** Everything the page is given at serve time. */
export interface PageData {
  lang: Lang;
  strings: Record<Lang, LangStrings>;
  /** Every feedback status (filters). */
  statuses: string[];
  /** Statuses staff may set. */
  settable: string[];
  /** Category ids. */
  categories: string[];
  agencies: AgencyOption[];
}

let cached: PageData | undefined;

/** The embedded page data (parsed on first use). */
export function pageData(): PageData {
  if (!cached) {
    const node = document.getElementById('suara-data');
    cached = JSON.parse(node?.textContent ?? '{}') as PageData;
  }
  return cached;
}
