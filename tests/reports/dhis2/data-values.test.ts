// The month's recaps as a DHIS2 dataValueSets payload and completeness registrations: which recaps go (verified,
// or also waiting with includeUnverified; never returned ones or dusun parts), the latest version, the kecamatan
// filter, the format, and codes that exist in the metadata file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../../src/db/bootstrap.js';
import { activeFields, DEFAULT_RECAP_SETTINGS } from '../../../src/domain/recap/fields.js';
import {
  buildCompleteRegistrations,
  buildDataValueSet,
  dhis2Period,
  loadDhis2Recaps,
  type Dhis2RecapRow,
} from '../../../src/reports/dhis2/data-values.js';
import { CompleteRegistrationsSchema, DataValueSetSchema } from '../../../src/reports/dhis2/format.js';
import { buildMetadata } from '../../../src/reports/dhis2/metadata.js';
import { BILI_BILI, BONTONOMPO, KEC, NIRANNUANG, PAKATTO, PAKATTO_V2, PERIOD, seedDhis2Month, SOKKOLIA } from '../../helpers/dhis2-fixture.js';

const settings = DEFAULT_RECAP_SETTINGS;
const options = { period: PERIOD, settings };

describe('DHIS2 data values', () => {
  let database: ReadyDatabase;
  beforeEach(() => {
    database = openReadyDatabase(':memory:');
    seedDhis2Month(database);
  });
  afterEach(() => database.close());

  const load = (more: { kecamatan?: string; includeUnverified?: boolean } = {}) =>
    loadDhis2Recaps(database.db, { period: PERIOD, includeUnverified: more.includeUnverified ?? false, kecamatan: more.kecamatan });

  it('when the month is exported, then only verified desa recaps go, in code order, never a returned one or a dusun part', () => {
    expect(load().map((r) => [r.desaCode, r.status])).toEqual([
      [BONTONOMPO, 'verified'],
      [PAKATTO, 'verified'],
      [NIRANNUANG, 'verified'],
    ]);
    expect(load({ includeUnverified: true }).map((r) => r.desaCode)).toEqual([BONTONOMPO, PAKATTO, NIRANNUANG, SOKKOLIA]);
    expect(load({ includeUnverified: true }).map((r) => r.desaCode)).not.toContain(BILI_BILI);
    expect(loadDhis2Recaps(database.db, { period: '2026-10', includeUnverified: true })).toEqual([]);
  });

  it('when a kecamatan is given, then only its desa go', () => {
    expect(load({ kecamatan: KEC }).map((r) => r.desaCode)).toEqual([PAKATTO, NIRANNUANG]);
    expect(load({ kecamatan: '73.06.01' }).map((r) => r.desaCode)).toEqual([BONTONOMPO]);
    expect(load({ kecamatan: '73.06.02' })).toEqual([]);
  });

  it('when a recap was corrected, then its latest version goes, completed on the day of its first submission (WITA)', () => {
    const pakatto = load().find((r) => r.desaCode === PAKATTO)!;
    expect(pakatto).toMatchObject({ version: 2, values: PAKATTO_V2, firstSubmittedAt: '2026-12-01T02:00:00.000Z', submittedAt: '2026-12-02T17:30:00.000Z' });
    const set = buildDataValueSet([pakatto], options);
    expect(set.dataValues.find((v) => v.dataElement === 'pus')).toEqual({ dataElement: 'pus', period: '202611', orgUnit: PAKATTO, value: '481' });
    // 2 December 17:30 UTC is 3 December in WITA; the first submission, 1 December 10:00 WITA, is what counts.
    expect(buildCompleteRegistrations([pakatto], options)).toEqual({
      dataSetIdScheme: 'CODE',
      orgUnitIdScheme: 'CODE',
      completeDataSetRegistrations: [{ dataSet: 'IMP_FIDAL', period: '202611', organisationUnit: PAKATTO, date: '2026-12-01', completed: true }],
    });
  });

  it('when the payload is built, then it is a dataValueSets payload by code with one value per answered asked field, all known to the metadata', () => {
    const rows = load({ includeUnverified: true });
    const set = buildDataValueSet(rows, options);
    expect(DataValueSetSchema.safeParse(set).success).toBe(true);
    expect(CompleteRegistrationsSchema.safeParse(buildCompleteRegistrations(rows, options)).success).toBe(true);
    expect(set).toMatchObject({ dataSet: 'IMP_FIDAL', period: '202611', dataSetIdScheme: 'CODE', dataElementIdScheme: 'CODE', orgUnitIdScheme: 'CODE' });
    const fields = activeFields(settings);
    expect(set.dataValues).toHaveLength(rows.length * fields.length);
    expect(set.dataValues.every((v) => /^(0|[1-9]\d*)$/.test(v.value) && v.period === '202611')).toBe(true);
    // Nirannuang's pa_mal belongs to a part this deployment does not ask: stale, and no data element to carry it.
    expect(set.dataValues.filter((v) => v.orgUnit === NIRANNUANG).map((v) => v.dataElement)).toEqual(fields.map((f) => f.id));

    const m = buildMetadata(database.areas, { settings, timelyDays: 3 }).metadata;
    const elementCodes = new Set(m.dataElements.map((d) => d.code));
    const unitCodes = new Set(m.organisationUnits!.map((u) => u.code));
    const assigned = new Set(m.dataSets![0]!.organisationUnits.map((o) => o.id));
    const unitIds = new Map(m.organisationUnits!.map((u) => [u.code, u.id]));
    for (const v of set.dataValues) {
      expect(elementCodes.has(v.dataElement)).toBe(true);
      expect(unitCodes.has(v.orgUnit)).toBe(true);
      expect(assigned.has(unitIds.get(v.orgUnit)!)).toBe(true);
    }
    expect(m.dataSets![0]!.code).toBe(set.dataSet);
  });

  it('when a field is not answered, then it has no value (DHIS2 keeps it empty, not 0)', () => {
    const row: Dhis2RecapRow = { ...load()[0]!, values: { pus: 10, pa_iud: 0 } };
    expect(buildDataValueSet([row], options).dataValues.map((v) => [v.dataElement, v.value])).toEqual([
      ['pus', '10'],
      ['pa_iud', '0'],
    ]);
  });

  it('when a stored value is damaged, then the export stops naming it instead of sending it', () => {
    const row: Dhis2RecapRow = { ...load()[0]!, values: { pus: -3 } };
    expect(() => buildDataValueSet([row], options)).toThrow(`recap of ${BONTONOMPO} 2026-11: pus = -3 is not a non-negative integer`);
    expect(() => buildDataValueSet([{ ...row, values: { pus: 1.5 } }], options)).toThrow(/not a non-negative integer/);
  });

  it('when a period is turned into a DHIS2 period, then it is YYYYMM', () => {
    expect(dhis2Period('2026-11')).toBe('202611');
    expect(dhis2Period('2027-01')).toBe('202701');
    expect(() => dhis2Period('2026-13')).toThrow();
  });
});
