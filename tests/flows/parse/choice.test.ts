import { describe, it, expect } from 'vitest';
import { choiceHint, parseChoice, type ChoiceOption } from '../../../src/flows/parse/index.js';

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

describe('parseChoice: the option\'s own words, typed loosely', () => {
  type Use = 'use' | 'own';
  const offer: readonly ChoiceOption<Use>[] = [
    { key: 'use', number: 1, words: ['pakai'], label: 'Pakai jumlah ini' },
    { key: 'own', number: 2, words: ['isi sendiri'], label: 'Isi sendiri angka seluruh desa' },
  ];

  it.each<[string, Use]>([
    ['Pakai jumlah ini', 'use'],
    ['pakai jumlah ini.', 'use'],
    ['PAKAI', 'use'],
    ['pakai  jumlah', 'use'],
    ['isi sendiri', 'own'],
    ['Isi sendiri angka seluruh desa', 'own'],
    ['isi sndiri', 'own'],
    ['pakay jumlah ini', 'use'],
    ['isi', 'own'],
  ])('when the answer is %j, then %s is chosen', (raw, expected) => {
    expect(parseChoice(raw, offer)).toBe(expected);
  });

  it.each(['pa', 'jumlah', 'xyz', 'sendiri pakai'])('when the answer is %j, then nothing is chosen', (raw) => {
    expect(parseChoice(raw, offer)).toBeNull();
  });

  it("when a desa name is typed with another apostrophe or spacing, then it still chooses", () => {
    const desa: readonly ChoiceOption<'a' | 'b'>[] = [
      { key: 'a', number: 1, words: [], label: "Desa Pa'bentengang, Kec. Bajeng" },
      { key: 'b', number: 2, words: [], label: 'Desa Bontosunggu, Kec. Bajeng' },
    ];
    expect(parseChoice('pabentengang', desa)).toBe('a');
    expect(parseChoice("Pa'bentengang", desa)).toBe('a');
    expect(parseChoice('bonto sunggu', desa)).toBe('b');
    expect(parseChoice('bontosungu', desa)).toBe('b');
    expect(parseChoice('Desa Bontosunggu, Kec. Bajeng', desa)).toBe('b');
  });
});

describe('parseChoice: months', () => {
  const months: readonly ChoiceOption[] = [
    { key: '2026-12', number: 1, words: [], label: 'Desember 2026', month: { year: 2026, month: 12 } },
    { key: '2026-11', number: 2, words: [], label: 'November 2026', month: { year: 2026, month: 11 } },
  ];

  it.each([
    ['11/2026', '2026-11'],
    ['11-2026', '2026-11'],
    ['November', '2026-11'],
    ['nov', '2026-11'],
    ['nov 2026', '2026-11'],
    ['Nopember 2026', '2026-11'],
    ['bulan 11', '2026-11'],
    ['11', '2026-11'],
    ['des', '2026-12'],
    ['12/2026', '2026-12'],
    ['1', '2026-12'],
    ['2', '2026-11'],
  ])('when the answer is %j, then %s is chosen', (raw, expected) => {
    expect(parseChoice(raw, months)).toBe(expected);
  });

  it.each(['10/2026', 'nov 2025', 'oktober', '13'])('when the answer is %j (not offered), then nothing is chosen', (raw) => {
    expect(parseChoice(raw, months)).toBeNull();
  });
});

describe('choiceHint', () => {
  it('when a choice has two options, then the hint names those numbers and an option\'s word, never another number', () => {
    const hint = choiceHint([
      { key: 'a', number: 1, words: ['pakai'] },
      { key: 'b', number: 2, words: ['isi sendiri'] },
    ]);
    expect(hint).toBe('Balas angka antara 1 dan 2, atau tulis pilihannya (misalnya: pakai).');
    expect(hint).not.toContain('25');
  });

  it('when the options are months, then the hint shows a month of the list', () => {
    expect(choiceHint([{ key: '2026-11', number: 1, words: [], label: 'November 2026', month: { year: 2026, month: 11 } }])).toBe(
      'Balas 1, atau tulis bulannya (misalnya november atau 11/2026).',
    );
  });
});
