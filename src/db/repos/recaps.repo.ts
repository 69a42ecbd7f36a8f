// Stored recaps: one row per desa/period/unit with its current version, and every version as an event.
import { and, asc, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { areaUnits, people, personAreas, recapEvents, recapReopenings, recaps } from '../schema.js';

export type RecapRow = typeof recaps.$inferSelect;

export function unitKeyOf(unitId: number | null): string {
  return unitId === null ? '' : String(unitId);
}

export function findRecap(db: DbOrTx, desaCode: string, period: string, unitId: number | null): RecapRow | undefined {
  return db
    .select()
    .from(recaps)
    .where(and(eq(recaps.desaCode, desaCode), eq(recaps.period, period), eq(recaps.unitKey, unitKeyOf(unitId))))
    .get();
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

/** Stores a submission as version 1, or as the next version of a submitted/returned recap. */
export function saveSubmission(db: DbOrTx, s: Submission): { row: RecapRow; previous: RecapRow | undefined } {
  const previous = findRecap(db, s.desaCode, s.period, s.unitId);
  const version = (previous?.version ?? 0) + 1;
  const at = s.now.toISOString();
  const fields = {
    status: 'submitted' as const,
    version,
    values: JSON.stringify(s.values),
    warnings: JSON.stringify(s.warnings),
    reporterId: s.reporterId,
    receiptCode: receiptCode(s.desaCode, s.period, s.unitId, version),
    submittedAt: at,
    late: s.late,
    returnedReason: null,
    updatedAt: at,
  };
  let row: RecapRow;
  if (previous) {
    row = db.update(recaps).set(fields).where(eq(recaps.id, previous.id)).returning().get();
  } else {
    row = db
      .insert(recaps)
      .values({ desaCode: s.desaCode, period: s.period, unitId: s.unitId, unitKey: unitKeyOf(s.unitId), ...fields })
      .returning()
      .get();
  }
  db.insert(recapEvents)
    .values({ recapId: row.id, version, change: previous ? 'corrected' : 'submitted', values: fields.values, warnings: fields.warnings, byPersonId: s.reporterId, at })
    .run();
  return { row, previous };
}

export function recapHistory(db: DbOrTx, recapId: number) {
  return db.select().from(recapEvents).where(eq(recapEvents.recapId, recapId)).orderBy(asc(recapEvents.id)).all();
}

/** Active people of these roles whose areas include the desa (a pkb's binaan, a koordinator's kecamatan…). */
export function peopleCovering(db: DbOrTx, desaCode: string, roles: readonly ('pkb' | 'koordinator')[]) {
  return db
    .select({ id: people.id, phone: people.phone, name: people.name, role: people.role })
    .from(people)
    .innerJoin(personAreas, eq(personAreas.personId, people.id))
    .where(and(eq(personAreas.areaCode, desaCode), eq(people.active, true), inArray(people.role, [...roles])))
    .orderBy(asc(people.id))
    .all();
}

export function recapById(db: DbOrTx, id: number): RecapRow | undefined {
  return db.select().from(recaps).where(eq(recaps.id, id)).get();
}

/** Desa records waiting for verification in these desa, oldest first, with the reporter's name. */
export function pendingReviews(db: DbOrTx, desaCodes: readonly string[]) {
  if (desaCodes.length === 0) return [];
  return db
    .select({ recap: recaps, reporterName: people.name })
    .from(recaps)
    .innerJoin(people, eq(people.id, recaps.reporterId))
    .where(and(inArray(recaps.desaCode, [...desaCodes]), eq(recaps.status, 'submitted'), eq(recaps.unitKey, '')))
    .orderBy(asc(recaps.submittedAt))
    .all();
}

/** Verified (locked) or returned with a reason; the change is kept as an event. */
export function recordReview(db: DbOrTx, row: RecapRow, decision: 'verified' | 'returned', reason: string | null, byPersonId: number, now: Date): void {
  const at = now.toISOString();
  db.update(recaps)
    .set(
      decision === 'verified'
        ? { status: 'verified', verifiedAt: at, verifiedBy: byPersonId, updatedAt: at }
        : { status: 'returned', returnedReason: reason, updatedAt: at },
    )
    .where(eq(recaps.id, row.id))
    .run();
  db.insert(recapEvents).values({ recapId: row.id, version: row.version, change: decision, note: reason, byPersonId, at }).run();
}

/** The dusun/RW of a desa (with an active Sub-PPKBD) and the parts they sent for the period. */
export function dusunPartsOf(db: DbOrTx, desaCode: string, period: string) {
  const units = db
    .selectDistinct({ id: areaUnits.id, name: areaUnits.name })
    .from(areaUnits)
    .innerJoin(people, and(eq(people.unitId, areaUnits.id), eq(people.active, true), eq(people.role, 'sub_ppkbd')))
    .where(eq(areaUnits.desaCode, desaCode))
    .orderBy(asc(areaUnits.name))
    .all();
  const parts = db
    .select({ unitId: recaps.unitId, values: recaps.values })
    .from(recaps)
    .where(and(eq(recaps.desaCode, desaCode), eq(recaps.period, period), ne(recaps.unitKey, '')))
    .all();
  const byUnit = new Map(parts.map((p) => [p.unitId, JSON.parse(p.values) as Record<string, number>]));
  return {
    received: units.filter((u) => byUnit.has(u.id)).map((u) => ({ name: u.name, values: byUnit.get(u.id)! })),
    missing: units.filter((u) => !byUnit.has(u.id)).map((u) => u.name),
  };
}

export function reopenPeriod(db: DbOrTx, desaCode: string, period: string, byPersonId: number, now: Date, until: Date): void {
  db.insert(recapReopenings).values({ desaCode, period, byPersonId, at: now.toISOString(), until: until.toISOString() }).run();
}

/** Periods of the desa reopened and still open at `now`. */
export function reopenedPeriods(db: DbOrTx, desaCode: string, now: Date): string[] {
  return db
    .selectDistinct({ period: recapReopenings.period })
    .from(recapReopenings)
    .where(and(eq(recapReopenings.desaCode, desaCode), gt(recapReopenings.until, now.toISOString())))
    .orderBy(desc(recapReopenings.period))
    .all()
    .map((r) => r.period);
}
