// Named, pure validators (goflow's `cases`). Each sorts raw input into a category with a parsed value;
// anything the asking node does not route is treated as a wrong answer and re-asked.
import { parseChoice, parseCount, parseMonth, parseNumberList, parseYesNo, normalizeInput, type ChoiceOption } from '../parse/index.js';
import { toWita } from '../../time/wita.js';
import type { Scope, ValidationResult } from './types.js';
import { CASE_VALIDATORS } from '../cases/case-validators.js';

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

export interface NumberListArgs {
  count: number;
  /** Largest value of each position (hard plausibility bounds). */
  max: readonly number[];
}

/** Several counts in one reply ("20 5 1 30"): categories `ok`, and `wrong_count` so a flow can fall back. */
const numberList: Validator = {
  categories: () => ['ok', 'wrong_count'],
  run(raw, args) {
    const { count, max } = args as NumberListArgs;
    const values = parseNumberList(raw);
    if (values === null) return { category: INVALID, reason: `Mohon balas dengan ${count} angka dipisah spasi.` };
    if (values.length !== count) return { category: 'wrong_count', value: values.length };
    const tooBig = values.findIndex((v, i) => v > (max[i] ?? Number.MAX_SAFE_INTEGER));
    if (tooBig >= 0) return { category: INVALID, reason: `Angka ke-${tooBig + 1} (${values[tooBig]}) terlalu besar; paling banyak ${max[tooBig]}.` };
    return { category: 'ok', value: values };
  },
};

/**
 * A command on a summary: KIRIM (send) or UBAH n (change line n), plus YA where a confirmation is asked.
 * Categories: `kirim`, `ubah` (value n), `ya`.
 */
const summaryCommand: Validator = {
  categories: (args) => ((args as { allowYes?: boolean } | undefined)?.allowYes ? ['ubah', 'ya'] : ['kirim', 'ubah']),
  run(raw, args) {
    const allowYes = (args as { allowYes?: boolean } | undefined)?.allowYes === true;
    const text = normalizeInput(raw).toUpperCase().replace(/[.!]+$/, '');
    const ubah = /^(?:UBAH|GANTI|EDIT|UBAH BARIS|UBAH NO|UBAH NOMOR)\s*(\d{1,2})$/.exec(text);
    if (ubah) return { category: 'ubah', value: Number(ubah[1]) };
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
  month,
  text: freeText,
  number_list: numberList,
  summary_command: summaryCommand,
  desa_name: desaName,
  ...CASE_VALIDATORS,
});
