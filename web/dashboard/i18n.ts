/**
 * Strings and dates for every dashboard view. `t('list.heading')` reads the `dashboard` namespace, `t('reports:x')`
 * another one the page embeds; missing keys fall back to English, then to the key. `useLang()` re-renders a
 * component when the language changes.
 */
import { useEffect, useState } from 'preact/hooks';
import { pageData, type Lang } from './data';

export type { Lang } from './data';

const STORE_KEY = 'suara.dashboard.lang';
const listeners = new Set<(l: Lang) => void>();
let current: Lang | undefined;

function storedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(STORE_KEY);
    return v === 'en' || v === 'ms' ? v : null;
  } catch {
    return null;
  }
}

/** The current language (the one the staff member chose last, else the page's). */
export function lang(): Lang {
  current ??= storedLang() ?? pageData().lang ?? 'en';
  return current;
}

/** The other language (for the switch button). */
export function otherLang(): Lang {
  return lang() === 'ms' ? 'en' : 'ms';
}

/** Switch language: remembered in this browser, `<html lang>` and the title follow, subscribers re-render. */
export function setLang(next: Lang): void {
  current = next;
  try {
    window.localStorage.setItem(STORE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = next;
  document.title = t('title');
  for (const fn of listeners) fn(next);
}

/** Call `fn` whenever the language changes; returns the unsubscribe function. */
export function onLangChange(fn: (l: Lang) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Preact hook: the current language; the component re-renders when it changes. */
export function useLang(): Lang {
  const [l, setL] = useState(lang());
  useEffect(() => onLangChange(setL), []);
  return l;
}

function lookup(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined),
      obj,
    );
}

function raw(l: Lang, ns: string, key: string): string | undefined {
  const v = lookup((pageData().strings?.[l] as unknown as Record<string, unknown> | undefined)?.[ns], key);
  return typeof v === 'string' ? v : undefined;
}

/** True when the key has a string in some language. */
export function hasKey(key: string): boolean {
  const [ns, k] = split(key);
  return raw(lang(), ns, k) !== undefined || raw('en', ns, k) !== undefined;
}

function split(key: string): [string, string] {
  const i = key.indexOf(':');
  return i > 0 ? [key.slice(0, i), key.slice(i + 1)] : ['dashboard', key];
}

/** Variables for `{{name}}` placeholders. */
export type Vars = Record<string, string | number | undefined>;

/** A string in the current language with `{{placeholders}}` filled ("ns:key" for another namespace). */
export function t(key: string, vars?: Vars): string {
  const [ns, k] = split(key);
  const s = raw(lang(), ns, k) ?? raw('en', ns, k);
  if (s === undefined) return key;
  return s.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) =>
    vars && vars[name] !== undefined ? String(vars[name]) : '',
  );
}

/** A counted string: `key_one` for 1, else `key_other`, with `{{count}}`. */
export function tCount(key: string, count: number, vars?: Vars): string {
  return t(`${key}${count === 1 ? '_one' : '_other'}`, { ...vars, count: formatNumber(count) });
}

/** A category's label in the current language. */
export function categoryName(id: string): string {
  return pageData().strings?.[lang()]?.categories?.[id] ?? id;
}

/** A body's name in the current language (the id when unknown). */
export function agencyName(id: string | null | undefined): string {
  if (!id) return t('list.unassigned');
  return pageData().agencies.find((a) => a.id === id)?.name[lang()] ?? id;
}

/** A number in the current language's style. */
export function formatNumber(n: number): string {
  return new Intl.NumberFormat(lang() === 'ms' ? 'ms-MY' : 'en-MY').format(n);
}

/** A date (and time unless `dateOnly`) in Malaysian time, in the current language. */
export function formatDate(value: string | number | Date | null | undefined, dateOnly = false): string {
  if (value === null || value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(lang() === 'ms' ? 'ms-MY' : 'en-MY', {
    dateStyle: 'medium',
    ...(dateOnly ? {} : { timeStyle: 'short' }),
    timeZone: 'Asia/Kuala_Lumpur',
  }).format(d);
}
