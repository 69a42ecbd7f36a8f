import { describe, expect, it } from 'vitest';
import { matchKnownUnit, parsePlaceCode } from '../../../src/flows/cases/place-answer.js';

describe('parsePlaceCode', () => {
  it.each([
    ['RT 02', 'RT 02'],
    ['rt2', 'RT 02'],
    ['rt 2 rw 3', 'RT 02 RW 03'],
    ['RT 003/RW 004', 'RT 003 RW 004'],
    ['RW.5', 'RW 05'],
    ['dusun bontoa', 'Dusun Bontoa'],
    ['Dsn. Borong Kalukua RT 1', 'Dusun Borong Kalukua RT 01'],
    ['RT 03 Dusun Bontoa', 'RT 03 Dusun Bontoa'],
    ['lingk. tamarunang', 'Lingkungan Tamarunang'],
    ["Je'ne'tallasa", "Je'ne'tallasa"],
    ['Borong Kalukua', 'Borong Kalukua'],
  ])('when the answer is "%s", then the place is "%s"', (text, place) => {
    expect(parsePlaceCode(text)).toBe(place);
  });

  it.each([
    ['12'],
    ['RT'],
    ['RT dua'],
    ['rumah paling ujung dekat sungai besar itu'],
    ['Dusun'],
    ['jalan 5'],
    ['a'.repeat(41)],
  ])('when the answer is "%s", then it is not a place code', (text) => {
    expect(parsePlaceCode(text)).toBeNull();
  });
});

describe('matchKnownUnit', () => {
  const units = ['Dusun Bontoa', 'Dusun Tamalate'];
  it.each([
    ['bontoa', 'Dusun Bontoa'],
    ['Dusun  Tamalate', 'Dusun Tamalate'],
    ['dsn tamalate', 'Dusun Tamalate'],
    ['Pakatto', null],
  ])('when "%s" is typed, then the known dusun is %s', (text, unit) => {
    expect(matchKnownUnit(text, units)).toBe(unit);
  });
});
