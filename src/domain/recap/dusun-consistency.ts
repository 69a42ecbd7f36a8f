// Does a desa recap still agree with its dusun parts? A Sub-PPKBD may send a new version of their part after the
// PPKBD sent the desa recap built from it; the two then disagree, and the PKB must not verify the desa figure until
// the PPKBD corrects it or the parts match again. Pure.
import { total } from './rule-support.js';
import type { RecapValues } from './fields.js';

export interface DusunPartState {
  name: string;
  /** The part's values now. */
  current: RecapValues;
  /** The part's values when the desa's current version was sent; null when the part came in after it. */
  atDesaSubmission: RecapValues | null;
}

export interface FieldChange {
  field: string;
  before: number | null;
  after: number | null;
}

export interface DusunMismatch {
  /** Parts that changed after the desa recap was sent, with what changed (empty `changes`: the part came in later). */
  changed: { name: string; changes: FieldChange[] }[];
  /** When every dusun has reported: desa figures that differ from the sum of the parts. */
  differences: { field: string; desa: number; sum: number }[];
}

function changesOf(before: RecapValues, after: RecapValues, fields: readonly string[]): FieldChange[] {
  return fields.filter((f) => before[f] !== after[f]).map((f) => ({ field: f, before: before[f] ?? null, after: after[f] ?? null }));
}

/**
 * Null when the desa recap and its parts agree. They disagree when a part changed after the desa recap was sent and
 * either (every dusun has reported) the desa figures are no longer the sum of the parts, or (some dusun still
 * missing, so no sum can be checked) a part the desa figures were built on now says something else. A part that
 * first arrived after the desa recap is judged only by the sum, once every dusun is in.
 */
export function dusunMismatch(
  desa: RecapValues,
  parts: readonly DusunPartState[],
  complete: boolean,
  fields: readonly string[],
): DusunMismatch | null {
  const changed = parts
    .filter((p) => p.atDesaSubmission === null || changesOf(p.atDesaSubmission, p.current, fields).length > 0)
    .map((p) => ({ name: p.name, changes: p.atDesaSubmission === null ? [] : changesOf(p.atDesaSubmission, p.current, fields) }));
  if (changed.length === 0) return null;
  if (complete) {
    const differences: DusunMismatch['differences'] = [];
    for (const field of fields) {
      const d = desa[field];
      const values = parts.map((p) => p.current[field]);
      if (d === undefined || values.some((v) => v === undefined)) continue;
      const sum = total(values as number[]);
      if (sum !== d) differences.push({ field, desa: d, sum });
    }
    return differences.length > 0 ? { changed, differences } : null;
  }
  const edited = changed.filter((c) => c.changes.length > 0);
  return edited.length > 0 ? { changed: edited, differences: [] } : null;
}

/**
 * Every dusun has reported when no registered Sub-PPKBD's dusun is still without a part and there are at least as
 * many parts as the desa recap says Sub-PPKBD exist (a dusun nobody is registered for still counts there).
 */
export function allDusunIn(unreportedUnits: number, parts: number, desa: RecapValues): boolean {
  return unreportedUnits === 0 && parts >= (desa.sub_ppkbd_ada ?? 0);
}
