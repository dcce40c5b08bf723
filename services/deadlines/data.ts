/** The deadline data files (data/holidays/<year>.json, data/deadlines.json): zod schemas and loaders. */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { STATE_IDS } from '../agencies/bodies';
import { CATEGORY_IDS } from '../agencies/types';

/** State and federal-territory ids: the body directory's (one list for the whole product). */
export { STATE_IDS, type StateId } from '../agencies/bodies';

/** Where the data lives by default. */
export const DEFAULT_HOLIDAYS_DIR = path.join(__dirname, '..', '..', 'data', 'holidays');
/** The deadline settings file. */
export const DEFAULT_DEADLINES_FILE = path.join(__dirname, '..', '..', 'data', 'deadlines.json');

const stateId = z.enum(STATE_IDS);
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

const holidaySchema = z
  .object({
    date: isoDay,
    name: z.object({ en: z.string().min(1), ms: z.string().min(1) }),
    /** `national`: every state (less `except`); else the states that observe it. */
    states: z.union([z.literal('national'), z.array(stateId).min(1)]),
    except: z.array(stateId).optional(),
    /** Expected date (Islamic, lunar or rule-based) until gazetted. */
    estimate: z.boolean().optional(),
  })
  .strict();

/** One year's holiday file. */
export const holidayFileSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    source: z.string().min(1),
    verified: z.boolean(),
    holidays: z.array(holidaySchema),
  })
  .strict()
  .superRefine((f, ctx) => {
    f.holidays.forEach((h, i) => {
      if (!h.date.startsWith(`${f.year}-`) || Number.isNaN(Date.parse(`${h.date}T00:00:00Z`)))
        ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: `not a day of ${f.year}` });
    });
  });
/** A parsed holiday file. */
export type HolidayFile = z.infer<typeof holidayFileSchema>;
/** One holiday. */
export type Holiday = HolidayFile['holidays'][number];

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const weekday = z.enum(WEEKDAYS);
const days = z
  .object({
    acknowledgeDays: z.number().int().min(0).max(365).optional(),
    resolveDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
const weekendSchema = z
  .object({
    days: z.array(weekday).min(1).max(3),
    /** A holiday on one of these days moves to the next working day (Holidays Act 1951 s. 3 and state practice). */
    replaceHolidayOn: z.array(weekday),
  })
  .strict();

/** data/deadlines.json. */
export const deadlineConfigSchema = z
  .object({
    source: z.string(),
    /** Filings after this Malaysia time count from the next working day; deadlines fall at this time. */
    officeHours: z.object({ closesAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }).strict(),
    defaults: days.required(),
    categories: z.record(z.enum(CATEGORY_IDS), days),
    bodies: z.record(
      z.string(),
      days.extend({ categories: z.record(z.enum(CATEGORY_IDS), days).optional() }),
    ),
    weekends: z.record(z.union([z.literal('default'), stateId]), weekendSchema),
  })
  .strict()
  .refine((c) => !!c.weekends.default, { message: 'weekends.default is required' });
/** Parsed deadline settings. */
export type DeadlineConfig = z.infer<typeof deadlineConfigSchema>;

/** Weekday index (0 = Sunday) of a weekday name. */
export const weekdayIndex = (d: (typeof WEEKDAYS)[number]): number => WEEKDAYS.indexOf(d);

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
}

/** Load and validate every `<year>.json` in `dir` (throws with the file name on a schema error). */
export function loadHolidayFiles(dir = DEFAULT_HOLIDAYS_DIR): HolidayFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .sort()
    .map((f) => {
      const r = holidayFileSchema.safeParse(readJson(path.join(dir, f)));
      if (!r.success)
        throw new Error(`${f}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      if (`${r.data.year}.json` !== f)
        throw new Error(`${f}: year ${r.data.year} does not match the file name`);
      return r.data;
    });
}

/** Load and validate data/deadlines.json. */
export function loadDeadlineConfig(file = DEFAULT_DEADLINES_FILE): DeadlineConfig {
  const r = deadlineConfigSchema.safeParse(readJson(file));
  if (!r.success)
    throw new Error(
      `${path.basename(file)}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  return r.data;
}
