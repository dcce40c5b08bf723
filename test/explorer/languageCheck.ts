/**
 * Which language a bot message is written in, judged against the locale files: a message is in language L when it
 * contains a fragment that only L's strings have, and no fragment that only the other language's strings have.
 * Fragments are the static parts of every string (split at `{{placeholders}}` and line breaks).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAgencies } from '../../services/agencies/directory';
import { loadResources } from '../../services/i18n';
import type { Language } from '../../services/feedback/types';

/** Namespaces the bot speaks from (the widget, dashboard and Teams strings never reach a citizen's chat). */
const CHAT_NAMESPACES = [
  'common',
  'categories',
  'categoryGroups',
  'consultation',
  'notifications',
  'telegram',
  'routing',
  'privacy',
  'metoo',
];
const MIN_FRAGMENT = 10;

function leaves(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) leaves(v, out);
  return out;
}

function fragments(text: string): string[] {
  return text
    .split(/\{\{[^}]*\}\}|\n|•/)
    .map((f) => f.trim().toLowerCase())
    .filter((f) => f.length >= MIN_FRAGMENT);
}

/** Fragments of each language's strings that the other language's strings do not contain. */
export interface LanguageIndex {
  distinctive: Record<Language, string[]>;
  /** Every string of a language (for mapping a button label to its translation). */
  strings: Record<Language, string[]>;
  /** Button label in one language → the same key's text in the other. */
  translation: Record<Language, Map<string, string>>;
}

function flatKeys(value: unknown, prefix: string, out: Map<string, string>): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) flatKeys(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** Bilingual `{en, ms}` texts in data (consultations, the directory's body names). */
function bilingual(value: unknown, out: Record<Language, string[]>): void {
  if (!value || typeof value !== 'object') return;
  const o = value as Record<string, unknown>;
  if (typeof o.en === 'string' && typeof o.ms === 'string') {
    out.en.push(o.en);
    out.ms.push(o.ms);
    return;
  }
  for (const v of Object.values(o)) bilingual(v, out);
}

/** Build the index from the locale files (and the bilingual data files the bot quotes). */
export function buildLanguageIndex(): LanguageIndex {
  const res = loadResources();
  const data: Record<Language, string[]> = { en: [], ms: [] };
  bilingual(
    JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'consultations.json'), 'utf8')),
    data,
  );
  bilingual(loadAgencies(), data);
  const strings = {} as Record<Language, string[]>;
  const keyed = {} as Record<Language, Map<string, string>>;
  for (const lang of ['en', 'ms'] as const) {
    strings[lang] = [...CHAT_NAMESPACES.flatMap((ns) => leaves(res[lang]?.[ns], [])), ...data[lang]];
    keyed[lang] = new Map();
    for (const ns of CHAT_NAMESPACES) flatKeys(res[lang]?.[ns], ns, keyed[lang]);
  }
  const lower = { en: strings.en.join('\n').toLowerCase(), ms: strings.ms.join('\n').toLowerCase() };
  const distinctive = {} as Record<Language, string[]>;
  for (const lang of ['en', 'ms'] as const) {
    const other = lang === 'en' ? 'ms' : 'en';
    const own = new Set(strings[lang].flatMap(fragments));
    distinctive[lang] = [...own].filter((f) => !lower[other].includes(f));
  }
  const translation = { en: new Map<string, string>(), ms: new Map<string, string>() };
  for (const [key, en] of keyed.en) {
    const ms = keyed.ms.get(key);
    if (!ms || ms === en) continue;
    translation.en.set(en, ms);
    translation.ms.set(ms, en);
  }
  return { distinctive, strings, translation };
}

/** Why a message is not in `lang`, or null when it is. `foreign` are texts not from the locale files (typed by people). */
export function languageProblem(
  index: LanguageIndex,
  text: string,
  lang: Language,
  foreign: Iterable<string>,
): string | null {
  let body = text.toLowerCase();
  for (const f of foreign) if (f.trim().length >= 8) body = body.split(f.trim().toLowerCase()).join(' ');
  const other = lang === 'en' ? 'ms' : 'en';
  const wrong = index.distinctive[other].find((f) => body.includes(f));
  if (wrong) return `contains "${wrong}" from the ${other} strings`;
  if (!index.distinctive[lang].some((f) => body.includes(f)))
    return `contains nothing from the ${lang} strings`;
  return null;
}
