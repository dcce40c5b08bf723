/** Numbers, hours, shares, months and times as the open-data page shows them, in either language. */
import type { Language } from '../../../services/feedback/types';
import type { Translate } from '../../../services/i18n';

const locale = (lang: Language) => (lang === 'ms' ? 'ms-MY' : 'en-MY');

/** "5.5 hours" under two days, else "3.2 days"; null when suppressed or unknown. */
export function formatHours(t: Translate, lang: Language, hours: number | null): string | null {
  if (hours === null) return null;
  if (hours < 48) return t(lang, 'reports:units.hours', { n: hours.toFixed(1) });
  return t(lang, 'reports:units.days', { n: (hours / 24).toFixed(1) });
}

/** "87%". */
export function formatShare(t: Translate, lang: Language, share: number | null | undefined): string | null {
  if (share === null || share === undefined) return null;
  return t(lang, 'reports:units.percent', { n: Math.round(share * 100) });
}

/** "Nov 2026" / "Nov 2026" from `2026-11`. */
export function formatMonth(lang: Language, key: string): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, 1)),
  );
}

/** A moment in Malaysian time, e.g. "29 Nov 2026, 14:05". */
export function formatTime(lang: Language, at: Date): string {
  return new Intl.DateTimeFormat(locale(lang), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    timeZone: 'Asia/Kuala_Lumpur',
  }).format(at);
}

/** A count with thousands separators. */
export function formatCount(lang: Language, n: number): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** Text safe inside HTML element content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a <script type="application/json"> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
