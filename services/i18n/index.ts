/** i18next over `locales/<lang>/<namespace>.json`. Every user-facing string comes through here. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import i18next, { type i18n, type TOptions } from 'i18next';
import type { Language } from '../feedback/types';

/** Languages we ship; English is the fallback. */
export const LANGUAGES: readonly Language[] = ['en', 'ms'];

/** Directory of the locale files. */
export const LOCALES_DIR = resolve(__dirname, '..', '..', 'locales');

/** Read every namespace of every language from disk (synchronously, once). */
export function loadResources(dir = LOCALES_DIR): Record<string, Record<string, Record<string, unknown>>> {
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const lng of LANGUAGES) {
    resources[lng] = {};
    for (const file of readdirSync(join(dir, lng)).filter((f) => f.endsWith('.json'))) {
      resources[lng][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, lng, file), 'utf8'));
    }
  }
  return resources;
}

/** A translate function bound to nothing: pass the language each time. */
export type Translate = (lng: Language, key: string, vars?: TOptions) => string;

/** Translation helpers built on one i18next instance. */
export interface Localizer {
  t: Translate;
  /** The same key in every language (for recognising button labels typed in either language). */
  all(key: string): string[];
  instance: i18n;
}

/** Create a ready i18next instance (synchronous init; resources are bundled). */
export function createLocalizer(dir = LOCALES_DIR): Localizer {
  const resources = loadResources(dir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'en',
    fallbackLng: 'en',
    ns: Object.keys(resources.en ?? {}),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  // One fixed t per language (getFixedT builds a new function each call) and each key's labels in every language
  // once (the resources never change after start): prompts look these up for every answer they parse.
  const fixed = new Map<string, ReturnType<i18n['getFixedT']>>();
  const fixedT = (lng: string) => {
    let f = fixed.get(lng);
    if (!f) fixed.set(lng, (f = instance.getFixedT(lng)));
    return f;
  };
  const t: Translate = (lng, key, vars) => fixedT(lng)(key, vars ?? {}) as string;
  const labels = new Map<string, string[]>();
  const all = (key: string) => {
    let found = labels.get(key);
    if (!found) labels.set(key, (found = LANGUAGES.map((l) => t(l, key))));
    return found;
  };
  return { t, all, instance };
}
