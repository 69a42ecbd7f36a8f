// A question bank for workshop quizzes, read from a Markdown file (resources/quiz-banks/*.md, or IMP_QUIZ_BANK_DIR).
// Pure: text in, a bank or the first problem (with its line) out. The file reader is src/quiz/bank-files.ts.
//
// The format, one bank per file (docs/OPERATIONS.md, "Workshop quizzes"):
//
//   # Dasar KB untuk Kader IMP          ← title
//   id: dasar-kb                        ← stable id (a-z, 0-9, -), unique across files
//
//   ## Soal 1                           ← each question starts with a "## " heading (its text is free)
//   Topik: Metode KB                    ← optional, shown in the per-question report
//   Yang termasuk MKJP adalah …         ← the question, one or more lines
//   1. Pil dan kondom                   ← 3 or 4 options, numbered from 1
//   2. IUD dan implan
//   3. Suntik
//   Jawaban: 2                          ← the right option's number
//   Penjelasan: MKJP = IUD, implan, …   ← one line, shown after each answer of the post-test
//
// Blank lines and <!-- comments --> are ignored. Limits keep every question and its feedback in one WhatsApp message.

export interface QuizQuestion {
  text: string;
  options: readonly string[];
  /** The right option, 0-based. */
  answer: number;
  explanation: string;
  topic: string | null;
}

export interface QuizBank {
  id: string;
  title: string;
  questions: readonly QuizQuestion[];
}

/** The banks read at start, in file-name order. */
export interface QuizBankCatalogue {
  /** Where they were read from (named in errors and by `quiz banks`). */
  dir: string;
  banks: readonly QuizBank[];
  get(id: string): QuizBank | undefined;
}

export const QUIZ_BANK_LIMITS = {
  title: 80,
  minQuestions: 3,
  maxQuestions: 30,
  minOptions: 3,
  maxOptions: 4,
  question: 300,
  option: 120,
  explanation: 220,
  topic: 40,
} as const;

export type BankParse = { ok: true; bank: QuizBank } | { ok: false; line: number | null; problem: string };

const ID = /^[a-z0-9][a-z0-9-]{1,39}$/;
const OPTION = /^(\d{1,2})[.)]\s+(.+)$/;
const KEY = /^(id|topik|jawaban|penjelasan)\s*:\s*(.*)$/i;

interface Draft {
  line: number;
  /** Where "Jawaban:" was written, to point at it when it names no option. */
  answerLine: number | null;
  topic: string | null;
  text: string[];
  options: string[];
  answer: number | null;
  explanation: string | null;
}

class Problem extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

function finish(q: Draft): QuizQuestion {
  const L = QUIZ_BANK_LIMITS;
  const text = q.text.join('\n').trim();
  const at = (message: string) => new Problem(q.line, `question "${text.slice(0, 40) || '(no text)'}": ${message}`);
  if (text === '') throw at('the question text is missing (write it under the "##" heading, before the options)');
  if (text.length > L.question) throw at(`the question is longer than ${L.question} characters`);
  if (q.options.length < L.minOptions || q.options.length > L.maxOptions) throw at(`it has ${q.options.length} options; write ${L.minOptions} or ${L.maxOptions}`);
  const long = q.options.findIndex((o) => o.length > L.option);
  if (long >= 0) throw at(`option ${long + 1} is longer than ${L.option} characters`);
  const keys = q.options.map((o) => o.toLowerCase().replace(/\s+/g, ' '));
  if (new Set(keys).size !== keys.length) throw at('two options are the same');
  if (q.answer === null) throw at('"Jawaban: <number>" is missing');
  if (q.answer < 1 || q.answer > q.options.length) throw new Problem(q.answerLine, `question "${text.slice(0, 40)}": "Jawaban: ${q.answer}" names no option (there are ${q.options.length})`);
  if (q.explanation === null || q.explanation === '') throw at('"Penjelasan: <one line>" is missing');
  if (q.explanation.length > L.explanation) throw at(`the explanation is longer than ${L.explanation} characters`);
  return { text, options: q.options, answer: q.answer - 1, explanation: q.explanation, topic: q.topic };
}

/** Reads one bank file. A problem names the line (1-based) where it was found, or null for the file as a whole. */
export function parseQuizBank(source: string): BankParse {
  try {
    return { ok: true, bank: parse(source) };
  } catch (error) {
    if (error instanceof Problem) return { ok: false, line: error.line, problem: error.message };
    throw error;
  }
}

function parse(source: string): QuizBank {
  const L = QUIZ_BANK_LIMITS;
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  let title: string | null = null;
  let id: string | null = null;
  const questions: QuizQuestion[] = [];
  let current: Draft | null = null;
  let inComment = false;

  for (const [i, raw] of lines.entries()) {
    const n = i + 1;
    let line = raw.trim();
    // HTML comments, possibly over several lines: authors' notes, never shown.
    if (inComment) {
      if (!line.includes('-->')) continue;
      inComment = false;
      line = line.slice(line.indexOf('-->') + 3).trim();
    }
    while (line.includes('<!--')) {
      const start = line.indexOf('<!--');
      const end = line.indexOf('-->', start + 4);
      if (end < 0) {
        inComment = true;
        line = line.slice(0, start).trim();
        break;
      }
      line = `${line.slice(0, start)}${line.slice(end + 3)}`.trim();
    }
    if (line === '') continue;

    if (title === null) {
      const heading = /^#\s+(.+)$/.exec(line);
      if (!heading) throw new Problem(n, 'the file must start with the bank title as "# Title"');
      title = heading[1]!.trim();
      if (title.length > L.title) throw new Problem(n, `the title is longer than ${L.title} characters`);
      continue;
    }
    const question = /^##\s+(.*)$/.exec(line);
    if (question) {
      if (id === null) throw new Problem(n, 'write "id: <bank-id>" under the title, before the first question');
      if (current) questions.push(finish(current));
      current = { line: n, answerLine: null, topic: null, text: [], options: [], answer: null, explanation: null };
      continue;
    }
    if (/^#/.test(line)) throw new Problem(n, 'only one "# Title" and "## " question headings are allowed');
    const key = KEY.exec(line);
    const name = key?.[1]!.toLowerCase();
    const value = key?.[2]!.trim() ?? '';
    if (current === null) {
      if (name !== 'id') throw new Problem(n, 'expected "id: <bank-id>" or a question heading "## …"');
      if (id !== null) throw new Problem(n, 'the bank id is given twice');
      if (!ID.test(value)) throw new Problem(n, `the id "${value}" must be 2 to 40 lower-case letters, digits or "-"`);
      id = value;
      continue;
    }
    const q: Draft = current;
    if (name === 'id') throw new Problem(n, '"id:" belongs under the title, before the questions');
    if (name === 'topik') {
      if (q.text.length > 0 || q.options.length > 0) throw new Problem(n, '"Topik:" goes right under the "##" heading');
      if (value === '' || value.length > L.topic) throw new Problem(n, `the topic must be 1 to ${L.topic} characters`);
      q.topic = value;
      continue;
    }
    if (name === 'jawaban') {
      if (q.options.length === 0) throw new Problem(n, '"Jawaban:" comes after the options');
      if (q.answer !== null) throw new Problem(n, '"Jawaban:" is given twice');
      if (!/^\d{1,2}$/.test(value)) throw new Problem(n, `"Jawaban:" must be the number of the right option, not "${value}"`);
      q.answer = Number(value);
      q.answerLine = n;
      continue;
    }
    if (name === 'penjelasan') {
      if (q.options.length === 0) throw new Problem(n, '"Penjelasan:" comes after the options');
      if (q.explanation !== null) throw new Problem(n, '"Penjelasan:" is given twice');
      q.explanation = value;
      continue;
    }
    const option = OPTION.exec(line);
    if (option) {
      if (q.answer !== null || q.explanation !== null) throw new Problem(n, 'options come before "Jawaban:" and "Penjelasan:"');
      const number = Number(option[1]);
      if (number !== q.options.length + 1) throw new Problem(n, `option ${number} is out of order (expected ${q.options.length + 1})`);
      q.options.push(option[2]!.trim());
      continue;
    }
    if (q.options.length > 0) throw new Problem(n, 'after the options only "Jawaban:" and "Penjelasan:" may follow (the explanation is one line)');
    q.text.push(line);
  }

  if (title === null) throw new Problem(null, 'the file is empty');
  if (id === null) throw new Problem(null, 'write "id: <bank-id>" under the title');
  if (current) questions.push(finish(current));
  if (questions.length < L.minQuestions || questions.length > L.maxQuestions) {
    throw new Problem(null, `it has ${questions.length} questions; a bank has ${L.minQuestions} to ${L.maxQuestions}`);
  }
  return { id, title, questions };
}

/** A catalogue over banks already checked for unique ids. */
export function bankCatalogue(dir: string, banks: readonly QuizBank[]): QuizBankCatalogue {
  const byId = new Map(banks.map((b) => [b.id, b]));
  return { dir, banks, get: (id) => byId.get(id) };
}
