// Loads what the aggregation (aggregate.ts) needs for one period and one area, in a fixed handful of indexed queries
// whatever the size of the area (never one per desa): participation, the desa records of the period and of the
// month before, the dusun check of the recaps not verified yet, and the cases. Works on a connection or inside the
// router's transaction (REKAP on demand), and never writes.
import { and, eq, gte, inArray, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AreaDirectory } from '../areas/directory.js';
import type { Area } from '../areas/types.js';
import type { DbOrTx } from '../db/client.js';
import { participatingDesa } from '../db/repos/areas.repo.js';
import type { CaseRow } from '../db/repos/cases.repo.js';
import { meetingsOf, type MeetingRow } from '../db/repos/meeting-reads.repo.js';
import { attendanceOf } from '../db/repos/meetings.repo.js';
import { dusunStatesOf, type RecapRow } from '../db/repos/recaps.repo.js';
import { cases, recaps } from '../db/schema.js';
import { isCategory, TERMINAL_STATUSES, type CaseStatus } from '../domain/cases/case-model.js';
import { periodRange, shiftPeriod } from '../domain/recap/calendar.js';
import { allDusunIn, dusunMismatch } from '../domain/recap/dusun-consistency.js';
import { dusunGroups } from '../domain/recap/fields.js';
import { aggregate, type MeetingInput, type AggregateInput, type AggregateSettings, type AreaAggregate, type AreaRef, type CaseInput, type DesaInput, type RecapInput } from './aggregate.js';
import { parseStoredValues } from '../domain/recap/stored-values.js';

export interface AggregateRequest {
  /** YYYY-MM. */
  period: string;
  /** A desa, a kecamatan or the kabupaten code ("73.06"). */
  areaCode: string;
  now: Date;
  /** Only these desa of the area (a PKB's binaan inside a kecamatan); every desa of the area when absent. */
  onlyDesa?: readonly string[] | undefined;
  /** A digest's last run: what arrived since is reported apart. */
  since?: Date | null | undefined;
  settings: AggregateSettings;
}

export interface AggregateData {
  input: AggregateInput;
  /** The stored desa records of the period by desa code, for exports that show more than the figures (receipt, names, warnings). */
  recapRows: ReadonlyMap<string, RecapRow>;
  /** The stored cases behind `input.cases`, for the cases export's rows. */
  caseRows: readonly CaseRow[];
  /** The stored meetings behind `input.meetings`, for the meetings export's rows. */
  meetingRows: readonly MeetingRow[];
}

/** The area and its desa/kelurahan in code order; throws on a code that is not an area. */
export function areaScope(areas: AreaDirectory, areaCode: string): { area: AreaRef; desa: Area[] } {
  const area = areas.get(areaCode);
  if (!area) throw new Error(`not an area code: ${areaCode}`);
  // A kabupaten's own desa: the same as every desa when the table holds one kabupaten (Gowa), and still right on a
  // table of several (the national-size benchmark).
  const desa =
    area.level === 'kabupaten'
      ? areas.kecamatanList().filter((k) => k.parentCode === area.code).flatMap((k) => areas.desaOf(k.code))
      : area.level === 'kecamatan'
        ? areas.desaOf(area.code)
        : [area];
  return { area: { code: area.code, level: area.level, name: area.name }, desa };
}

/**
 * Rows of the area: the codes under a kabupaten or kecamatan, as a range ('.' < '/'), which the code index serves
 * (LIKE would scan every row of the period on a large area table).
 */
function inArea(column: SQLiteColumn, area: AreaRef): SQL | undefined {
  if (area.level === 'desa') return eq(column, area.code);
  return and(gte(column, `${area.code}.`), lt(column, `${area.code}/`));
}


function parseReasons(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export function loadAggregateData(db: DbOrTx, areas: AreaDirectory, request: AggregateRequest): AggregateData {
  const scope = areaScope(areas, request.areaCode);
  const { area } = scope;
  const only = request.onlyDesa ? new Set(request.onlyDesa) : null;
  const desa = only ? scope.desa.filter((d) => only.has(d.code)) : scope.desa;
  const { period, now } = request;
  const since = request.since ?? null;
  const taking = new Set(participatingDesa(db, desa.map((d) => d.code), period));
  const desaInput: DesaInput[] = desa.map((d) => {
    const kec = areas.get(d.parentCode ?? '');
    return { code: d.code, name: d.name, kind: d.kind ?? 'desa', kecamatanCode: kec?.code ?? '', kecamatanName: kec?.name ?? '', takingPart: taking.has(d.code) };
  });

  // Desa records only (unit_key ''): dusun parts are inputs to the desa record. Both months in one query, through
  // the (desa_code, period, unit_key) index: the unary + keeps SQLite off the period index, which on a large area
  // table reads every desa's recap of both months (a national table: 166,000 rows for one kabupaten's 300).
  const inScope = new Set(desa.map((d) => d.code));
  const stored = db
    .select()
    .from(recaps)
    .where(and(inArray(sql`+${recaps.period}`, [period, shiftPeriod(period, -1)]), eq(recaps.unitKey, ''), inArea(recaps.desaCode, area)))
    .all()
    .filter((r) => inScope.has(r.desaCode));
  const current = stored.filter((r) => r.period === period);

  // The dusun check only matters while a recap can still be verified; verifying locks its parts.
  const unverified = current.filter((r) => r.status !== 'verified').map((r) => r.desaCode);
  const fields = dusunGroups(request.settings.recap).flatMap((g) => g.fields);
  const mismatched = new Set<string>();
  for (const [code, state] of dusunStatesOf(db, unverified, period)) {
    if (dusunMismatch(state.desaValues, state.parts, allDusunIn(state.unreportedUnits, state.parts.length, state.desaValues), fields)) mismatched.add(code);
  }

  const recapInput: RecapInput[] = stored.map((r) => ({
    desaCode: r.desaCode,
    period: r.period,
    status: r.status,
    version: r.version,
    late: r.late,
    submittedAt: r.submittedAt,
    verifiedAt: r.verifiedAt,
    values: parseStoredValues(r.values),
    dusunMismatch: r.period === period && mismatched.has(r.desaCode),
  }));

  const { from, to } = periodRange(period);
  const [fromIso, toIso] = [from.toISOString(), to.toISOString()];
  const caseRows = db
    .select()
    .from(cases)
    .where(
      and(
        inArea(cases.desaCode, area),
        or(
          and(gte(cases.reportedAt, fromIso), lt(cases.reportedAt, toIso)),
          notInArray(cases.status, [...TERMINAL_STATUSES]),
          and(gte(cases.closedAt, fromIso), lt(cases.closedAt, toIso)),
          ...(since ? [gte(cases.reportedAt, since.toISOString())] : []),
        ),
      ),
    )
    .all()
    .filter((c) => inScope.has(c.desaCode));
  const caseInput: CaseInput[] = caseRows
    .filter((c) => isCategory(c.category))
    .map((c) => ({
      code: c.code,
      desaCode: c.desaCode,
      category: c.category,
      status: c.status as CaseStatus,
      methodWanted: c.methodWanted,
      reasons: parseReasons(c.reasons),
      stockOutMethod: c.stockOutMethod,
      stockOutFacility: c.stockOutFacility,
      reportedAt: c.reportedAt,
      assignedAt: c.assignedAt,
      closedAt: c.closedAt,
    }));

  // Meetings of the kecamatan the area's desa belong to (the kecamatan-level ones included) and, for the kabupaten,
  // its own; the pure core keeps those of the area. One indexed query.
  const meetingRows = meetingsOf(db, {
    period,
    kecamatanCodes: area.level === 'kabupaten' ? null : [...new Set(desaInput.map((d) => d.kecamatanCode))],
    kabupaten: area.level === 'kabupaten',
    since,
  });
  const meetingInput: MeetingInput[] = meetingRows.map((m) => ({
    code: m.code,
    level: m.level,
    areaCode: m.areaCode,
    kecamatanCode: m.kecamatanCode,
    dusun: m.dusun,
    kind: m.kind,
    heldOn: m.heldOn,
    period: m.period,
    attendance: attendanceOf(m),
    attendanceTotal: m.attTotal,
    kieKit: m.kieKit,
    reportedAt: m.reportedAt,
  }));

  return {
    input: { period, area, now, since, desa: desaInput, recaps: recapInput, cases: caseInput, meetings: meetingInput, settings: request.settings },
    recapRows: new Map(current.map((r) => [r.desaCode, r])),
    caseRows,
    meetingRows,
  };
}

/** The aggregation of one period and area, straight from the database. */
export function aggregateArea(db: DbOrTx, areas: AreaDirectory, request: AggregateRequest): AreaAggregate {
  return aggregate(loadAggregateData(db, areas, request).input);
}
