/** Dates in exports: Malaysia time (UTC+8, no daylight saving), `YYYY-MM-DD HH:mm`, sortable in a spreadsheet. */

const MYT_MS = 8 * 3_600_000;

/** A moment as Malaysia local time, `YYYY-MM-DD HH:mm`; empty for a missing or invalid date. */
export function formatMalaysian(at: Date | string | undefined | null): string {
  if (!at) return '';
  const ms = new Date(at).getTime();
  if (Number.isNaN(ms)) return '';
  return new Date(ms + MYT_MS).toISOString().slice(0, 16).replace('T', ' ');
}
