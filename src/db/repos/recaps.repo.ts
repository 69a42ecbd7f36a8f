// Stored recaps: one row per desa/period/unit with its current version, and every version as an event. The queries
// a recap conversation runs per message (its facts, KIRIM, a review) are prepared once per connection (prepared.ts);
// lists are bound as one JSON placeholder (sql-params.ts).
import { and, asc, desc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import { HEADLINE_FIELDS, headlineCounts, type HeadlineField } from '../../domain/recap/headline-counts.js';
import type { RecapValues } from '../../domain/recap/fields.js';
import type { DbOrTx } from '../client.js';
import { inListParam, listParam, setParam } from '../sql-params.js';
import { prepared } from '../prepared.js';
import { areaUnits, people, personAreas, recapEvents, recapReopenings, recaps } from '../schema.js';

export type RecapRow = typeof recaps.$inferSelect;

/** The headline columns by field id; also the compile-time check that the schema has a column for each. */
export const HEADLINE_COLUMNS = Object.fromEntries(HEADLINE_FIELDS.map((f) => [f, recaps[f]])) as { [F in HeadlineField]: (typeof recaps)[F] };

/**
 * What a recap row stores of its values: the JSON and the headline counts derived from it, always written together
 * (the one way a row's values are set), so the columns the roll-up sums cannot disagree with the JSON.
 */
export function recapValueColumns(values: RecapValues) {
  return { values: JSON.stringify(values), ...headlineCounts(values) };
}

/** A placeholder per headline column, named after its field (the values come from recapValueColumns). */
function headlineParams<P>(param: (name: HeadlineField) => P): Record<HeadlineField, P> {
  return Object.fromEntries(HEADLINE_FIELDS.map((f) => [f, param(f)])) as Record<HeadlineField, P>;
}

export function unitKeyOf(unitId: number | null): string {
  return unitId === null ? '' : String(unitId);
}

const recapByKey = prepared((db) =>
  db
    .select()
    .from(recaps)
    .where(and(eq(recaps.desaCode, sql.placeholder('desa')), eq(recaps.period, sql.placeholder('period')), eq(recaps.unitKey, sql.placeholder('unit'))))
    .prepare(),
);

export function findRecap(db: DbOrTx, desaCode: string, period: string, unitId: number | null): RecapRow | undefined {
  return recapByKey(db).get({ desa: desaCode, period, unit: unitKeyOf(unitId) });
}

export interface Submission {
  desaCode: string;
  period: string;
  unitId: number | null;
  values: Record<string, number>;
  warnings: unknown[];
  reporterId: number;
  late: boolean;
  now: Date;
}

/** "2611-062003-v2": period, kecamatan and desa digits, version; a dusun part adds "-d<unit>". */
export function receiptCode(desaCode: string, period: string, unitId: number | null, version: number): string {
  const [, , kec, desa] = desaCode.split('.');
  return `${period.slice(2, 4)}${period.slice(5, 7)}-${kec}${desa}${unitId === null ? '' : `-d${unitId}`}-v${version}`;
}

const updateVersion = prepared((db) =>
  db
    .update(recaps)
    .set({
      status: 'submitted',
      version: setParam('version'),
      values: setParam('values'),
      ...headlineParams(setParam),
      warnings: setParam('warnings'),
      reporterId: setParam('reporterId'),
      receiptCode: setParam('receiptCode'),
      submittedAt: setParam('at'),
      late: setParam('late'),
      returnedReason: null,
      updatedAt: setParam('at'),
    })
    .where(eq(recaps.id, sql.placeholder('id')))
    .returning()
    .prepare(),
);

const insertFirstVersion = prepared((db) =>
  db
    .insert(recaps)
    .values({
      desaCode: sql.placeholder('desaCode'),
      period: sql.placeholder('period'),
      unitId: sql.placeholder('unitId'),
      unitKey: sql.placeholder('unitKey'),
      status: 'submitted',
      version: sql.placeholder('version'),
      values: sql.placeholder('values'),
      ...headlineParams((name) => sql.placeholder(name)),
      warnings: sql.placeholder('warnings'),
      reporterId: sql.placeholder('reporterId'),
      receiptCode: sql.placeholder('receiptCode'),
      submittedAt: sql.placeholder('at'),
      late: sql.placeholder('late'),
      returnedReason: null,
      updatedAt: sql.placeholder('at'),
    })
    .returning()
    .prepare(),
);

/** One row of a recap's history; every column bound (null where an event has no values, warnings or note). */
const insertEvent = prepared((db) =>
  db
    .insert(recapEvents)
    .values({
      recapId: sql.placeholder('recapId'),
      version: sql.placeholder('version'),
      change: sql.placeholder('change'),
      values: sql.placeholder('values'),
      warnings: sql.placeholder('warnings'),
      note: sql.placeholder('note'),
      byPersonId: sql.placeholder('byPersonId'),
      at: sql.placeholder('at'),
    })
    .prepare(),
);

type RecapChange = (typeof recapEvents.$inferInsert)['change'];

function recordEvent(
  db: DbOrTx,
  e: { recapId: number; version: number; change: RecapChange; values?: string | null; warnings?: string | null; note?: string | null; byPersonId: number; at: string },
): void {
  insertEvent(db).run({ ...e, values: e.values ?? null, warnings: e.warnings ?? null, note: e.note ?? null });
}

/**
 * Stores a submission as version 1, or as the next version of a submitted/returned recap. Lateness belongs to the
 * first submission: a recap sent on time, returned and corrected after the due day is not late (`s.late` only
 * counts for version 1).
 */
export function saveSubmission(db: DbOrTx, s: Submission): { row: RecapRow; previous: RecapRow | undefined } {
  const previous = findRecap(db, s.desaCode, s.period, s.unitId);
  const version = (previous?.version ?? 0) + 1;
  const at = s.now.toISOString();
  const fields = {
    version,
    ...recapValueColumns(s.values),
    warnings: JSON.stringify(s.warnings),
    reporterId: s.reporterId,
    receiptCode: receiptCode(s.desaCode, s.period, s.unitId, version),
    at,
    // 1/0: the update binds it as given (setParam).
    late: (previous ? previous.late : s.late) ? 1 : 0,
  };
  const row = previous
    ? updateVersion(db).get({ id: previous.id, ...fields })!
    : insertFirstVersion(db).get({ desaCode: s.desaCode, period: s.period, unitId: s.unitId, unitKey: unitKeyOf(s.unitId), ...fields })!;
  recordEvent(db, { recapId: row.id, version, change: previous ? 'corrected' : 'submitted', values: fields.values, warnings: fields.warnings, byPersonId: s.reporterId, at });
  return { row, previous };
}

export function recapHistory(db: DbOrTx, recapId: number) {
  return db.select().from(recapEvents).where(eq(recapEvents.recapId, recapId)).orderBy(asc(recapEvents.id)).all();
}

export type CoveringRole = 'pkb' | 'koordinator' | 'dinas';

const coveringDesa = prepared((db) =>
  db
    .select({ id: people.id, phone: people.phone, name: people.name, role: people.role })
    .from(people)
    .innerJoin(personAreas, eq(personAreas.personId, people.id))
    .where(and(eq(personAreas.areaCode, sql.placeholder('desa')), eq(people.active, true), inListParam(people.role, 'roles')))
    .orderBy(asc(people.id))
    .prepare(),
);

/** Active people of these roles whose areas include the desa (a pkb's binaan, a koordinator's kecamatan…). */
export function peopleCovering(db: DbOrTx, desaCode: string, roles: readonly CoveringRole[]) {
  return coveringDesa(db).all({ desa: desaCode, roles: listParam(roles) });
}

const desaCoveredByRoles = prepared((db) =>
  db
    .selectDistinct({ code: personAreas.areaCode })
    .from(personAreas)
    .innerJoin(people, eq(people.id, personAreas.personId))
    .where(and(eq(people.active, true), inListParam(people.role, 'roles')))
    .prepare(),
);

/** Desa covered by at least one active person of these roles. */
export function desaCoveredBy(db: DbOrTx, roles: readonly CoveringRole[]): Set<string> {
  return new Set(desaCoveredByRoles(db).all({ roles: listParam(roles) }).map((r) => r.code));
}

const recapWithId = prepared((db) => db.select().from(recaps).where(eq(recaps.id, sql.placeholder('id'))).prepare());

export function recapById(db: DbOrTx, id: number): RecapRow | undefined {
  return recapWithId(db).get({ id });
}

/**
 * Desa records not verified yet in these desa, with the reporter's name: those waiting for verification first
 * (oldest first), then those returned to the cadre and not corrected yet (the reviewer may still verify them as
 * they are, e.g. after checking by phone).
 */
const notVerifiedIn = prepared((db) =>
  db
    .select({ recap: recaps, reporterName: people.name })
    .from(recaps)
    .innerJoin(people, eq(people.id, recaps.reporterId))
    .where(and(inListParam(recaps.desaCode, 'desa'), inArray(recaps.status, ['submitted', 'returned']), eq(recaps.unitKey, '')))
    .orderBy(asc(recaps.submittedAt), asc(recaps.id))
    .prepare(),
);

export function pendingReviews(db: DbOrTx, desaCodes: readonly string[]) {
  if (desaCodes.length === 0) return [];
  const rows = notVerifiedIn(db).all({ desa: listParam(desaCodes) });
  return [...rows.filter((r) => r.recap.status === 'submitted'), ...rows.filter((r) => r.recap.status === 'returned')];
}

const markVerified = prepared((db) =>
  db
    .update(recaps)
    .set({ status: 'verified', verifiedAt: setParam('at'), verifiedBy: setParam('by'), updatedAt: setParam('at') })
    .where(eq(recaps.id, sql.placeholder('id')))
    .prepare(),
);

const markReturned = prepared((db) =>
  db
    .update(recaps)
    .set({ status: 'returned', returnedReason: setParam('reason'), updatedAt: setParam('at') })
    .where(eq(recaps.id, sql.placeholder('id')))
    .prepare(),
);

/** Verified (locked) or returned with a reason; the change is kept as an event. */
export function recordReview(db: DbOrTx, row: RecapRow, decision: 'verified' | 'returned', reason: string | null, byPersonId: number, now: Date): void {
  const at = now.toISOString();
  if (decision === 'verified') markVerified(db).run({ id: row.id, at, by: byPersonId });
  else markReturned(db).run({ id: row.id, reason, at });
  recordEvent(db, { recapId: row.id, version: row.version, change: decision, note: reason, byPersonId, at });
}

const registeredUnits = prepared((db) =>
  db
    .selectDistinct({ id: areaUnits.id, name: areaUnits.name })
    .from(areaUnits)
    .innerJoin(people, and(eq(people.unitId, areaUnits.id), eq(people.active, true), eq(people.role, 'sub_ppkbd')))
    .where(eq(areaUnits.desaCode, sql.placeholder('desa')))
    .orderBy(asc(areaUnits.name))
    .prepare(),
);

const partsOfPeriod = prepared((db) =>
  db
    .select({ unitId: recaps.unitId, values: recaps.values })
    .from(recaps)
    .where(and(eq(recaps.desaCode, sql.placeholder('desa')), eq(recaps.period, sql.placeholder('period')), ne(recaps.unitKey, '')))
    .prepare(),
);

/** The dusun/RW of a desa (with an active Sub-PPKBD) and the parts they sent for the period. */
export function dusunPartsOf(db: DbOrTx, desaCode: string, period: string) {
  const units = registeredUnits(db).all({ desa: desaCode });
  const parts = partsOfPeriod(db).all({ desa: desaCode, period });
  const byUnit = new Map(parts.map((p) => [p.unitId, JSON.parse(p.values) as Record<string, number>]));
  return {
    received: units.filter((u) => byUnit.has(u.id)).map((u) => ({ name: u.name, values: byUnit.get(u.id)! })),
    missing: units.filter((u) => !byUnit.has(u.id)).map((u) => u.name),
  };
}

const insertReopening = prepared((db) =>
  db
    .insert(recapReopenings)
    .values({ desaCode: sql.placeholder('desa'), period: sql.placeholder('period'), byPersonId: sql.placeholder('by'), at: sql.placeholder('at'), until: sql.placeholder('until') })
    .prepare(),
);

export function reopenPeriod(db: DbOrTx, desaCode: string, period: string, byPersonId: number, now: Date, until: Date): void {
  insertReopening(db).run({ desa: desaCode, period, by: byPersonId, at: now.toISOString(), until: until.toISOString() });
}

const reopenedOfDesa = prepared((db) =>
  db
    .selectDistinct({ period: recapReopenings.period })
    .from(recapReopenings)
    .where(and(eq(recapReopenings.desaCode, sql.placeholder('desa')), gt(recapReopenings.until, sql.placeholder('now'))))
    .orderBy(desc(recapReopenings.period))
    .prepare(),
);

/** Periods of the desa reopened and still open at `now`. */
export function reopenedPeriods(db: DbOrTx, desaCode: string, now: Date): string[] {
  return reopenedOfDesa(db)
    .all({ desa: desaCode, now: now.toISOString() })
    .map((r) => r.period);
}

const unitOfPerson = prepared((db) => db.select({ unitId: people.unitId }).from(people).where(eq(people.id, sql.placeholder('id'))).prepare());

/** The dusun/RW unit of a Sub-PPKBD (null for anyone else). */
export function personUnitId(db: DbOrTx, personId: number): number | null {
  return unitOfPerson(db).get({ id: personId })?.unitId ?? null;
}

const nameOfUnit = prepared((db) => db.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.id, sql.placeholder('id'))).prepare());

export function unitName(db: DbOrTx, unitId: number): string | null {
  return nameOfUnit(db).get({ id: unitId })?.name ?? null;
}

const VERSION_CHANGES = ['submitted', 'corrected'] as const;

const newestEvent = prepared((db) =>
  db.select().from(recapEvents).where(eq(recapEvents.recapId, sql.placeholder('id'))).orderBy(desc(recapEvents.id)).limit(1).prepare(),
);

/** The newest event of a recap (what last happened to it: sent, returned, verified, reopened). */
export function latestRecapEvent(db: DbOrTx, recapId: number) {
  return newestEvent(db).get({ id: recapId });
}

/**
 * The dusun parts follow the desa record: verified (locked) with it, and open again when it is unlocked. Their
 * versions are not touched; only the status changes, so a Sub-PPKBD sees the lock.
 */
const lockParts = prepared((db) =>
  db
    .update(recaps)
    .set({ status: 'verified', verifiedAt: setParam('at'), verifiedBy: setParam('by'), updatedAt: setParam('at') })
    .where(and(eq(recaps.desaCode, sql.placeholder('desa')), eq(recaps.period, sql.placeholder('period')), ne(recaps.unitKey, ''), eq(recaps.status, 'submitted')))
    .prepare(),
);

const unlockParts = prepared((db) =>
  db
    .update(recaps)
    .set({ status: 'submitted', verifiedAt: null, verifiedBy: null, updatedAt: setParam('at') })
    .where(and(eq(recaps.desaCode, sql.placeholder('desa')), eq(recaps.period, sql.placeholder('period')), ne(recaps.unitKey, ''), eq(recaps.status, 'verified')))
    .prepare(),
);

export function setDusunPartsLocked(db: DbOrTx, desaCode: string, period: string, locked: boolean, byPersonId: number, now: Date): void {
  const at = now.toISOString();
  if (locked) lockParts(db).run({ desa: desaCode, period, at, by: byPersonId });
  else unlockParts(db).run({ desa: desaCode, period, at });
}

/**
 * A verified recap unlocked by its reviewer: back with the cadre (status `returned`, no reason of its own) so the
 * next submission is a new version. The verification stays in the history; the `reopened` event says why.
 */
const unlockRecap = prepared((db) =>
  db
    .update(recaps)
    .set({ status: 'returned', returnedReason: null, updatedAt: setParam('at') })
    .where(eq(recaps.id, sql.placeholder('id')))
    .prepare(),
);

export function unlockVerified(db: DbOrTx, row: RecapRow, byPersonId: number, now: Date): void {
  const at = now.toISOString();
  unlockRecap(db).run({ id: row.id, at });
  recordEvent(db, { recapId: row.id, version: row.version, change: 'reopened', note: 'kunci verifikasi dibuka', byPersonId, at });
}

const latestReopening = prepared((db) =>
  db
    .select({ until: recapReopenings.until })
    .from(recapReopenings)
    .where(and(eq(recapReopenings.desaCode, sql.placeholder('desa')), eq(recapReopenings.period, sql.placeholder('period')), gt(recapReopenings.until, sql.placeholder('now'))))
    .orderBy(desc(recapReopenings.until))
    .limit(1)
    .prepare(),
);

/** The latest end of a reopening of this desa and period still running at `now`, or null. */
export function reopenedUntil(db: DbOrTx, desaCode: string, period: string, now: Date): Date | null {
  const row = latestReopening(db).get({ desa: desaCode, period, now: now.toISOString() });
  return row ? new Date(row.until) : null;
}

const desaRecordsIn = prepared((db) =>
  db
    .select()
    .from(recaps)
    .where(and(inListParam(recaps.desaCode, 'desa'), inListParam(recaps.period, 'periods'), eq(recaps.unitKey, '')))
    .prepare(),
);

/** The desa records of these desa and periods (for lists over a whole binaan in one query). */
export function desaRecapsIn(db: DbOrTx, desaCodes: readonly string[], periods: readonly string[]): RecapRow[] {
  if (desaCodes.length === 0 || periods.length === 0) return [];
  return desaRecordsIn(db).all({ desa: listParam(desaCodes), periods: listParam(periods) });
}

const reopeningsRunningIn = prepared((db) =>
  db
    .select({ desaCode: recapReopenings.desaCode, period: recapReopenings.period, until: recapReopenings.until })
    .from(recapReopenings)
    .where(and(inListParam(recapReopenings.desaCode, 'desa'), gt(recapReopenings.until, sql.placeholder('now'))))
    .prepare(),
);

/** Reopenings of these desa still running at `now`: desa → period → latest end. */
export function runningReopenings(db: DbOrTx, desaCodes: readonly string[], now: Date): Map<string, Map<string, Date>> {
  const out = new Map<string, Map<string, Date>>();
  if (desaCodes.length === 0) return out;
  const rows = reopeningsRunningIn(db).all({ desa: listParam(desaCodes), now: now.toISOString() });
  for (const r of rows) {
    const byPeriod = out.get(r.desaCode) ?? new Map<string, Date>();
    const until = new Date(r.until);
    const known = byPeriod.get(r.period);
    if (!known || until > known) byPeriod.set(r.period, until);
    out.set(r.desaCode, byPeriod);
  }
  return out;
}

export interface DusunPartSnapshot {
  unitId: number;
  name: string;
  current: Record<string, number>;
  /** The part's values when the desa's current version was sent; null when the part came in after it. */
  atDesaSubmission: Record<string, number> | null;
}

export interface DesaDusunState {
  desaValues: Record<string, number>;
  /** The parts sent for the period, by dusun name. */
  parts: DusunPartSnapshot[];
  /** Dusun with an active Sub-PPKBD that have sent no part for the period. */
  unreportedUnits: number;
}

const recapsOfPeriodIn = prepared((db) =>
  db
    .select({ recap: recaps, name: areaUnits.name })
    .from(recaps)
    .leftJoin(areaUnits, eq(areaUnits.id, recaps.unitId))
    .where(and(inListParam(recaps.desaCode, 'desa'), eq(recaps.period, sql.placeholder('period'))))
    .prepare(),
);

const versionEventsOf = prepared((db) =>
  db
    .select({ id: recapEvents.id, recapId: recapEvents.recapId, values: recapEvents.values })
    .from(recapEvents)
    .where(and(inListParam(recapEvents.recapId, 'ids'), inArray(recapEvents.change, [...VERSION_CHANGES])))
    .orderBy(asc(recapEvents.id))
    .prepare(),
);

const registeredUnitsIn = prepared((db) =>
  db
    .selectDistinct({ id: areaUnits.id, desaCode: areaUnits.desaCode })
    .from(areaUnits)
    .innerJoin(people, and(eq(people.unitId, areaUnits.id), eq(people.active, true), eq(people.role, 'sub_ppkbd')))
    .where(inListParam(areaUnits.desaCode, 'desa'))
    .prepare(),
);

/**
 * What the dusun-vs-desa check (domain/recap/dusun-consistency.ts) needs, for every one of these desa that has a
 * desa recap and at least one dusun part in the period: three queries however many desa are asked, so a summary of
 * the whole kabupaten does not query desa by desa. Desa without parts are absent (nothing to disagree with).
 */
export function dusunStatesOf(db: DbOrTx, desaCodes: readonly string[], period: string): Map<string, DesaDusunState> {
  const out = new Map<string, DesaDusunState>();
  if (desaCodes.length === 0) return out;
  const rows = recapsOfPeriodIn(db).all({ desa: listParam(desaCodes), period });
  const desaRecords = new Map(rows.filter((r) => r.recap.unitKey === '').map((r) => [r.recap.desaCode, r.recap]));
  const partsByDesa = new Map<string, { recap: RecapRow; name: string }[]>();
  for (const r of rows) {
    if (r.recap.unitKey === '' || r.name === null || !desaRecords.has(r.recap.desaCode)) continue;
    const list = partsByDesa.get(r.recap.desaCode) ?? [];
    list.push({ recap: r.recap, name: r.name });
    partsByDesa.set(r.recap.desaCode, list);
  }
  if (partsByDesa.size === 0) return out;

  const recapIds = [...partsByDesa].flatMap(([code, parts]) => [desaRecords.get(code)!.id, ...parts.map((p) => p.recap.id)]);
  // Version events in id order: the id orders versions across recaps (which part version the desa version saw).
  const events = versionEventsOf(db).all({ ids: listParam(recapIds) });
  const eventsOf = new Map<number, typeof events>();
  for (const e of events) eventsOf.set(e.recapId, [...(eventsOf.get(e.recapId) ?? []), e]);
  const registered = registeredUnitsIn(db).all({ desa: listParam([...partsByDesa.keys()]) });

  for (const [code, parts] of partsByDesa) {
    const desa = desaRecords.get(code)!;
    const desaEvent = eventsOf.get(desa.id)?.at(-1);
    if (!desaEvent) continue;
    const sent = new Set(parts.map((p) => p.recap.unitId));
    out.set(code, {
      desaValues: JSON.parse(desa.values) as Record<string, number>,
      parts: parts
        .map((p): DusunPartSnapshot => {
          const before = (eventsOf.get(p.recap.id) ?? []).filter((e) => e.id < desaEvent.id).at(-1);
          return {
            unitId: p.recap.unitId!,
            name: p.name,
            current: JSON.parse(p.recap.values) as Record<string, number>,
            atDesaSubmission: before?.values ? (JSON.parse(before.values) as Record<string, number>) : null,
          };
        })
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
      unreportedUnits: registered.filter((u) => u.desaCode === code && !sent.has(u.id)).length,
    });
  }
  return out;
}
