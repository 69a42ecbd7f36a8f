import { describe, it, expect } from 'vitest';
import { formatMonth, monthNamesId, parseMonth } from '../../../src/flows/parse/index.js';

const DEC_2026 = { year: 2026, month: 12 };
const JAN_2027 = { year: 2027, month: 1 };
const JUN_2026 = { year: 2026, month: 6 };

describe('parseMonth', () => {
  it.each([
    ['11', DEC_2026, 2026, 11],
    ['12', DEC_2026, 2026, 12],
    ['1', DEC_2026, 2026, 1],
    ['11', JAN_2027, 2026, 11],
    ['1', JAN_2027, 2027, 1],
    ['6', JUN_2026, 2026, 6],
    ['7', JUN_2026, 2025, 7],
    ['01', JUN_2026, 2026, 1],
    ['november', DEC_2026, 2026, 11],
    ['November', JAN_2027, 2026, 11],
    ['nov', JAN_2027, 2026, 11],
    ['Desember', JUN_2026, 2025, 12],
    ['bulan 11', DEC_2026, 2026, 11],
    ['bulan November', DEC_2026, 2026, 11],
    ['nov.', DEC_2026, 2026, 11],
  ])('when the input is %j and today is %o, then it is %d-%d', (raw, today, year, month) => {
    expect(parseMonth(raw, today)).toEqual({ year, month });
  });

  it.each([
    ['11/2026', 2026, 11],
    ['11-2026', 2026, 11],
    ['11.2026', 2026, 11],
    ['11 2026', 2026, 11],
    ['2026-11', 2026, 11],
    ['2026/11', 2026, 11],
    ['2026-01', 2026, 1],
    ['11/26', 2026, 11],
    ['1/27', 2027, 1],
    ['nov 2026', 2026, 11],
    ['November 2026', 2026, 11],
    ['NOVEMBER 2026', 2026, 11],
    ['November, 2026', 2026, 11],
    ['nov-2026', 2026, 11],
    ['nov2026', 2026, 11],
    ['nov 26', 2026, 11],
    ['sept. 2025', 2025, 9],
    ['  11 / 2026  ', 2026, 11],
    ['12/2027', 2027, 12],
    ['1/2000', 2000, 1],
    ['12/2100', 2100, 12],
  ])('when the input is %j with a year, then it is %d-%d', (raw, year, month) => {
    expect(parseMonth(raw, DEC_2026)).toEqual({ year, month });
  });

  it.each([
    ['januari', 1], ['jan', 1],
    ['februari', 2], ['feb', 2], ['pebruari', 2],
    ['maret', 3], ['mar', 3],
    ['april', 4], ['apr', 4],
    ['mei', 5],
    ['juni', 6], ['jun', 6],
    ['juli', 7], ['jul', 7],
    ['agustus', 8], ['agu', 8], ['agt', 8], ['ags', 8],
    ['september', 9], ['sep', 9], ['sept', 9],
    ['oktober', 10], ['okt', 10],
    ['november', 11], ['nov', 11], ['nopember', 11], ['nop', 11],
    ['desember', 12], ['des', 12],
  ])('when the month is written %j, then it is month %d', (raw, month) => {
    expect(parseMonth(`${raw} 2026`, DEC_2026)).toEqual({ year: 2026, month });
    expect(parseMonth(raw.toUpperCase(), DEC_2026)).toEqual({ year: 2026, month });
  });

  it.each([
    [''],
    ['   '],
    ['0'],
    ['13'],
    ['00/2026'],
    ['13/2026'],
    ['2026-13'],
    ['2026-00'],
    ['11/1999'],
    ['11/2101'],
    ['11/3000'],
    ['26/11'],
    ['26-11'],
    ['11/2026/1'],
    ['11/026'],
    ['novem'],
    ['bulan'],
    ['bulan depan'],
    ['nov 20266'],
    ['-11'],
    ['1.5'],
    ['11 november'],
  ])('when the input is %j, then it is rejected', (raw) => {
    expect(parseMonth(raw, DEC_2026)).toBeNull();
  });

  it('when the year is omitted and the inferred year falls before 2000, then it is rejected', () => {
    expect(parseMonth('11', { year: 2000, month: 1 })).toBeNull();
  });
});

describe('formatMonth', () => {
  it.each([
    [2026, 11, 'November 2026'],
    [2027, 1, 'Januari 2027'],
    [2025, 12, 'Desember 2025'],
  ])('when the month is %d-%d, then it reads %j', (year, month, expected) => {
    expect(formatMonth({ year, month })).toBe(expected);
  });

  it.each([[0], [13]])('when the month is %d, then it throws', (month) => {
    expect(() => formatMonth({ year: 2026, month })).toThrow(RangeError);
  });

  it('when formatting a parsed month, then the name round-trips', () => {
    for (const [i, name] of monthNamesId.entries()) {
      const parsed = parseMonth(`${name} 2026`, { year: 2026, month: 12 });
      expect(parsed).toEqual({ year: 2026, month: i + 1 });
      expect(formatMonth(parsed!)).toBe(`${name} 2026`);
    }
  });

  it('when listing month names, then there are twelve in Indonesian', () => {
    expect(monthNamesId).toHaveLength(12);
    expect(monthNamesId[0]).toBe('Januari');
    expect(monthNamesId[11]).toBe('Desember');
  });
});
