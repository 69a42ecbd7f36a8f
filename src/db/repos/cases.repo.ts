// Unmet-need cases: created once with a readable code, routed to who works them, moved through their lifecycle
// (every change an event), and de-identified a year after they close. What the case conversations run per message
// (their facts, a report's KIRIM, routing) is prepared once per connection (prepared.ts).
import { createHmac } from 'node:crypto';
import { and, asc, count, eq, gte, inArray, isNotNull, isNull, like, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import { caseCode } from '../../domain/cases/case-model.js';
import type { DbOrTx } from '../client.js';
import { prepared } from '../prepared.js';
import { everyColumnInsert, inListParam, listParam, setParam } from '../sql-params.js';
import { caseEvents, cases, people, personAreas } from '../schema.js';
import { loadOrCreateCaseReporterSecret } from './runtime-state.repo.js';

export type CaseRow = typeof cases.$inferSelect;
export type NewCase = Omit<typeof cases.$inferInsert, 'id' | 'code' | 'status' | 'reportedAt'>;

const CLOSED = ['served', 'declined', 'lost', 'closed_invalid'] as const;

const codesLike = prepared((db) => db.select({ n: count() }).from(cases).where(like(cases.code, sql.placeholder('pattern'))).prepare());

/** "UN-062003-2026-0007": kecamatan and desa digits, year, the desa's running number that year. */
export function nextCaseCode(db: DbOrTx, desaCode: string, year: number): string {
  const prefix = caseCode(desaCode, year, 1).slice(0, -4);
  const n = codesLike(db).get({ pattern: `${prefix}%` })!.n;
  return caseCode(desaCode, year, n + 1);
}

// A case is created from inputs that name some of its columns (the bot's report, tests, fixtures).
const newCase = everyColumnInsert(cases);
const insertCaseRow = prepared((db) =>
  db
    .insert(cases)
    .values(newCase.values as unknown as typeof cases.$inferInsert)
    .returning()
    .prepare(),
);

const insertCaseEvent = prepared((db) =>
  db
    .insert(caseEvents)
    .values({
      caseId: sql.placeholder('caseId'),
      action: sql.placeholder('action'),
      fromStatus: sql.placeholder('fromStatus'),
      toStatus: sql.placeholder('toStatus'),
      note: sql.placeholder('note'),
      byPersonId: sql.placeholder('byPersonId'),
      at: sql.placeholder('at'),
    })
    .prepare(),
);

type CaseEventInput = Pick<typeof caseEvents.$inferInsert, 'caseId' | 'action' | 'toStatus' | 'at'> & Partial<Pick<typeof caseEvents.$inferInsert, 'fromStatus' | 'note' | 'byPersonId'>>;

function recordCaseEvent(db: DbOrTx, e: CaseEventInput): void {
  insertCaseEvent(db).run({ ...e, fromStatus: e.fromStatus ?? null, note: e.note ?? null, byPersonId: e.byPersonId ?? null });
}

export function createCase(db: DbOrTx, input: NewCase, year: number, now: Date): CaseRow {
  const code = nextCaseCode(db, input.desaCode, year);
  const status = input.assigneeId ? 'assigned' : 'reported';
  const assignedAt = input.assigneeId ? (input.assignedAt ?? now.toISOString()) : null;
  const row = insertCaseRow(db).get(newCase.bind({ ...input, assignedAt, code, status, reportedAt: now.toISOString() }))!;
  recordCaseEvent(db, { caseId: row.id, action: 'reported', toStatus: 'reported', byPersonId: input.reporterPersonId ?? null, at: now.toISOString() });
  if (status === 'assigned') {
    recordCaseEvent(db, { caseId: row.id, action: 'assigned', fromStatus: 'reported', toStatus: 'assigned', byPersonId: null, note: `assignee ${input.assigneeId}`, at: now.toISOString() });
  }
  return row;
}

const caseWithCode = prepared((db) => db.select().from(cases).where(eq(cases.code, sql.placeholder('code'))).prepare());

export function findCaseByCode(db: DbOrTx, code: string): CaseRow | undefined {
  return caseWithCode(db).get({ code });
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

const openCountOfKeys = prepared((db) =>
  db
    .select({ n: count() })
    .from(cases)
    .where(and(inListParam(cases.reporterKey, 'keys'), notInArray(cases.status, [...CLOSED])))
    .prepare(),
);

export function openCaseCountByReporter(db: DbOrTx, reporterKeys: readonly string[]): number {
  return openCountOfKeys(db).get({ keys: listParam(reporterKeys) })!.n;
}

// An empty list matches no desa, and `assignee_id = NULL` no row: each half of the OR drops out as it did when it
// was left out of the query.
const openInDesaOrAssigned = prepared((db) =>
  db
    .select()
    .from(cases)
    .where(and(or(inListParam(cases.desaCode, 'desa'), eq(cases.assigneeId, sql.placeholder('assignee'))), notInArray(cases.status, [...CLOSED])))
    .orderBy(asc(cases.reportedAt), asc(cases.id))
    .prepare(),
);

/** Open cases in these desa, or given to this person (a PKB handed a case outside their binaan), oldest first. */
export function openCasesIn(db: DbOrTx, desaCodes: readonly string[], assigneeId: number | null = null): CaseRow[] {
  if (desaCodes.length === 0 && assigneeId === null) return [];
  return openInDesaOrAssigned(db).all({ desa: listParam(desaCodes), assignee: assigneeId });
}

const casesOfKeys = prepared((db) => db.select().from(cases).where(inListParam(cases.reporterKey, 'keys')).orderBy(asc(cases.id)).prepare());

export function casesOfReporter(db: DbOrTx, reporterKeys: readonly string[]): CaseRow[] {
  return casesOfKeys(db).all({ keys: listParam(reporterKeys) });
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
  recordCaseEvent(db, { caseId: row.id, action: change.action, fromStatus: row.status, toStatus: to, note: change.note, byPersonId: change.byPersonId, at });
  return updated;
}

/**
 * Gives the case to someone (routing, the koordinator's reassignment, a replaced assignee). An unassigned case
 * becomes assigned; otherwise the status stays. The SLA starts again for the new assignee.
 */
const assignTo = prepared((db) =>
  db
    .update(cases)
    .set({ assigneeId: setParam('assignee'), assignedAt: setParam('at'), remindedAt: null, escalatedAt: null, status: setParam('status') })
    .where(eq(cases.id, sql.placeholder('id')))
    .returning()
    .prepare(),
);

export function assignCase(db: DbOrTx, row: CaseRow, assigneeId: number, byPersonId: number | null, now: Date): CaseRow {
  const at = now.toISOString();
  const to = row.status === 'reported' ? 'assigned' : row.status;
  const updated = assignTo(db).get({ id: row.id, assignee: assigneeId, at, status: to })!;
  recordCaseEvent(db, { caseId: row.id, action: row.assigneeId === null ? 'assigned' : 'reassigned', fromStatus: row.status, toStatus: to, note: `assignee ${assigneeId}`, byPersonId, at });
  return updated;
}

/** The reporter's chat address is kept only while it is needed: until the case is closed and they are told. */
const clearReporterAddress = prepared((db) => db.update(cases).set({ reporterAddress: null }).where(eq(cases.id, sql.placeholder('id'))).prepare());

export function forgetReporterAddress(db: DbOrTx, caseId: number): void {
  clearReporterAddress(db).run({ id: caseId });
}

export function caseHistory(db: DbOrTx, caseId: number) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.id)).all();
}

const unmetInWindow = prepared((db) =>
  db
    .select({ n: count() })
    .from(cases)
    .where(
      and(
        eq(cases.desaCode, sql.placeholder('desa')),
        inArray(cases.category, ['IAT', 'TIAL']),
        gte(cases.reportedAt, sql.placeholder('from')),
        lt(cases.reportedAt, sql.placeholder('to')),
        ne(cases.status, 'closed_invalid'),
      ),
    )
    .prepare(),
);

/** IAT/TIAL cases of the desa reported within [from, to): compared with the recap's IAT + TIAL (W10). */
export function unmetCasesReported(db: DbOrTx, desaCode: string, from: Date, to: Date): number {
  return unmetInWindow(db).get({ desa: desaCode, from: from.toISOString(), to: to.toISOString() })!.n;
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

const coveringDesa = prepared((db) =>
  db
    .select(WORKER)
    .from(people)
    .innerJoin(personAreas, eq(personAreas.personId, people.id))
    .where(and(eq(personAreas.areaCode, sql.placeholder('desa')), eq(people.active, true), eq(people.role, sql.placeholder('role'))))
    .orderBy(asc(people.id))
    .prepare(),
);

const areasOfPerson = prepared((db) => db.select({ n: count() }).from(personAreas).where(eq(personAreas.personId, sql.placeholder('id'))).prepare());

/** Active people of a role whose areas include the desa, with how many desa each covers. */
function covering(db: DbOrTx, desaCode: string, role: 'pkb' | 'koordinator'): (CaseWorker & { span: number })[] {
  const rows = coveringDesa(db).all({ desa: desaCode, role }) as CaseWorker[];
  return rows.map((r) => ({ ...r, span: areasOfPerson(db).get({ id: r.id })!.n }));
}

const activeOfRole = prepared((db) =>
  db.select(WORKER).from(people).where(and(eq(people.role, sql.placeholder('role')), eq(people.active, true))).orderBy(asc(people.id)).prepare(),
);

/** Active people with role dinas (the Dinas receives orphaned cases and stock-outs), or admin. */
export function activeWithRole(db: DbOrTx, role: 'dinas' | 'admin'): CaseWorker[] {
  return activeOfRole(db).all({ role }) as CaseWorker[];
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

const workerWithId = prepared((db) =>
  db
    .select({ ...WORKER, active: people.active })
    .from(people)
    .where(eq(people.id, sql.placeholder('id')))
    .prepare(),
);

export function workerById(db: DbOrTx, id: number): (CaseWorker & { active: boolean }) | undefined {
  return workerWithId(db).get({ id }) as (CaseWorker & { active: boolean }) | undefined;
}

// The area starts with one of the kecamatan codes and a dot (codes hold digits and dots only: nothing LIKE reads).
const pkbsInKecamatanList = prepared((db) =>
  db
    .select({ id: people.id, name: people.name, area: personAreas.areaCode })
    .from(people)
    .innerJoin(personAreas, eq(personAreas.personId, people.id))
    .where(
      and(
        eq(people.role, 'pkb'),
        eq(people.active, true),
        sql`exists (select 1 from json_each(${sql.placeholder('kecamatan')}) as k where ${personAreas.areaCode} like k.value || '.%')`,
      ),
    )
    .orderBy(asc(people.name), asc(people.id))
    .prepare(),
);

/** Active PKB who cover at least one desa of these kecamatan, with the kecamatan they work in. */
export function pkbsInKecamatan(db: DbOrTx, kecamatanCodes: readonly string[]): { id: number; name: string; kecamatanCodes: string[] }[] {
  if (kecamatanCodes.length === 0) return [];
  const rows = pkbsInKecamatanList(db).all({ kecamatan: listParam(kecamatanCodes) });
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
