/** Dates as Malaysians read them, in Malaysia's time zone, for citizens and staff alike. */
import type { Language } from '../feedback/types';

/**
 * A formatter per language for one style, built on first use: building an Intl.DateTimeFormat costs ~1 ms, so each
 * is built once and reused.
 */
function formatterPerLanguage(style: Intl.DateTimeFormatOptions): (lang: Language) => Intl.DateTimeFormat {
  const built = new Map<Language, Intl.DateTimeFormat>();
  return (lang) => {
    let f = built.get(lang);
    if (!f) {
      f = new Intl.DateTimeFormat(lang === 'ms' ? 'ms-MY' : 'en-MY', {
        ...style,
        timeZone: 'Asia/Kuala_Lumpur',
      });
      built.set(lang, f);
    }
    return f;
  };
}

const dateTime = formatterPerLanguage({ dateStyle: 'medium', timeStyle: 'short' });
const day = formatterPerLanguage({ dateStyle: 'long' });

/** e.g. "24 Nov 2026, 4:40 PG" (ms) or "24 Nov 2026, 4:40 am" (en). */
export function formatDate(lang: Language, at: Date): string {
  return dateTime(lang).format(new Date(at));
}

/** A calendar day, e.g. "31 Disember 2027" (ms) or "31 December 2027" (en). */
export function formatDay(lang: Language, at: Date): string {
  return day(lang).format(new Date(at));
}
