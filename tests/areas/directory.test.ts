import { describe, expect, it } from 'vitest';
import { AreaDirectory, type AreaMatch } from '../../src/areas/directory.js';
import { loadWilayahFromResources } from '../../src/areas/wilayah-data.js';

const { areas, aliases } = loadWilayahFromResources();
const dir = new AreaDirectory(areas, aliases);

const BONTOMARANNU = '73.06.06';
const BUNGAYA = '73.06.09';
const BONTOMANAI_BUNGAYA = '73.06.09.2002';

function foundCode(m: AreaMatch): string | undefined {
  return m.kind === 'found' ? m.area.code : undefined;
}
function codesOf(m: AreaMatch): string[] {
  if (m.kind === 'found') return [m.area.code];
  return (m.kind === 'ambiguous' ? m.candidates : m.suggestions).map((a) => a.code);
}

describe('AreaDirectory structure', () => {
  it('counts kecamatan and desa', () => {
    expect(dir.kabupaten().code).toBe('73.06');
    expect(dir.kecamatanList()).toHaveLength(18);
    expect(dir.kecamatanList().map((k) => k.code)).toEqual([...dir.kecamatanList().map((k) => k.code)].sort());
    expect(dir.allDesa()).toHaveLength(167);
    expect(dir.allDesa().filter((d) => d.kind === 'desa')).toHaveLength(121);
    expect(dir.allDesa().filter((d) => d.kind === 'kelurahan')).toHaveLength(46);
    expect(dir.desaOf('73.06.08')).toHaveLength(14); // Somba Opu: all kelurahan
    expect(dir.desaOf('73.06.17')).toHaveLength(5);
    expect(dir.desaOf('99.99')).toEqual([]);
  });

  it('answers level and parent questions', () => {
    expect(dir.isDesa(BONTOMANAI_BUNGAYA)).toBe(true);
    expect(dir.isKecamatan(BONTOMANAI_BUNGAYA)).toBe(false);
    expect(dir.isKecamatan(BUNGAYA)).toBe(true);
    expect(dir.isDesa('73.06')).toBe(false);
    expect(dir.kecamatanOf(BONTOMANAI_BUNGAYA)?.code).toBe(BUNGAYA);
    expect(dir.kecamatanOf(BUNGAYA)?.code).toBe(BUNGAYA);
    expect(dir.kecamatanOf('73.06')).toBeUndefined();
    expect(dir.kecamatanOf('nope')).toBeUndefined();
    expect(dir.get('73.06.04.2004')?.name).toBe('Parigi');
  });

  it('labels areas', () => {
    expect(dir.label(BONTOMANAI_BUNGAYA)).toBe('Desa Bontomanai, Kec. Bungaya');
    expect(dir.label('73.06.06.1002')).toBe('Kelurahan Bontomanai, Kec. Bontomarannu');
    expect(dir.label(BONTOMARANNU)).toBe('Kec. Bontomarannu');
    expect(dir.label('73.06')).toBe('Kabupaten Gowa');
  });
});

describe('findDesa', () => {
  it('finds every official name uniquely when given with its kecamatan', () => {
    for (const d of dir.allDesa()) {
      const kec = dir.kecamatanOf(d.code)?.name ?? '';
      expect(foundCode(dir.findDesa(`${d.name}, ${kec}`)), `${d.name}, ${kec}`).toBe(d.code);
      expect(foundCode(dir.findDesa(`desa ${d.name} kec. ${kec}`)), `${d.name} kec ${kec}`).toBe(d.code);
      expect(foundCode(dir.findDesa(d.name, { kecamatanCode: d.parentCode ?? '' })), d.name).toBe(d.code);
      // Without the kecamatan the name is found or at least among the candidates.
      expect(codesOf(dir.findDesa(d.name))).toContain(d.code);
    }
  });

  it('tolerates case, spaces and apostrophes', () => {
    for (const q of ['PABENTENGANG', 'pa bentengang', "Pa'bentengang", 'Pa’bentengang', 'Desa Pabentengang']) {
      expect(foundCode(dir.findDesa(q)), q).toBe('73.06.02.2007');
    }
    expect(foundCode(dir.findDesa('tabinjai'))).toBe('73.06.10.2002');
    expect(foundCode(dir.findDesa('Benteng Somba Opu'))).toBe('73.06.12.1001');
  });

  it('finds each alias spelling under its own code', () => {
    for (const al of aliases) {
      const area = dir.get(al.areaCode);
      if (area?.level === 'kecamatan') {
        expect(foundCode(dir.findKecamatan(al.alias)), al.alias).toBe(al.areaCode);
      } else {
        expect(foundCode(dir.findDesa(al.alias)), al.alias).toBe(al.areaCode);
        expect(foundCode(dir.findDesa(`${al.alias}, ${dir.kecamatanOf(al.areaCode)?.name ?? ''}`))).toBe(al.areaCode);
      }
    }
  });

  it('reports Bontomanai as ambiguous across three kecamatan', () => {
    const m = dir.findDesa('Bontomanai');
    expect(m.kind).toBe('ambiguous');
    const parents = m.kind === 'ambiguous' ? m.candidates.map((a) => dir.kecamatanOf(a.code)?.name) : [];
    expect(parents).toEqual(['Bontomarannu', 'Bungaya', 'Bajeng Barat']);
    expect(dir.findDesa('Bontoramba').kind).toBe('ambiguous');
  });

  it('resolves Bontomanai with a kecamatan', () => {
    expect(foundCode(dir.findDesa('Bontomanai', { kecamatanCode: BUNGAYA }))).toBe(BONTOMANAI_BUNGAYA);
    expect(foundCode(dir.findDesa('Bontomanai, Bungaya'))).toBe(BONTOMANAI_BUNGAYA);
    expect(foundCode(dir.findDesa('bontomanai kec bungaya'))).toBe(BONTOMANAI_BUNGAYA);
    expect(foundCode(dir.findDesa('bontomanai kecamatan bungaya'))).toBe(BONTOMANAI_BUNGAYA);
    expect(foundCode(dir.findDesa('Bontomanai Bungaya'))).toBe(BONTOMANAI_BUNGAYA);
    expect(foundCode(dir.findDesa('Kel. Bontomanai, Kec. Bontomaranu'))).toBe('73.06.06.1002');
  });

  it('treats kecamatanCode as a hard filter', () => {
    // Bontomanai does not exist in Pallangga (73.06.07).
    expect(dir.findDesa('Bontomanai', { kecamatanCode: '73.06.07' }).kind).toBe('not_found');
    expect(dir.findDesa('Bontomanai, Bungaya', { kecamatanCode: '73.06.07' }).kind).toBe('not_found');
  });

  it('falls back to the desa part when the named kecamatan does not contain it', () => {
    expect(dir.findDesa('Bontomanai, Pallangga').kind).toBe('ambiguous');
  });

  it('keeps desa named like a kecamatan at their real place', () => {
    expect(foundCode(dir.findDesa('Parangloe'))).toBe('73.06.11.2006'); // desa in Biringbulu
    expect(foundCode(dir.findDesa('Parigi'))).toBe('73.06.04.2004'); // in Tinggimoncong
    expect(foundCode(dir.findKecamatan('Parigi'))).toBe('73.06.17');
  });

  it('accepts a one-letter typo', () => {
    expect(foundCode(dir.findDesa('Tamallayeng'))).toBe('73.06.01.1002'); // Tamallayang
    expect(foundCode(dir.findDesa('Bontomania, Bungaya'))).toBe(BONTOMANAI_BUNGAYA); // swapped letters
    expect(dir.findDesa('Bontomanaj').kind).toBe('ambiguous');
  });

  it('returns not_found with nearby suggestions for unknown names', () => {
    const m = dir.findDesa('Jakarta');
    expect(m.kind).toBe('not_found');
    expect(m.kind === 'not_found' && m.suggestions.length).toBeLessThanOrEqual(3);
    expect(dir.findDesa('').kind).toBe('not_found');
    expect(dir.findDesa('Desa').kind).toBe('not_found');
    const near = dir.findDesa('Tamalayanxyz'); // 3 edits: too far to accept, close enough to suggest
    expect(near.kind).toBe('not_found');
    expect(codesOf(near)).toContain('73.06.01.1002');
  });
});

describe('findKecamatan', () => {
  it('finds every kecamatan by name, with prefixes and case', () => {
    for (const k of dir.kecamatanList()) {
      expect(foundCode(dir.findKecamatan(k.name))).toBe(k.code);
      expect(foundCode(dir.findKecamatan(`Kec. ${k.name.toUpperCase()}`))).toBe(k.code);
    }
  });

  it('handles old spellings and misspellings', () => {
    expect(foundCode(dir.findKecamatan('Bontomaranu'))).toBe(BONTOMARANNU);
    expect(foundCode(dir.findKecamatan('Bontomarranu'))).toBe(BONTOMARANNU);
    expect(foundCode(dir.findKecamatan('Bontomarano'))).toBe(BONTOMARANNU); // real typo tier
    expect(foundCode(dir.findKecamatan('Pattalassang'))).toBe('73.06.13');
    expect(foundCode(dir.findKecamatan('sombaopu'))).toBe('73.06.08');
    expect(foundCode(dir.findKecamatan('Palangga'))).toBe('73.06.07');
  });

  it('returns not_found for unknown names', () => {
    expect(dir.findKecamatan('Jakarta')).toEqual({ kind: 'not_found', suggestions: [] });
  });
});
