// Workshop quizzes' host side: the facts the quiz flow reads (the banks, an officer's workshops, a test by code with
// this cadre's progress), storing each answer as it comes (`quiz_joined`, `quiz_answered`), and the officers'
// commands — open, post-test, close, results — each answered in private (quiz-organiser.ts).
import type { AreaDirectory } from '../../areas/directory.js';
import type { Tx } from '../../db/client.js';
import { answersOf, attemptOf, findQuiz, findQuizByCode, findWorkshop, latestWorkshops, questionsOf, recordAnswer, startAttempt, testsOf, type QuizRow } from '../../db/repos/quiz.repo.js';
import { workshopByName } from '../../db/repos/quiz-open.js';
import type { QuizBankCatalogue } from '../../domain/quiz/quiz-bank.js';
import { isQuizOrganiser, isQuizTaker, maySeeWorkshop, officerViewer, quizState, type QuizViewer } from '../../domain/quiz/quiz-rules.js';
import type { Actor, QuizAnswered, QuizJoined } from '../../flows/engine/types.js';
import { QUIZ_FACTS, type QuizFacts, type QuizTestView, type TestRef, type WorkshopChoice } from '../../flows/quiz/quiz-facts.js';
import { QUIZ_FLOW } from '../../flows/quiz/quiz-flow.js';
import type { ApplyContext, CompletionHandler } from '../apply-events.js';
import { lazyFacts } from '../lazy-facts.js';
import type { FactsLoader } from '../router.js';
import { runQuizCommand } from './quiz-organiser.js';

type Person = Extract<Actor, { kind: 'person' }>;

/** Workshops in an officer's menu lists: the newest they may see. */
const MENU_WORKSHOPS = 9;
/** How far back the lists look (the newest workshops of the whole kabupaten). */
const RECENT_WORKSHOPS = 200;

const ref = (t: QuizRow | null, now: Date): TestRef | null => (t ? { id: t.id, code: t.code, state: quizState(t, now) } : null);

/** The officer's workshops, newest first. */
export function officerWorkshops(tx: Tx, viewer: QuizViewer, areas: AreaDirectory, now: Date, limit = MENU_WORKSHOPS): WorkshopChoice[] {
  return latestWorkshops(tx, RECENT_WORKSHOPS)
    .filter((w) => maySeeWorkshop(viewer, w, areas))
    .slice(0, limit)
    .map((w) => {
      const { pre, post } = testsOf(tx, w.id);
      return { id: w.id, name: w.name, pre: ref(pre, now), post: ref(post, now) };
    });
}

/** A test as this cadre sees it: its questions, whether it still takes answers, their progress, their pre-test score. */
function testView(tx: Tx, key: { code: string } | { id: number }, personId: number, now: Date): QuizTestView | null {
  const quiz = 'code' in key ? findQuizByCode(tx, key.code) : findQuiz(tx, key.id);
  const workshop = quiz ? findWorkshop(tx, quiz.workshopId) : undefined;
  if (!quiz || !workshop) return null;
  const attempt = attemptOf(tx, quiz.id, personId);
  const answers = attempt ? answersOf(tx, attempt.id) : [];
  let preScore: number | null = null;
  if (quiz.kind === 'post') {
    const pre = testsOf(tx, workshop.id).pre;
    const preAttempt = pre ? attemptOf(tx, pre.id, personId) : undefined;
    preScore = preAttempt?.finishedAt ? preAttempt.score : null;
  }
  return {
    id: quiz.id,
    code: quiz.code,
    kind: quiz.kind,
    workshop: workshop.name,
    questions: questionsOf(workshop),
    state: quizState(quiz, now),
    expiresAt: quiz.expiresAt,
    mine: attempt
      ? { answered: answers.map((a) => a.question), correct: answers.filter((a) => a.correct).length, finished: attempt.finishedAt !== null, score: attempt.score }
      : null,
    preScore,
  };
}

/**
 * The quiz flow's facts, each read when a step first needs it (lazy-facts.ts): a menu reads none; a question answered
 * reads the test (its state and the cadre's progress); the officer's lists read their workshops.
 */
export function quizFactsLoader(banks: QuizBankCatalogue, areas: AreaDirectory): FactsLoader {
  const load: FactsLoader['load'] = (tx, actor, now) => {
    if (actor.kind !== 'person') return {};
    const viewer = isQuizOrganiser(actor.role) ? officerViewer(actor) : null;
    const views = new Map<string, QuizTestView | null>();
    const facts = lazyFacts<QuizFacts>({
      banks: () => banks.banks.map((b) => ({ id: b.id, title: b.title, questions: b.questions.length })),
      workshops: () => (viewer ? officerWorkshops(tx, viewer, areas, now) : []),
      knownWorkshop: () => (name) => viewer !== null && workshopByName(tx, name, viewer, areas) !== undefined,
      test: () => (key) => {
        const memo = 'code' in key ? `code:${key.code}` : `id:${key.id}`;
        if (!views.has(memo)) {
          const view = testView(tx, key, actor.personId, now);
          views.set(memo, view);
          if (view) views.set(`id:${view.id}`, view);
        }
        return views.get(memo) ?? null;
      },
    });
    return { [QUIZ_FACTS]: facts };
  };
  return { flows: [QUIZ_FLOW], load };
}

function cadre(ctx: ApplyContext): Person | null {
  return ctx.actor.kind === 'person' && isQuizTaker(ctx.actor.role) ? ctx.actor : null;
}

/** KUIS <kode> the first time: the cadre's attempt, with their role and home desa. */
export function quizJoinedHandler() {
  return (tx: Tx, event: QuizJoined, ctx: ApplyContext): void => {
    const person = cadre(ctx);
    if (!person) return;
    startAttempt(tx, { quizId: event.quizId, personId: person.personId, role: person.role, desaCode: person.homeAreaCode, now: ctx.now });
  };
}

/** One answer, stored once; the attempt is finished (and scored from the stored answers) with the last one. */
export function quizAnsweredHandler() {
  return (tx: Tx, event: QuizAnswered, ctx: ApplyContext): void => {
    const person = cadre(ctx);
    const quiz = findQuiz(tx, event.quizId);
    const workshop = quiz ? findWorkshop(tx, quiz.workshopId) : undefined;
    if (!person || !quiz || !workshop) return;
    const attempt = attemptOf(tx, quiz.id, person.personId) ?? startAttempt(tx, { quizId: quiz.id, personId: person.personId, role: person.role, desaCode: person.homeAreaCode, now: ctx.now });
    const finished = recordAnswer(tx, attempt, { question: event.question, choice: event.choice, correct: event.correct, questions: questionsOf(workshop).length, now: ctx.now });
    if (finished && attempt.finishedAt === null) ctx.logger.info({ quiz: quiz.code, kind: quiz.kind }, 'quiz finished');
  };
}

export function quizCompletions(banks: QuizBankCatalogue): Record<string, CompletionHandler> {
  return { [QUIZ_FLOW]: runQuizCommand(banks) };
}
