// PLACEHOLDER for the DHIS2 export of the other worktree (wt-d), which replaces this file at merge: the same names and
// signatures as theirs, with the least behaviour the push needs (no checks of stored values).
// A month's desa recaps as DHIS2 data by CODE: a data value set (POST /api/dataValueSets) and the completeness
// registrations (POST /api/completeDataSetRegistrations), one per desa.
import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recaps } from '../../db/schema.js';
import { activeFields, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import { witaDate } from '../../time/wita.js';
import { dataElementCode, dataSetCode, EMPTY_MAPPING, orgUnitCode, type Dhis2Mapping } from './mapping.js';

export interface DataValue {
  dataElement: string;
  /** YYYYMM. */
  period: string;
  orgUnit: string;
  value: string;
}

export interface DataValueSet {
  dataSet: string;
  period: string;
  dataSetIdScheme: 'CODE';
  dataElementIdScheme: 'CODE';
  orgUnitIdScheme: 'CODE';
  dataValues: DataValue[];
}

export interface CompleteDataSetRegistration {
  dataSet: string;
  period: string;
  organisationUnit: string;
  /** YYYY-MM-DD (WITA) of the recap's first submission. */
  date: string;
  completed: true;
}

export interface CompleteDataSetRegistrations {
  dataSetIdScheme: 'CODE';
  orgUnitIdScheme: 'CODE';
  completeDataSetRegistrations: CompleteDataSetRegistration[];
}

export interface Dhis2RecapRow {
  desaCode: string;
  /** YYYY-MM. */
  period: string;
  status: 'submitted' | 'verified';
  version: number;
  values: RecapValues;
  firstSubmittedAt: string;
  submittedAt: string;
  verifiedAt: string | null;
}

export interface LoadDhis2RecapsOptions {
  period: string;
  kecamatan?: string | undefined;
  includeUnverified: boolean;
}

export interface BuildOptions {
  period: string;
  settings: RecapSettings;
  mapping?: Dhis2Mapping | undefined;
}

/** "2026-11" → "202611". */
export function dhis2Period(period: string): string {
  return period.replace('-', '');
}

export function loadDhis2Recaps(db: DbOrTx, options: LoadDhis2RecapsOptions): Dhis2RecapRow[] {
  const statuses: Array<'submitted' | 'verified'> = options.includeUnverified ? ['submitted', 'verified'] : ['verified'];
  const kec = options.kecamatan;
  return db
    .select()
    .from(recaps)
    .where(
      and(
        eq(recaps.period, options.period),
        eq(recaps.unitKey, ''),
        inArray(recaps.status, statuses),
        ...(kec ? [gte(recaps.desaCode, `${kec}.`), lt(recaps.desaCode, `${kec}/`)] : []),
      ),
    )
    .all()
    .sort((a, b) => a.desaCode.localeCompare(b.desaCode))
    .map((r) => ({
      desaCode: r.desaCode,
      period: r.period,
      status: r.status as 'submitted' | 'verified',
      version: r.version,
      values: JSON.parse(r.values) as RecapValues,
      firstSubmittedAt: r.submittedAt,
      submittedAt: r.submittedAt,
      verifiedAt: r.verifiedAt,
    }));
}

export function buildDataValueSet(rows: readonly Dhis2RecapRow[], options: BuildOptions): DataValueSet {
  const mapping = options.mapping ?? EMPTY_MAPPING;
  const period = dhis2Period(options.period);
  const dataValues: DataValue[] = [];
  for (const row of rows) {
    for (const f of activeFields(options.settings)) {
      const x = row.values[f.id];
      if (x !== undefined) dataValues.push({ dataElement: dataElementCode(f.id, mapping), period, orgUnit: orgUnitCode(row.desaCode, mapping), value: String(x) });
    }
  }
  return { dataSet: dataSetCode(mapping), period, dataSetIdScheme: 'CODE', dataElementIdScheme: 'CODE', orgUnitIdScheme: 'CODE', dataValues };
}

export function buildCompleteRegistrations(rows: readonly Dhis2RecapRow[], options: BuildOptions): CompleteDataSetRegistrations {
  const mapping = options.mapping ?? EMPTY_MAPPING;
  return {
    dataSetIdScheme: 'CODE',
    orgUnitIdScheme: 'CODE',
    completeDataSetRegistrations: rows.map((row) => ({
      dataSet: dataSetCode(mapping),
      period: dhis2Period(options.period),
      organisationUnit: orgUnitCode(row.desaCode, mapping),
      date: witaDate(new Date(row.firstSubmittedAt)),
      completed: true,
    })),
  };
}
