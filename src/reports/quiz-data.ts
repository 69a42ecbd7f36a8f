// Loads one workshop's quiz data for its report: the workshop and its questions, its two tests, every attempt with
// the cadre's name, role and home desa, and their answers. Four indexed queries, whatever the number of cadres.
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { findWorkshop, questionsOf, testsOf, type QuizRow, type WorkshopRow } from '../db/repos/quiz.repo.js';
import { people, quizAnswers, quizAttempts } from '../db/schema.js';
import type { QuizQuestion } from '../domain/quiz/quiz-bank.js';
import type { QuizKind } from '../domain/quiz/quiz-rules.js';

export interface AttemptData {
  kind: QuizKind;
  personId: number;
  name: string;
  role: string;
  desaCode: string;
  startedAt: string;
  finishedAt: string | null;
  score: number | null;
  /** Each answered question (0-based) and whether it was right. */
  answers: { question: number; correct: boolean }[];
}

export interface WorkshopData {
  workshop: WorkshopRow;
  questions: QuizQuestion[];
  pre: QuizRow | null;
  post: QuizRow | null;
  organiserName: string | null;
  attempts: AttemptData[];
}

export function loadWorkshopData(db: DbOrTx, workshopId: number): WorkshopData | null {
  const workshop = findWorkshop(db, workshopId);
  if (!workshop) return null;
  const { pre, post } = testsOf(db, workshop.id);
  const tests = [pre, post].filter((t): t is QuizRow => t !== null);
  const kindOf = new Map(tests.map((t) => [t.id, t.kind]));
  const rows =
    tests.length === 0
      ? []
      : db
          .select({ id: quizAttempts.id, quizId: quizAttempts.quizId, personId: quizAttempts.personId, name: people.name, role: quizAttempts.role, desaCode: quizAttempts.desaCode, startedAt: quizAttempts.startedAt, finishedAt: quizAttempts.finishedAt, score: quizAttempts.score })
          .from(quizAttempts)
          .innerJoin(people, eq(people.id, quizAttempts.personId))
          .where(inArray(quizAttempts.quizId, [...kindOf.keys()]))
          .orderBy(asc(quizAttempts.id))
          .all();
  const answers = new Map<number, { question: number; correct: boolean }[]>();
  if (rows.length > 0) {
    const all = db
      .select({ attemptId: quizAnswers.attemptId, question: quizAnswers.question, correct: quizAnswers.correct })
      .from(quizAnswers)
      .innerJoin(quizAttempts, eq(quizAttempts.id, quizAnswers.attemptId))
      .where(inArray(quizAttempts.quizId, [...kindOf.keys()]))
      .orderBy(asc(quizAnswers.attemptId), asc(quizAnswers.question))
      .all();
    for (const a of all) {
      const list = answers.get(a.attemptId) ?? [];
      list.push({ question: a.question, correct: a.correct });
      answers.set(a.attemptId, list);
    }
  }
  const organiserName = workshop.organiserId === null ? null : (db.select({ name: people.name }).from(people).where(eq(people.id, workshop.organiserId)).get()?.name ?? null);
  return {
    workshop,
    questions: questionsOf(workshop),
    pre,
    post,
    organiserName,
    attempts: rows.map((r) => ({
      kind: kindOf.get(r.quizId)!,
      personId: r.personId,
      name: r.name,
      role: r.role,
      desaCode: r.desaCode,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      score: r.score,
      answers: answers.get(r.id) ?? [],
    })),
  };
}
