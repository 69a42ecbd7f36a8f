// Counts typed by village cadres. Indonesian writes thousands with a dot ("1.250") and decimals with
// a comma, but phones and habits vary, so grouping by dot, comma or space is accepted — only when every
// group is exactly three digits, which is what keeps "1,5" or "2.5" (decimals) from becoming counts.
import { normalizeInput } from './text.js';

// Unit words cadres often append ("12 orang", "3 pasang", "40 PUS" = pasangan usia subur).
const UNIT = /\s*(?:orang|org|pasang|pus)\.?$/i;

const PLAIN = /^\d+$/;
// One separator kind per number: "1.250,000" mixes dot and comma and is rejected as unreadable.
const GROUPED = /^\d{1,3}(?:\.\d{3})+$|^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?: \d{3})+$/;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Digits (already free of grouping) as a safe integer; BigInt so huge inputs cannot round into range. */
function toSafeInteger(digits: string): number | null {
  const big = BigInt(digits);
  return big > MAX ? null : Number(big);
}

/** A single number without unit: plain digits or consistently grouped thousands. */
function parseBareCount(text: string): number | null {
  // A trailing full stop is how many people end any message; it carries no decimal meaning on its own.
  const body = text.replace(/\.$/, '');
  if (PLAIN.test(body) || GROUPED.test(body)) return toSafeInteger(body.replace(/[., ]/g, ''));
  return null;
}

/**
 * A non-negative integer count: "1250", "1.250", "1 250", "1,250", optionally followed by a unit word
 * (orang/org/pasang/pus). Returns null for anything else, including negatives and decimals.
 */
export function parseCount(raw: string): number | null {
  const text = normalizeInput(raw).replace(UNIT, '');
  return text === '' ? null : parseBareCount(text);
}

// In a list a space is always a separator (so "1 250" is two counts); commas too, because "20,5,1"
// is far more likely a list than a grouped number. Only the dot still groups thousands.
const LIST_SEPARATOR = /(?:\s|[,;/])+|\bdan\b/i;
const UNIT_WORD = /^(?:orang|org|pasang|pus)\.?$/i;

/**
 * Several counts in one reply, e.g. "20 5 1 30" or "20, 5 dan 1". A unit word may follow a count.
 * Returns null if any piece is not a count or nothing was given.
 */
export function parseNumberList(raw: string): number[] | null {
  const pieces = normalizeInput(raw)
    .split(LIST_SEPARATOR)
    .filter((p) => p !== '');
  const values: number[] = [];
  let previousWasNumber = false;
  for (const piece of pieces) {
    if (UNIT_WORD.test(piece) && previousWasNumber) {
      previousWasNumber = false;
      continue;
    }
    const value = parseBareCount(piece.replace(UNIT, ''));
    if (value === null) return null;
    values.push(value);
    previousWasNumber = true;
  }
  return values.length > 0 ? values : null;
}
