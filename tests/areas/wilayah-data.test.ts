import { describe, expect, it } from 'vitest';
import { loadWilayahFromResources } from '../../src/areas/wilayah-data.js';

describe('loadWilayahFromResources', () => {
  const { areas, aliases } = loadWilayahFromResources();

  it('builds 1 kabupaten, 18 kecamatan and 167 desa/kelurahan', () => {
    expect(areas.filter((a) => a.level === 'kabupaten')).toEqual([
      { code: '73.06', level: 'kabupaten', name: 'Gowa', kind: null, parentCode: null },
    ]);
    const kec = areas.filter((a) => a.level === 'kecamatan');
    expect(kec).toHaveLength(18);
    expect(kec.every((k) => k.parentCode === '73.06' && k.kind === null)).toBe(true);
    const desa = areas.filter((a) => a.level === 'desa');
    expect(desa).toHaveLength(167);
    expect(desa.filter((d) => d.kind === 'desa')).toHaveLength(121);
    expect(desa.filter((d) => d.kind === 'kelurahan')).toHaveLength(46);
    expect(new Set(areas.map((a) => a.code)).size).toBe(areas.length);
  });

  it('links every desa to its kecamatan by code prefix', () => {
    const kecCodes = new Set(areas.filter((a) => a.level === 'kecamatan').map((a) => a.code));
    for (const d of areas.filter((a) => a.level === 'desa')) {
      expect(d.parentCode).toBe(d.code.split('.').slice(0, 3).join('.'));
      expect(kecCodes.has(d.parentCode ?? '')).toBe(true);
    }
  });

  it('matches jenis to the Kemendagri digit rule (1 = kelurahan, 2 = desa)', () => {
    for (const d of areas.filter((a) => a.level === 'desa')) {
      expect(d.kind).toBe(d.code.split('.')[3]?.startsWith('1') ? 'kelurahan' : 'desa');
    }
  });

  it('has BPS and old Kemendagri aliases pointing at existing areas', () => {
    const codes = new Set(areas.map((a) => a.code));
    expect(aliases.every((a) => codes.has(a.areaCode))).toBe(true);
    expect(aliases).toContainEqual({ areaCode: '73.06.02.2007', alias: 'Pabentengan', source: 'bps_2017' });
    expect(aliases).toContainEqual({ areaCode: '73.06.08', alias: 'Somba Upu', source: 'kemendagri_old' });
    expect(aliases).toContainEqual({ areaCode: '73.06.14.2007', alias: 'Tanak Karaeng', source: 'kemendagri_old' });
    expect(aliases.filter((a) => a.source === 'kemendagri_old')).toHaveLength(6);
    // Identical spellings are not repeated as aliases.
    const names = new Map(areas.map((a) => [a.code, a.name]));
    expect(aliases.every((a) => names.get(a.areaCode) !== a.alias)).toBe(true);
  });
});
