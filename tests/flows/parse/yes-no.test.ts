import { describe, it, expect } from 'vitest';
import { parseYesNo } from '../../../src/flows/parse/index.js';

describe('parseYesNo', () => {
  it.each([
    'ya', 'y', 'iya', 'iy', 'yes', 'ok', 'oke', 'okay', 'benar', 'betul', 'setuju', 'sudah', 'bisa',
    'YA', 'Ya', ' ya ', 'ya.', 'Ya!', 'ya?', 'ya, benar', 'Iya betul', 'yaaa', 'iyaa', 'iyaaa', 'okeee', 'yesss',
    'ya 👍', 'ya🙏', '👍 ya', 'sudah pak', 'iya bu', 'oke deh', 'sdh', 'udah', 'siap',
  ])('when the input is %j, then it is yes', (raw) => {
    expect(parseYesNo(raw)).toBe('yes');
  });

  it.each([
    'tidak', 't', 'tdk', 'gak', 'ga', 'nggak', 'enggak', 'engga', 'no', 'bukan', 'belum', 'jangan',
    'TIDAK', 'Tidak.', 'tidakk', 'tidakkk', 'gakk', 'nggaaak', 'noo', 'belum!', 'tidak, bukan', 'belum pak',
    'tidak bisa', 'belum setuju', 'tidak benar', 'bukan 🙏', 'blm',
  ])('when the input is %j, then it is no', (raw) => {
    expect(parseYesNo(raw)).toBe('no');
  });

  it.each([
    '', '   ', '1', '2', '0', 'ya 1', 'ya tidak', 'ya, tidak', 'tidak, ya', 'mungkin', 'yak', 'yaitu', 'tidur',
    'pak', '👍', '...', 'ya mungkin', 'no 2', 'okee banget',
  ])('when the input is %j, then it is not an answer', (raw) => {
    expect(parseYesNo(raw)).toBeNull();
  });
});
