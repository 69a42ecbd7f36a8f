// Reporting months ("laporan bulan November"). Cadres write them as numbers, with or without a year,
// or as Indonesian month names in full, abbreviated, or in older spellings (Pebruari, Nopember).
import { normalizeInput } from './text.js';

export interface YearMonth {
  year: number;
  month: number;
}

export const monthNamesId = [
  'Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni',
  'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember',
] as const;

// Index = month - 1. Every spelling a name may take; compared lower-case.
const MONTH_SPELLINGS: readonly (readonly string[])[] = [
  ['januari', 'jan'],
  ['februari', 'feb', 'pebruari', 'peb'],
  ['maret', 'mar'],
  ['april', 'apr'],
  ['mei'],
  ['juni', 'jun'],
  ['juli', 'jul'],
  ['agustus', 'agu', 'agt', 'ags', 'agus'],
  ['september', 'sep', 'sept'],
  ['oktober', 'okt'],
  ['november', 'nov', 'nopember', 'nop'],
  ['desember', 'des'],
];

const MONTH_BY_NAME: ReadonlyMap<string, number> = new Map(
  MONTH_SPELLINGS.flatMap((spellings, i) => spellings.map((s) => [s, i + 1] as const)),
);

const MIN_YEAR = 2000;
const MAX_YEAR = 2100;

// Month then year: "11/2026", "11-2026", "11.2026", "11 2026", "11/26".
const MONTH_YEAR = /^(\d{1,2})\s*[/\-. ]\s*(\d{4}|\d{2})$/;
// ISO-like year first: "2026-11", "2026/11". Four digits are needed, or "11/26" would be ambiguous.
const YEAR_MONTH = /^(\d{4})\s*[/\-.]\s*(\d{1,2})$/;
const MONTH_ONLY = /^(\d{1,2})$/;
// A name, optionally followed by a year: "nov", "nov 2026", "November, 2026", "nov-26", "nov2026", "sept. 2026".
const NAME_YEAR = /^(\p{L}+)\.?(?:[\s,/-]*(\d{4}|\d{2}))?$/u;

function fullYear(digits: string): number {
  // Two-digit years can only mean this century for a reporting app started in the 2020s.
  const n = Number(digits);
  return digits.length === 2 ? 2000 + n : n;
}

/** The latest occurrence of `month` that is not after `today`: reports look back, never ahead. */
function inferYear(month: number, today: YearMonth): number {
  return month <= today.month ? today.year : today.year - 1;
}

function valid(year: number, month: number): YearMonth | null {
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) return null;
  return { year, month };
}

function parts(text: string): { month: number; year: string | undefined } | null {
  let m = MONTH_YEAR.exec(text);
  if (m) return { month: Number(m[1]), year: m[2] };
  m = YEAR_MONTH.exec(text);
  if (m) return { month: Number(m[2]), year: m[1] };
  m = MONTH_ONLY.exec(text);
  if (m) return { month: Number(m[1]), year: undefined };
  m = NAME_YEAR.exec(text);
  const month = m ? MONTH_BY_NAME.get(m[1] ?? '') : undefined;
  if (m && month !== undefined) return { month, year: m[2] };
  return null;
}

function readParts(raw: string): { month: number; year: string | undefined } | null {
  // "bulan 11" / "bulan November" is how the question is often echoed back.
  const text = normalizeInput(raw)
    .toLowerCase()
    .replace(/^bulan\s+/, '')
    .replace(/[.!?]+$/, '');
  const found = parts(text);
  if (found === null || found.month < 1 || found.month > 12) return null;
  return found;
}

/** A month as typed, with the year inferred from `today` when omitted; null when unreadable or out of range. */
export function parseMonth(raw: string, today: YearMonth): YearMonth | null {
  const found = readParts(raw);
  if (found === null) return null;
  const year = found.year === undefined ? inferYear(found.month, today) : fullYear(found.year);
  return valid(year, found.month);
}

/**
 * A month as typed, without guessing an omitted year (`year` null): for picking from a list of months,
 * where "nov" means whichever November is offered.
 */
export function readMonth(raw: string): { month: number; year: number | null } | null {
  const found = readParts(raw);
  if (found === null) return null;
  if (found.year === undefined) return { month: found.month, year: null };
  const checked = valid(fullYear(found.year), found.month);
  return checked ? { month: checked.month, year: checked.year } : null;
}

/** True when the text is a bare number ("11"), which in a numbered list is an option number first. */
export function isBareNumber(raw: string): boolean {
  return MONTH_ONLY.test(normalizeInput(raw).replace(/[.!?]+$/, ''));
}

/** "November 2026": how months are shown back to users. */
export function formatMonth({ year, month }: YearMonth): string {
  const name = monthNamesId[month - 1];
  if (name === undefined) throw new RangeError(`month out of range: ${month}`);
  return `${name} ${year}`;
}
