// Reading KUIS messages and quiz answers as people type them.
import { describe, expect, it } from 'vitest';
import { readQuizCommand, typedCode } from '../../src/flows/quiz/quiz-commands.js';
import { readAnswer } from '../../src/flows/quiz/quiz-validators.js';

describe('KUIS commands', () => {
  it.each([
    ['KUIS K7Q2', { kind: 'join', code: 'K7Q2' }],
    ['kuis k7q2.', { kind: 'join', code: 'K7Q2' }],
    ['Kuis: k7q2', { kind: 'join', code: 'K7Q2' }],
    ['KUIS BUKA Pelatihan Kader Oktober', { kind: 'open', name: 'Pelatihan Kader Oktober' }],
    ['buka kuis: Orientasi PPKBD', { kind: 'open', name: 'Orientasi PPKBD' }],
    ['kuis buka', { kind: 'open', name: '' }],
    ['KUIS POST K7Q2', { kind: 'post', key: 'K7Q2' }],
    ['kuis post-test k7q2', { kind: 'post', key: 'k7q2' }],
    ['KUIS TUTUP M3XA', { kind: 'close', key: 'M3XA' }],
    ['tutup kuis M3XA', { kind: 'close', key: 'M3XA' }],
    ['KUIS HASIL', { kind: 'report', key: '' }],
    ['hasil kuis Pelatihan Kader Oktober', { kind: 'report', key: 'Pelatihan Kader Oktober' }],
  ])('when "%s" is written, then it reads as %o', (text, command) => {
    expect(readQuizCommand(text)).toEqual(command);
  });

  it.each(['kuis bagus sekali', 'kuisnya kapan?', 'KUIS', 'kuis k7q2 pak', 'hasil rapat'])('when "%s" is written, then it is no quiz command', (text) => {
    expect(readQuizCommand(text)).toBeNull();
  });

  it('when a code is typed after being asked for, then spaces, "kuis" and "kode" are ignored; other lengths are refused', () => {
    expect(typedCode('k7q2')).toBe('K7Q2');
    expect(typedCode('KUIS K7Q2')).toBe('K7Q2');
    expect(typedCode('kode: K7 Q2')).toBe('K7Q2');
    expect(typedCode('K7Q')).toBeNull();
    expect(typedCode('pelatihan')).toBeNull();
  });
});

describe('quiz answers', () => {
  const options = ['Pil dan kondom', 'IUD dan implan', 'Suntik'];
  it.each([
    ['2', 1],
    ['2.', 1],
    ['(2)', 1],
    ['no 2', 1],
    ['jawaban: 2', 1],
    ['B', 1],
    ['b.', 1],
    ['iud dan implan', 1],
    ['1', 0],
    ['c', 2],
  ])('when "%s" is answered, then option %i is chosen', (text, index) => {
    expect(readAnswer(text, options)).toBe(index);
  });

  it.each(['4', 'd', '0', 'iud', '2 3', 'saya tidak tahu', ''])('when "%s" is answered to three options, then it is not read', (text) => {
    expect(readAnswer(text, options)).toBeNull();
  });
});
