// What the quiz flow needs from the database and the banks, loaded by the host (bot/features/quiz.ts) lazily: each
// fact is read only when a step asks for it. Pure types and helpers only.
import type { QuizQuestion } from '../../domain/quiz/quiz-bank.js';
import type { QuizKind, QuizState } from '../../domain/quiz/quiz-rules.js';
import type { Scope } from '../engine/types.js';

export const QUIZ_FACTS = 'quiz';

export interface BankChoice {
  id: string;
  title: string;
  questions: number;
}

export interface TestRef {
  id: number;
  code: string;
  state: QuizState;
}

/** A workshop an officer may manage, for the menu's lists. */
export interface WorkshopChoice {
  id: number;
  name: string;
  pre: TestRef | null;
  post: TestRef | null;
}

/** A test as the cadre who typed its code sees it. */
export interface QuizTestView {
  id: number;
  code: string;
  kind: QuizKind;
  workshop: string;
  questions: readonly QuizQuestion[];
  state: QuizState;
  /** ISO instant the code stops working (when not closed before). */
  expiresAt: string;
  /** This cadre's attempt: the questions answered (0-based), how many right, finished and its score. */
  mine: { answered: readonly number[]; correct: number; finished: boolean; score: number | null } | null;
  /** For a post-test: this cadre's finished pre-test score, if any. */
  preScore: number | null;
}

export interface QuizFacts {
  /** The banks a new workshop may use (read from the files at start). */
  banks: readonly BankChoice[];
  /** The officer's workshops (their own and those of the area they oversee), newest first, at most 9. */
  workshops: readonly WorkshopChoice[];
  /** Whether the officer already has a workshop of this name (KUIS BUKA then opens its post-test). */
  knownWorkshop: (name: string) => boolean;
  /**
   * A test by its code or id, as this cadre sees it. A fact indexed by the key typed: the host reads it from the
   * database when a step asks, inside the message's transaction, once per key per message.
   */
  test: (key: { code: string } | { id: number }) => QuizTestView | null;
}

export function quizFacts(scope: Pick<Scope, 'facts'>): QuizFacts | null {
  return (scope.facts[QUIZ_FACTS] as QuizFacts | undefined) ?? null;
}

/** The first question not answered yet, or null when all are. */
export function nextQuestion(questions: number, answered: readonly number[]): number | null {
  const done = new Set(answered);
  for (let i = 0; i < questions; i++) if (!done.has(i)) return i;
  return null;
}
