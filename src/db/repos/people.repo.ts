// Registered people: lookup by phone, create/update with history, (de)activation. Never deleted.
import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import type { Role } from '../../domain/roles.js';
import type { DbOrTx } from '../client.js';
import { areaUnits, people, peopleHistory, personAreas } from '../schema.js';
import { ensureUnit } from './areas.repo.js';

export interface PersonView {
  id: number;
  phone: string;
  name: string;
  role: Role;
  areaSpec: string;
  homeAreaCode: string;
  desaCodes: string[];
  unitName: string | null;
  active: boolean;
  /** When their first message arrived; null: they have never written. */
  firstMessageAt: string | null;
  welcomedAt: string | null;
}

/** What an import or an admin command says a person should be. */
export interface PersonInput {
  phone: string;
  name: string;
  role: Role;
  areaSpec: string;
  homeAreaCode: string;
  desaCodes: readonly string[];
  unit: string | null;
}

export type PersonChange = 'created' | 'updated' | 'reactivated' | 'unchanged';

function view(db: DbOrTx, row: typeof people.$inferSelect): PersonView {
  const desaCodes = db
    .select({ code: personAreas.areaCode })
    .from(personAreas)
    .where(eq(personAreas.personId, row.id))
    .orderBy(asc(personAreas.areaCode))
    .all()
    .map((r) => r.code);
  const unitName =
    row.unitId === null ? null : (db.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.id, row.unitId)).get()?.name ?? null);
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    role: row.role,
    areaSpec: row.areaSpec,
    homeAreaCode: row.homeAreaCode,
    desaCodes,
    unitName,
    active: row.active,
    firstMessageAt: row.firstMessageAt,
    welcomedAt: row.welcomedAt,
  };
}

export function findPersonByPhone(db: DbOrTx, phone: string): PersonView | undefined {
  const row = db.select().from(people).where(eq(people.phone, phone)).get();
  return row ? view(db, row) : undefined;
}

export function findActivePersonByPhone(db: DbOrTx, phone: string): PersonView | undefined {
  const person = findPersonByPhone(db, phone);
  return person?.active ? person : undefined;
}

export function listPeople(db: DbOrTx): PersonView[] {
  return db
    .select()
    .from(people)
    .orderBy(asc(people.homeAreaCode), asc(people.role), asc(people.name))
    .all()
    .map((row) => view(db, row));
}

/** The active PPKBD of a desa other than `exceptPhone`, if any (one per desa). */
export function otherActivePpkbd(db: DbOrTx, desaCode: string, exceptPhone: string): PersonView | undefined {
  const row = db
    .select()
    .from(people)
    .where(and(eq(people.role, 'ppkbd'), eq(people.homeAreaCode, desaCode), eq(people.active, true), ne(people.phone, exceptPhone)))
    .get();
  return row ? view(db, row) : undefined;
}

function snapshot(input: PersonInput, active: boolean): string {
  return JSON.stringify({ ...input, desaCodes: [...input.desaCodes], active });
}

function sameAs(current: PersonView, input: PersonInput): boolean {
  return (
    current.active &&
    current.name === input.name &&
    current.role === input.role &&
    current.areaSpec === input.areaSpec &&
    current.homeAreaCode === input.homeAreaCode &&
    (current.unitName ?? '').toLowerCase() === (input.unit ?? '').toLowerCase() &&
    current.desaCodes.join(';') === [...input.desaCodes].sort().join(';')
  );
}

/** Creates or updates the person with this phone, writing history. Same data → nothing is written. */
export function upsertPerson(db: DbOrTx, input: PersonInput, source: string, now: Date): PersonChange {
  const current = findPersonByPhone(db, input.phone);
  if (current && sameAs(current, input)) return 'unchanged';
  const at = now.toISOString();
  const unitId = input.unit ? ensureUnit(db, input.homeAreaCode, input.unit) : null;
  const fields = { name: input.name, role: input.role, areaSpec: input.areaSpec, homeAreaCode: input.homeAreaCode, unitId, active: true, updatedAt: at };
  let id: number;
  let change: PersonChange;
  if (current) {
    db.update(people).set(fields).where(eq(people.id, current.id)).run();
    db.delete(personAreas).where(eq(personAreas.personId, current.id)).run();
    id = current.id;
    change = current.active ? 'updated' : 'reactivated';
  } else {
    id = db.insert(people).values({ phone: input.phone, ...fields }).returning({ id: people.id }).get().id;
    change = 'created';
  }
  for (const areaCode of new Set(input.desaCodes)) db.insert(personAreas).values({ personId: id, areaCode }).run();
  db.insert(peopleHistory).values({ personId: id, change, snapshot: snapshot(input, true), source, changedAt: at }).run();
  return change;
}

/** Deactivates or reactivates; returns false when there is no such person or nothing changes. */
export function setPersonActive(db: DbOrTx, phone: string, active: boolean, source: string, now: Date): boolean {
  const current = findPersonByPhone(db, phone);
  if (!current || current.active === active) return false;
  const at = now.toISOString();
  db.update(people).set({ active, updatedAt: at }).where(eq(people.id, current.id)).run();
  const input: PersonInput = { ...current, unit: current.unitName };
  db.insert(peopleHistory)
    .values({ personId: current.id, change: active ? 'reactivated' : 'deactivated', snapshot: snapshot(input, active), source, changedAt: at })
    .run();
  return true;
}

/**
 * Records that the person has written, the first time only; true when this call did (their first message: the
 * caller welcomes them, in the same transaction, so the welcome is sent exactly once).
 */
/** Records that the welcome was shown; true when this call did (so it is shown once). */
export function markWelcomed(db: DbOrTx, personId: number, now: Date): boolean {
  const result = db
    .update(people)
    .set({ welcomedAt: now.toISOString() })
    .where(and(eq(people.id, personId), isNull(people.welcomedAt)))
    .run();
  return result.changes === 1;
}

export function markFirstMessage(db: DbOrTx, personId: number, now: Date): boolean {
  const result = db
    .update(people)
    .set({ firstMessageAt: now.toISOString() })
    .where(and(eq(people.id, personId), isNull(people.firstMessageAt)))
    .run();
  return result.changes === 1;
}

export function personHistory(db: DbOrTx, personId: number) {
  return db.select().from(peopleHistory).where(eq(peopleHistory.personId, personId)).orderBy(asc(peopleHistory.id)).all();
}
