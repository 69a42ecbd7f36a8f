// Where a person may record a meeting (meeting-areas.ts): the rule the host checks again at KIRIM.
import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../../src/areas/directory.js';
import { loadWilayahFromResources } from '../../src/areas/wilayah-data.js';
import type { Actor } from '../../src/flows/engine/types.js';
import { ANY_KECAMATAN, areaOptions, mayRecordAt, parseAreaKey, type MeetingArea } from '../../src/flows/meetings/meeting-areas.js';

const { areas: rows, aliases } = loadWilayahFromResources();
const areas = new AreaDirectory(rows, aliases);
const BONTOMARANNU = '73.06.06';
const BAJENG = '73.06.02';

function person(role: Extract<Actor, { kind: 'person' }>['role'], desaCodes: string[], homeAreaCode: string): Actor {
  return { kind: 'person', personId: 1, name: 'X', role, desaCodes, homeAreaCode, unitName: null };
}
const pkb = person('pkb', ['73.06.06.2003', '73.06.06.2004'], BONTOMARANNU);
const koordinator = person('koordinator', areas.desaOf(BONTOMARANNU).map((d) => d.code), BONTOMARANNU);
const dinas = person('dinas', areas.allDesa().map((d) => d.code), '73.06');
const admin = person('admin', areas.allDesa().map((d) => d.code), '73.06');
const kec = (areaCode: string): MeetingArea => ({ level: 'kecamatan', areaCode });

describe('mayRecordAt', () => {
  it('when the Dinas or an admin records, then the kabupaten level and every kecamatan level are allowed, but no desa', () => {
    for (const actor of [dinas, admin]) {
      expect(mayRecordAt(actor, areas, { level: 'kabupaten', areaCode: '73.06' })).toBe(true);
      for (const k of areas.kecamatanList()) expect(mayRecordAt(actor, areas, kec(k.code))).toBe(true);
      expect(mayRecordAt(actor, areas, { level: 'desa', areaCode: '73.06.06.2003' })).toBe(false);
    }
  });

  it('when the "Tingkat kecamatan" option itself reaches the host, then it is not an area anyone may record at', () => {
    expect(mayRecordAt(dinas, areas, parseAreaKey(ANY_KECAMATAN))).toBe(false);
  });

  it('when a koordinator or a PKB records for another kecamatan, then it is refused; their own stays allowed', () => {
    expect(mayRecordAt(koordinator, areas, kec(BONTOMARANNU))).toBe(true);
    expect(mayRecordAt(koordinator, areas, kec(BAJENG))).toBe(false);
    expect(mayRecordAt(koordinator, areas, { level: 'kabupaten', areaCode: '73.06' })).toBe(false);
    expect(mayRecordAt(pkb, areas, kec(BONTOMARANNU))).toBe(true);
    expect(mayRecordAt(pkb, areas, kec(BAJENG))).toBe(false);
    expect(mayRecordAt(pkb, areas, { level: 'desa', areaCode: '73.06.06.2003' })).toBe(true);
    // A desa of the same kecamatan outside the binaan.
    const outside = areas.desaOf(BONTOMARANNU).find((d) => !['73.06.06.2003', '73.06.06.2004'].includes(d.code))!;
    expect(mayRecordAt(pkb, areas, { level: 'desa', areaCode: outside.code })).toBe(false);
  });
});

describe('areaOptions', () => {
  it('when the Dinas is asked where, then two options are listed: the kabupaten level and "Tingkat kecamatan"', () => {
    expect(areaOptions(dinas, areas).map((o) => o.label)).toEqual(['Tingkat kabupaten', 'Tingkat kecamatan']);
  });
});
