// Practice mode's rows: a finished practice (who, what, how long, what was caught) and the rounds trainers open for
// their cadres. Only read and written when a practice ends or a trainer asks: never on an ordinary message.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lte, max, sql } from 'drizzle-orm';
import { shortCode } from '../../domain/meetings/meeting-rules.js';
import type { DbOrTx } from '../client.js';
import { people, practiceRounds, practiceRuns } from '../schema.js';

export type PracticeRunRow = typeof practiceRuns.$inferSelect;
export type PracticeRoundRow = typeof practiceRounds.$inferSelect;
export type NewPracticeRun = Omit<typeof practiceRuns.$inferInsert, 'id'>;

/** Another salt than the check-in codes and meeting receipts, so a round's code looks like neither. */
const ROUND_SALT = 271_828;

export function insertPracticeRun(db: DbOrTx, run: NewPracticeRun): PracticeRunRow {
  return db.insert(practiceRuns).values(run).returning().get();
}

export function openPracticeRound(db: DbOrTx, input: { trainerId: number; desaCodes: readonly string[]; invited: number; openedAt: Date; expiresAt: Date }): PracticeRoundRow {
  // The next free code of a sequence numbered from the table: deterministic, so a story gives the same codes.
  let n = (db.select({ n: max(practiceRounds.id) }).from(practiceRounds).get()?.n ?? 0) + 1;
  let code = shortCode(n, ROUND_SALT);
  while (db.select({ id: practiceRounds.id }).from(practiceRounds).where(eq(practiceRounds.code, code)).get()) code = shortCode(++n, ROUND_SALT);
  return db
    .insert(practiceRounds)
    .values({
      code,
      trainerId: input.trainerId,
      desaCodes: JSON.stringify(input.desaCodes),
      invited: input.invited,
      openedAt: input.openedAt.toISOString(),
      expiresAt: input.expiresAt.toISOString(),
    })
    .returning()
    .get();
}

/** The trainer's round still open at `now`, if any. */
export function openRoundOf(db: DbOrTx, trainerId: number, now: Date): PracticeRoundRow | undefined {
  return db
    .select()
    .from(practiceRounds)
    .where(and(eq(practiceRounds.trainerId, trainerId), isNull(practiceRounds.closedAt), gt(practiceRounds.expiresAt, now.toISOString())))
    .orderBy(desc(practiceRounds.id))
    .limit(1)
    .get();
}

/** The trainer's latest round, open or not. */
export function latestRoundOf(db: DbOrTx, trainerId: number): PracticeRoundRow | undefined {
  return db.select().from(practiceRounds).where(eq(practiceRounds.trainerId, trainerId)).orderBy(desc(practiceRounds.id)).limit(1).get();
}

export function closePracticeRound(db: DbOrTx, id: number, now: Date): void {
  db.update(practiceRounds).set({ closedAt: now.toISOString() }).where(eq(practiceRounds.id, id)).run();
}

/** Rounds open at `now` that cover this desa, newest first, with their trainer's name and role. */
export function openRoundsCovering(db: DbOrTx, desaCode: string, now: Date): { code: string; trainerName: string; trainerRole: string }[] {
  return db
    .select({ code: practiceRounds.code, trainerName: people.name, trainerRole: people.role })
    .from(practiceRounds)
    .innerJoin(people, eq(people.id, practiceRounds.trainerId))
    .where(
      and(
        isNull(practiceRounds.closedAt),
        lte(practiceRounds.openedAt, now.toISOString()),
        gt(practiceRounds.expiresAt, now.toISOString()),
        sql`exists (select 1 from json_each(${practiceRounds.desaCodes}) where value = ${desaCode})`,
      ),
    )
    .orderBy(desc(practiceRounds.id))
    .all();
}

export interface Cadre {
  id: number;
  name: string;
  phone: string;
  role: string;
  desaCode: string;
}

/** The active cadres (PPKBD, Sub-PPKBD) of these desa, by desa then name. */
export function cadresOf(db: DbOrTx, desaCodes: readonly string[]): Cadre[] {
  if (desaCodes.length === 0) return [];
  return db
    .select({ id: people.id, name: people.name, phone: people.phone, role: people.role, desaCode: people.homeAreaCode })
    .from(people)
    .where(and(eq(people.active, true), inArray(people.role, ['ppkbd', 'sub_ppkbd']), inArray(people.homeAreaCode, [...desaCodes])))
    .orderBy(asc(people.homeAreaCode), asc(people.name))
    .all();
}

/** The practices these people finished from `from` to `until` (both included), oldest first. */
export function runsBetween(db: DbOrTx, personIds: readonly number[], from: string, until: string): PracticeRunRow[] {
  if (personIds.length === 0) return [];
  return db
    .select()
    .from(practiceRuns)
    .where(and(inArray(practiceRuns.personId, [...personIds]), isNotNull(practiceRuns.finishedAt), sql`${practiceRuns.finishedAt} >= ${from}`, sql`${practiceRuns.finishedAt} <= ${until}`))
    .orderBy(asc(practiceRuns.finishedAt))
    .all();
}
