// What the DHIS2 push tests share: a database with people, verified desa recaps written through the recap
// repository (a correction is a new version, as the bot stores it), and a fake DHIS2 that knows the IMP codes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { recordReview, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { DEFAULT_RECAP_SETTINGS, RECAP_FIELDS, type RecapValues } from '../../src/domain/recap/fields.js';
import { importPeople } from '../../src/people/people-import.js';
import { dataElementCode, EMPTY_MAPPING, orgUnitCode } from '../../src/reports/dhis2/mapping.js';
import { FakeDhis2, type FakeDhis2Options } from './fake-dhis2.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE } from './people.js';
import { CLEAN_RECAP } from './recap-fixture.js';

export const PAKATTO = '73.06.06.2003';
export const NIRANNUANG = '73.06.06.2004';
export const ROMANGLOE = '73.06.06.2005';
export const TOKEN = 'd2pat_fakeTokenForTests0000000000000001';

/** Values one CLEAN_RECAP desa sends: every answered field. */
export const VALUES_PER_DESA = Object.keys(CLEAN_RECAP).length;
/** The recap settings of a default deployment (no optional parts). */
export const SETTINGS = DEFAULT_RECAP_SETTINGS;
/** The DHIS2 code of a field and of a desa, with no mapping file. */
export const de = (fieldId: string) => dataElementCode(fieldId, EMPTY_MAPPING);
export const ou = (desaCode: string) => orgUnitCode(desaCode, EMPTY_MAPPING);

export class Dhis2Fixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'imp-dhis2-'));
  readonly dbPath = join(this.dir, 'dhis2.db');
  database: ReadyDatabase;

  constructor(extraPeople: readonly string[] = []) {
    this.database = openReadyDatabase(this.dbPath, { create: true });
    const report = importPeople(this.database.db, [PEOPLE_CSV, ...extraPeople].join('\n'), this.database.areas, 'test', new Date('2026-11-01T00:00:00Z'));
    if (!report.ok) throw new Error(JSON.stringify(report.errors));
  }

  get db() {
    return this.database.db;
  }

  /** Stores a version of the desa's recap for the period and verifies it (a PKB's YA). */
  verifiedRecap(desaCode: string, period: string, values: RecapValues = CLEAN_RECAP, at = new Date('2026-12-02T01:00:00Z')): void {
    const reporter = findPersonByPhone(this.db, PPKBD_PHONE)!.id;
    const pkb = findPersonByPhone(this.db, PKB_PHONE)!.id;
    this.db.transaction((tx) => {
      const { row } = saveSubmission(tx, { desaCode, period, unitId: null, values: { ...values }, warnings: [], reporterId: reporter, late: false, now: at });
      recordReview(tx, row, 'verified', null, pkb, at);
    });
  }

  close(): void {
    this.database.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A fake DHIS2 that knows every IMP data element and the given desa as org units, signing in with TOKEN. */
export function fakeDhis2(orgUnits: readonly string[], options: Partial<FakeDhis2Options> = {}): Promise<FakeDhis2> {
  return new FakeDhis2({
    dataElements: RECAP_FIELDS.map((f) => de(f.id)),
    orgUnits: orgUnits.map(ou),
    token: TOKEN,
    ...options,
  }).start();
}
