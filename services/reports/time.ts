/** Calendar keys for reports in Malaysian time (UTC+8, no daylight saving): days, ISO weeks and months. */

const MYT_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Midnight Malaysian time at the start of a `YYYY-MM-DD` day, or null when it is not a real day. */
export function dayStartMyt(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const utc = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(utc) || new Date(utc).toISOString().slice(0, 10) !== day) return null;
  return new Date(utc - MYT_MS);
}

/** The day after `day` at midnight Malaysian time (an inclusive "to" day becomes an exclusive bound). */
export function dayEndMyt(day: string): Date | null {
  const start = dayStartMyt(day);
  return start && new Date(start.getTime() + DAY_MS);
}

/** `YYYY-MM` of the moment in Malaysian time. */
export function monthKey(at: Date): string {
  return new Date(at.getTime() + MYT_MS).toISOString().slice(0, 7);
}

/** ISO week `YYYY-Www` of the moment in Malaysian time (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekKey(at: Date): string {
  const local = new Date(at.getTime() + MYT_MS);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  const weekday = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / DAY_MS + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Every week key from `first` to `last` inclusive (sorted keys of weeks that had items, gaps filled with 0). */
export function weekRange(firstAt: Date, lastAt: Date): string[] {
  const out: string[] = [];
  for (let t = firstAt.getTime(); ; t += 7 * DAY_MS) {
    const key = isoWeekKey(new Date(Math.min(t, lastAt.getTime())));
    if (out.at(-1) !== key) out.push(key);
    if (t >= lastAt.getTime()) break;
  }
  return out;
}

/** Every month key from `first` to `last` inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  for (let key = first; key <= last;) {
    out.push(key);
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
    key = `${y}-${String(m).padStart(2, '0')}`;
  }
  return out;
}
