// Mapping overrides: the instance's own codes (and UIDs) for data elements, org units and the data set. A bad row is
// one line naming the file and the row; a mapped object is left out of the metadata and referred to by its UID; the
// payload carries their codes.
import { describe, expect, it } from 'vitest';
import { AreaDirectory } from '../../../src/areas/directory.js';
import { loadWilayahFromResources } from '../../../src/areas/wilayah-data.js';
import { DEFAULT_RECAP_SETTINGS } from '../../../src/domain/recap/fields.js';
import { buildCompleteRegistrations, buildDataValueSet, type Dhis2RecapRow } from '../../../src/reports/dhis2/data-values.js';
import { Dhis2MappingError, parseMappingCsv } from '../../../src/reports/dhis2/mapping.js';
import { buildMetadata } from '../../../src/reports/dhis2/metadata.js';
import { checkMetadata } from '../../../src/reports/dhis2/references.js';
import { dhis2Uid } from '../../../src/reports/dhis2/uid.js';
import { CLEAN_RECAP } from '../../helpers/recap-fixture.js';

const { areas: rows, aliases } = loadWilayahFromResources();
const areas = new AreaDirectory(rows, aliases);
const PAKATTO = '73.06.06.2003';
const settings = DEFAULT_RECAP_SETTINGS;

const MAPPING = [
  'type,our_key,their_code,their_id',
  'dataElement,pus,PUS_DESA,Pu5xxxxxxx1',
  'dataElement,pa_iud,KB_AKTIF_IUD,Iu0xxxxxxx1',
  'orgUnit,73,SULSEL,Pr0v1nce00a',
  'orgUnit,73.06,7306,Kab0Gowa00a',
  `orgUnit,${PAKATTO},7306060003,`,
].join('\n');

function errorsOf(text: string): string[] {
  try {
    parseMappingCsv(text, areas, 'map.csv');
  } catch (error) {
    if (error instanceof Dhis2MappingError) return [...error.lines];
    throw error;
  }
  return [];
}

const row = (desaCode: string, values = CLEAN_RECAP): Dhis2RecapRow => ({
  desaCode,
  period: '2026-11',
  status: 'verified',
  version: 1,
  values,
  firstSubmittedAt: '2026-12-01T02:00:00.000Z',
  submittedAt: '2026-12-01T02:00:00.000Z',
  verifiedAt: '2026-12-02T02:00:00.000Z',
});

describe('DHIS2 mapping', () => {
  it('when the file is good, then each row maps one of ours to theirs, their_id optional', () => {
    const mapping = parseMappingCsv(MAPPING, areas, 'map.csv');
    expect(mapping.dataElements.get('pus')).toMatchObject({ line: 2, theirCode: 'PUS_DESA', theirId: 'Pu5xxxxxxx1' });
    expect(mapping.orgUnits.get(PAKATTO)).toMatchObject({ line: 6, theirCode: '7306060003', theirId: null });
    expect(mapping.dataSet).toBeNull();
  });

  it('when rows are bad, then each is one line naming the file, the row and what is wrong, and nothing is used', () => {
    const lines = errorsOf(
      [
        'type,our_key,their_code,their_id',
        'dataElement,PUS_TOTAL,X1,', // 2 unknown key
        'dataElement,IUD,X2,', // 3 the fast-entry key
        'orgUnit,73.06.99.9999,X3,', // 4 unknown area
        'indicator,IMP_CPR,X4,', // 5 unknown type
        'dataSet,FIDAL,X5,', // 6 not our data set code
        'dataElement,pus,,', // 7 empty code
        'dataElement,pus,PUS,not-a-uid', // 8 bad UID
        'dataElement,pus,PUS,', // 9 good
        'dataElement,pus,PUS2,', // 10 mapped twice
        'dataElement,hamil,PUS,', // 11 their code twice
        `dataElement,tial,${'X'.repeat(51)},`, // 12 too long
      ].join('\n'),
    );
    expect(lines).toEqual([
      'map.csv line 2: unknown dataElement key "PUS_TOTAL" (not a field of the recap; see the codes in imp-smart-dhis2.json)',
      'map.csv line 3: unknown dataElement key "IUD": use the field id "pa_iud" (the fast-entry key is not the code)',
      'map.csv line 4: unknown orgUnit key "73.06.99.9999" (not a Kemendagri code of Kabupaten Gowa; see imp-smart areas list)',
      'map.csv line 5: unknown type "indicator" (expected dataElement, orgUnit, dataSet)',
      'map.csv line 6: unknown dataSet key "FIDAL" (ours is IMP_FIDAL)',
      'map.csv line 7: their_code is empty for dataElement pus',
      'map.csv line 8: their_id "not-a-uid" is not a DHIS2 UID (11 letters and digits, a letter first)',
      'map.csv line 10: dataElement pus is already mapped on line 9',
      'map.csv line 11: their_code PUS is already used for another dataElement on line 9',
      `map.csv line 12: their_code "${'X'.repeat(51)}" is longer than DHIS2's 50 characters`,
    ]);
    expect(errorsOf('kind,key,code\ndataElement,pus,PUS')).toEqual(['map.csv line 1: missing column(s) type, our_key, their_code; expected type,our_key,their_code[,their_id]']);
  });

  it('when objects are mapped, then the metadata leaves them out, refers to them by their UID, and still resolves every reference', () => {
    const mapping = parseMappingCsv(MAPPING.split('\n').slice(0, 5).join('\n'), areas, 'map.csv');
    const pkg = buildMetadata(areas, { settings, mapping, timelyDays: 3 });
    const m = pkg.metadata;
    expect(checkMetadata(m, pkg.externalIds)).toEqual([]);
    expect(m.dataElements.map((de) => de.code)).not.toContain('pus');
    expect(m.dataSets![0]!.dataSetElements.map((e) => e.dataElement.id)).toContain('Pu5xxxxxxx1');
    expect(m.indicators.find((i) => i.code === 'IMP_CPR')).toMatchObject({ denominator: '#{Pu5xxxxxxx1}' });
    expect(m.validationRules.find((r) => r.code === 'IMP_C3')!.leftSide.expression).toBe('#{Pu5xxxxxxx1}');
    // The kabupaten exists there: its kecamatan hang under it; the province row gives nothing else a parent.
    expect(m.organisationUnits!.map((u) => u.code)).not.toContain('73.06');
    expect(m.organisationUnits!.find((u) => u.code === '73.06.06')!.parent).toEqual({ id: 'Kab0Gowa00a' });
    expect(pkg.notes.join('\n')).toContain("2 data element(s) are the instance's own");
  });

  it('when the kabupaten is ours but the province exists there, then the kabupaten hangs under the province', () => {
    const mapping = parseMappingCsv('type,our_key,their_code,their_id\norgUnit,73,SULSEL,Pr0v1nce00a', areas, 'map.csv');
    const m = buildMetadata(areas, { settings, mapping, timelyDays: 3 }).metadata;
    expect(m.organisationUnits![0]).toMatchObject({ code: '73.06', parent: { id: 'Pr0v1nce00a' } });
  });

  it('when a mapped object the metadata must point at has no their_id, then building it fails naming the row', () => {
    const mapping = parseMappingCsv('type,our_key,their_code,their_id\ndataElement,pus,PUS_DESA,\norgUnit,73.06.06,7306060,', areas, 'map.csv');
    expect(() => buildMetadata(areas, { settings, mapping, timelyDays: 3 })).toThrow(Dhis2MappingError);
    try {
      buildMetadata(areas, { settings, mapping, timelyDays: 3 });
    } catch (error) {
      expect((error as Dhis2MappingError).lines).toEqual([
        'map.csv line 2: dataElement pus is mapped to PUS_DESA without their_id; the metadata refers to data elements by UID (data set, indicators, validation rules)',
        'map.csv line 3: orgUnit 73.06.06 is mapped without their_id, but the units created under it need its UID as their parent',
      ]);
    }
  });

  it('when a desa is mapped without their_id, then the metadata cannot assign it and says so, and the payload still names it by their code', () => {
    const mapping = parseMappingCsv(MAPPING, areas, 'map.csv');
    const pkg = buildMetadata(areas, { settings, mapping, timelyDays: 3 });
    expect(pkg.metadata.dataSets![0]!.organisationUnits).not.toContainEqual({ id: dhis2Uid('organisationUnit', PAKATTO) });
    expect(pkg.notes.join('\n')).toContain('1 desa/kelurahan are not assigned to the data set');

    const set = buildDataValueSet([row(PAKATTO), row('73.06.06.2004')], { period: '2026-11', settings, mapping });
    expect(set.dataValues.find((v) => v.orgUnit === '7306060003' && v.dataElement === 'PUS_DESA')).toEqual({ dataElement: 'PUS_DESA', period: '202611', orgUnit: '7306060003', value: '480' });
    expect(set.dataValues.find((v) => v.orgUnit === '73.06.06.2004' && v.dataElement === 'KB_AKTIF_IUD')!.value).toBe('20');
    expect(set.dataValues.some((v) => v.dataElement === 'pus' || v.dataElement === 'pa_iud' || v.orgUnit === PAKATTO)).toBe(false);
    expect(buildCompleteRegistrations([row(PAKATTO)], { period: '2026-11', settings, mapping }).completeDataSetRegistrations[0]!.organisationUnit).toBe('7306060003');
  });

  it('when the data set is mapped, then the metadata neither creates nor changes it and the payload names theirs', () => {
    const mapping = parseMappingCsv('type,our_key,their_code\ndataSet,IMP_FIDAL,KKB_DESA_BULANAN', areas, 'map.csv');
    const pkg = buildMetadata(areas, { settings, mapping, timelyDays: 3 });
    expect(pkg.metadata.dataSets).toBeUndefined();
    expect(pkg.metadata.sections).toBeUndefined();
    expect(checkMetadata(pkg.metadata, pkg.externalIds)).toEqual([]);
    expect(pkg.notes.join('\n')).toContain('The data set is the instance\'s own (IMP_FIDAL → KKB_DESA_BULANAN)');
    expect(buildDataValueSet([row(PAKATTO)], { period: '2026-11', settings, mapping }).dataSet).toBe('KKB_DESA_BULANAN');
  });
});
