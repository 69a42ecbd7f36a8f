import { describe, it, expect } from 'vitest';
import { parseCount, parseNumberList } from '../../../src/flows/parse/index.js';

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
    ['1,250', [1, 250]],
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
