import { describe, expect, it } from 'vitest';
import { editDistance, looseKey, nameKey } from '../../src/areas/name-key.js';

describe('nameKey', () => {
  it('ignores case, spaces, hyphens and apostrophes', () => {
    for (const v of ["Pa'bentengang", 'PABENTENGANG', 'pa bentengang', 'Pa’bentengang', 'Pa`bentengang', 'Paʼbentengang']) {
      expect(nameKey(v)).toBe('pabentengang');
    }
    expect(nameKey('Bili-bili')).toBe(nameKey('bili bili'));
  });

  it('strips leading administrative words but not name prefixes', () => {
    expect(nameKey('Desa Bontomanai')).toBe('bontomanai');
    expect(nameKey('Kelurahan Bontomanai')).toBe('bontomanai');
    expect(nameKey('Kel. Bontomanai')).toBe('bontomanai');
    expect(nameKey('kel.bontomanai')).toBe('bontomanai');
    expect(nameKey('ds Bontomanai')).toBe('bontomanai');
    expect(nameKey('Kec. Bungaya')).toBe('bungaya');
    expect(nameKey('Kecamatan Bungaya')).toBe('bungaya');
    expect(nameKey('Kalebajeng')).toBe('kalebajeng');
    expect(nameKey('Desa')).toBe('');
  });
});

describe('looseKey', () => {
  it('collapses doubled letters and a final -ng', () => {
    expect(looseKey('Pattallassang')).toBe(looseKey('Pattalassang'));
    expect(looseKey('Paccellekang')).toBe(looseKey('Pacellekang'));
    expect(looseKey('Bontolempangang')).toBe(looseKey('Bontolempangan'));
    expect(looseKey("Ta'binjai")).toBe(looseKey('Tabbinjai'));
    expect(looseKey('Bontomarannu')).toBe('bontomaranu');
  });
});

describe('editDistance', () => {
  it('counts adjacent swaps as one edit', () => {
    expect(editDistance('bontomanai', 'bontomania')).toBe(1);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('stops early above max', () => {
    expect(editDistance('bontomanai', 'jakarta', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 1)).toBe(2);
  });
});
