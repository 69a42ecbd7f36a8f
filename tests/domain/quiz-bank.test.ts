// Question banks: the Markdown format read by parseQuizBank, the folder read at start by loadQuizBanks (one clear
// line naming the file and the problem), and the bundled bank, whose every question and feedback fit one message.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuizBank, QUIZ_BANK_LIMITS, type QuizQuestion } from '../../src/domain/quiz/quiz-bank.js';
import { MAX_MESSAGE_CHARS } from '../../src/flows/engine/limits.js';
import type { QuizTestView } from '../../src/flows/quiz/quiz-facts.js';
import { feedbackText, finishedText, fitsWithQuestion, questionText, welcomeText } from '../../src/flows/quiz/quiz-texts.js';
import { bundledQuizBanks, loadQuizBanks, QuizBankError } from '../../src/quiz/bank-files.js';

const dir = mkdtempSync(join(tmpdir(), 'imp-banks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = ['# Bank uji', 'id: bank-uji', '', '## 1', 'Topik: Satu', 'Soal satu?', '1. A', '2. B', '3. C', 'Jawaban: 2', 'Penjelasan: B.', '', '## 2', 'Soal dua?', '1. A', '2. B', '3. C', '4. D', 'Jawaban: 4', 'Penjelasan: D.', '', '## 3', 'Soal', 'tiga baris?', '<!-- catatan penulis -->', '1. A', '2. B', '3. C', 'Jawaban: 1', 'Penjelasan: A.'];

function folder(files: Record<string, string>): string {
  const path = mkdtempSync(join(dir, 'f-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(path, name), text);
  return path;
}

describe('the bank format', () => {
  it('when a bank is well written, then its questions, options, answers (0-based), explanations and topics are read', () => {
    const parsed = parseQuizBank(GOOD.join('\n'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.bank).toMatchObject({ id: 'bank-uji', title: 'Bank uji' });
    expect(parsed.bank.questions).toEqual([
      { text: 'Soal satu?', options: ['A', 'B', 'C'], answer: 1, explanation: 'B.', topic: 'Satu' },
      { text: 'Soal dua?', options: ['A', 'B', 'C', 'D'], answer: 3, explanation: 'D.', topic: null },
      { text: 'Soal\ntiga baris?', options: ['A', 'B', 'C'], answer: 0, explanation: 'A.', topic: null },
    ]);
  });

  it.each([
    [(l: string[]) => l.map((x) => (x === 'Jawaban: 2' ? 'Jawaban: 5' : x)), 10, '"Jawaban: 5" names no option (there are 3)'],
    [(l: string[]) => l.filter((x) => x !== 'Penjelasan: B.'), 4, '"Penjelasan: <one line>" is missing'],
    [(l: string[]) => l.filter((x) => x !== '3. C'), 4, 'it has 2 options; write 3 or 4'],
    [(l: string[]) => l.filter((x) => !x.startsWith('id:')), 3, 'write "id: <bank-id>" under the title, before the first question'],
    [(l: string[]) => l.map((x) => (x === '2. B' ? '3. B' : x)), 8, 'option 3 is out of order (expected 2)'],
    [(l: string[]) => l.map((x) => (x === 'Penjelasan: B.' ? 'Penjelasan: B.\nlanjutan' : x)), 12, 'after the options only "Jawaban:" and "Penjelasan:" may follow'],
    [(l: string[]) => l.slice(1), 1, 'the file must start with the bank title as "# Title"'],
  ])('when a bank has a mistake, then the problem is named with its line (%#)', (edit, line, problem) => {
    const parsed = parseQuizBank(edit([...GOOD]).join('\n'));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.line).toBe(line);
    expect(parsed.problem).toContain(problem);
  });

  it('when a bank has too few questions, then the file as a whole is refused', () => {
    const parsed = parseQuizBank(GOOD.slice(0, 12).join('\n'));
    expect(parsed).toEqual({ ok: false, line: null, problem: 'it has 1 questions; a bank has 3 to 30' });
  });
});

describe('the bank folder at start', () => {
  it('when a file is wrong, then loading stops with one line naming the file, the line and the problem', () => {
    const path = folder({ 'a.md': GOOD.join('\n'), 'b.md': GOOD.join('\n').replace('bank-uji', 'lain').replace('Jawaban: 4', 'Jawaban: x') });
    expect(() => loadQuizBanks(path)).toThrow(QuizBankError);
    expect(() => loadQuizBanks(path)).toThrow(`Quiz bank ${join(path, 'b.md')} line 19: "Jawaban:" must be the number of the right option, not "x"`);
  });

  it('when two files share an id, or the folder is empty or missing, then loading stops saying so', () => {
    expect(() => loadQuizBanks(folder({ 'a.md': GOOD.join('\n'), 'b.md': GOOD.join('\n') }))).toThrow(/id "bank-uji" is already used by a\.md/);
    const empty = folder({ 'catatan.txt': 'bukan bank' });
    expect(() => loadQuizBanks(empty)).toThrow(`Quiz banks: no bank file (*.md) in ${empty}`);
    expect(() => loadQuizBanks(join(dir, 'tidak-ada'))).toThrow(/IMP_QUIZ_BANK_DIR .*tidak-ada cannot be read \(ENOENT\)/);
    mkdirSync(join(dir, 'ok'));
    writeFileSync(join(dir, 'ok', 'x.md'), GOOD.join('\n'));
    expect(loadQuizBanks(join(dir, 'ok')).get('bank-uji')?.questions).toHaveLength(3);
  });

  it('when the bundled bank is read, then it has about ten questions on KB basics with 3–4 options each', () => {
    const [bank] = bundledQuizBanks().banks;
    expect(bank!.id).toBe('dasar-kb-kader');
    expect(bank!.questions.length).toBeGreaterThanOrEqual(10);
    for (const q of bank!.questions) {
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      expect(q.explanation.length).toBeLessThanOrEqual(QUIZ_BANK_LIMITS.explanation);
    }
  });
});

describe('message length', () => {
  const L = QUIZ_BANK_LIMITS;
  const worst: QuizQuestion = {
    text: 'x'.repeat(L.question),
    options: ['a', 'b', 'c', 'd'].map((c) => c.repeat(L.option)),
    answer: 3,
    explanation: 'e'.repeat(L.explanation),
    topic: 't'.repeat(L.topic),
  };
  const view = (kind: 'pre' | 'post', questions: QuizQuestion[] = [worst]): QuizTestView => ({
    id: 1,
    code: 'ABCD',
    kind,
    workshop: 'w'.repeat(60),
    questions: questions.concat(Array(29).fill(worst)),
    state: 'open',
    expiresAt: new Date().toISOString(),
    mine: null,
    preScore: 30,
  });

  it('when a question at every limit follows the post-test feedback, then they go as two messages that each fit', () => {
    const t = view('post');
    const feedback = feedbackText(worst, 0);
    const question = questionText(t, 29);
    expect(fitsWithQuestion(feedback, question)).toBe(false);
    expect(fitsWithQuestion(welcomeText(t), questionText(t, 0))).toBe(false);
    for (const message of [feedback, question, welcomeText(t), `${feedback}\n\n${finishedText(t, 0)}`]) expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });

  it('when every bundled question is asked after a wrong answer, then each message fits', () => {
    const bank = bundledQuizBanks().banks[0]!;
    const t = view('post', [...bank.questions]);
    bank.questions.forEach((q, i) => {
      expect(`${welcomeText(t)}\n\n${questionText(t, i)}`.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
      expect(`${feedbackText(q, (q.answer + 1) % q.options.length)}\n\n${questionText(t, Math.min(i + 1, bank.questions.length - 1))}`.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    });
  });
});
