// The cadre's side of the quiz flow: KUIS <kode> (or the code typed when asked) → one question at a time → the score.
// Each answer is stored as it is given (a `quiz_answered` event), so a cadre who leaves (BATAL, MENU, expiry,
// another command) goes on from the next unanswered question with KUIS <kode> or LANJUT while the quiz is open. The
// post-test shows right/wrong and the explanation with the next question, in one message.
import { isQuizTaker } from '../../domain/quiz/quiz-rules.js';
import { say } from '../engine/engine.js';
import type { FlowEvent, FlowNode, Scope } from '../engine/types.js';
import { readQuizCommand } from './quiz-commands.js';
import { nextQuestion, quizFacts, type QuizTestView } from './quiz-facts.js';
import {
  alreadyDoneText,
  ANSWER_HELP,
  closedText,
  feedbackText,
  finishedText,
  fitsWithQuestion,
  HOW_TO_JOIN,
  notFoundText,
  OFFICER_NOT_TAKER,
  questionText,
  welcomeText,
} from './quiz-texts.js';

export const QUIZ_FLOW = 'quiz';
export const id = (name: string) => `${QUIZ_FLOW}.${name}`;
const value = (scope: Scope, name: string) => scope.results[name]?.value;

/** The test the session is taking, as the facts give it now (state and progress read fresh each message). */
function current(scope: Scope): QuizTestView | null {
  const quizId = value(scope, 'quiz_id');
  return typeof quizId === 'number' ? (quizFacts(scope)?.test({ id: quizId }) ?? null) : null;
}

const questionIndex = (scope: Scope) => Number(value(scope, 'q') ?? 0);
const lead = (scope: Scope) => String(value(scope, 'lead') ?? '');

function askedQuestion(scope: Scope): string {
  const test = current(scope);
  return test ? questionText(test, questionIndex(scope)) : 'Kuis ini sudah tidak bisa dikerjakan. Ketik MENU.';
}

/** The code's test for this cadre: a plain answer and the end, or the first question to ask. */
function join(scope: Scope): ReturnType<Extract<FlowNode, { kind: 'action' }>['run']> {
  const { actor } = scope;
  if (actor.kind !== 'person' || !isQuizTaker(actor.role)) return { category: 'stop', events: [say(OFFICER_NOT_TAKER)] };
  const code = String(value(scope, 'code') ?? '');
  const test = quizFacts(scope)?.test({ code }) ?? null;
  if (!test) return { category: 'stop', events: [say(notFoundText(code))] };
  if (test.mine?.finished) return { category: 'stop', events: [say(alreadyDoneText(test))] };
  if (test.state !== 'open') return { category: 'stop', events: [say(closedText(test))] };
  const next = nextQuestion(test.questions.length, test.mine?.answered ?? []);
  if (next === null) return { category: 'stop', events: [say(alreadyDoneText(test))] };
  const events: FlowEvent[] = test.mine ? [] : [{ type: 'quiz_joined', quizId: test.id }];
  return { category: 'ask', events, results: { quiz_id: test.id, q: next, lead: welcomeText(test) } };
}

/** Stores the answer, then the next question (with the post-test's feedback) or the score. */
function record(scope: Scope): ReturnType<Extract<FlowNode, { kind: 'action' }>['run']> {
  const test = current(scope);
  if (!test) return { category: 'end', events: [say('Kuis ini sudah tidak bisa dikerjakan. Ketik MENU untuk kembali.')] };
  if (test.mine?.finished) return { category: 'end', events: [say(alreadyDoneText(test))] };
  if (test.state !== 'open') return { category: 'end', events: [say(closedText(test))] };
  const q = questionIndex(scope);
  const answered = [...(test.mine?.answered ?? [])];
  let correct = test.mine?.correct ?? 0;
  const events: FlowEvent[] = [];
  let feedback = '';
  // A question answered already (an old draft resumed after KUIS <kode> went further) keeps its first answer.
  if (!answered.includes(q)) {
    const question = test.questions[q]!;
    const choice = Number(value(scope, 'answer'));
    const right = choice === question.answer;
    events.push({ type: 'quiz_answered', quizId: test.id, question: q, choice, correct: right });
    answered.push(q);
    if (right) correct += 1;
    if (test.kind === 'post') feedback = feedbackText(question, choice);
  }
  const next = nextQuestion(test.questions.length, answered);
  if (next === null) {
    const end = finishedText(test, correct);
    return { category: 'end', events: [...events, say(feedback ? `${feedback}\n\n${end}` : end)] };
  }
  return { category: 'next', events, results: { q: next, lead: feedback } };
}

export const TAKE_NODES: Record<string, FlowNode> = {
  [id('ask_code')]: {
    kind: 'ask',
    prompt: `*Kuis pelatihan*\n${HOW_TO_JOIN}`,
    brief: HOW_TO_JOIN,
    validate: { name: 'quiz_code' },
    result: 'code',
    routes: { ok: id('join') },
  },
  [id('join_cmd')]: {
    kind: 'action',
    run: (scope) => {
      const command = readQuizCommand(String(value(scope, 'trigger') ?? ''));
      return { category: 'ok', results: { code: command?.kind === 'join' ? command.code : '' } };
    },
    routes: { ok: id('join') },
  },
  [id('join')]: { kind: 'action', run: join, routes: { ask: id('question'), stop: id('end') } },
  [id('question')]: {
    kind: 'ask',
    // The welcome or the feedback goes with the question when both fit in one message, before it otherwise.
    preface: (scope) => (fitsWithQuestion(lead(scope), askedQuestion(scope)) ? '' : lead(scope)),
    prompt: (scope) => {
      const question = askedQuestion(scope);
      const before = lead(scope);
      return before && fitsWithQuestion(before, question) ? `${before}\n\n${question}` : question;
    },
    brief: askedQuestion,
    help: ANSWER_HELP,
    validate: {
      name: 'quiz_answer',
      args: (scope: Scope) => ({ options: current(scope)?.questions[questionIndex(scope)]?.options ?? ['1', '2', '3'] }),
    },
    result: 'answer',
    routes: { ok: id('record') },
  },
  [id('record')]: { kind: 'action', run: record, routes: { next: id('question'), end: id('end') } },
  [id('end')]: { kind: 'end' },
};
