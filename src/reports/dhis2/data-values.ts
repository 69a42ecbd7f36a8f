// The month's recaps as DHIS2 data: a data value set (POST /api/dataValueSets) and the completeness registrations
// (POST /api/completeDataSetRegistrations). Objects are named by CODE, so the payload does not depend on the UIDs of
// the instance: our codes (field id, Kemendagri code, IMP_FIDAL) or theirs from the mapping.
//
// What goes: the desa record of each desa (unit_key ''), which is what the PPKBD submits and the PKB verifies. Dusun
// parts are inputs to it (C7 makes them add up to it) and DHIS2's tree ends at the desa, so they are never sent.
// Verified recaps only, unless includeUnverified (then also recaps sent and waiting for the PKB; a returned recap is
// never sent: the PKB refused those numbers and the cadre is correcting them). The recap row holds the latest version,
// so a corrected recap sends its corrected values.
//
// Completeness: DHIS2 accepts `completeDate` on a data value set only when the set names a single org unit (dhis2-core
// ErrorCode E8009: "requires data set, org unit, period and attribute option combo to be defined at the group
// level"). One payload holds many desa, so completeness goes as completeDataSetRegistrations, one per desa.
import { and, eq, gte, inArray, lt, min } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { recapEvents, recaps } from '../../db/schema.js';
import { activeFields, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import { witaDate } from '../../time/wita.js';
import { dataElementCode, dataSetCode, EMPTY_MAPPING, orgUnitCode, type Dhis2Mapping } from './mapping.js';
import { parseStoredValues } from '../../domain/recap/stored-values.js';

export interface DataValue {
  /** The data element's code (idScheme CODE). */
  dataElement: string;
  /** YYYYMM. */
  period: string;
  /** The org unit's code (idScheme CODE). */
  orgUnit: string;
  /** A non-negative integer, as DHIS2 wants every value: a string. */
  value: string;
}

/** The payload of POST /api/dataValueSets; it says itself that it names objects by code. */
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
  /** YYYY-MM-DD (WITA) of the recap's first submission: when the desa's report was complete. */
  date: string;
  completed: true;
}

/** The payload of POST /api/completeDataSetRegistrations. */
export interface CompleteDataSetRegistrations {
  dataSetIdScheme: 'CODE';
  orgUnitIdScheme: 'CODE';
  completeDataSetRegistrations: CompleteDataSetRegistration[];
}

/** One desa recap of the month as the DHIS2 export reads it. */
export interface Dhis2RecapRow {
  desaCode: string;
  /** YYYY-MM. */
  period: string;
  status: 'submitted' | 'verified';
  version: number;
  values: RecapValues;
  /** ISO time of version 1: what DHIS2's timeliness compares with the due day, as the bot's `late` does. */
  firstSubmittedAt: string;
  /** ISO time of the current version. */
  submittedAt: string;
  verifiedAt: string | null;
}

export interface LoadDhis2RecapsOptions {
  /** YYYY-MM. */
  period: string;
  /** A kecamatan code: only its desa. */
  kecamatan?: string | undefined;
  includeUnverified: boolean;
}

export interface BuildOptions {
  /** YYYY-MM. */
  period: string;
  settings: RecapSettings;
  mapping?: Dhis2Mapping | undefined;
}

/** "2026-11" → "202611", DHIS2's monthly period id. */
export function dhis2Period(period: string): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period);
  if (!m) throw new Error(`not a period YYYY-MM: ${period}`);
  return `${m[1]}${m[2]}`;
}


/** The desa recaps of a period (and kecamatan) to send, in desa code order. Two indexed queries; never writes. */
export function loadDhis2Recaps(db: DbOrTx, options: LoadDhis2RecapsOptions): Dhis2RecapRow[] {
  const statuses: Array<'submitted' | 'verified'> = options.includeUnverified ? ['submitted', 'verified'] : ['verified'];
  const kec = options.kecamatan;
  const rows = db
    .select()
    .from(recaps)
    .where(
      and(
        eq(recaps.period, options.period),
        eq(recaps.unitKey, ''),
        inArray(recaps.status, statuses),
        // The desa codes under a kecamatan as a range ('.' < '/'), which the code index serves.
        ...(kec ? [gte(recaps.desaCode, `${kec}.`), lt(recaps.desaCode, `${kec}/`)] : []),
      ),
    )
    .all()
    .sort((a, b) => a.desaCode.localeCompare(b.desaCode));
  if (rows.length === 0) return [];
  const first = new Map(
    db
      .select({ recapId: recapEvents.recapId, at: min(recapEvents.at) })
      .from(recapEvents)
      .where(and(inArray(recapEvents.recapId, rows.map((r) => r.id)), eq(recapEvents.change, 'submitted')))
      .groupBy(recapEvents.recapId)
      .all()
      .map((e) => [e.recapId, e.at]),
  );
  return rows.map((r) => ({
    desaCode: r.desaCode,
    period: r.period,
    status: r.status as 'submitted' | 'verified',
    version: r.version,
    values: parseStoredValues(r.values),
    firstSubmittedAt: first.get(r.id) ?? r.submittedAt,
    submittedAt: r.submittedAt,
    verifiedAt: r.verifiedAt,
  }));
}

/**
 * One value per answered field of each recap, in desa order and then paper-form order. Only the fields this
 * deployment asks: a value left over in a switched-off part is stale (the rules ignore it too) and has no data element.
 */
export function buildDataValueSet(rows: readonly Dhis2RecapRow[], options: BuildOptions): DataValueSet {
  const mapping = options.mapping ?? EMPTY_MAPPING;
  const period = dhis2Period(options.period);
  const fields = activeFields(options.settings);
  const dataValues: DataValue[] = [];
  for (const row of rows) {
    if (row.period !== options.period) throw new Error(`recap of ${row.desaCode} is for ${row.period}, not ${options.period}`);
    const orgUnit = orgUnitCode(row.desaCode, mapping);
    for (const f of fields) {
      const x = row.values[f.id];
      if (x === undefined) continue;
      // Stored values passed the BOUND rule; anything else is damage that must not travel on silently.
      if (!Number.isSafeInteger(x) || x < 0) throw new Error(`recap of ${row.desaCode} ${row.period}: ${f.id} = ${x} is not a non-negative integer`);
      dataValues.push({ dataElement: dataElementCode(f.id, mapping), period, orgUnit, value: String(x) });
    }
  }
  return { dataSet: dataSetCode(mapping), period, dataSetIdScheme: 'CODE', dataElementIdScheme: 'CODE', orgUnitIdScheme: 'CODE', dataValues };
}

/** One "complete" registration per recap sent, dated by its first submission (WITA). */
export function buildCompleteRegistrations(rows: readonly Dhis2RecapRow[], options: BuildOptions): CompleteDataSetRegistrations {
  const mapping = options.mapping ?? EMPTY_MAPPING;
  const period = dhis2Period(options.period);
  return {
    dataSetIdScheme: 'CODE',
    orgUnitIdScheme: 'CODE',
    completeDataSetRegistrations: rows.map((row) => ({
      dataSet: dataSetCode(mapping),
      period,
      organisationUnit: orgUnitCode(row.desaCode, mapping),
      date: witaDate(new Date(row.firstSubmittedAt)),
      completed: true,
    })),
  };
}
