/** Deadline arithmetic against a known-answer table: weekends, state weekends, holidays, year ends, late filings. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { createDeadlines } from '../../services/deadlines';
import { checkDeadlineData } from '../../services/deadlines/check';
import { loadDeadlineConfig, loadHolidayFiles, STATE_IDS } from '../../services/deadlines/data';
import type { FeedbackRecord, StatusChange } from '../../services/feedback/types';

const d = createDeadlines();
/** A Malaysia-time moment, e.g. myt('2026-11-23 10:00'). */
const myt = (s: string) => new Date(`${s.replace(' ', 'T')}:00+08:00`);
const dueMyt = (at: Date) =>
  new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('working-day deadlines in Malaysia time', () => {
  // [what, state, filed (MYT), working days, due (MYT)]
  const table: [string, string | undefined, string, number, string][] = [
    ['a Monday morning filing in Selangor is due Tuesday', 'sgr', '2026-11-23 10:00', 1, '2026-11-24 17:00'],
    ['a Friday filing in Selangor skips the weekend', 'sgr', '2026-11-27 10:00', 1, '2026-11-30 17:00'],
    ['a Saturday filing counts from Monday', 'sgr', '2026-11-28 11:00', 1, '2026-12-01 17:00'],
    ['a Thursday complaint in Selangor is due Friday', 'sgr', '2026-11-26 10:00', 1, '2026-11-27 17:00'],
    ['a Thursday complaint in Kelantan is due Sunday', 'ktn', '2026-11-26 10:00', 1, '2026-11-29 17:00'],
    ['a Thursday complaint in Terengganu is due Sunday', 'trg', '2026-11-26 10:00', 1, '2026-11-29 17:00'],
    ['Johor rests on Saturday and Sunday since 2025', 'jhr', '2026-11-26 10:00', 1, '2026-11-27 17:00'],
    [
      'a filing after office hours counts from the next working day',
      'sgr',
      '2026-11-23 18:30',
      1,
      '2026-11-25 17:00',
    ],
    ['a filing just before closing counts that day', 'sgr', '2026-11-23 16:59', 1, '2026-11-24 17:00'],
    ['Malaysia Day (national) is not a working day', 'sgr', '2026-09-15 10:00', 1, '2026-09-17 17:00'],
    [
      'the Sultan of Selangor’s birthday is a holiday in Selangor',
      'sgr',
      '2026-12-10 10:00',
      1,
      '2026-12-14 17:00',
    ],
    ['… but not in Kuala Lumpur', 'kul', '2026-12-10 10:00', 1, '2026-12-11 17:00'],
    ['Christmas on a Friday in Selangor', 'sgr', '2026-12-24 10:00', 1, '2026-12-28 17:00'],
    ['Christmas Eve is a Sabah holiday', 'sbh', '2026-12-24 10:00', 1, '2026-12-29 17:00'],
    ['across the year end: New Year’s Day in Selangor', 'sgr', '2026-12-31 10:00', 1, '2027-01-04 17:00'],
    ['across the year end: Johor works on New Year’s Day', 'jhr', '2026-12-31 10:00', 1, '2027-01-01 17:00'],
    ['Deepavali on a Sunday gives Monday off in Selangor', 'sgr', '2026-11-06 10:00', 1, '2026-11-10 17:00'],
    ['… but Sarawak does not observe Deepavali', 'swk', '2026-11-06 10:00', 1, '2026-11-09 17:00'],
    [
      'Kedah replaces a Friday holiday (Labour Day) with Sunday',
      'kdh',
      '2026-04-30 10:00',
      1,
      '2026-05-04 17:00',
    ],
    ['Kelantan does not replace a Friday holiday', 'ktn', '2026-04-30 10:00', 1, '2026-05-03 17:00'],
    [
      'Raya on Sat–Sun and the Sultan’s birthday push Johor to Wednesday',
      'jhr',
      '2026-03-20 10:00',
      1,
      '2026-03-25 17:00',
    ],
    ['Raya on Sat–Sun gives Selangor Monday off', 'sgr', '2026-03-20 10:00', 1, '2026-03-24 17:00'],
    ['a federal body keeps national holidays only', undefined, '2026-12-10 10:00', 1, '2026-12-11 17:00'],
    [
      '15 working days in Selangor skip weekends and the Sultan’s birthday',
      'sgr',
      '2026-11-23 10:00',
      15,
      '2026-12-15 17:00',
    ],
    [
      'Chinese New Year 2027 on Sat–Sun gives Monday off in Kuala Lumpur',
      'kul',
      '2027-02-05 10:00',
      1,
      '2027-02-09 17:00',
    ],
  ];
  it.each(table)('%s', (_what, state, filed, n, due) => {
    expect(dueMyt(d.calendar.addWorkingDays(myt(filed), n, state))).toBe(due);
  });

  it('says whether a day is a working day in a state', () => {
    expect(d.calendar.isWorkingDay('2026-11-27', 'ktn')).toBe(false); // Friday
    expect(d.calendar.isWorkingDay('2026-11-29', 'ktn')).toBe(true); // Sunday
    expect(d.calendar.isWorkingDay('2026-11-29', 'sgr')).toBe(false);
    expect(d.calendar.holidayOn('2026-11-09', 'sgr')).toBe('Deepavali (replacement)');
  });
});

describe('deadline flags from the status history', () => {
  const record = (history: [FeedbackRecord['status'], string][]) =>
    ({
      createdAt: myt('2026-11-23 10:00'),
      category: 'drainage',
      statusHistory: history.map(([status, at]): StatusChange => ({ status, at: myt(at) })),
    }) as Pick<FeedbackRecord, 'createdAt' | 'category' | 'statusHistory'>;
  const body = { id: 'mbpj', state: 'sgr' };
  const filed: [FeedbackRecord['status'], string][] = [['received', '2026-11-23 10:00']];

  it('is open on the day of filing, due soon after closing, overdue the day after the deadline', () => {
    expect(d.of(record(filed), body, myt('2026-11-23 12:00'))).toMatchObject({
      acknowledge: 'open',
      flag: null,
    });
    expect(d.of(record(filed), body, myt('2026-11-23 18:00'))).toMatchObject({
      acknowledge: 'dueSoon',
      flag: 'dueSoon',
    });
    expect(d.of(record(filed), body, myt('2026-11-25 09:00'))).toMatchObject({
      acknowledge: 'overdue',
      resolve: 'open',
      flag: 'overdue',
    });
  });

  it('counts the first status beyond received/sent as the acknowledgement', () => {
    const inTime = record([...filed, ['sent', '2026-11-23 10:01'], ['in_progress', '2026-11-24 09:00']]);
    expect(d.of(inTime, body, myt('2026-11-26 09:00'))).toMatchObject({ acknowledge: 'met', flag: null });
    const late = record([...filed, ['acknowledged', '2026-11-25 09:00']]);
    expect(d.of(late, body, myt('2026-11-26 09:00'))).toMatchObject({ acknowledge: 'missed', flag: null });
  });

  it('is overdue to resolve after 15 working days, and met when resolved in time', () => {
    const acked = record([...filed, ['acknowledged', '2026-11-23 11:00']]);
    expect(d.of(acked, body, myt('2026-12-16 09:00'))).toMatchObject({ resolve: 'overdue', flag: 'overdue' });
    const done = record([...filed, ['acknowledged', '2026-11-23 11:00'], ['resolved', '2026-12-15 16:00']]);
    expect(d.of(done, body, myt('2027-01-10 09:00'))).toMatchObject({
      acknowledge: 'met',
      resolve: 'met',
      flag: null,
    });
  });

  it('takes a body’s and a category’s own times before the charter’s', () => {
    const config = loadDeadlineConfig();
    config.categories.waste = { resolveDays: 3 };
    config.bodies.mbpj = { acknowledgeDays: 0, categories: { waste: { resolveDays: 2 } } };
    const custom = createDeadlines(config, loadHolidayFiles());
    const r = { createdAt: myt('2026-11-23 10:00'), category: 'waste' as const };
    expect(dueMyt(custom.of({ ...r, statusHistory: [] }, body).acknowledgeBy)).toBe('2026-11-23 17:00');
    expect(dueMyt(custom.of({ ...r, statusHistory: [] }, body).resolveBy)).toBe('2026-11-25 17:00');
    expect(dueMyt(custom.of({ ...r, statusHistory: [] }, { id: 'mbsj', state: 'sgr' }).resolveBy)).toBe(
      '2026-11-26 17:00',
    );
  });
});

describe('the deadline data check', () => {
  it('warns when next year’s holiday file is missing, not before', () => {
    const missing = (now: string) => checkDeadlineData(new Date(now)).filter((w) => /missing/.test(w));
    expect(missing('2026-06-01T00:00:00Z')).toEqual([]);
    expect(missing('2027-06-01T00:00:00Z')).toEqual([
      expect.stringContaining('data/holidays/2028.json is missing'),
    ]);
    // 31 December 2027, 17:00 UTC is already 1 January 2028 in Malaysia.
    expect(missing('2027-12-31T17:00:00Z')).toEqual([
      expect.stringContaining('2028.json is missing'),
      expect.stringContaining('2029.json is missing'),
    ]);
  });

  it('rejects a holiday file with an unknown state or a day of another year', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'holidays-'));
    const file = (holidays: unknown[]) =>
      fs.writeFileSync(
        path.join(dir, '2026.json'),
        JSON.stringify({ year: 2026, source: 'test', verified: false, holidays }),
      );
    file([{ date: '2026-01-01', name: { en: 'x', ms: 'x' }, states: ['xyz'] }]);
    expect(() => loadHolidayFiles(dir)).toThrow(/2026\.json: holidays\.0\.states/);
    file([{ date: '2027-01-01', name: { en: 'x', ms: 'x' }, states: 'national' }]);
    expect(() => loadHolidayFiles(dir)).toThrow(/not a day of 2026/);
  });
});

describe('working-day properties (fast-check)', () => {
  it('a deadline always falls at closing on a working day of the state, after the filing, later for more days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-11-30T00:00:00Z') }),
        fc.integer({ min: 0, max: 20 }),
        fc.constantFrom(undefined, ...STATE_IDS),
        (ms, n, state) => {
          const start = new Date(ms);
          const due = d.calendar.addWorkingDays(start, n, state);
          const day = dueMyt(due).slice(0, 10);
          expect(dueMyt(due).slice(11)).toBe('17:00');
          expect(d.calendar.isWorkingDay(day, state)).toBe(true);
          expect(due.getTime()).toBeGreaterThan(start.getTime());
          expect(d.calendar.addWorkingDays(start, n + 1, state).getTime()).toBeGreaterThan(due.getTime());
        },
      ),
      { numRuns: 300 },
    );
  });
});
