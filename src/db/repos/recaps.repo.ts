// Stored recaps: one row per desa/period/unit with its current version, and every version as an event.
import { and, asc, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import { HEADLINE_FIELDS, headlineCounts, type HeadlineField } from '../../domain/recap/headline-counts.js';
import type { RecapValues } from '../../domain/recap/fields.js';
import type { DbOrTx } from '../client.js';
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
    status: 'submitted' as const,
    version,
    ...recapValueColumns(s.values),
    warnings: JSON.stringify(s.warnings),
    reporterId: s.reporterId,
    receiptCode: receiptCode(s.desaCode, s.period, s.unitId, version),
    submittedAt: at,
    late: previous ? previous.late : s.late,
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

export type CoveringRole = 'pkb' | 'koordinator' | 'dinas';

/** Active people of these roles whose areas include the desa (a pkb's binaan, a koordinator's kecamatan…). */
export function peopleCovering(db: DbOrTx, desaCode: string, roles: readonly CoveringRole[]) {
  return db
    .select({ id: people.id, phone: people.phone, name: people.name, role: people.role })
    .from(people)
    .innerJoin(personAreas, eq(personAreas.personId, people.id))
    .where(and(eq(personAreas.areaCode, desaCode), eq(people.active, true), inArray(people.role, [...roles])))
    .orderBy(asc(people.id))
    .all();
}

/** Desa covered by at least one active person of these roles. */
export function desaCoveredBy(db: DbOrTx, roles: readonly CoveringRole[]): Set<string> {
  const rows = db
    .selectDistinct({ code: personAreas.areaCode })
    .from(personAreas)
    .innerJoin(people, eq(people.id, personAreas.personId))
    .where(and(eq(people.active, true), inArray(people.role, [...roles])))
    .all();
  return new Set(rows.map((r) => r.code));
}

export function recapById(db: DbOrTx, id: number): RecapRow | undefined {
  return db.select().from(recaps).where(eq(recaps.id, id)).get();
}

/**
 * Desa records not verified yet in these desa, with the reporter's name: those waiting for verification first
 * (oldest first), then those returned to the cadre and not corrected yet (the reviewer may still verify them as
 * they are, e.g. after checking by phone).
 */
export function pendingReviews(db: DbOrTx, desaCodes: readonly string[]) {
  if (desaCodes.length === 0) return [];
  const rows = db
    .select({ recap: recaps, reporterName: people.name })
    .from(recaps)
    .innerJoin(people, eq(people.id, recaps.reporterId))
    .where(and(inArray(recaps.desaCode, [...desaCodes]), inArray(recaps.status, ['submitted', 'returned']), eq(recaps.unitKey, '')))
    .orderBy(asc(recaps.submittedAt), asc(recaps.id))
    .all();
  return [...rows.filter((r) => r.recap.status === 'submitted'), ...rows.filter((r) => r.recap.status === 'returned')];
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

/** The dusun/RW unit of a Sub-PPKBD (null for anyone else). */
export function personUnitId(db: DbOrTx, personId: number): number | null {
  return db.select({ unitId: people.unitId }).from(people).where(eq(people.id, personId)).get()?.unitId ?? null;
}

export function unitName(db: DbOrTx, unitId: number): string | null {
  return db.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.id, unitId)).get()?.name ?? null;
}

const VERSION_CHANGES = ['submitted', 'corrected'] as const;

/** The newest event of a recap (what last happened to it: sent, returned, verified, reopened). */
export function latestRecapEvent(db: DbOrTx, recapId: number) {
  return db.select().from(recapEvents).where(eq(recapEvents.recapId, recapId)).orderBy(desc(recapEvents.id)).get();
}

/**
 * The dusun parts follow the desa record: verified (locked) with it, and open again when it is unlocked. Their
 * versions are not touched; only the status changes, so a Sub-PPKBD sees the lock.
 */
export function setDusunPartsLocked(db: DbOrTx, desaCode: string, period: string, locked: boolean, byPersonId: number, now: Date): void {
  const at = now.toISOString();
  db.update(recaps)
    .set(locked ? { status: 'verified', verifiedAt: at, verifiedBy: byPersonId, updatedAt: at } : { status: 'submitted', verifiedAt: null, verifiedBy: null, updatedAt: at })
    .where(and(eq(recaps.desaCode, desaCode), eq(recaps.period, period), ne(recaps.unitKey, ''), eq(recaps.status, locked ? 'submitted' : 'verified')))
    .run();
}

/**
 * A verified recap unlocked by its reviewer: back with the cadre (status `returned`, no reason of its own) so the
 * next submission is a new version. The verification stays in the history; the `reopened` event says why.
 */
export function unlockVerified(db: DbOrTx, row: RecapRow, byPersonId: number, now: Date): void {
  const at = now.toISOString();
  db.update(recaps).set({ status: 'returned', returnedReason: null, updatedAt: at }).where(eq(recaps.id, row.id)).run();
  db.insert(recapEvents).values({ recapId: row.id, version: row.version, change: 'reopened', note: 'kunci verifikasi dibuka', byPersonId, at }).run();
}

/** The latest end of a reopening of this desa and period still running at `now`, or null. */
export function reopenedUntil(db: DbOrTx, desaCode: string, period: string, now: Date): Date | null {
  const row = db
    .select({ until: recapReopenings.until })
    .from(recapReopenings)
    .where(and(eq(recapReopenings.desaCode, desaCode), eq(recapReopenings.period, period), gt(recapReopenings.until, now.toISOString())))
    .orderBy(desc(recapReopenings.until))
    .get();
  return row ? new Date(row.until) : null;
}

/** The desa records of these desa and periods (for lists over a whole binaan in one query). */
export function desaRecapsIn(db: DbOrTx, desaCodes: readonly string[], periods: readonly string[]): RecapRow[] {
  if (desaCodes.length === 0 || periods.length === 0) return [];
  return db
    .select()
    .from(recaps)
    .where(and(inArray(recaps.desaCode, [...desaCodes]), inArray(recaps.period, [...periods]), eq(recaps.unitKey, '')))
    .all();
}

/** Reopenings of these desa still running at `now`: desa → period → latest end. */
export function runningReopenings(db: DbOrTx, desaCodes: readonly string[], now: Date): Map<string, Map<string, Date>> {
  const out = new Map<string, Map<string, Date>>();
  if (desaCodes.length === 0) return out;
  const rows = db
    .select({ desaCode: recapReopenings.desaCode, period: recapReopenings.period, until: recapReopenings.until })
    .from(recapReopenings)
    .where(and(inArray(recapReopenings.desaCode, [...desaCodes]), gt(recapReopenings.until, now.toISOString())))
    .all();
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

/**
 * What the dusun-vs-desa check (domain/recap/dusun-consistency.ts) needs, for every one of these desa that has a
 * desa recap and at least one dusun part in the period: three queries however many desa are asked, so a summary of
 * the whole kabupaten does not query desa by desa. Desa without parts are absent (nothing to disagree with).
 */
export function dusunStatesOf(db: DbOrTx, desaCodes: readonly string[], period: string): Map<string, DesaDusunState> {
  const out = new Map<string, DesaDusunState>();
  if (desaCodes.length === 0) return out;
  const rows = db
    .select({ recap: recaps, name: areaUnits.name })
    .from(recaps)
    .leftJoin(areaUnits, eq(areaUnits.id, recaps.unitId))
    .where(and(inArray(recaps.desaCode, [...desaCodes]), eq(recaps.period, period)))
    .all();
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
  const events = db
    .select({ id: recapEvents.id, recapId: recapEvents.recapId, values: recapEvents.values })
    .from(recapEvents)
    .where(and(inArray(recapEvents.recapId, recapIds), inArray(recapEvents.change, [...VERSION_CHANGES])))
    .orderBy(asc(recapEvents.id))
    .all();
  const eventsOf = new Map<number, typeof events>();
  for (const e of events) eventsOf.set(e.recapId, [...(eventsOf.get(e.recapId) ?? []), e]);
  const registered = db
    .selectDistinct({ id: areaUnits.id, desaCode: areaUnits.desaCode })
    .from(areaUnits)
    .innerJoin(people, and(eq(people.unitId, areaUnits.id), eq(people.active, true), eq(people.role, 'sub_ppkbd')))
    .where(inArray(areaUnits.desaCode, [...partsByDesa.keys()]))
    .all();

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
