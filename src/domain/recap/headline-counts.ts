// The counts the headline indicators are computed from (derive.ts: PA by method, PUS, IAT, TIAL), under any
// settings. They are also kept as integer columns of `recaps` beside the values' JSON, so a roll-up over a national
// table reads a small index instead of parsing a kilobyte of JSON per recap (docs/BENCHMARKS.md). This module is the
// one place they are derived from the values: every write of a recap's values stores what headlineCounts returns, so
// the columns cannot disagree with the JSON.
import { EXTRA_METHODS, METHODS, type RecapValues } from './fields.js';

/** Every method field (the optional MAL and "lain" too: which are counted is the settings' choice, made when summing). */
export const HEADLINE_FIELDS = ['pus', ...[...METHODS, ...EXTRA_METHODS].map(([id]) => `pa_${id}` as const), 'iat', 'tial'] as const;

export type HeadlineField = (typeof HEADLINE_FIELDS)[number];

/**
 * The headline counts of one recap's values: the number answered, or null when the field was not answered (a
 * non-number counts as unanswered, as aggregate-data.ts reads the JSON).
 */
export function headlineCounts(values: RecapValues | Readonly<Record<string, unknown>>): Record<HeadlineField, number | null> {
  return Object.fromEntries(
    HEADLINE_FIELDS.map((f) => {
      const x = values[f];
      return [f, typeof x === 'number' ? x : null];
    }),
  ) as Record<HeadlineField, number | null>;
}
