// Reporting windows end at the end of the day they name (WITA), whatever the time of day they were opened.
import { describe, expect, it } from 'vitest';
import { calendarWindowEnd, daysUntil, endOfDay, formatWindowEnd, periodDeadlines, periodRange, shiftPeriod, windowEndAfterDays } from '../../../src/domain/recap/calendar.js';
import { fromWita } from '../../../src/time/wita.js';

describe('recap calendar', () => {
  it('when a window of 7 days is opened at 09:00, then it ends after 23:59 WITA of the 7th day, named as that day', () => {
    const end = windowEndAfterDays(fromWita(2026, 12, 20, 9, 0), 7);
    expect(end).toEqual(fromWita(2026, 12, 28, 0, 0));
    expect(formatWindowEnd(end)).toBe('27/12/2026');
  });

  it('when a window opened late in the evening crosses a month and a year, then the named day rolls over correctly', () => {
    const end = windowEndAfterDays(fromWita(2026, 12, 28, 23, 30), 7);
    expect(formatWindowEnd(end)).toBe('4/1/2027');
    expect(endOfDay(2027, 2, 29)).toEqual(fromWita(2027, 3, 2));
  });

  it('when the ordinary window of November is asked, then it ends with the close day of December', () => {
    expect(calendarWindowEnd('2026-11', 15)).toEqual(fromWita(2026, 12, 16));
    expect(calendarWindowEnd('2026-12', 15)).toEqual(fromWita(2027, 1, 16));
    expect(shiftPeriod('2026-01', -1)).toBe('2025-12');
  });

  it('when the deadlines of December are asked, then they fall in January of the next year and days are counted in WITA days', () => {
    const d = periodDeadlines('2026-12', { dueDay: 3, closeDay: 15 });
    expect(d).toMatchObject({ opensAt: fromWita(2027, 1, 1), due: { year: 2027, month: 1, day: 3 }, dueEnd: fromWita(2027, 1, 4), close: { year: 2027, month: 1, day: 15 } });
    // 23:30 WITA on 1 January is still 1 January (and 15:30 UTC): two days to the 3rd.
    expect(daysUntil(fromWita(2027, 1, 1, 23, 30), d.due)).toBe(2);
    expect(daysUntil(fromWita(2027, 1, 4, 0, 5), d.due)).toBe(-1);
    expect(periodRange('2026-12')).toEqual({ from: fromWita(2026, 12, 1), to: fromWita(2027, 1, 1) });
  });
});
