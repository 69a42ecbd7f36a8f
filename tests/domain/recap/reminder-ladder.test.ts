// The reminder ladder's calendar (docs/domain.md §9): D-2, D-0, D+1 of the due day, none on Sundays or configured holidays
// unless it is the due day itself, and only while the period is open.
import { describe, expect, it } from 'vitest';
import { dayWithWeekday, isRestDay, ladderStepOn, parseHolidays } from '../../../src/domain/recap/reminder-ladder.js';
import { fromWita } from '../../../src/time/wita.js';

const CALENDAR = { dueDay: 3, closeDay: 15 };
const NONE = new Set<string>();
const at = (month: number, day: number, year = 2026) => fromWita(year, month, day, 8, 0);

describe('reminder ladder', () => {
  it('when November 2026 is due on Thursday 3 December, then the steps fall on the 1st, the 3rd and the 4th, and no other day', () => {
    const steps = Array.from({ length: 20 }, (_, i) => [i + 1, ladderStepOn('2026-11', CALENDAR, at(12, i + 1), NONE)] as const).filter(([, s]) => s !== null);
    expect(steps).toEqual([
      [1, 'before'],
      [3, 'due'],
      [4, 'after'],
    ]);
  });

  it('when a step falls on a Sunday or a configured holiday, then it is skipped, unless it is the due day itself', () => {
    // December 2026 is due on Sunday 3 January 2027; the 1st is New Year's Day.
    const holidays = new Set(['2027-01-01']);
    expect(ladderStepOn('2026-12', CALENDAR, at(1, 1, 2027), holidays)).toBeNull();
    expect(ladderStepOn('2026-12', CALENDAR, at(1, 1, 2027), NONE)).toBe('before');
    expect(ladderStepOn('2026-12', CALENDAR, at(1, 3, 2027), holidays)).toBe('due');
    expect(ladderStepOn('2026-12', CALENDAR, at(1, 4, 2027), holidays)).toBe('after');
    // July 2027 is due on Tuesday 3 August: D-2 is Sunday 1 August.
    expect(ladderStepOn('2027-07', CALENDAR, at(8, 1, 2027), NONE)).toBeNull();
    expect(ladderStepOn('2027-07', CALENDAR, at(8, 3, 2027), new Set(['2027-08-03']))).toBe('due');
  });

  it('when the period is not open (a D-2 before the window opens, or after the close day), then there is no step', () => {
    // Due on the 1st: D-2 is in the month being reported, before its window opens.
    expect(ladderStepOn('2026-11', { dueDay: 1, closeDay: 15 }, at(11, 29), NONE)).toBeNull();
    expect(ladderStepOn('2026-11', { dueDay: 1, closeDay: 15 }, at(12, 2), NONE)).toBe('after');
    // Closed on the due day: the day after has nothing to remind.
    expect(ladderStepOn('2026-11', { dueDay: 3, closeDay: 3 }, at(12, 4), NONE)).toBeNull();
  });

  it('when holidays are configured, then they are read as real dates, and anything else is refused', () => {
    expect(parseHolidays('2027-01-01, 2026-12-25,,2026-12-25')).toEqual(['2026-12-25', '2027-01-01']);
    expect(parseHolidays('')).toEqual([]);
    expect(parseHolidays('2026-02-30')).toBeNull();
    expect(parseHolidays('25/12/2026')).toBeNull();
    expect(isRestDay({ year: 2026, month: 12, day: 6 }, NONE)).toBe(true);
    expect(isRestDay({ year: 2026, month: 12, day: 25 }, new Set(['2026-12-25']))).toBe(true);
    expect(isRestDay({ year: 2026, month: 12, day: 24 }, new Set(['2026-12-25']))).toBe(false);
    expect(dayWithWeekday({ year: 2026, month: 12, day: 3 })).toBe('Kamis, 3/12/2026');
  });
});
