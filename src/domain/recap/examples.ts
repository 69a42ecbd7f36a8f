// The example numbers shown in the recap's questions are there to show the format, not to be sent. They are
// chosen so that together they break the PUS balance (C3 and C3′), and a recap that repeats them line after line
// is refused with a plain message instead of a rule a cadre would not connect with copying.
import type { FieldGroup, RecapValues } from './fields.js';

/** The example of a group as numbers, in field order. */
export function exampleNumbers(group: FieldGroup): number[] {
  return group.example.split(/\s+/).map(Number);
}

/** True when every field of the group is answered with exactly its example number. */
export function equalsExample(group: FieldGroup, values: RecapValues): boolean {
  const example = exampleNumbers(group);
  return group.fields.every((f, i) => values[f] === example[i]);
}

/**
 * The lines (1-based, in `groups` order) answered exactly as their examples, when they are at least half of the
 * lines and at least two: one line can equal its example by chance (a desa with 1 PPKBD and 5 Sub-PPKBD), half
 * of a recap cannot. Null when the recap does not look copied.
 */
export function copiedExampleLines(values: RecapValues, groups: readonly FieldGroup[]): number[] | null {
  const lines = groups.flatMap((g, i) => (equalsExample(g, values) ? [i + 1] : []));
  return lines.length >= 2 && lines.length * 2 >= groups.length ? lines : null;
}
