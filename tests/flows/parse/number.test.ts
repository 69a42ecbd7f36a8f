import { describe, it, expect } from 'vitest';
import { parseCount, parseNumberList, readCount, readNumberList } from '../../../src/flows/parse/index.js';

describe('parseCount', () => {
  it.each([
    ['0', 0],
    ['25', 25],
    ['1250', 1250],
    ['007', 7],
    ['1.250', 1250],
    ['1 250', 1250],
    ['1,250', 1250],
    ['1.250.000', 1250000],
    ['1 250 000', 1250000],
    ['1,250,000', 1250000],
    ['  42  ', 42],
    ['\u200B42', 42],
    ['25.', 25],
    ['12 orang', 12],
    ['12 Orang', 12],
    ['12 org', 12],
    ['12org', 12],
    ['3 pasang', 3],
    ['40 PUS', 40],
    ['1.250 orang', 1250],
    ['12 org.', 12],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER],
  ])('when the input is %j, then the count is %d', (raw, expected) => {
    expect(parseCount(raw)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['-5'],
    ['+5'],
    ['1,5'],
    ['2.5'],
    ['2.50'],
    ['1.2345'],
    ['12.34.567'],
    ['1.250,000'],
    ['1 250.000'],
    ['1  250x'],
    ['12a'],
    ['a12'],
    ['dua belas'],
    ['12 orang dewasa'],
    ['orang'],
    ['12 kg'],
    ['1 25'],
    ['1234 567'],
    ['12 5'],
    ['1e3'],
    ['0x10'],
    ['9007199254740992'],
    ['99999999999999999999999'],
  ])('when the input is %j, then it is rejected', (raw) => {
    expect(parseCount(raw)).toBeNull();
  });
});

describe('parseNumberList', () => {
  it.each([
    ['20 5 1 30 120 80 10', [20, 5, 1, 30, 120, 80, 10]],
    ['20, 5, 1', [20, 5, 1]],
    ['20,5,1', [20, 5, 1]],
    ['20;5;1', [20, 5, 1]],
    ['20/5/1', [20, 5, 1]],
    ['20\n5\n1', [20, 5, 1]],
    ['20 dan 5', [20, 5]],
    ['20, 5 DAN 1', [20, 5, 1]],
    ['1.250 3', [1250, 3]],
    ['1 250', [1, 250]],
    ['1,250', [1250]],
    ['1.250', [1250]],
    ['42', [42]],
    ['20 orang, 5 orang', [20, 5]],
    ['20org 5org', [20, 5]],
    ['20 , 5', [20, 5]],
    ['20 5 1.', [20, 5, 1]],
    ['  7  ', [7]],
  ])('when the input is %j, then the list is %j', (raw, expected) => {
    expect(parseNumberList(raw)).toEqual(expected);
  });

  it.each([
    [''],
    ['   '],
    ['dan'],
    [', ,'],
    ['20 5 x'],
    ['20 -5'],
    ['2.5 3'],
    ['orang 20'],
    ['20 orang orang'],
    ['20dan5'],
    ['99999999999999999999 1'],
  ])('when the input is %j, then it is rejected', (raw) => {
    expect(parseNumberList(raw)).toBeNull();
  });
});

describe('readCount', () => {
  it.each(['6,5', '2.5', '1,25', '1.250,5', '-480', '-5', '−3', '– 12'])('when the input is %j, then it is a number but not a whole count', (raw) => {
    expect(readCount(raw)).toEqual({ kind: 'not_whole' });
  });

  it.each(['dua', '12a', '', '12.34.567'])('when the input is %j, then it is not a number', (raw) => {
    expect(readCount(raw)).toEqual({ kind: 'not_number' });
  });

  it.each([
    ['1,250', 1250],
    ['1.250', 1250],
    ['480', 480],
  ])('when the input is %j, then the count is %d', (raw, value) => {
    expect(readCount(raw)).toEqual({ kind: 'count', value });
  });
});

describe('readNumberList', () => {
  it.each(['1,250', '1.250'])('when a token like %j could be one count or two, then both readings are given', (raw) => {
    expect(readNumberList(raw)).toEqual({ kind: 'two_readings', grouped: [1250], split: [1, 250], token: raw });
  });

  it('when a grouped-or-list token sits among other numbers, then both readings keep the others', () => {
    expect(readNumberList('1,250 980')).toEqual({ kind: 'two_readings', grouped: [1250, 980], split: [1, 250, 980], token: '1,250' });
  });

  it.each(['20 5.5', '20 -5', '2.5 3'])('when the list %j holds a decimal or a negative, then it is not whole', (raw) => {
    expect(readNumberList(raw)).toEqual({ kind: 'not_whole' });
  });

  it('when a list has no grouped-or-list token, then there is one reading', () => {
    expect(readNumberList('20,5,1 30')).toEqual({ kind: 'list', values: [20, 5, 1, 30] });
    expect(readNumberList('20 5 1')).toEqual({ kind: 'list', values: [20, 5, 1] });
  });

  it('when a piece like "6,5" could be a decimal, then the list also says how many numbers that would make', () => {
    expect(readNumberList('1 2 2 6,5')).toEqual({ kind: 'list', values: [1, 2, 2, 6, 5], asDecimals: 4 });
  });
});
