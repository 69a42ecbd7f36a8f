// What the reminder ladder and the PKB digest read about people and dusun parts, for many desa at once (one query
// each, never one per desa).
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { areaUnits, people, personAreas, recaps } from '../schema.js';

export interface ActiveCadre {
  id: number;
  phone: string;
  name: string;
  role: 'ppkbd' | 'sub_ppkbd';
  desaCode: string;
  /** A Sub-PPKBD's dusun/RW (null for a PPKBD). */
  unitId: number | null;
  unitName: string | null;
}

/** The active PPKBD and Sub-PPKBD of these desa, by desa then id. */
export function activeCadresIn(db: DbOrTx, desaCodes: readonly string[]): ActiveCadre[] {
  if (desaCodes.length === 0) return [];
  const rows = db
    .select({ id: people.id, phone: people.phone, name: people.name, role: people.role, desaCode: people.homeAreaCode, unitId: people.unitId, unitName: areaUnits.name })
    .from(people)
    .leftJoin(areaUnits, eq(areaUnits.id, people.unitId))
    .where(and(eq(people.active, true), inArray(people.role, ['ppkbd', 'sub_ppkbd']), inArray(people.homeAreaCode, [...desaCodes])))
    .orderBy(asc(people.homeAreaCode), asc(people.id))
    .all();
  return rows.map((r) => ({ ...r, role: r.role as ActiveCadre['role'] }));
}

/** The dusun/RW units of these desa that have sent their part for the period. */
export function dusunPartsSent(db: DbOrTx, desaCodes: readonly string[], period: string): Set<number> {
  if (desaCodes.length === 0) return new Set();
  const rows = db
    .select({ unitId: recaps.unitId })
    .from(recaps)
    .where(and(inArray(recaps.desaCode, [...desaCodes]), eq(recaps.period, period), ne(recaps.unitKey, '')))
    .all();
  return new Set(rows.map((r) => r.unitId).filter((id): id is number => id !== null));
}

/** The desa each of these people covers (a PKB's binaan), in code order. */
export function desaCoveredByPeople(db: DbOrTx, personIds: readonly number[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  if (personIds.length === 0) return out;
  const rows = db
    .select({ personId: personAreas.personId, code: personAreas.areaCode })
    .from(personAreas)
    .where(inArray(personAreas.personId, [...personIds]))
    .orderBy(asc(personAreas.areaCode))
    .all();
  for (const r of rows) out.set(r.personId, [...(out.get(r.personId) ?? []), r.code]);
  return out;
}
