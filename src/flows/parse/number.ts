// Counts typed by village cadres. Indonesian writes thousands with a dot ("1.250") and decimals with
// a comma, but phones and habits vary, so grouping by dot, comma or space is accepted — only when every
// group is exactly three digits, which is what keeps "1,5" or "2.5" (decimals) from becoming counts.
// Counts are whole and never negative: a decimal ("6,5") or a minus sign ("-480") is read as such and
// refused with its own reason, never truncated.
import { normalizeInput } from './text.js';

// Unit words cadres often append ("12 orang", "3 pasang", "40 PUS" = pasangan usia subur).
const UNIT = /\s*(?:orang|org|pasang|pus)\.?$/i;

const PLAIN = /^\d+$/;
// One separator kind per number: "1.250,000" mixes dot and comma and is rejected as unreadable.
const GROUPED = /^\d{1,3}(?:\.\d{3})+$|^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?: \d{3})+$/;
// What a decimal looks like: "6,5", "2.5", "1.250,5" (Indonesian grouping with a decimal comma).
const DECIMAL = /^\d+[.,]\d+$|^\d{1,3}(?:\.\d{3})+,\d+$/;
// A minus (hyphen, en dash or the real sign) in front of a number.
const NEGATIVE = /^[-−–]\s*\d/;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** How a typed count was read: a count, a number that is not a count (decimal or negative), or not a number. */
export type CountReading = { kind: 'count'; value: number } | { kind: 'not_whole' } | { kind: 'not_number' };

/** Digits (already free of grouping) as a safe integer; BigInt so huge inputs cannot round into range. */
function toSafeInteger(digits: string): number | null {
  const big = BigInt(digits);
  return big > MAX ? null : Number(big);
}

/** A single number without unit: plain digits or consistently grouped thousands. */
function readBare(text: string): CountReading {
  // A trailing full stop is how many people end any message; it carries no decimal meaning on its own.
  const body = text.replace(/\.$/, '');
  if (PLAIN.test(body) || GROUPED.test(body)) {
    const value = toSafeInteger(body.replace(/[., ]/g, ''));
    return value === null ? { kind: 'not_number' } : { kind: 'count', value };
  }
  if (NEGATIVE.test(body)) return { kind: 'not_whole' };
  if (DECIMAL.test(body)) return { kind: 'not_whole' };
  return { kind: 'not_number' };
}

/**
 * One count: "1250", "1.250", "1 250", "1,250", optionally followed by a unit word (orang/org/pasang/pus).
 * "6,5", "2.5" and "-480" are `not_whole`; anything else that is not a count is `not_number`.
 */
export function readCount(raw: string): CountReading {
  const text = normalizeInput(raw).replace(UNIT, '');
  return text === '' ? { kind: 'not_number' } : readBare(text);
}

/** A non-negative integer count, or null for anything else (decimals, negatives, words). */
export function parseCount(raw: string): number | null {
  const reading = readCount(raw);
  return reading.kind === 'count' ? reading.value : null;
}

// In a list a space is always a separator (so "1 250" is two counts); commas too, because "20,5,1"
// is far more likely a list than a grouped number. A comma or dot between groups of three digits
// ("1,250", "1.250") may be either a thousands separator or a list separator: see NumberList.
// A comma between two digits stays in its piece ("20,5,1", "1,250"); any other comma separates.
const LIST_SEPARATOR = /(?:\s|[;/]|,(?!\d)|(?<!\d),)+|\bdan\b/i;
const UNIT_WORD = /^(?:orang|org|pasang|pus)\.?$/i;
// "1,250" or "1.250": one count of thousands, or two counts. One separator kind per token.
const GROUPED_OR_LIST = /^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?:\.\d{3})+$/;

/**
 * Several counts in one reply. Usually one reading (`values`); when a token such as "1,250" or "1.250"
 * could be one count or two, both readings are given: `grouped` (every such token one count) and `split`
 * (every such token several counts), with the first such token, so the caller can decide by how many
 * numbers it expects, and ask when that does not settle it.
 */
export type NumberList =
  /**
   * `asDecimals`: how many numbers there would be if a piece like "6,5" were one decimal number rather than two
   * counts, so a caller expecting that many can say "whole numbers only" instead of "wrong count".
   */
  | { kind: 'list'; values: number[]; asDecimals?: number }
  | { kind: 'two_readings'; grouped: number[]; split: number[]; token: string }
  | { kind: 'not_whole' }
  | { kind: 'not_number' };

type Piece = { grouped: number[]; split: number[]; token?: string; decimal?: boolean } | 'not_whole' | 'not_number';

/** One space-separated piece of a list: a count, a comma list ("20,5,1"), or a grouped-or-list token. */
function readPiece(piece: string): Piece {
  const body = piece.replace(UNIT, '').replace(/\.$/, '');
  if (body === '') return 'not_number';
  if (NEGATIVE.test(body)) return 'not_whole';
  if (PLAIN.test(body)) {
    const value = toSafeInteger(body);
    return value === null ? 'not_number' : { grouped: [value], split: [value] };
  }
  if (GROUPED_OR_LIST.test(body)) {
    const whole = toSafeInteger(body.replace(/[.,]/g, ''));
    const parts = body.split(/[.,]/).map((p) => toSafeInteger(p));
    if (whole === null || parts.some((p) => p === null)) return 'not_number';
    return { grouped: [whole], split: parts as number[], token: body };
  }
  if (body.includes(',')) {
    // "20,5,1" (a list) or "1.250,3" (a grouped count, then another).
    const values: number[] = [];
    for (const part of body.split(',').filter((p) => p !== '')) {
      const reading = readBare(part);
      if (reading.kind !== 'count') return reading.kind;
      values.push(reading.value);
    }
    if (values.length === 0) return 'not_number';
    return /^\d+,\d+$/.test(body) ? { grouped: values, split: values, decimal: true } : { grouped: values, split: values };
  }
  const reading = readBare(body);
  return reading.kind === 'count' ? { grouped: [reading.value], split: [reading.value] } : reading.kind;
}

/**
 * Several counts in one reply, e.g. "20 5 1 30" or "20, 5 dan 1". A unit word may follow a count.
 * A decimal or negative anywhere makes the whole reply `not_whole`; anything unreadable `not_number`.
 */
export function readNumberList(raw: string): NumberList {
  const pieces = normalizeInput(raw)
    .split(LIST_SEPARATOR)
    .filter((p) => p !== '');
  const grouped: number[] = [];
  const split: number[] = [];
  let token: string | undefined;
  let decimals = 0;
  let previousWasNumber = false;
  let notWhole = false;
  for (const piece of pieces) {
    if (UNIT_WORD.test(piece) && previousWasNumber) {
      previousWasNumber = false;
      continue;
    }
    const read = readPiece(piece);
    if (read === 'not_number') return { kind: 'not_number' };
    if (read === 'not_whole') {
      notWhole = true;
      previousWasNumber = true;
      continue;
    }
    grouped.push(...read.grouped);
    split.push(...read.split);
    token ??= read.token;
    if (read.decimal) decimals += read.grouped.length - 1;
    previousWasNumber = true;
  }
  if (notWhole) return { kind: 'not_whole' };
  if (grouped.length === 0) return { kind: 'not_number' };
  if (token !== undefined) return { kind: 'two_readings', grouped, split, token };
  return decimals > 0 ? { kind: 'list', values: grouped, asDecimals: grouped.length - decimals } : { kind: 'list', values: grouped };
}

/**
 * Several counts when only one reading is wanted: "1,250" and "1.250" are read as one count each (the
 * thousands reading), as a single count would be. Returns null if any piece is not a count.
 */
export function parseNumberList(raw: string): number[] | null {
  const list = readNumberList(raw);
  if (list.kind === 'list') return list.values;
  if (list.kind === 'two_readings') return list.grouped;
  return null;
}
