// `imp-smart dhis2 metadata|export` as an operator runs them (runCli in this process, its output captured): the files
// they write, the mapping from --mapping or IMP_DHIS2_MAPPING, and one-line errors for bad input.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { auditEntries } from '../../src/db/repos/audit.repo.js';
import { DEFAULT_CATEGORY_COMBO_UID } from '../../src/reports/dhis2/codes.js';
import type { CompleteDataSetRegistrations, DataValueSet } from '../../src/reports/dhis2/data-values.js';
import { CompleteRegistrationsSchema, DataValueSetSchema, type Dhis2Metadata } from '../../src/reports/dhis2/format.js';
import { checkMetadata } from '../../src/reports/dhis2/references.js';
import { runCliProcess } from '../helpers/processes.js';
import { KEC, NIRANNUANG, PAKATTO, seedDhis2Month, SOKKOLIA } from '../helpers/dhis2-fixture.js';
import { runCliInProcess } from '../helpers/cli-in-process.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-dhis2-cli-'));
const db = join(dir, 'dhis2.db');
const file = (name: string) => join(dir, name);
const json = <T>(name: string): T => JSON.parse(readFileSync(file(name), 'utf8')) as T;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[], env: Record<string, string> = {}) {
  return runCliInProcess(args, { IMP_DB_PATH: db, IMP_DHIS2_MAPPING: '', ...env });
}

beforeAll(async () => {
  expect((await cli(['migrate'])).code).toBe(0);
  const database = openReadyDatabase(db);
  try {
    seedDhis2Month(database);
  } finally {
    database.close();
  }
});

describe('imp-smart dhis2', () => {
  it('when the metadata is written, then the file is a consistent DHIS2 package, the same on every run, and the report names the rules left out', async () => {
    const first = await cli(['dhis2', 'metadata', '--out', file('m1.json')]);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('1 data set, 57 data elements, 4 indicators, 40 validation rules, 186 org units');
    expect(first.out).toContain('Rule C7 is not in the file');
    expect((await cli(['dhis2', 'metadata', '--out', file('m2.json')])).code).toBe(0);
    expect(readFileSync(file('m1.json'), 'utf8')).toBe(readFileSync(file('m2.json'), 'utf8'));
    const m = json<Dhis2Metadata>('m1.json');
    expect(checkMetadata(m, { categoryCombos: new Set([DEFAULT_CATEGORY_COMBO_UID]), dataElements: new Set(), organisationUnits: new Set() })).toEqual([]);

    const without = await cli(['dhis2', 'metadata', '--no-org-units', '--out', file('m3.json')]);
    expect(without.code).toBe(0);
    expect(json<Dhis2Metadata>('m3.json').organisationUnits).toBeUndefined();
  });

  it('when a month is exported for a kecamatan, then the data values and the completeness registrations are written and the export is audited', async () => {
    const result = await cli(['dhis2', 'export', '--period', '2026-11', '--kecamatan', KEC, '--out', file('v.json')]);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('Kec. Bontomarannu, Kabupaten Gowa, 2026-11: 2 desa recap(s) (verified), 114 values');
    const set = DataValueSetSchema.parse(json<DataValueSet>('v.json'));
    expect(new Set(set.dataValues.map((v) => v.orgUnit))).toEqual(new Set([PAKATTO, NIRANNUANG]));
    const complete = CompleteRegistrationsSchema.parse(json<CompleteDataSetRegistrations>('v.complete.json'));
    expect(complete.completeDataSetRegistrations.map((r) => r.organisationUnit)).toEqual([PAKATTO, NIRANNUANG]);

    const database = openReadyDatabase(db);
    try {
      expect(auditEntries(database.db).filter((e) => e.action === 'export.dhis2').at(-1)).toMatchObject({ areaCode: KEC, period: '2026-11', actorKind: 'cli' });
    } finally {
      database.close();
    }

    const all = await cli(['dhis2', 'export', '--period', '2026-11', '--kecamatan', KEC, '--include-unverified', '--out', file('all.json')]);
    expect(all.code).toBe(0);
    expect(new Set(json<DataValueSet>('all.json').dataValues.map((v) => v.orgUnit))).toEqual(new Set([PAKATTO, NIRANNUANG, SOKKOLIA]));
  });

  it('when a mapping is given by --mapping or IMP_DHIS2_MAPPING, then the payload carries their codes', async () => {
    writeFileSync(file('map.csv'), `type,our_key,their_code,their_id\ndataElement,pus,PUS_DESA,Pu5xxxxxxx1\norgUnit,${PAKATTO},7306060003,\ndataSet,IMP_FIDAL,KKB_DESA\n`);
    const byFlag = await cli(['dhis2', 'export', '--period', '2026-11', '--kecamatan', KEC, '--mapping', file('map.csv'), '--out', file('mapped.json')]);
    expect(byFlag.code).toBe(0);
    expect(byFlag.out).toContain("3 code(s) of the instance's own");
    const set = json<DataValueSet>('mapped.json');
    expect(set.dataSet).toBe('KKB_DESA');
    expect(set.dataValues).toContainEqual({ dataElement: 'PUS_DESA', period: '202611', orgUnit: '7306060003', value: '481' });

    const byEnv = await cli(['dhis2', 'export', '--period', '2026-11', '--kecamatan', KEC, '--out', file('env.json')], { IMP_DHIS2_MAPPING: file('map.csv') });
    expect(byEnv.code).toBe(0);
    expect(readFileSync(file('env.json'), 'utf8')).toBe(readFileSync(file('mapped.json'), 'utf8'));

    const metadata = await cli(['dhis2', 'metadata', '--out', file('mm.json')], { IMP_DHIS2_MAPPING: file('map.csv') });
    expect(metadata.code).toBe(0);
    const m = json<Dhis2Metadata>('mm.json');
    expect(m.dataSets).toBeUndefined();
    expect(m.dataElements.map((d) => d.code)).not.toContain('pus');
  });

  it('when the input is wrong, then the command says so in one line per problem and writes nothing', async () => {
    writeFileSync(file('bad.csv'), 'type,our_key,their_code\ndataElement,PUS_TOTAL,X\norgUnit,73.06.06.2003,\n');
    const bad = await cli(['dhis2', 'export', '--period', '2026-11', '--mapping', file('bad.csv'), '--out', file('never.json')]);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toEqual([
      `${file('bad.csv')} line 2: unknown dataElement key "PUS_TOTAL" (not a field of the recap; see the codes in imp-smart-dhis2.json)`,
      `${file('bad.csv')} line 3: their_code is empty for orgUnit 73.06.06.2003`,
    ]);
    expect(existsSync(file('never.json'))).toBe(false);

    expect(await cli(['dhis2', 'export', '--out', file('never.json')])).toMatchObject({ code: 2, err: expect.stringContaining('--period YYYY-MM is required') });
    expect(await cli(['dhis2', 'export', '--period', '2026-11', '--kecamatan', '73.06.06.2003'])).toMatchObject({ code: 2, err: expect.stringContaining('is not a kecamatan code') });
    expect(await cli(['dhis2', 'export', '--period', '2026-11', '--mapping', file('missing.csv')])).toMatchObject({ code: 2, err: expect.stringContaining('does not exist') });
    expect(await cli(['dhis2', 'push'])).toMatchObject({ code: 2, err: expect.stringContaining('--period YYYY-MM is required') });
    expect(await cli(['dhis2', 'upload'])).toMatchObject({ code: 2, err: expect.stringContaining('usage: imp-smart dhis2 metadata') });
    expect(existsSync(file('never.json'))).toBe(false);
  });

  it('when the real command runs as a process, then it writes the metadata file', async () => {
    const result = await runCliProcess(['dhis2', 'metadata', '--db', db, '--out', file('process.json')], '', { IMP_DB_PATH: db });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(readFileSync(file('process.json'), 'utf8')).toBe(readFileSync(file('m1.json'), 'utf8'));
  });
});
