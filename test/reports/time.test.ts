/** Weeks and months of reports are Malaysian-time calendar keys. */
import { dayStartMyt, isoWeekKey, monthKey, monthRange } from '../../services/reports/time';

test('an item filed at 04:00 on New Year’s Day in Malaysia (20:00 UTC the day before) counts in January and ISO week 2026-W53', () => {
  const at = new Date('2026-12-31T20:00:00Z');
  expect(monthKey(at)).toBe('2027-01');
  expect(isoWeekKey(at)).toBe('2026-W53'); // 1 January 2027 is a Friday
  expect(isoWeekKey(new Date('2027-01-04T00:00:00+08:00'))).toBe('2027-W01');
  expect(isoWeekKey(new Date('2026-11-29T23:59:00+08:00'))).toBe('2026-W48');
});

test('days are Malaysian midnights, and an impossible day is refused', () => {
  expect(dayStartMyt('2026-11-29')?.toISOString()).toBe('2026-11-28T16:00:00.000Z');
  expect(dayStartMyt('2026-02-30')).toBeNull();
  expect(monthRange('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
});
