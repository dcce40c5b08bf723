/** Checks of the deadline data, for `npm run agencies -- check`: warnings, never a failure. */
import { localDay } from './calendar';
import { loadDeadlineConfig, loadHolidayFiles, DEFAULT_DEADLINES_FILE, DEFAULT_HOLIDAYS_DIR } from './data';

/** Warnings about the holiday files at `now` (e.g. next year's file is missing); throws on a schema error. */
export function checkDeadlineData(
  now = new Date(),
  dir = DEFAULT_HOLIDAYS_DIR,
  configFile = DEFAULT_DEADLINES_FILE,
): string[] {
  loadDeadlineConfig(configFile);
  const files = loadHolidayFiles(dir);
  const year = new Date(localDay(now) * 86_400_000).getUTCFullYear();
  const years = new Set(files.map((f) => f.year));
  const warnings: string[] = [];
  for (const y of [year, year + 1])
    if (!years.has(y))
      warnings.push(
        `data/holidays/${y}.json is missing: deadlines in ${y} count weekends only (add the gazetted list; see README "Deadlines")`,
      );
  for (const f of files.filter((f) => f.year >= year)) {
    const estimates = f.holidays.filter((h) => h.estimate).length;
    if (!f.verified || estimates)
      warnings.push(
        `data/holidays/${f.year}.json: ${f.verified ? 'verified' : 'not verified against the gazette'}, ${estimates} estimated date(s)`,
      );
  }
  return warnings;
}
