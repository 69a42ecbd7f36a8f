// Validators of the case flows (registered with the engine's in validators.ts). Free text in a case is screened for
// personal data and refused, never stored half-cleaned; places and facilities are chosen, not typed; choices whose
// options depend on the case (its possible actions, the PKB of its kecamatan, the desa sharing a name) are numbered
// from what the flow shows. A refused answer is not stored, and no reply repeats what was typed.
import { findPersonalData, describeKinds, looksLikeNonsenseOrAbuse } from '../../domain/cases/privacy.js';
import { formatDay, isoOf, parseServiceDate } from '../../domain/cases/service-date.js';
import { toWita } from '../../time/wita.js';
import type { Validator } from '../engine/validators.js';
import type { Scope } from '../engine/types.js';
import { normalizeInput, parseChoice } from '../parse/index.js';
import { choices, type LabelledOption } from './case-options.js';
import { matchKnownUnit, parsePlaceCode } from './place-answer.js';

const INVALID = 'invalid';

/** The desa's known dusun/lingkungan, keyed by desa code (facts loaded for the case report). */
export const CASE_UNITS_FACTS = 'case_units';

const SKIP = /^(0|-|lewati|skip|(?:tidak|tdk|gak|ga|nggak|ndak|kurang|belum) (?:tahu|tau|ada)|gatau|lupa)\.?$/i;

/** The refusal when personal data was typed: what was seen (by kind, never the text) and what to write instead. */
export function personalDataReason(kinds: Parameters<typeof describeKinds>[0], expected: string): string {
  return `Mohon jangan menulis ${describeKinds(kinds)}. Laporan ini tidak memerlukan data pribadi, jadi jawaban tadi tidak kami simpan. ${expected}`;
}

export interface SafeTextArgs {
  minLength?: number;
  maxLength?: number;
  /** What to write instead, e.g. "Tulis alasannya singkat, misalnya takut efek samping." */
  expected: string;
  /** "0"/"lewati" skips (category `skip`). */
  skippable?: boolean;
  /** A register pointer: page and row numbers are expected. */
  registerPointer?: boolean;
}

/** A kind of facility typed under "lainnya" (a referral, a stock-out): a few words, never a person. */
export const FACILITY_NOTE_ARGS: SafeTextArgs = { maxLength: 40, expected: 'Tulis jenis tempatnya saja, misalnya apotek.' };

/**
 * The screening of a short free text (a note on a case): no personal data, not too short or long, not nonsense or
 * abuse. Shared by the WhatsApp question below and the HTTP API's case actions, so both refuse the same notes.
 */
export function screenShortText(raw: string, args: SafeTextArgs): { ok: true; text: string } | { ok: false; reason: string; personalData: boolean } {
  const { minLength = 2, maxLength = 100, expected, registerPointer = false } = args;
  const text = normalizeInput(raw);
  const kinds = findPersonalData(text, { registerPointer });
  if (kinds.length > 0) return { ok: false, reason: personalDataReason(kinds, expected), personalData: true };
  if (text.length < minLength) return { ok: false, reason: `Jawabannya terlalu pendek. ${expected}`, personalData: false };
  if (text.length > maxLength) return { ok: false, reason: `Mohon lebih singkat (paling banyak ${maxLength} huruf). ${expected}`, personalData: false };
  if (looksLikeNonsenseOrAbuse(text)) return { ok: false, reason: `Jawaban itu tidak bisa kami catat. ${expected}`, personalData: false };
  return { ok: true, text };
}

/** Short free text with no personal data in it. Categories: `ok` (and `skip` when skippable). */
const safeText: Validator = {
  categories: (args) => ((args as SafeTextArgs).skippable ? ['ok', 'skip'] : ['ok']),
  run(raw, args) {
    const { skippable = false } = args as SafeTextArgs;
    const text = normalizeInput(raw);
    if (skippable && SKIP.test(text)) return { category: 'skip', value: null };
    const screened = screenShortText(text, args as SafeTextArgs);
    return screened.ok ? { category: 'ok', value: screened.text } : { category: INVALID, reason: screened.reason };
  },
};

export interface CasePlaceArgs {
  /** The desa's known dusun are offered as numbered options, followed by "Lainnya". */
  listed: boolean;
}

/** The known dusun of the desa chosen in this report (result `desa`). */
export function unitsOfChosenDesa(scope: Scope): readonly string[] {
  const units = scope.facts[CASE_UNITS_FACTS] as Readonly<Record<string, readonly string[]>> | undefined;
  return units?.[String(scope.results.desa?.value ?? '')] ?? [];
}

/** The numbered list under the place question: known dusun, then "Lainnya". */
export function placeOptions(scope: Scope): LabelledOption[] {
  const units = unitsOfChosenDesa(scope);
  if (units.length === 0) return [];
  return [...units.map((u) => ({ key: u, label: u, words: [] })), { key: 'lainnya', label: 'Lainnya (tulis RT/RW atau nama dusun)', words: ['lainnya', 'lain'] }];
}

function placeExample(scope: Scope): string {
  const first = unitsOfChosenDesa(scope)[0];
  return first ? `RT 02 atau ${first}` : 'RT 02 atau Dusun Bontoa';
}

/**
 * Where in the desa: a number from the list, "lainnya" (category `other`: ask the short code), "0" (`skip`), a known
 * dusun by name, or a short code ("RT 02", "Dusun Bontoa RW 3"). Names, streets and house numbers are refused.
 */
const casePlace: Validator = {
  categories: (args) => ((args as CasePlaceArgs).listed ? ['ok', 'skip', 'other'] : ['ok', 'skip']),
  run(raw, args, scope) {
    const { listed } = args as CasePlaceArgs;
    const text = normalizeInput(raw);
    if (SKIP.test(text)) return { category: 'skip', value: null };
    const options = listed ? placeOptions(scope) : [];
    const expected = options.length > 0
      ? `Balas angka 1 sampai ${options.length}, atau tulis RT/RW-nya, misalnya ${placeExample(scope)}. Balas 0 bila tidak tahu.`
      : `Tulis dusun atau RT/RW-nya saja, misalnya ${placeExample(scope)}. Balas 0 bila tidak tahu.`;
    if (options.length > 0) {
      const picked = parseChoice(text, choices(options));
      if (picked === 'lainnya') return { category: 'other', value: null };
      if (picked !== null) return { category: 'ok', value: picked };
    }
    const kinds = findPersonalData(text);
    if (kinds.length > 0) return { category: INVALID, reason: personalDataReason(kinds, expected) };
    if (looksLikeNonsenseOrAbuse(text)) return { category: INVALID, reason: `Jawaban itu tidak bisa kami catat. ${expected}` };
    const known = matchKnownUnit(text, unitsOfChosenDesa(scope));
    if (known) return { category: 'ok', value: known };
    const code = parsePlaceCode(text);
    if (code === null) return { category: INVALID, reason: /^\d+$/.test(text) && options.length > 0 ? `Nomor itu tidak ada dalam daftar. ${expected}` : expected };
    return { category: 'ok', value: code };
  },
};

export interface ServiceDateArgs {
  /** The case's report date (YYYY-MM-DD, WITA): no service before it. */
  reportedOn: (scope: Scope) => string | null;
}

/** The service date: HARI INI / KEMARIN (WITA) or a real calendar date, not in the future, not before the report. */
const serviceDate: Validator = {
  categories: () => ['ok'],
  run(raw, args, scope) {
    const wita = toWita(scope.now);
    const today = isoOf(wita);
    // The question itself repeats how to answer, with today's date as the example.
    const parsed = parseServiceDate(normalizeInput(raw), wita);
    if (parsed.kind === 'unreadable') return { category: INVALID, reason: 'Tanggalnya belum terbaca.' };
    if (parsed.kind === 'not_a_date') return { category: INVALID, reason: 'Tanggal itu tidak ada di kalender.' };
    if (parsed.iso > today) return { category: INVALID, reason: `Tanggal pelayanan tidak boleh setelah hari ini (${formatDay(today)}).` };
    const reportedOn = (args as ServiceDateArgs).reportedOn(scope);
    if (reportedOn && parsed.iso < reportedOn) {
      return { category: INVALID, reason: `Tanggal pelayanan tidak boleh sebelum kasus dilaporkan (${formatDay(reportedOn)}).` };
    }
    return { category: 'ok', value: parsed.iso };
  },
};

export const CASE_VALIDATORS: Readonly<Record<string, Validator>> = {
  safe_text: safeText,
  case_place: casePlace,
  service_date: serviceDate,
};
