/** Dates as Malaysians read them, in Malaysia's time zone, for citizens and staff alike. */
import type { Language } from '../feedback/types';

/** Building an Intl.DateTimeFormat costs ~1 ms; build one per language and reuse it. */
const dateTimeFormats = new Map<Language, Intl.DateTimeFormat>();

/** e.g. "24 Nov 2026, 4:40 PG" (ms) or "24 Nov 2026, 4:40 am" (en). */
export function formatDate(lang: Language, at: Date): string {
  let f = dateTimeFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ms' ? 'ms-MY' : 'en-MY', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Kuala_Lumpur',
    });
    dateTimeFormats.set(lang, f);
  }
  return f.format(new Date(at));
}

const dayFormats = new Map<Language, Intl.DateTimeFormat>();

/** A calendar day, e.g. "31 Disember 2027" (ms) or "31 December 2027" (en). */
export function formatDay(lang: Language, at: Date): string {
  let f = dayFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'ms' ? 'ms-MY' : 'en-MY', {
      dateStyle: 'long',
      timeZone: 'Asia/Kuala_Lumpur',
    });
    dayFormats.set(lang, f);
  }
  return f.format(new Date(at));
}
