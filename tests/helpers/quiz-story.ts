// Helpers for quiz scenarios: the bundled bank's right answers, answer lines that score exactly k, and reading the
// codes the bot gave out of its messages.
import { bundledQuizBanks } from '../../src/quiz/bank-files.js';

export const BANK = bundledQuizBanks().banks[0]!;
export const QUESTIONS = BANK.questions.length;

// Ways cadres answer: the number, with a dot, the letter, "jawaban n".
const STYLES = [(n: number) => `${n}`, (n: number) => `${n}.`, (n: number) => 'abcd'[n - 1]!.toUpperCase(), (n: number) => `jawaban ${n}`];

/** The option numbers (1-based) that answer the first `right` questions right and the others wrong. */
export function answersScoring(right: number): number[] {
  return BANK.questions.map((q, i) => (i < right ? q.answer + 1 : ((q.answer + 1) % q.options.length) + 1));
}

/** Transcript lines of one cadre answering every question so that the score is `right`, in varied wordings. */
export function answerLines(phone: string, right: number, from = 0): string[] {
  return answersScoring(right)
    .slice(from)
    .map((n, i) => `${phone}: ${STYLES[(i + from) % STYLES.length]!(n)}`);
}

/** The code in "Kode kuis: *9KPF*". */
export function codeIn(text: string): string {
  const m = /Kode kuis: \*([A-Z0-9]{4})\*/.exec(text);
  if (!m) throw new Error(`no quiz code in: ${text}`);
  return m[1]!;
}
