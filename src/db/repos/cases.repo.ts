// Unmet-need cases: created once with a readable code, routed to who works them, moved through their lifecycle
// (every change an event), and de-identified a year after they close.
import { createHmac } from 'node:crypto';
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, like, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import { caseCode } from '../../domain/cases/case-model.js';
import type { DbOrTx } from '../client.js';
import { caseEvents, cases, people, personAreas } from '../schema.js';
import { loadOrCreateCaseReporterSecret } from './runtime-state.repo.js';

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
  const assignedAt = input.assigneeId ? (input.assignedAt ?? now.toISOString()) : null;
  const row = db.insert(cases).values({ ...input, assignedAt, code, status, reportedAt: now.toISOString() }).returning().get();
  db.insert(caseEvents).values({ caseId: row.id, action: 'reported', toStatus: 'reported', byPersonId: input.reporterPersonId ?? null, at: now.toISOString() }).run();
  if (status === 'assigned') {
    db.insert(caseEvents).values({ caseId: row.id, action: 'assigned', fromStatus: 'reported', toStatus: 'assigned', byPersonId: null, note: `assignee ${input.assigneeId}`, at: now.toISOString() }).run();
  }
  return row;
}

export function findCaseByCode(db: DbOrTx, code: string): CaseRow | undefined {
  return db.select().from(cases).where(eq(cases.code, code)).get();
}

// ---- Who reported, without keeping their number

/**
 * The reporter as stored: an HMAC of the sender's number (or raw id) under a secret kept in this database, so the
 * same number finds its own cases again (STATUS, at most 3 open) while the table holds no phone number.
 */
export function reporterKeyOf(db: DbOrTx, senderKey: string, now: Date): string {
  return `h:${createHmac('sha256', loadOrCreateCaseReporterSecret(db, now)).update(senderKey).digest('base64url').slice(0, 32)}`;
}

/** The keys a sender's cases may be stored under: the hash, and the plain key of rows written before hashing. */
export function reporterKeysOf(db: DbOrTx, senderKey: string, now: Date): string[] {
  return [reporterKeyOf(db, senderKey, now), senderKey];
}

export function openCaseCountByReporter(db: DbOrTx, reporterKeys: readonly string[]): number {
  return db
    .select({ n: count() })
    .from(cases)
    .where(and(inArray(cases.reporterKey, [...reporterKeys]), notInArray(cases.status, [...CLOSED])))
    .get()!.n;
}

/** Open cases in these desa, or given to this person (a PKB handed a case outside their binaan), oldest first. */
export function openCasesIn(db: DbOrTx, desaCodes: readonly string[], assigneeId: number | null = null): CaseRow[] {
  if (desaCodes.length === 0 && assigneeId === null) return [];
  const where = [
    ...(desaCodes.length > 0 ? [inArray(cases.desaCode, [...desaCodes])] : []),
    ...(assigneeId !== null ? [eq(cases.assigneeId, assigneeId)] : []),
  ];
  return db
    .select()
    .from(cases)
    .where(and(or(...where), notInArray(cases.status, [...CLOSED])))
    .orderBy(asc(cases.reportedAt), asc(cases.id))
    .all();
}

export function casesOfReporter(db: DbOrTx, reporterKeys: readonly string[]): CaseRow[] {
  return db.select().from(cases).where(inArray(cases.reporterKey, [...reporterKeys])).orderBy(asc(cases.id)).all();
}

/**
 * Moves a case and records who did it (null: the system); closing states stamp closed_at, follow-up stamps
 * followed_up_at, a referral keeps where to (never overwritten by the later service).
 */
export function moveCase(
  db: DbOrTx,
  row: CaseRow,
  to: CaseRow['status'],
  change: {
    action: string;
    note: string | null;
    byPersonId: number | null;
    now: Date;
    outcome?: { method?: string | null; date?: string | null; note?: string | null };
    referredTo?: string;
  },
): CaseRow {
  const at = change.now.toISOString();
  const closing = (CLOSED as readonly string[]).includes(to);
  const updated = db
    .update(cases)
    .set({
      status: to,
      ...(to === 'followed_up' ? { followedUpAt: at } : {}),
      ...(closing ? { closedAt: at } : {}),
      ...(change.referredTo !== undefined ? { referredTo: change.referredTo, referredAt: at } : {}),
      ...(change.outcome ? { outcomeMethod: change.outcome.method ?? null, outcomeDate: change.outcome.date ?? null, outcomeNote: change.outcome.note ?? null } : {}),
    })
    .where(eq(cases.id, row.id))
    .returning()
    .get();
  db.insert(caseEvents).values({ caseId: row.id, action: change.action, fromStatus: row.status, toStatus: to, note: change.note, byPersonId: change.byPersonId, at }).run();
  return updated;
}

/**
 * Gives the case to someone (routing, the koordinator's reassignment, a replaced assignee). An unassigned case
 * becomes assigned; otherwise the status stays. The SLA starts again for the new assignee.
 */
export function assignCase(db: DbOrTx, row: CaseRow, assigneeId: number, byPersonId: number | null, now: Date): CaseRow {
  const at = now.toISOString();
  const to = row.status === 'reported' ? 'assigned' : row.status;
  const updated = db
    .update(cases)
    .set({ assigneeId, assignedAt: at, remindedAt: null, escalatedAt: null, status: to })
    .where(eq(cases.id, row.id))
    .returning()
    .get();
  db.insert(caseEvents)
    .values({ caseId: row.id, action: row.assigneeId === null ? 'assigned' : 'reassigned', fromStatus: row.status, toStatus: to, note: `assignee ${assigneeId}`, byPersonId, at })
    .run();
  return updated;
}

/** The reporter's chat address is kept only while it is needed: until the case is closed and they are told. */
export function forgetReporterAddress(db: DbOrTx, caseId: number): void {
  db.update(cases).set({ reporterAddress: null }).where(eq(cases.id, caseId)).run();
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

/** Cases assigned but not yet followed up, given to their assignee before `before`. */
export function casesAwaitingFollowUp(db: DbOrTx, before: Date): CaseRow[] {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.status, 'assigned'), lt(sql`coalesce(${cases.assignedAt}, ${cases.reportedAt})`, before.toISOString())))
    .orderBy(asc(cases.reportedAt))
    .all();
}

/** Open cases nobody active works: never assigned (no one was registered) or whose assignee was deactivated. */
export function casesWithoutActiveAssignee(db: DbOrTx): CaseRow[] {
  return db
    .select({ c: cases })
    .from(cases)
    .leftJoin(people, eq(people.id, cases.assigneeId))
    .where(and(notInArray(cases.status, [...CLOSED]), or(isNull(cases.assigneeId), eq(people.active, false))))
    .orderBy(asc(cases.reportedAt))
    .all()
    .map((r) => r.c);
}

/** Referred cases whose referral is older than `before` and still has no outcome. */
export function referralsWithoutOutcome(db: DbOrTx, before: Date): CaseRow[] {
  return db
    .select()
    .from(cases)
    .where(and(eq(cases.status, 'referred'), lt(sql`coalesce(${cases.referredAt}, ${cases.reportedAt})`, before.toISOString())))
    .orderBy(asc(cases.reportedAt))
    .all();
}

/**
 * De-identifies cases closed before `closedBefore` (UU PDP; docs/domain.md §10: 12 months after closure): the dusun/RT,
 * the register pointer, the notes and who reported go; what the indicators need (desa, category, method, reasons,
 * bands, dates, outcome) stays. Returns how many cases were changed.
 */
export function deidentifyClosedCases(db: DbOrTx, closedBefore: Date, now: Date): number {
  const due = db
    .select({ id: cases.id })
    .from(cases)
    .where(and(isNotNull(cases.closedAt), lt(cases.closedAt, closedBefore.toISOString()), isNull(cases.deidentifiedAt)))
    .all()
    .map((r) => r.id);
  if (due.length === 0) return 0;
  db.update(cases)
    .set({ place: null, refRegister: null, outcomeNote: null, reporterKey: '', reporterAddress: null, reporterPersonId: null, deidentifiedAt: now.toISOString() })
    .where(inArray(cases.id, due))
    .run();
  db.update(caseEvents).set({ note: null }).where(inArray(caseEvents.caseId, due)).run();
  return due.length;
}

// ---- Who works a case

export interface CaseWorker {
  id: number;
  phone: string;
  name: string;
  role: 'pkb' | 'koordinator' | 'dinas' | 'admin';
}

const WORKER = { id: people.id, phone: people.phone, name: people.name, role: people.role };

/** Active people of a role whose areas include the desa, with how many desa each covers. */
function covering(db: DbOrTx, desaCode: string, role: 'pkb' | 'koordinator'): (CaseWorker & { span: number })[] {
  const rows = db
    .select(WORKER)
    .from(people)
    .innerJoin(personAreas, eq(personAreas.personId, people.id))
    .where(and(eq(personAreas.areaCode, desaCode), eq(people.active, true), eq(people.role, role)))
    .orderBy(asc(people.id))
    .all() as CaseWorker[];
  return rows.map((r) => ({ ...r, span: db.select({ n: count() }).from(personAreas).where(eq(personAreas.personId, r.id)).get()!.n }));
}

/** Active people with role dinas (the Dinas receives orphaned cases and stock-outs), or admin. */
export function activeWithRole(db: DbOrTx, role: 'dinas' | 'admin'): CaseWorker[] {
  return db.select(WORKER).from(people).where(and(eq(people.role, role), eq(people.active, true))).orderBy(asc(people.id)).all() as CaseWorker[];
}

export function koordinatorsOf(db: DbOrTx, desaCode: string): CaseWorker[] {
  return covering(db, desaCode, 'koordinator');
}

/**
 * Who a new case of this desa goes to: the PKB of the desa (the one whose binaan is narrowest, so the desa's own PKB
 * before a kecamatan-wide one), else the kecamatan's koordinator, else the Dinas. Null: no one is registered.
 */
export function caseAssigneeFor(db: DbOrTx, desaCode: string): CaseWorker | null {
  const pkb = covering(db, desaCode, 'pkb').sort((a, b) => a.span - b.span || a.id - b.id)[0];
  if (pkb) return { id: pkb.id, phone: pkb.phone, name: pkb.name, role: pkb.role };
  const koordinator = covering(db, desaCode, 'koordinator')[0];
  if (koordinator) return { id: koordinator.id, phone: koordinator.phone, name: koordinator.name, role: koordinator.role };
  return activeWithRole(db, 'dinas')[0] ?? null;
}

export function workerById(db: DbOrTx, id: number): (CaseWorker & { active: boolean }) | undefined {
  return db.select({ ...WORKER, active: people.active }).from(people).where(eq(people.id, id)).get() as (CaseWorker & { active: boolean }) | undefined;
}

/** Active PKB who cover at least one desa of these kecamatan, with the kecamatan they work in. */
export function pkbsInKecamatan(db: DbOrTx, kecamatanCodes: readonly string[]): { id: number; name: string; kecamatanCodes: string[] }[] {
  if (kecamatanCodes.length === 0) return [];
  const rows = db
    .select({ id: people.id, name: people.name, area: personAreas.areaCode })
    .from(people)
    .innerJoin(personAreas, eq(personAreas.personId, people.id))
    .where(and(eq(people.role, 'pkb'), eq(people.active, true), or(...kecamatanCodes.map((k) => like(personAreas.areaCode, `${k}.%`)))))
    .orderBy(asc(people.name), asc(people.id))
    .all();
  const byId = new Map<number, { id: number; name: string; kecamatanCodes: string[] }>();
  for (const r of rows) {
    const kec = r.area.split('.').slice(0, 3).join('.');
    const entry = byId.get(r.id) ?? { id: r.id, name: r.name, kecamatanCodes: [] };
    if (!entry.kecamatanCodes.includes(kec)) entry.kecamatanCodes.push(kec);
    byId.set(r.id, entry);
  }
  return [...byId.values()];
}

export function markCaseReminded(db: DbOrTx, row: CaseRow, kind: 'reminded' | 'escalated', now: Date, note: string): void {
  db.update(cases)
    .set(kind === 'reminded' ? { remindedAt: now.toISOString() } : { escalatedAt: now.toISOString() })
    .where(eq(cases.id, row.id))
    .run();
  db.insert(caseEvents).values({ caseId: row.id, action: kind, fromStatus: row.status, toStatus: row.status, note, byPersonId: null, at: now.toISOString() }).run();
}

/**
 * Active people of a role who work this desa's cases, oldest registration first: PKB and koordinator whose areas
 * include the desa; for dinas and admin, every active one (they cover the kabupaten).
 */
export function workersCovering(db: DbOrTx, desaCode: string, role: CaseWorker['role']): CaseWorker[] {
  if (role === 'dinas' || role === 'admin') return activeWithRole(db, role);
  return covering(db, desaCode, role).map(({ id, phone, name, role: r }) => ({ id, phone, name, role: r }));
}
