/** Widget UI strings: both languages' locales/<lang>/widget.json are embedded at build time. */
// Named imports only: esbuild drops the unused top-level keys (the server's `errors`) from the bundle.
import * as en from '../../locales/en/widget.json';
import * as ms from '../../locales/ms/widget.json';

/** The widget's two languages. */
export type Lang = 'en' | 'ms';

/**
 * The widget's own strings: every top-level key of widget.json except the server's `errors`. Each one is read as a
 * static property of the import, so esbuild drops the rest from the bundle.
 */
const all = {
  en: {
    launcher: en.launcher,
    title: en.title,
    subtitle: en.subtitle,
    log: en.log,
    you: en.you,
    bot: en.bot,
    input: en.input,
    send: en.send,
    suggestions: en.suggestions,
    typing: en.typing,
    newMessage: en.newMessage,
    language: en.language,
    location: en.location,
    photo: en.photo,
    reference: en.reference,
    status: en.status,
    notSent: en.notSent,
    retry: en.retry,
    rateLimited: en.rateLimited,
  },
  ms: {
    launcher: ms.launcher,
    title: ms.title,
    subtitle: ms.subtitle,
    log: ms.log,
    you: ms.you,
    bot: ms.bot,
    input: ms.input,
    send: ms.send,
    suggestions: ms.suggestions,
    typing: ms.typing,
    newMessage: ms.newMessage,
    language: ms.language,
    location: ms.location,
    photo: ms.photo,
    reference: ms.reference,
    status: ms.status,
    notSent: ms.notSent,
    retry: ms.retry,
    rateLimited: ms.rateLimited,
  },
} as const;

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
