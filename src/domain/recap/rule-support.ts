// Shared pieces of the recap rules: the violation type, field names for messages, ordering, small arithmetic.
import { formatPct } from './derive.js';
import { activeFields, EXTRA_METHODS, FIELD_BY_ID, METHODS, RECAP_FIELDS, type RecapSettings, type RecapValues } from './fields.js';
export interface RuleViolation {
  /** Rule id: BOUND, C1…C8 (C3_PRIME for the C3′ variant) for hard rules; W1…W10 and S1…S8 for soft rules. */
  rule: string;
  /** The fields involved, so a caller can point at the lines to fix. `pa_total` (typed total, C1) is not a catalogue field. */
  fields: string[];
  message: string;
}

/** Id under which fast entry may pass a typed PA total; checked against the method sum by C1, never stored as truth. */
export const TYPED_PA_TOTAL = 'pa_total';

// ---------------------------------------------------------------------------------------------------------------
// Helpers

export const FIELD_INDEX: ReadonlyMap<string, number> = new Map(RECAP_FIELDS.map((f, i) => [f.id, i]));
export const METHOD_NAME: ReadonlyMap<string, string> = new Map([...METHODS, ...EXTRA_METHODS].map(([id, name]) => [id, name]));

export function label(id: string): string {
  return FIELD_BY_ID.get(id)?.label ?? id;
}

/** Short method name for a `pa_`/`pb_`/`do_`/`gc_dari_`/`gc_ke_` field id ("pa_iud" → "IUD"). */
export function methodName(id: string): string {
  const method = id.replace(/^(pa|pb|do|gc_dari|gc_ke)_/, '');
  return METHOD_NAME.get(method) ?? method;
}

/** The values of `ids` when every one is answered, else null (the rule cannot be judged yet). */
export function answered(v: RecapValues, ids: readonly string[]): number[] | null {
  const out: number[] = [];
  for (const id of ids) {
    const x = v[id];
    if (x === undefined) return null;
    out.push(x);
  }
  return out;
}

export function total(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** "IUD 20 + MOW 5 + …": the parts of a sum, so the cadre can compare them with her register. */
export function terms(v: RecapValues, ids: readonly string[], name: (id: string) => string): string {
  return ids.map((id) => `${name(id)} ${v[id] ?? 0}`).join(' + ');
}

/** Integer with sign for changes ("+70", "−4"); a real minus sign reads better than a hyphen on a phone. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

/** Signed percentage with Indonesian decimal comma ("+15,6%"). */
export function signedPct(x: number): string {
  const body = formatPct(Math.abs(x));
  return x > 0 ? `+${body}` : x < 0 ? `−${body}` : body;
}

/** "BKB: keluarga anggota" vs "BKB: keluarga sasaran" → say "BKB: " once. */
export function pairLabels(a: string, b: string): [string, string] {
  const prefix = /^[^:]+: /.exec(a)?.[0];
  if (prefix && b.startsWith(prefix)) return [a, b.slice(prefix.length)];
  return [a, b];
}

export function ruleKey(rule: string): [string, number, string] {
  const m = /^([A-Z]+)(\d*)(.*)$/.exec(rule);
  if (!m) return [rule, -1, ''];
  return [m[1]!, m[2] ? Number(m[2]) : -1, m[3]!];
}

export function compareRules(a: string, b: string): number {
  const [la, na, ra] = ruleKey(a);
  const [lb, nb, rb] = ruleKey(b);
  if (la !== lb) return la < lb ? -1 : 1;
  if (na !== nb) return na - nb;
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

export function firstFieldIndex(fields: readonly string[]): number {
  let best = Number.MAX_SAFE_INTEGER;
  for (const f of fields) best = Math.min(best, FIELD_INDEX.get(f) ?? Number.MAX_SAFE_INTEGER);
  return best;
}

/** Stable sort (Array.prototype.sort is stable): rule id, then catalogue order; ties keep emission order. */
export function ordered(list: RuleViolation[]): RuleViolation[] {
  return list.sort((a, b) => compareRules(a.rule, b.rule) || firstFieldIndex(a.fields) - firstFieldIndex(b.fields));
}

/** Active field ids under the settings, as a set for quick membership tests. */
export function activeSet(settings: RecapSettings): Set<string> {
  return new Set(activeFields(settings).map((f) => f.id));
}

export const mismatch = (diff: number) => `Periksa lagi angka-angka ini; selisihnya ${Math.abs(diff)}.`;
