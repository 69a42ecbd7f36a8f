// Named, pure validators (goflow's `cases`). Each sorts raw input into a category with a parsed value;
// anything the asking node does not route is treated as a wrong answer and re-asked.
import { parseChoice, parseCount, parseMonth, parseYesNo, normalizeInput, type ChoiceOption } from '../parse/index.js';
import { toWita } from '../../time/wita.js';
import type { Scope, ValidationResult } from './types.js';

export interface Validator {
  /** The categories a valid answer can fall into; a node must route every one of them. */
  categories(args: unknown): readonly string[];
  run(raw: string, args: unknown, scope: Scope): ValidationResult;
}

const INVALID = 'invalid';

export interface NumberArgs {
  min?: number;
  max?: number;
}

const number: Validator = {
  categories: () => ['ok'],
  run(raw, args) {
    const { min = 0, max = Number.MAX_SAFE_INTEGER } = (args ?? {}) as NumberArgs;
    const value = parseCount(raw);
    if (value === null) return { category: INVALID, reason: 'Mohon balas dengan angka saja, misalnya 25.' };
    if (value < min || value > max) return { category: INVALID, reason: `Angkanya harus antara ${min} dan ${max}.` };
    return { category: 'ok', value };
  },
};

const yesNo: Validator = {
  categories: () => ['yes', 'no'],
  run(raw) {
    const value = parseYesNo(raw);
    if (value === null) return { category: INVALID, reason: 'Mohon balas YA atau TIDAK.' };
    return { category: value, value: value === 'yes' };
  },
};

export interface ChoiceArgs {
  options: readonly ChoiceOption<string>[];
}

const choice: Validator = {
  categories: (args) => (args as ChoiceArgs).options.map((o) => o.key),
  run(raw, args) {
    const { options } = args as ChoiceArgs;
    const key = parseChoice(raw, options);
    if (key === null) {
      const numbers = options.map((o) => o.number);
      return { category: INVALID, reason: `Mohon balas dengan angka pilihan (${numbers[0]}–${numbers.at(-1)}).` };
    }
    return { category: key, value: key };
  },
};

const month: Validator = {
  categories: () => ['ok'],
  run(raw, _args, scope) {
    const today = toWita(scope.now);
    const value = parseMonth(raw, { year: today.year, month: today.month });
    if (value === null) return { category: INVALID, reason: 'Mohon tulis bulannya, misalnya 11/2026 atau November.' };
    return { category: 'ok', value };
  },
};

export interface TextArgs {
  minLength?: number;
  maxLength?: number;
}

const freeText: Validator = {
  categories: () => ['ok'],
  run(raw, args) {
    const { minLength = 1, maxLength = 200 } = (args ?? {}) as TextArgs;
    const value = normalizeInput(raw);
    if (value.length < minLength) return { category: INVALID, reason: 'Jawabannya masih kosong atau terlalu pendek.' };
    if (value.length > maxLength) return { category: INVALID, reason: `Mohon jawab lebih singkat (paling banyak ${maxLength} huruf).` };
    return { category: 'ok', value };
  },
};

/** The registry. A flow names validators by these keys; the definition check rejects unknown names. */
export const VALIDATORS: Readonly<Record<string, Validator>> = Object.freeze({
  number,
  yes_no: yesNo,
  choice,
  month,
  text: freeText,
});
