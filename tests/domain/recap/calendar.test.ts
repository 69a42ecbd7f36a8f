// Reporting windows end at the end of the day they name (WITA), whatever the time of day they were opened.
import { describe, expect, it } from 'vitest';
import { calendarWindowEnd, endOfDay, formatWindowEnd, shiftPeriod, windowEndAfterDays } from '../../../src/domain/recap/calendar.js';
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
});
