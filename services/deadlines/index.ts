/** Deadlines that match Malaysia: the default calendar and settings, loaded once from data/. */
import { WorkingCalendar } from './calendar';
import { loadDeadlineConfig, loadHolidayFiles, type DeadlineConfig } from './data';
import { deadlineOf, type Deadline, type DeadlineBody } from './dueDates';

export { WorkingCalendar } from './calendar';
export {
  deadlineOf,
  dueDates,
  allowedDays,
  type Deadline,
  type DeadlineBody,
  type StageState,
} from './dueDates';

/** A calendar with its settings: what callers need to compute a record's deadline. */
export interface Deadlines {
  calendar: WorkingCalendar;
  config: DeadlineConfig;
  /** A record's deadline and flags at `now`. */
  of(record: Parameters<typeof deadlineOf>[2], body: DeadlineBody | undefined, now?: Date): Deadline;
}

/** Build from explicit data (tests) or the files in data/. */
export function createDeadlines(config = loadDeadlineConfig(), files = loadHolidayFiles()): Deadlines {
  const calendar = new WorkingCalendar(config, files);
  return {
    calendar,
    config,
    of: (record, body, now = new Date()) => deadlineOf(calendar, config, record, body, now),
  };
}

let shared: Deadlines | undefined;
/** The process-wide deadlines from data/ (loaded on first use). */
export function getDefaultDeadlines(): Deadlines {
  shared ??= createDeadlines();
  return shared;
}
