import { describe, it, expect } from 'vitest';
import { isBlank, keywordOf, normalizeInput } from '../../../src/flows/parse/index.js';

describe('normalizeInput', () => {
  it.each([
    ['  ya  ', 'ya'],
    ['profil   saya', 'profil saya'],
    ['20\n5\t1', '20 5 1'],
    ['\u200Bya\u200C\u200D\uFEFF', 'ya'],
    ['pro\u200Bfil', 'profil'],
    ['a \u200B b', 'a b'],
    ['\u00A0menu\u00A0', 'menu'],
    ['', ''],
  ])('when the input is %j, then it becomes %j', (raw, expected) => {
    expect(normalizeInput(raw)).toBe(expected);
  });
});

describe('isBlank', () => {
  it.each([[''], ['   '], ['\n\t'], ['\u200B'], [' \uFEFF \u200D ']])('when the input is %j, then it is blank', (raw) => {
    expect(isBlank(raw)).toBe(true);
  });

  it.each([['a'], [' 0 '], ['.']])('when the input is %j, then it is not blank', (raw) => {
    expect(isBlank(raw)).toBe(false);
  });
});

describe('keywordOf', () => {
  it.each([
    ['menu', 'MENU'],
    ['  Menu  ', 'MENU'],
    ['Batal.', 'BATAL'],
    ['batal!!', 'BATAL'],
    ['menu ?', 'MENU'],
    ['stop,', 'STOP'],
    ['bantuan;', 'BANTUAN'],
    ['menu   utama', 'MENU UTAMA'],
    ['\u200Bmenu', 'MENU'],
    ['.menu', '.MENU'],
    ['', ''],
  ])('when the input is %j, then the keyword is %j', (raw, expected) => {
    expect(keywordOf(raw)).toBe(expected);
  });
});
