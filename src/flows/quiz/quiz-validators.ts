// Validators of the quiz (registered with the engine's in validators.ts): an answer to a question, and a quiz code
// typed when asked. Pure.
import { looseKey } from '../../areas/name-key.js';
import type { Validator } from '../engine/validators.js';
import { normalizeInput } from '../parse/index.js';
import { typedCode } from './quiz-commands.js';
import { answerHint, HOW_TO_JOIN } from './quiz-texts.js';

const INVALID = 'invalid';

export interface QuizAnswerArgs {
  options: readonly string[];
}

// "2", "2.", "2)", "(2)", "no 2", "jawaban 2", "jawab: b", "B": the number shown, or the letter people know from
// school quizzes (A = 1). Nothing else is guessed: a quiz answer is not corrected like a menu choice.
const PREFIX = /^(?:jawaban(?:nya)?|jawab|pilihan|pilih|no\.?|nomor|nomer)\s*[:-]?\s*/;
const NUMBER = /^(?:\((\d{1,2})\)|(\d{1,2})[.)]?)$/;
const LETTER = /^\(?([a-d])[.)]?$/;

/** The option chosen (0-based), or null. The option's own words, typed whole, choose it too. */
export function readAnswer(raw: string, options: readonly string[]): number | null {
  const text = normalizeInput(raw).toLowerCase().replace(/[!]+$/, '').replace(PREFIX, '').trim();
  const number = NUMBER.exec(text);
  if (number) {
    const n = Number(number[1] ?? number[2]);
    return n >= 1 && n <= options.length ? n - 1 : null;
  }
  const letter = LETTER.exec(text);
  if (letter) {
    const n = letter[1]!.charCodeAt(0) - 'a'.charCodeAt(0);
    return n < options.length ? n : null;
  }
  const key = looseKey(text);
  if (key === '') return null;
  const same = options.map((o, i) => (looseKey(o) === key ? i : -1)).filter((i) => i >= 0);
  return same.length === 1 ? same[0]! : null;
}

const quizAnswer: Validator = {
  categories: () => ['ok'],
  run(raw, args) {
    const { options } = args as QuizAnswerArgs;
    const choice = readAnswer(raw, options);
    if (choice === null) return { category: INVALID, reason: `Jawaban belum terbaca. ${answerHint(options.length)}` };
    return { category: 'ok', value: choice };
  },
};

const quizCode: Validator = {
  categories: () => ['ok'],
  run(raw) {
    const code = typedCode(raw);
    if (code === null) return { category: INVALID, reason: HOW_TO_JOIN };
    return { category: 'ok', value: code };
  },
};

export const QUIZ_VALIDATORS: Readonly<Record<string, Validator>> = { quiz_answer: quizAnswer, quiz_code: quizCode };
