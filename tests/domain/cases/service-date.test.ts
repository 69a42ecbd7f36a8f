import { describe, expect, it } from 'vitest';
import { formatDay, isRealDay, parseServiceDate } from '../../../src/domain/cases/service-date.js';

const TODAY = { year: 2026, month: 11, day: 27 };

describe('parseServiceDate', () => {
  it.each([
    ['HARI INI', '2026-11-27'],
    ['hari ini.', '2026-11-27'],
    ['tadi', '2026-11-27'],
    ['Kemarin', '2026-11-26'],
    ['kmrn', '2026-11-26'],
    ['kemarin lusa', '2026-11-25'],
    ['3 hari lalu', '2026-11-24'],
    ['27/11/2026', '2026-11-27'],
    ['1-11-2026', '2026-11-01'],
    ['01.11.26', '2026-11-01'],
    ['20/11', '2026-11-20'],
    ['2026-11-02', '2026-11-02'],
    ['5 November 2026', '2026-11-05'],
    ['5 nov', '2026-11-05'],
    ['tgl 5 Nop 2026', '2026-11-05'],
    ['29/2/2028', '2028-02-29'],
  ])('when the PKB writes "%s", then the date is %s', (text, iso) => {
    expect(parseServiceDate(text, TODAY)).toEqual({ kind: 'date', iso });
  });

  it.each([['31/02/2026'], ['31/04/2026'], ['29/02/2027'], ['12/13/2026'], ['0/11/2026'], ['31 Juni 2026']])('when the PKB writes "%s", then it is not a calendar date', (text) => {
    expect(parseServiceDate(text, TODAY)).toEqual({ kind: 'not_a_date' });
  });

  it.each([['besok'], ['minggu lalu'], ['27 11'], [''], ['UN-062003-2026-0001'], ['5 bulan']])('when the PKB writes "%s", then it is not read as a date', (text) => {
    expect(parseServiceDate(text, TODAY)).toEqual({ kind: 'unreadable' });
  });

  it('when KEMARIN is asked on the first of a month, then it is the last day of the month before', () => {
    expect(parseServiceDate('kemarin', { year: 2027, month: 1, day: 1 })).toEqual({ kind: 'date', iso: '2026-12-31' });
  });

  it('when dates are checked and shown, then only real days pass and they read as day/month/year', () => {
    expect(isRealDay(2026, 2, 28)).toBe(true);
    expect(isRealDay(2026, 2, 29)).toBe(false);
    expect(formatDay('2026-03-02')).toBe('02/03/2026');
  });
});
