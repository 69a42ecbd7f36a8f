// The one CSV writer: RFC 4180 quoting and no cell a spreadsheet would run as a formula.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvText, startsLikeFormula } from '../../src/reports/csv.js';

describe('csv writer', () => {
  it.each(['=1+2', '+62812', '-tidak mau', '@SUM(A1)', '\t=1', '\r=1', '  =cmd|calc', '=HYPERLINK("http://x")'])(
    'when a text cell is %j, then it is written with a leading apostrophe',
    (text) => {
      expect(startsLikeFormula(text)).toBe(true);
      const records = parse(csvCell(text), { relax_quotes: true }) as string[][];
      expect(records[0]![0]).toBe(`'${text}`);
    },
  );

  it('when a text cell is ordinary, then it is written as it is', () => {
    for (const text of ['Dusun Bontoa RT 02', 'Bili-bili', 'Pa\'bentengang', '2026-12-02 11:30', 'a=b', 'Jl. 5 - 6']) {
      expect(startsLikeFormula(text)).toBe(false);
      expect(csvCell(text)).toBe(text);
    }
  });

  it('when a cell is a number, then it stays a number, negative ones too; null is empty', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(55.4)).toBe('55.4');
    expect(csvCell(0)).toBe('0');
    expect(csvCell(null)).toBe('');
  });

  it('when a file is written, then a neutralised cell with a comma or quote is still one quoted field', () => {
    const text = csvText(['A', 'B'], [['=cmd,"x"', -3]]);
    expect(text).toBe('A,B\r\n"\'=cmd,""x""",-3\r\n');
    expect(parse(text)).toEqual([['A', 'B'], ['\'=cmd,"x"', '-3']]);
  });
});
