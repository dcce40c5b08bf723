/** Direct Line-style HTTP errors (`{ error: { code, message } }`) with localized messages from widget.json. */
import en from '../../../locales/en/widget.json';
import ms from '../../../locales/ms/widget.json';

/** Keys of `errors.*` in locales/<lang>/widget.json. */
export type ErrorKey = keyof typeof en.errors;

/** A request the web chat endpoint refuses; `code` is the stable Direct Line-style code sent to the client. */
export class DirectLineHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: ErrorKey,
    readonly vars: Record<string, string> = {},
    /** Extra response headers (e.g. Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${en.errors[key]}`);
    this.name = 'DirectLineHttpError';
  }
}

/** Pick 'ms' or 'en' from an Accept-Language header (ms/ms-MY/zsm first wins; default en). */
export function languageFromHeader(header: string | undefined): 'en' | 'ms' {
  if (!header) return 'en';
  for (const part of header.split(',')) {
    const tag = part.trim().split(';')[0].toLowerCase();
    if (tag.startsWith('ms') || tag === 'zsm') return 'ms';
    if (tag.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The localized message for an error. */
export function errorMessage(err: DirectLineHttpError, lang: 'en' | 'ms'): string {
  const template = (lang === 'ms' ? ms : en).errors[err.key];
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => err.vars[name] ?? '');
}

/** The JSON body Direct Line clients expect for an error. */
export function errorBody(
  err: DirectLineHttpError,
  lang: 'en' | 'ms',
): { error: { code: string; message: string } } {
  return { error: { code: err.code, message: errorMessage(err, lang) } };
}
