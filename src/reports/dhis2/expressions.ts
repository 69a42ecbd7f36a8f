// DHIS2 expressions over our fields: `#{uid}` is the value of a data element (all its category option combos, here
// only the default one). We only ever need sums, one difference and a whole-number factor.

/** `factor × (Σ plus − Σ minus)` over field ids. */
export interface Side {
  plus: readonly string[];
  minus?: readonly string[];
  factor?: number;
}

export const side = (plus: readonly string[], more: Omit<Side, 'plus'> = {}): Side => ({ plus, ...more });

/** The expression of a side, each field written as `#{uid}` of `ref(fieldId)`. */
export function expression(s: Side, ref: (fieldId: string) => string): string {
  const sum = (ids: readonly string[]) => ids.map((id) => `#{${ref(id)}}`).join(' + ');
  const group = (ids: readonly string[]) => (ids.length > 1 ? `(${sum(ids)})` : sum(ids));
  let text = s.minus && s.minus.length > 0 ? `${sum(s.plus)} - ${group(s.minus)}` : sum(s.plus);
  if (s.factor !== undefined && s.factor !== 1) text = `${s.factor} * ${s.plus.length > 1 || s.minus?.length ? `(${text})` : text}`;
  return text;
}

/** The UIDs an expression refers to, in order of appearance. */
export function expressionUids(text: string): string[] {
  return [...text.matchAll(/#\{([^}]*)\}/g)].map((m) => m[1]!);
}

/** Whether the expression uses only what we write: `#{…}` items, whole numbers, + − ×, parentheses and spaces. */
export function isPlainExpression(text: string): boolean {
  return /^[\s\d+\-*()]*$/.test(text.replace(/#\{[A-Za-z0-9]{11}\}/g, '0'));
}
