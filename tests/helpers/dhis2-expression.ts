// A small evaluator of the DHIS2 expressions IMP Smart writes (`#{uid}`, whole numbers, + − ×, parentheses), so
// tests can run the generated indicators and validation rules on recaps and compare them with the bot's own.
import type { Dhis2ValidationRule } from '../../src/reports/dhis2/format.js';

type Token = { kind: 'item'; uid: string } | { kind: 'number'; value: number } | { kind: 'op'; op: string };

function tokens(text: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:#\{([A-Za-z0-9]{11})\}|(\d+)|([-+*()]))/y;
  let at = 0;
  while (at < text.trimEnd().length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new Error(`cannot read "${text.slice(at)}" in ${text}`);
    at = re.lastIndex;
    if (m[1]) out.push({ kind: 'item', uid: m[1] });
    else if (m[2]) out.push({ kind: 'number', value: Number(m[2]) });
    else out.push({ kind: 'op', op: m[3]! });
  }
  return out;
}

/** The expression's value, or null when an item has no value (DHIS2's SKIP_IF_ANY_VALUE_MISSING). */
export function evaluate(text: string, value: (uid: string) => number | undefined): number | null {
  const list = tokens(text);
  let i = 0;
  let missing = false;
  const peek = () => list[i];
  const primary = (): number => {
    const t = list[i++];
    if (!t) throw new Error(`unexpected end of ${text}`);
    if (t.kind === 'number') return t.value;
    if (t.kind === 'item') {
      const x = value(t.uid);
      if (x === undefined) missing = true;
      return x ?? 0;
    }
    if (t.op === '(') {
      const x = sum();
      const close = list[i++];
      if (!close || close.kind !== 'op' || close.op !== ')') throw new Error(`missing ) in ${text}`);
      return x;
    }
    throw new Error(`unexpected ${t.op} in ${text}`);
  };
  const product = (): number => {
    let x = primary();
    for (let t = peek(); t?.kind === 'op' && t.op === '*'; t = peek()) {
      i++;
      x *= primary();
    }
    return x;
  };
  const sum = (): number => {
    let x = product();
    for (let t = peek(); t?.kind === 'op' && (t.op === '+' || t.op === '-'); t = peek()) {
      i++;
      x = t.op === '+' ? x + product() : x - product();
    }
    return x;
  };
  const result = sum();
  if (i !== list.length) throw new Error(`trailing input in ${text}`);
  return missing ? null : result;
}

/** Whether a rule is violated on these values; null when DHIS2 would skip it. */
export function violates(rule: Dhis2ValidationRule, value: (uid: string) => number | undefined): boolean | null {
  const left = evaluate(rule.leftSide.expression, value);
  const right = evaluate(rule.rightSide.expression, value);
  if (left === null || right === null) return null;
  switch (rule.operator) {
    case 'equal_to':
      return left !== right;
    case 'less_than_or_equal_to':
      return left > right;
    default:
      throw new Error(`operator ${rule.operator} not used by IMP Smart`);
  }
}
