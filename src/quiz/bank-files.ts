// Reads the quiz question banks once, at start (serve, simulate, chat) or when a `quiz` command needs them: every
// *.md file of the folder (resources/quiz-banks/, or IMP_QUIZ_BANK_DIR), parsed and checked by
// domain/quiz/quiz-bank.ts. A bad file stops start-up with one line naming the file and the problem, like a bad setting.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';
import { bankCatalogue, parseQuizBank, type QuizBank, type QuizBankCatalogue } from '../domain/quiz/quiz-bank.js';

/** The banks shipped with the program (resolved from this module: src/quiz or dist/quiz, two levels down). */
export const BUNDLED_QUIZ_BANK_DIR = fileURLToPath(new URL('../../resources/quiz-banks/', import.meta.url));

export class QuizBankError extends ConfigError {
  override name = 'QuizBankError';
}

/** Every bank of the folder, in file-name order; throws QuizBankError at the first problem. */
export function loadQuizBanks(dir: string | null = null): QuizBankCatalogue {
  const folder = dir ?? BUNDLED_QUIZ_BANK_DIR;
  const setting = dir === null ? 'the bundled quiz bank folder' : 'IMP_QUIZ_BANK_DIR';
  let files: string[];
  try {
    if (!statSync(folder).isDirectory()) throw new QuizBankError(`Quiz banks: ${setting} ${folder} is not a folder`);
    files = readdirSync(folder)
      .filter((f) => f.toLowerCase().endsWith('.md'))
      .sort();
  } catch (error) {
    if (error instanceof QuizBankError) throw error;
    throw new QuizBankError(`Quiz banks: ${setting} ${folder} cannot be read (${(error as { code?: string }).code ?? (error as Error).message})`);
  }
  if (files.length === 0) throw new QuizBankError(`Quiz banks: no bank file (*.md) in ${folder}`);
  const banks: QuizBank[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    const path = join(folder, file);
    const parsed = parseQuizBank(readFileSync(path, 'utf8'));
    if (!parsed.ok) throw new QuizBankError(`Quiz bank ${path}${parsed.line === null ? '' : ` line ${parsed.line}`}: ${parsed.problem}`);
    const other = fileOf.get(parsed.bank.id);
    if (other) throw new QuizBankError(`Quiz bank ${path}: id "${parsed.bank.id}" is already used by ${other}`);
    fileOf.set(parsed.bank.id, file);
    banks.push(parsed.bank);
  }
  return bankCatalogue(folder, banks);
}

let bundled: QuizBankCatalogue | null = null;

/** The bundled banks, read once per process (a bot built without banks given: tests, the default). */
export function bundledQuizBanks(): QuizBankCatalogue {
  bundled ??= loadQuizBanks(null);
  return bundled;
}
