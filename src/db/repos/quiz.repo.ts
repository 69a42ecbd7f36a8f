// Workshop quizzes' rows: workshops, their tests (codes), attempts and answers. Statements run while cadres answer
// (one message per answer) and while officers type KUIS …, so each is prepared once per connection.
import { and, asc, count, desc, eq, isNotNull, max, sql } from 'drizzle-orm';
import type { QuizBank, QuizQuestion } from '../../domain/quiz/quiz-bank.js';
import { quizCodeCandidate, quizExpiry, type QuizKind } from '../../domain/quiz/quiz-rules.js';
import type { DbOrTx } from '../client.js';
import { prepared } from '../prepared.js';
import { setParam } from '../sql-params.js';
import { quizAnswers, quizAttempts, quizWorkshops, quizzes } from '../schema.js';

export type WorkshopRow = typeof quizWorkshops.$inferSelect;
export type QuizRow = typeof quizzes.$inferSelect;
export type AttemptRow = typeof quizAttempts.$inferSelect;

/** The questions a workshop asks, as stored when it opened. */
export function questionsOf(workshop: Pick<WorkshopRow, 'questions'>): QuizQuestion[] {
  return JSON.parse(workshop.questions) as QuizQuestion[];
}

const workshopWithId = prepared((db) => db.select().from(quizWorkshops).where(eq(quizWorkshops.id, sql.placeholder('id'))).prepare());

export function findWorkshop(db: DbOrTx, id: number): WorkshopRow | undefined {
  return workshopWithId(db).get({ id });
}

const workshopsWithKey = prepared((db) =>
  db.select().from(quizWorkshops).where(eq(quizWorkshops.nameKey, sql.placeholder('key'))).orderBy(desc(quizWorkshops.id)).prepare(),
);

/** Workshops of that name (workshopNameKey), newest first. */
export function workshopsNamed(db: DbOrTx, nameKey: string): WorkshopRow[] {
  return workshopsWithKey(db).all({ key: nameKey });
}

const recentWorkshops = prepared((db) => db.select().from(quizWorkshops).orderBy(desc(quizWorkshops.id)).limit(sql.placeholder('limit')).prepare());

/** The newest workshops first (the caller keeps those the reader may see). */
export function latestWorkshops(db: DbOrTx, limit: number): WorkshopRow[] {
  return recentWorkshops(db).all({ limit });
}

const insertWorkshop = prepared((db) =>
  db
    .insert(quizWorkshops)
    .values({
      name: sql.placeholder('name'),
      nameKey: sql.placeholder('nameKey'),
      bankId: sql.placeholder('bankId'),
      bankTitle: sql.placeholder('bankTitle'),
      questions: sql.placeholder('questions'),
      areaSpec: sql.placeholder('areaSpec'),
      organiserId: sql.placeholder('organiserId'),
      openedVia: sql.placeholder('openedVia'),
      createdAt: sql.placeholder('createdAt'),
    })
    .returning()
    .prepare(),
);

export interface NewWorkshop {
  name: string;
  nameKey: string;
  bank: QuizBank;
  areaSpec: string;
  organiserId: number | null;
  openedVia: 'whatsapp' | 'cli' | 'api';
  now: Date;
}

export function createWorkshop(db: DbOrTx, w: NewWorkshop): WorkshopRow {
  return insertWorkshop(db).get({
    name: w.name,
    nameKey: w.nameKey,
    bankId: w.bank.id,
    bankTitle: w.bank.title,
    questions: JSON.stringify(w.bank.questions),
    areaSpec: w.areaSpec,
    organiserId: w.organiserId,
    openedVia: w.openedVia,
    createdAt: w.now.toISOString(),
  })!;
}

const quizWithCode = prepared((db) => db.select().from(quizzes).where(eq(quizzes.code, sql.placeholder('code'))).prepare());
const quizWithId = prepared((db) => db.select().from(quizzes).where(eq(quizzes.id, sql.placeholder('id'))).prepare());
const quizzesOfWorkshop = prepared((db) => db.select().from(quizzes).where(eq(quizzes.workshopId, sql.placeholder('workshop'))).orderBy(asc(quizzes.id)).prepare());

export function findQuizByCode(db: DbOrTx, code: string): QuizRow | undefined {
  return quizWithCode(db).get({ code });
}

export function findQuiz(db: DbOrTx, id: number): QuizRow | undefined {
  return quizWithId(db).get({ id });
}

/** A workshop's tests by kind. */
export function testsOf(db: DbOrTx, workshopId: number): { pre: QuizRow | null; post: QuizRow | null } {
  const rows = quizzesOfWorkshop(db).all({ workshop: workshopId });
  return { pre: rows.find((r) => r.kind === 'pre') ?? null, post: rows.find((r) => r.kind === 'post') ?? null };
}

const lastQuizId = prepared((db) => db.select({ n: max(quizzes.id) }).from(quizzes).prepare());
const insertQuiz = prepared((db) =>
  db
    .insert(quizzes)
    .values({ workshopId: sql.placeholder('workshopId'), kind: sql.placeholder('kind'), code: sql.placeholder('code'), openedAt: sql.placeholder('openedAt'), expiresAt: sql.placeholder('expiresAt') })
    .returning()
    .prepare(),
);

/** Opens a test with the next free code (numbered from the table, so a story gives the same codes every run). */
export function insertTest(db: DbOrTx, workshopId: number, kind: QuizKind, now: Date): QuizRow {
  let n = (lastQuizId(db).get()?.n ?? 0) + 1;
  let code: string | null = null;
  while (code === null) {
    const candidate = quizCodeCandidate(n++);
    if (candidate !== null && findQuizByCode(db, candidate) === undefined) code = candidate;
  }
  return insertQuiz(db).get({ workshopId, kind, code, openedAt: now.toISOString(), expiresAt: quizExpiry(now).toISOString() })!;
}

const closeQuizRow = prepared((db) => db.update(quizzes).set({ closedAt: setParam('at') }).where(eq(quizzes.id, sql.placeholder('id'))).prepare());

export function closeTest(db: DbOrTx, id: number, now: Date): void {
  closeQuizRow(db).run({ id, at: now.toISOString() });
}

const attemptRow = prepared((db) =>
  db
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.quizId, sql.placeholder('quiz')), eq(quizAttempts.personId, sql.placeholder('person'))))
    .prepare(),
);

export function attemptOf(db: DbOrTx, quizId: number, personId: number): AttemptRow | undefined {
  return attemptRow(db).get({ quiz: quizId, person: personId });
}

const insertAttempt = prepared((db) =>
  db
    .insert(quizAttempts)
    .values({ quizId: sql.placeholder('quizId'), personId: sql.placeholder('personId'), role: sql.placeholder('role'), desaCode: sql.placeholder('desaCode'), startedAt: sql.placeholder('startedAt') })
    .onConflictDoNothing()
    .prepare(),
);

/** The cadre's attempt, started now unless there is one already (one attempt per cadre per test). */
export function startAttempt(db: DbOrTx, input: { quizId: number; personId: number; role: string; desaCode: string; now: Date }): AttemptRow {
  insertAttempt(db).run({ quizId: input.quizId, personId: input.personId, role: input.role, desaCode: input.desaCode, startedAt: input.now.toISOString() });
  return attemptOf(db, input.quizId, input.personId)!;
}

const answersOfAttempt = prepared((db) =>
  db.select({ question: quizAnswers.question, choice: quizAnswers.choice, correct: quizAnswers.correct }).from(quizAnswers).where(eq(quizAnswers.attemptId, sql.placeholder('attempt'))).orderBy(asc(quizAnswers.question)).prepare(),
);

export function answersOf(db: DbOrTx, attemptId: number): { question: number; choice: number; correct: boolean }[] {
  return answersOfAttempt(db).all({ attempt: attemptId });
}

const insertAnswer = prepared((db) =>
  db
    .insert(quizAnswers)
    .values({ attemptId: sql.placeholder('attemptId'), question: sql.placeholder('question'), choice: sql.placeholder('choice'), correct: setParam('correct'), answeredAt: sql.placeholder('at') })
    .onConflictDoNothing()
    .prepare(),
);

const countAnswers = prepared((db) =>
  db
    .select({ n: count(), right: sql<number>`coalesce(sum(${quizAnswers.correct}), 0)` })
    .from(quizAnswers)
    .where(eq(quizAnswers.attemptId, sql.placeholder('attempt')))
    .prepare(),
);

const finishAttemptRow = prepared((db) =>
  db.update(quizAttempts).set({ finishedAt: setParam('at'), score: setParam('score') }).where(eq(quizAttempts.id, sql.placeholder('id'))).prepare(),
);

/**
 * Records one answer (a question already answered keeps its first answer) and finishes the attempt when every
 * question has one; the score is counted from the stored answers. Returns whether the attempt is now finished.
 */
export function recordAnswer(db: DbOrTx, attempt: AttemptRow, input: { question: number; choice: number; correct: boolean; questions: number; now: Date }): boolean {
  if (attempt.finishedAt !== null) return true;
  insertAnswer(db).run({ attemptId: attempt.id, question: input.question, choice: input.choice, correct: input.correct ? 1 : 0, at: input.now.toISOString() });
  const tally = countAnswers(db).get({ attempt: attempt.id })!;
  if (tally.n < input.questions) return false;
  finishAttemptRow(db).run({ id: attempt.id, at: input.now.toISOString(), score: Number(tally.right) });
  return true;
}

const finishedCount = prepared((db) =>
  db.select({ n: count() }).from(quizAttempts).where(and(eq(quizAttempts.quizId, sql.placeholder('quiz')), isNotNull(quizAttempts.finishedAt))).prepare(),
);

/** How many cadres finished a test. */
export function finishedAttempts(db: DbOrTx, quizId: number): number {
  return finishedCount(db).get({ quiz: quizId })?.n ?? 0;
}
