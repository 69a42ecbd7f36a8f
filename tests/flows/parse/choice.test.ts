import { describe, it, expect } from 'vitest';
import { parseChoice, type ChoiceOption } from '../../../src/flows/parse/index.js';

type Key = 'lapor' | 'profil' | 'bantuan';

const options: readonly ChoiceOption<Key>[] = [
  { key: 'lapor', number: 1, words: ['lapor', 'laporan bulanan'] },
  { key: 'profil', number: 2, words: ['profil', 'Profil Saya'] },
  { key: 'bantuan', number: 3, words: ['bantuan', 'petunjuk'] },
];

describe('parseChoice', () => {
  it.each<[string, Key]>([
    ['2', 'profil'],
    ['2.', 'profil'],
    [' 2 ', 'profil'],
    ['2)', 'profil'],
    ['(2)', 'profil'],
    ['no 2', 'profil'],
    ['No. 2', 'profil'],
    ['no.2', 'profil'],
    ['nomor 2', 'profil'],
    ['Nomor 2', 'profil'],
    ['nomer 3', 'bantuan'],
    ['02', 'profil'],
    ['profil', 'profil'],
    ['PROFIL', 'profil'],
    ['Profil!', 'profil'],
    ['profil saya', 'profil'],
    ['  Profil   Saya. ', 'profil'],
    ['Laporan bulanan', 'lapor'],
    ['petunjuk?', 'bantuan'],
    ['2. Profil saya', 'profil'],
    ['2.Profil', 'profil'],
    ['2 profil', 'profil'],
    ['(2) Profil saya', 'profil'],
    ['2) profil', 'profil'],
    ['1. Lapor bulan ini', 'lapor'],
    ['\u200B1', 'lapor'],
  ])('when the input is %j, then the choice is %j', (raw, expected) => {
    expect(parseChoice(raw, options)).toBe(expected);
  });

  it.each([
    [''],
    ['   '],
    ['4'],
    ['0'],
    ['2.5'],
    ['2 3'],
    ['-2'],
    ['dua'],
    ['prof'],
    ['profil lain'],
    ['2. Bantuan'],
    ['2 orang'],
    ['no'],
    ['nomor'],
    ['(2'],
  ])('when the input is %j, then nothing is chosen', (raw) => {
    expect(parseChoice(raw, options)).toBeNull();
  });

  it('when two options share a word, then the answer is ambiguous', () => {
    const clash: readonly ChoiceOption<'a' | 'b'>[] = [
      { key: 'a', number: 1, words: ['data'] },
      { key: 'b', number: 2, words: ['Data'] },
    ];
    expect(parseChoice('data', clash)).toBeNull();
    expect(parseChoice('1', clash)).toBe('a');
  });

  it('when two options share a number, then the answer is ambiguous', () => {
    const clash: readonly ChoiceOption<'a' | 'b'>[] = [
      { key: 'a', number: 1, words: ['alpha'] },
      { key: 'b', number: 1, words: ['beta'] },
    ];
    expect(parseChoice('1', clash)).toBeNull();
    expect(parseChoice('beta', clash)).toBe('b');
  });

  it('when a number and a word point at different options, then the answer is ambiguous', () => {
    const clash: readonly ChoiceOption<'a' | 'b'>[] = [
      { key: 'a', number: 1, words: ['2'] },
      { key: 'b', number: 2, words: ['beta'] },
    ];
    expect(parseChoice('2', clash)).toBeNull();
  });

  it('when there are no options, then nothing is chosen', () => {
    expect(parseChoice('1', [])).toBeNull();
  });
});
