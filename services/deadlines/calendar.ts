/**
 * Working days in Malaysia time (UTC+8, no daylight saving): each state's weekend, its national and state holidays,
 * and replacement holidays (a holiday on the state's `replaceHolidayOn` day moves to the next working day).
 * A day is a whole number: days since 1970-01-01 in Malaysia time.
 */
import { weekdayIndex, type DeadlineConfig, type HolidayFile } from './data';

const DAY_MS = 86_400_000;
const MYT_MS = 8 * 3_600_000;

/** The Malaysia-time day a moment falls on. */
export const localDay = (at: Date): number => Math.floor((at.getTime() + MYT_MS) / DAY_MS);
/** Minutes past midnight, Malaysia time. */
const localMinutes = (at: Date): number =>
  Math.floor(((((at.getTime() + MYT_MS) % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
/** A day as YYYY-MM-DD. */
export const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A YYYY-MM-DD as a day. */
export const dayOf = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const weekdayOf = (day: number): number => new Date(day * DAY_MS).getUTCDay();
const yearOf = (day: number): number => new Date(day * DAY_MS).getUTCFullYear();

interface StateCalendar {
  weekend: Set<number>;
  /** Holiday days (including replacements) → name in English (for tools and tests). */
  holidays: Map<number, string>;
}

/** Working-day arithmetic for every state, from the deadline settings and the holiday files. */
export class WorkingCalendar {
  private readonly byState = new Map<string, StateCalendar>();
  private readonly closesAt: number;
  /** Years with a holiday file. */
  readonly years: ReadonlySet<number>;

  constructor(
    private readonly config: DeadlineConfig,
    private readonly files: HolidayFile[],
  ) {
    const [h, m] = config.officeHours.closesAt.split(':').map(Number);
    this.closesAt = h! * 60 + m!;
    this.years = new Set(files.map((f) => f.year));
  }

  private state(state: string | undefined): StateCalendar {
    const key = state ?? '';
    const known = this.byState.get(key);
    if (known) return known;
    const w =
      (state && this.config.weekends[state as keyof DeadlineConfig['weekends']]) ||
      this.config.weekends.default!;
    const weekend = new Set(w.days.map(weekdayIndex));
    const replaceOn = new Set(w.replaceHolidayOn.map(weekdayIndex));
    const holidays = new Map<number, string>();
    for (const f of this.files)
      for (const h of f.holidays) {
        // A body with no state (a federal body) keeps the national holidays only.
        const observed =
          h.states === 'national'
            ? !state || !(h.except ?? []).includes(state as never)
            : !!state && h.states.includes(state as never);
        if (observed && !holidays.has(dayOf(h.date))) holidays.set(dayOf(h.date), h.name.en);
      }
    const direct = [...holidays.keys()].sort((a, b) => a - b);
    for (const d of direct) {
      if (!replaceOn.has(weekdayOf(d))) continue;
      let r = d + 1;
      while (weekend.has(weekdayOf(r)) || holidays.has(r)) r += 1;
      holidays.set(r, `${holidays.get(d)} (replacement)`);
    }
    const cal = { weekend, holidays };
    this.byState.set(key, cal);
    return cal;
  }

  /** Whether a day (YYYY-MM-DD or a day number) is a working day in `state` (undefined: a federal body). */
  isWorkingDay(day: string | number, state?: string): boolean {
    const d = typeof day === 'string' ? dayOf(day) : day;
    const cal = this.state(state);
    return !cal.weekend.has(weekdayOf(d)) && !cal.holidays.has(d);
  }

  /** The holiday on a day in `state`, if any (English name; replacements say so). */
  holidayOn(day: string, state?: string): string | undefined {
    return this.state(state).holidays.get(dayOf(day));
  }

  /** Whether the holidays of `day`'s year are known (its data file exists). */
  knowsYear(day: number): boolean {
    return this.years.has(yearOf(day));
  }

  private nextWorkingDay(day: number, state?: string): number {
    let d = day + 1;
    while (!this.isWorkingDay(d, state)) d += 1;
    return d;
  }

  private previousWorkingDay(day: number, state?: string): number {
    let d = day - 1;
    while (!this.isWorkingDay(d, state)) d -= 1;
    return d;
  }

  /** The working day a filing at `at` counts from: the same day when filed on a working day before closing. */
  receivedDay(at: Date, state?: string): number {
    const d = localDay(at);
    if (this.isWorkingDay(d, state) && localMinutes(at) < this.closesAt) return d;
    return this.nextWorkingDay(d, state);
  }

  /** Closing time (Malaysia) of a day, as a moment. */
  closingOf(day: number): Date {
    return new Date(day * DAY_MS + this.closesAt * 60_000 - MYT_MS);
  }

  /** The deadline `n` working days after a filing at `start`: closing time of that working day. */
  addWorkingDays(start: Date, n: number, state?: string): Date {
    let d = this.receivedDay(start, state);
    for (let i = 0; i < n; i += 1) d = this.nextWorkingDay(d, state);
    return this.closingOf(d);
  }

  /** From when a deadline is "due soon": the close of the working day before the deadline's day. */
  dueSoonFrom(deadline: Date, state?: string): Date {
    return this.closingOf(this.previousWorkingDay(localDay(deadline), state));
  }
}
