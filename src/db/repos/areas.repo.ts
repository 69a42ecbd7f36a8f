// Areas: the wilayah master data, its spelling aliases, dusun/RW units and programme participation.
import { and, asc, count, desc, eq, lte } from 'drizzle-orm';
import { AreaDirectory } from '../../areas/directory.js';
import type { Area, AreaAlias } from '../../areas/types.js';
import type { DbOrTx } from '../client.js';
import { areaAliases, areaParticipation, areas, areaUnits } from '../schema.js';

export function countAreas(db: DbOrTx): number {
  return db.select({ n: count() }).from(areas).get()!.n;
}

/** Inserts areas and aliases that are not there yet; existing rows are left as they are. */
export function seedAreas(db: DbOrTx, rows: readonly Area[], aliases: readonly AreaAlias[]): void {
  // Parents first, so the foreign key on parent_code holds row by row.
  const order = { kabupaten: 0, kecamatan: 1, desa: 2 } as const;
  const sorted = [...rows].sort((a, b) => order[a.level] - order[b.level]);
  for (const area of sorted) {
    db.insert(areas)
      .values({ code: area.code, level: area.level, name: area.name, kind: area.kind, parentCode: area.parentCode })
      .onConflictDoNothing()
      .run();
  }
  for (const alias of aliases) {
    db.insert(areaAliases).values(alias).onConflictDoNothing().run();
  }
}

/** The whole area tree in memory: 186 rows, loaded once at start and after a restart. */
export function loadAreaDirectory(db: DbOrTx): AreaDirectory {
  const rows: Area[] = db.select().from(areas).orderBy(asc(areas.code)).all();
  const aliases: AreaAlias[] = db
    .select({ areaCode: areaAliases.areaCode, alias: areaAliases.alias, source: areaAliases.source })
    .from(areaAliases)
    .all();
  return new AreaDirectory(rows, aliases);
}

export function unitKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The id of the dusun/RW named `name` in the desa, creating it on first use. */
export function ensureUnit(db: DbOrTx, desaCode: string, name: string): number {
  const nameKey = unitKey(name);
  const found = db
    .select({ id: areaUnits.id })
    .from(areaUnits)
    .where(and(eq(areaUnits.desaCode, desaCode), eq(areaUnits.nameKey, nameKey)))
    .get();
  if (found) return found.id;
  return db
    .insert(areaUnits)
    .values({ desaCode, name: name.trim().replace(/\s+/g, ' '), nameKey })
    .returning({ id: areaUnits.id })
    .get().id;
}

export function unitName(db: DbOrTx, unitId: number): string | null {
  return db.select({ name: areaUnits.name }).from(areaUnits).where(eq(areaUnits.id, unitId)).get()?.name ?? null;
}

export function recordParticipation(db: DbOrTx, desaCode: string, action: 'join' | 'leave', fromPeriod: string): void {
  db.insert(areaParticipation).values({ desaCode, action, fromPeriod }).run();
}

/** Whether the desa takes part in `period` (YYYY-MM): its latest event at or before the period decides; none → yes. */
export function isTakingPart(db: DbOrTx, desaCode: string, period: string): boolean {
  const latest = db
    .select({ action: areaParticipation.action })
    .from(areaParticipation)
    .where(and(eq(areaParticipation.desaCode, desaCode), lte(areaParticipation.fromPeriod, period)))
    .orderBy(desc(areaParticipation.fromPeriod), desc(areaParticipation.id))
    .limit(1)
    .get();
  return latest ? latest.action === 'join' : true;
}

/** The desa codes taking part in `period`, among `desaCodes` (one query, not one per desa). */
export function participatingDesa(db: DbOrTx, desaCodes: readonly string[], period: string): string[] {
  const events = db
    .select({ desaCode: areaParticipation.desaCode, action: areaParticipation.action })
    .from(areaParticipation)
    .where(lte(areaParticipation.fromPeriod, period))
    .orderBy(asc(areaParticipation.fromPeriod), asc(areaParticipation.id))
    .all();
  const latest = new Map<string, 'join' | 'leave'>();
  for (const event of events) latest.set(event.desaCode, event.action);
  return desaCodes.filter((code) => (latest.get(code) ?? 'join') === 'join');
}
