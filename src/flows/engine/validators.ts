// Named, pure validators (goflow's `cases`). Each sorts raw input into a category with a parsed value;
// anything the asking node does not route is treated as a wrong answer and re-asked.
import { choiceHint, isBareNumber, parseChoice, parseMonth, parseYesNo, normalizeInput, readCount, readMonth, readNumberList, type ChoiceOption } from '../parse/index.js';
import { toWita } from '../../time/wita.js';
import type { Scope, ValidationResult } from './types.js';
import { CASE_VALIDATORS } from '../cases/case-validators.js';
import { MEETING_VALIDATORS } from '../meetings/meeting-validators.js';
import { QUIZ_VALIDATORS } from '../quiz/quiz-validators.js';

export interface Validator {
  /** The categories a valid answer can fall into; a node must route every one of them. */
  categories(args: unknown): readonly string[];
  run(raw: string, args: unknown, scope: Scope): ValidationResult;
  /** Its categories come from its arguments, so they must be data, not computed from the scope. */
  staticArgs?: boolean;
}

const INVALID = 'invalid';

export interface NumberArgs {
  min?: number;
  max?: number;
}

/** The plain reason for a decimal or a negative number: counts are whole and never below zero. */
export const NOT_WHOLE = 'Angkanya harus bilangan bulat, tidak boleh negatif (tanpa koma, tanpa tanda minus).';

/** "misalnya 25", or for a short range "1 sampai 2": an example that fits the question asked. */
function numberHint(min: number, max: number): string {
  if (max - min < 12) return `Mohon balas dengan angka ${min} sampai ${max}.`;
  return `Mohon balas dengan angka saja, misalnya ${Math.min(max, Math.max(min, 25))}.`;
}

const number: Validator = {
  categories: () => ['ok'],
  run(raw, args) {
    const { min = 0, max = Number.MAX_SAFE_INTEGER } = (args ?? {}) as NumberArgs;
    const reading = readCount(raw);
    if (reading.kind === 'not_whole') return { category: INVALID, reason: NOT_WHOLE };
    if (reading.kind === 'not_number') return { category: INVALID, reason: numberHint(min, max) };
    const value = reading.value;
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
  /**
   * `pick` only: a tolerant reading tried when no option matches (a kecamatan name with a typo naming one of the
   * options); returns an option's key or null.
   */
  resolve?: (text: string) => string | null;
}

const choice: Validator = {
  // Options computed from the scope could not be routed by key: `pick` is for those.
  staticArgs: true,
  categories: (args) => (args as ChoiceArgs).options.map((o) => o.key),
  run(raw, args) {
    const { options } = args as ChoiceArgs;
    const key = parseChoice(raw, options);
    if (key === null) return { category: INVALID, reason: choiceHint(options) };
    return { category: key, value: key };
  },
};

/**
 * A choice from a list computed when asked (the open months, the desa of a binaan…), so the options come from
 * the scope (`args` as a function). One category, `ok`; the value is the chosen option's key.
 */
const pick: Validator = {
  categories: () => ['ok'],
  run(raw, args) {
    const { options, resolve } = args as ChoiceArgs;
    const key = parseChoice(raw, options) ?? resolve?.(normalizeInput(raw)) ?? null;
    if (key === null || !options.some((o) => o.key === key)) return { category: INVALID, reason: choiceHint(options) };
    return { category: 'ok', value: key };
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

export interface NumberListArgs {
  count: number;
  /** Largest value of each position (hard plausibility bounds). */
  max: readonly number[];
  /**
   * A month the question belongs to (named, not asked, when it was the only choice): a reply naming it
   * ("nov", "11/2026") is category `month`, so the flow can say it is already chosen instead of "wrong answer".
   */
  month?: { year: number; month: number };
  /** "UBAH n" is category `ubah` (value n): in a long form, going back to line n is allowed at any question. */
  edit?: boolean;
}

/** "1,250" read as one number or as several, for the question that asks them. */
function settleReadings(list: { grouped: number[]; split: number[]; token: string }, count: number, max: readonly number[]): ValidationResult {
  const inBounds = (values: number[]) => values.every((v, i) => v <= (max[i] ?? Number.MAX_SAFE_INTEGER));
  const groupedFits = list.grouped.length === count;
  const splitFits = list.split.length === count;
  if (groupedFits && !splitFits) return { category: 'ok', value: list.grouped };
  // "620,480" for two numbers: 620480 is impossible, so it was a list. "1,250" for two numbers: 1250 is a
  // plausible first answer with the second forgotten, or the two answers 1 and 250: ask.
  if (splitFits && !groupedFits && !inBounds(list.grouped)) return { category: 'ok', value: list.split };
  if (splitFits) {
    const parts = list.token.split(/[.,]/).join(' dan ');
    return {
      category: INVALID,
      reason: `"${list.token}" bisa berarti satu angka (${list.token.replace(/[.,]/g, '')}) atau beberapa angka (${parts}). Tulis ribuan tanpa titik atau koma, dan pisahkan angka dengan spasi.`,
    };
  }
  return { category: 'wrong_count', value: list.grouped.length };
}

/**
 * Several counts in one reply ("20 5 1 30"): categories `ok`, `wrong_count` so a flow can fall back, `month`
 * (see NumberListArgs.month) and `ubah` (NumberListArgs.edit). A reply of one count when one is asked is read as a single count ("1,250" = 1250,
 * "6,5" is not whole).
 */
const numberList: Validator = {
  categories: () => ['ok', 'wrong_count', 'month', 'ubah'],
  run(raw, args) {
    const { count, max, month, edit } = args as NumberListArgs;
    const line = edit ? readUbah(raw) : null;
    if (line !== null) return { category: 'ubah', value: line };
    const named = month && !isBareNumber(raw) ? readMonth(raw) : null;
    if (named && month && named.month === month.month && (named.year === null || named.year === month.year)) return { category: 'month', value: month };
    const list = readNumberList(raw);
    if (list.kind === 'not_whole') return { category: INVALID, reason: NOT_WHOLE };
    if (list.kind === 'not_number') {
      if (count === 1 && readCount(raw).kind === 'not_whole') return { category: INVALID, reason: NOT_WHOLE };
      return { category: INVALID, reason: count === 1 ? 'Mohon balas dengan satu angka.' : `Mohon balas dengan ${count} angka dipisah spasi.` };
    }
    let values: number[];
    if (count === 1) {
      // One number asked: "6,5" is a decimal and "1,250" a thousand, exactly as a single-number question reads them.
      const one = readCount(raw);
      if (one.kind === 'not_whole') return { category: INVALID, reason: NOT_WHOLE };
      if (one.kind === 'count') values = [one.value];
      else if (list.kind === 'list') values = list.values;
      else values = list.grouped;
    } else if (list.kind === 'two_readings') {
      const settled = settleReadings(list, count, max);
      if (settled.category !== 'ok') return settled;
      values = settled.value as number[];
    } else {
      values = list.values;
      // "1 2 2 6,5" for four numbers: the comma was a decimal, not a fifth number.
      if (values.length !== count && list.asDecimals === count) return { category: INVALID, reason: NOT_WHOLE };
    }
    if (values.length !== count) return { category: 'wrong_count', value: values.length };
    const tooBig = values.findIndex((v, i) => v > (max[i] ?? Number.MAX_SAFE_INTEGER));
    if (tooBig >= 0) return { category: INVALID, reason: `Angka ke-${tooBig + 1} (${values[tooBig]}) terlalu besar; paling banyak ${max[tooBig]}.` };
    return { category: 'ok', value: values };
  },
};

/**
 * `number_list` where the bot proposes the numbers (Section II from the recorded meetings): with `accept: true`, YA
 * or a lone "1" takes the proposal (category `accept`); anything else reads as `number_list` does.
 */
const numberListOrYes: Validator = {
  categories: () => [...numberList.categories(undefined), 'accept'],
  run(raw, args, scope) {
    const { accept } = args as NumberListArgs & { accept?: boolean };
    if (accept && (parseYesNo(raw) === 'yes' || normalizeInput(raw) === '1')) return { category: 'accept', value: true };
    return numberList.run(raw, args, scope);
  },
};

/** "UBAH 4", "ubah baris 4", "ganti 4": the line number, or null. */
function readUbah(raw: string): number | null {
  const text = normalizeInput(raw).toUpperCase().replace(/[.!]+$/, '');
  const ubah = /^(?:UBAH|GANTI|EDIT|UBAH BARIS|UBAH NO|UBAH NOMOR)\s*(\d{1,2})$/.exec(text);
  return ubah ? Number(ubah[1]) : null;
}

/**
 * A command on a summary: KIRIM (send) or UBAH n (change line n), plus YA where a confirmation is asked.
 * Categories: `kirim`, `ubah` (value n), `ya`.
 */
const summaryCommand: Validator = {
  categories: (args) => ((args as { allowYes?: boolean } | undefined)?.allowYes ? ['ubah', 'ya'] : ['kirim', 'ubah']),
  run(raw, args) {
    const allowYes = (args as { allowYes?: boolean } | undefined)?.allowYes === true;
    const text = normalizeInput(raw).toUpperCase().replace(/[.!]+$/, '');
    const line = readUbah(raw);
    if (line !== null) return { category: 'ubah', value: line };
    if (!allowYes && /^(KIRIM|KIRIM LAPORAN|SUDAH BENAR KIRIM)$/.test(text)) return { category: 'kirim', value: true };
    if (allowYes && parseYesNo(raw) === 'yes') return { category: 'ya', value: true };
    return {
      category: INVALID,
      reason: allowYes ? 'Balas YA jika angkanya benar, atau UBAH dan nomor baris untuk memperbaiki (misalnya UBAH 4).' : 'Balas KIRIM untuk mengirim, atau UBAH dan nomor baris untuk memperbaiki (misalnya UBAH 4).',
    };
  },
};

export interface DesaNameArgs {
  /** Only desa of this kecamatan (after the user picked it). */
  kecamatanCode?: string;
}

/**
 * A desa/kelurahan typed by name, tolerant of case, spaces, apostrophes, old spellings and small typos.
 * Categories: `found` (value: code), `ambiguous` (value: candidate codes, e.g. Bontomanai exists three times).
 */
const desaName: Validator = {
  categories: () => ['found', 'ambiguous'],
  run(raw, args, scope) {
    const { kecamatanCode } = (args ?? {}) as DesaNameArgs;
    const match = scope.areas.findDesa(normalizeInput(raw), kecamatanCode ? { kecamatanCode } : undefined);
    switch (match.kind) {
      case 'found':
        return { category: 'found', value: match.area.code };
      case 'ambiguous':
        return { category: 'ambiguous', value: match.candidates.map((a) => a.code) };
      case 'not_found': {
        const hint = match.suggestions.length > 0 ? ` Mungkin maksud Anda: ${match.suggestions.map((a) => a.name).join(', ')}?` : '';
        // What was typed is never repeated back: it may hold a name or a NIK instead of a desa.
        return { category: INVALID, reason: `Nama desa/kelurahan itu tidak ditemukan di Kabupaten Gowa.${hint} Tulis nama desanya saja, misalnya Pakatto.` };
      }
    }
  },
};

/** The registry. A flow names validators by these keys; the definition check rejects unknown names. */
export const VALIDATORS: Readonly<Record<string, Validator>> = Object.freeze({
  number,
  yes_no: yesNo,
  choice,
  pick,
  month,
  text: freeText,
  number_list: numberList,
  number_list_or_yes: numberListOrYes,
  summary_command: summaryCommand,
  desa_name: desaName,
  ...CASE_VALIDATORS,
  ...MEETING_VALIDATORS,
  ...QUIZ_VALIDATORS,
});
