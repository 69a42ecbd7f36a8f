// Unmet-need cases: created once with a readable code, moved through their lifecycle, every change an event.
import { and, asc, count, eq, gte, inArray, like, lt, ne, notInArray } from 'drizzle-orm';
import { caseCode } from '../../domain/cases/case-model.js';
import type { DbOrTx } from '../client.js';
import { caseEvents, cases } from '../schema.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCase = Omit<typeof cases.$inferInsert, 'id' | 'code' | 'status' | 'reportedAt'>;

const CLOSED = ['served', 'declined', 'lost', 'closed_invalid'] as const;

/** "UN-062003-2026-0007": kecamatan and desa digits, year, the desa's running number that year. */
export function nextCaseCode(db: DbOrTx, desaCode: string, year: number): string {
  const prefix = caseCode(desaCode, year, 1).slice(0, -4);
  const n = db.select({ n: count() }).from(cases).where(like(cases.code, `${prefix}%`)).get()!.n;
  return caseCode(desaCode, year, n + 1);
}

export function createCase(db: DbOrTx, input: NewCase, year: number, now: Date): CaseRow {
  const code = nextCaseCode(db, input.desaCode, year);
  const status = input.assigneeId ? 'assigned' : 'reported';
  const row = db.insert(cases).values({ ...input, code, status, reportedAt: now.toISOString() }).returning().get();
  db.insert(caseEvents).values({ caseId: row.id, action: 'reported', toStatus: 'reported', byPersonId: input.reporterPersonId ?? null, at: now.toISOString() }).run();
  if (status === 'assigned') {
    db.insert(caseEvents).values({ caseId: row.id, action: 'assigned', fromStatus: 'reported', toStatus: 'assigned', byPersonId: null, note: `assignee ${input.assigneeId}`, at: now.toISOString() }).run();
  }
  return row;
}

export function findCaseByCode(db: DbOrTx, code: string): CaseRow | undefined {
  return db.select().from(cases).where(eq(cases.code, code)).get();
}

export function openCaseCountByReporter(db: DbOrTx, reporterKey: string): number {
  return db
    .select({ n: count() })
    .from(cases)
    .where(and(eq(cases.reporterKey, reporterKey), notInArray(cases.status, [...CLOSED])))
    .get()!.n;
}

/** Open cases in these desa, oldest first. */
export function openCasesIn(db: DbOrTx, desaCodes: readonly string[]): CaseRow[] {
  if (desaCodes.length === 0) return [];
  return db
    .select()
    .from(cases)
    .where(and(inArray(cases.desaCode, [...desaCodes]), notInArray(cases.status, [...CLOSED])))
    .orderBy(asc(cases.reportedAt), asc(cases.id))
    .all();
}

export function casesOfReporter(db: DbOrTx, reporterKey: string): CaseRow[] {
  return db.select().from(cases).where(eq(cases.reporterKey, reporterKey)).orderBy(asc(cases.id)).all();
}

/** Moves a case and records who did it; closing states stamp closed_at, follow-up stamps followed_up_at. */
export function moveCase(
  db: DbOrTx,
  row: CaseRow,
  to: CaseRow['status'],
  change: { action: string; note: string | null; byPersonId: number; now: Date; outcome?: { method?: string | null; date?: string | null; note?: string | null } },
): CaseRow {
  const at = change.now.toISOString();
  const closing = (CLOSED as readonly string[]).includes(to);
  const updated = db
    .update(cases)
    .set({
      status: to,
      ...(to === 'followed_up' ? { followedUpAt: at } : {}),
      ...(closing ? { closedAt: at } : {}),
      ...(change.outcome ? { outcomeMethod: change.outcome.method ?? null, outcomeDate: change.outcome.date ?? null, outcomeNote: change.outcome.note ?? null } : {}),
    })
    .where(eq(cases.id, row.id))
    .returning()
    .get();
  db.insert(caseEvents).values({ caseId: row.id, action: change.action, fromStatus: row.status, toStatus: to, note: change.note, byPersonId: change.byPersonId, at }).run();
  return updated;
}

export function caseHistory(db: DbOrTx, caseId: number) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id)).all();
}

/** IAT/TIAL cases of the desa reported within [from, to): compared with the recap's IAT + TIAL (W10). */
export function unmetCasesReported(db: DbOrTx, desaCode: string, from: Date, to: Date): number {
  return db
    .select({ n: count() })
    .from(cases)
    .where(
      and(
        eq(cases.desaCode, desaCode),
        inArray(cases.category, ['IAT', 'TIAL']),
        gte(cases.reportedAt, from.toISOString()),
        lt(cases.reportedAt, to.toISOString()),
        ne(cases.status, 'closed_invalid'),
      ),
    )
    .get()!.n;
}

/** Cases assigned but not yet followed up, reported before `before`. */
export function casesAwaitingFollowUp(db: DbOrTx, before: Date): CaseRow[] {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.status, 'assigned'), lt(cases.reportedAt, before.toISOString())))
    .orderBy(asc(cases.reportedAt))
    .all();
}

export function markCaseReminded(db: DbOrTx, row: CaseRow, kind: 'reminded' | 'escalated', now: Date, note: string): void {
  db.update(cases)
    .set(kind === 'reminded' ? { remindedAt: now.toISOString() } : { escalatedAt: now.toISOString() })
    .where(eq(cases.id, row.id))
    .run();
  db.insert(caseEvents).values({ caseId: row.id, action: kind, fromStatus: row.status, toStatus: row.status, note, byPersonId: null, at: now.toISOString() }).run();
}
