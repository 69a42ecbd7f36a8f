// Registered people: lookup by phone, create/update with history, (de)activation. Never deleted.
// The lookup by phone is on every message's path: its statements are prepared once per connection and its results
// cached per connection (people-cache.ts, invalidated by the triggers of migration 0013).
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Role } from '../../domain/roles.js';
import type { DbOrTx } from '../client.js';
import { prepared } from '../prepared.js';
import { areaUnits, people, peopleHistory, personAreas } from '../schema.js';
import { ensureUnit } from './areas.repo.js';
import { peopleCacheOf, peopleGeneration } from './people-cache.js';

/** Frozen: the lookup by phone hands the same cached object to every caller. */
export interface PersonView {
  readonly id: number;
  readonly phone: string;
  readonly name: string;
  readonly role: Role;
  readonly areaSpec: string;
  readonly homeAreaCode: string;
  readonly desaCodes: readonly string[];
  readonly unitName: string | null;
  readonly active: boolean;
  /** When their first message arrived; null: they have never written. */
  readonly firstMessageAt: string | null;
  readonly welcomedAt: string | null;
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

const byPhone = prepared((db) => db.select().from(people).where(eq(people.phone, sql.placeholder('phone'))).prepare());
const desaCodesOf = prepared((db) =>
  db
    .select({ code: personAreas.areaCode })
    .from(personAreas)
    .where(eq(personAreas.personId, sql.placeholder('personId')))
    .orderBy(asc(personAreas.areaCode))
    .prepare(),
);
const unitNameOf = prepared((db) => db.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.id, sql.placeholder('unitId'))).prepare());

function view(db: DbOrTx, row: typeof people.$inferSelect): PersonView {
  const desaCodes = Object.freeze(desaCodesOf(db).all({ personId: row.id }).map((r) => r.code));
  const unitName = row.unitId === null ? null : (unitNameOf(db).get({ unitId: row.unitId })?.name ?? null);
  return Object.freeze({
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
  });
}

/** The person with this phone, active or not; from the connection's cache when nothing changed since it was read. */
export function findPersonByPhone(db: DbOrTx, phone: string): PersonView | undefined {
  const cache = peopleCacheOf(db);
  // The token before the rows (people-cache.ts says why).
  const token = peopleGeneration(db);
  const known = cache.get(token, phone);
  if (known !== undefined) return known ?? undefined;
  const row = byPhone(db).get({ phone });
  const person = row ? view(db, row) : undefined;
  cache.set(token, phone, person ?? null);
  return person;
}

export function findActivePersonByPhone(db: DbOrTx, phone: string): PersonView | undefined {
  const person = findPersonByPhone(db, phone);
  return person?.active ? person : undefined;
}

const activePhoneById = prepared((db) => db.select({ phone: people.phone, active: people.active }).from(people).where(eq(people.id, sql.placeholder('id'))).prepare());

/** The phone of an active person (where a notice to them goes); null for an unknown or inactive person. */
export function activePhoneOf(db: DbOrTx, personId: number): string | null {
  const row = activePhoneById(db).get({ id: personId });
  return row?.active ? row.phone : null;
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

const setWelcomedAt = prepared((db) =>
  db
    .update(people)
    .set({ welcomedAt: sql`${sql.placeholder('at')}` })
    .where(and(eq(people.id, sql.placeholder('id')), isNull(people.welcomedAt)))
    .prepare(),
);
const setFirstMessageAt = prepared((db) =>
  db
    .update(people)
    .set({ firstMessageAt: sql`${sql.placeholder('at')}` })
    .where(and(eq(people.id, sql.placeholder('id')), isNull(people.firstMessageAt)))
    .prepare(),
);

/**
 * Sets one of the marks a message leaves on its sender's row, if not set yet; true when this call did. In a
 * transaction of its own (a savepoint inside the message's), so no other writer comes between the tokens read
 * before and after: the connection's cache is patched instead of dropped (PeopleCache.patched).
 */
function markOnce(db: DbOrTx, personId: number, field: 'welcomedAt' | 'firstMessageAt', now: Date): boolean {
  const statement = field === 'welcomedAt' ? setWelcomedAt : setFirstMessageAt;
  const at = now.toISOString();
  return db.transaction((tx) => {
    const before = peopleGeneration(tx);
    const changed = statement(tx).run({ id: personId, at }).changes === 1;
    if (changed) peopleCacheOf(tx).patched(before, peopleGeneration(tx), personId, { [field]: at });
    return changed;
  });
}

/** Records that the welcome was shown; true when this call did (so it is shown once). */
export function markWelcomed(db: DbOrTx, personId: number, now: Date): boolean {
  return markOnce(db, personId, 'welcomedAt', now);
}

/**
 * Records that the person has written, the first time only; true when this call did (their first message: the
 * caller welcomes them, in the same transaction, so the welcome is sent exactly once).
 */
export function markFirstMessage(db: DbOrTx, personId: number, now: Date): boolean {
  return markOnce(db, personId, 'firstMessageAt', now);
}

export function personHistory(db: DbOrTx, personId: number) {
  return db.select().from(peopleHistory).where(eq(peopleHistory.personId, personId)).orderBy(asc(peopleHistory.id)).all();
}
