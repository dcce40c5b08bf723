/** Widget UI strings: both languages' locales/<lang>/widget.json are embedded at build time. */
import en from '../../locales/en/widget.json';
import ms from '../../locales/ms/widget.json';

/** The widget's two languages. */
export type Lang = 'en' | 'ms';

const all = { en, ms } as const;

/** Look up a dotted key in a language and fill `{{name}}` placeholders. */
export function t(lang: Lang, key: string, vars: Record<string, string> = {}): string {
  let v: unknown = all[lang];
  for (const part of key.split('.')) v = (v as Record<string, unknown> | undefined)?.[part];
  return typeof v === 'string' ? v.replace(/\{\{(\w+)\}\}/g, (_, n: string) => vars[n] ?? '') : key;
}

/** Normalise a language tag to 'en' or 'ms' (default 'ms'). */
export function toLang(tag: string | null | undefined, fallback: Lang = 'ms'): Lang {
  if (!tag) return fallback;
  const lower = tag.toLowerCase();
  if (lower.startsWith('en')) return 'en';
  if (lower.startsWith('ms') || lower === 'bm' || lower.startsWith('zsm')) return 'ms';
  return fallback;
}
