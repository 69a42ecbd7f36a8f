// The hard rules of the recap (docs/domain.md §5.7, domain/recap/hard-rules.ts) as DHIS2 validation rules, so a
// DHIS2 validation run flags the same desa-months the bot would have refused. Each side skips when any of its
// values is missing (SKIP_IF_ANY_VALUE_MISSING): our rules also judge only what is answered. Importance HIGH: in the
// bot these block submission. Sums of satisfied desa satisfy them again, so they hold at every level of the tree.
//
// Left out, because DHIS2's expression language has nothing to write them over (RULES_LEFT_OUT, also in the
// command's report): C1, C4, C7. The BOUND maxima are not C-rules; the value type already refuses negative and
// fractional values.
import { activeMethodFields } from '../../domain/recap/derive.js';
import { C6_PAIRS } from '../../domain/recap/hard-rules.js';
import { INSTITUTIONS, type RecapSettings } from '../../domain/recap/fields.js';
import { label, methodName, pairLabels } from '../../domain/recap/rule-support.js';
import { RULE_GROUP_CODE, RULE_GROUP_NAME } from './codes.js';
import { expression, side, type Side } from './expressions.js';
import type { Dhis2ValidationRule, Dhis2ValidationRuleGroup } from './format.js';
import { dhis2Uid } from './uid.js';

export interface RuleDef {
  /** The hard rule it mirrors: C2, C3, C3_PRIME, C5, C6, C8. */
  rule: string;
  code: string;
  name: string;
  instruction: string;
  left: Side;
  operator: 'equal_to' | 'less_than_or_equal_to';
  right: Side;
  leftDescription: string;
  rightDescription: string;
}

export const RULES_LEFT_OUT: ReadonlyArray<{ rule: string; why: string }> = [
  {
    rule: 'C1',
    why: 'compares a PA total the cadre typed with the sum of the methods; the typed total is never stored (in IMP Smart or in DHIS2), PA is always that sum, so there is nothing to compare',
  },
  {
    rule: 'C4',
    why: 'unmet need = IAT + TIAL is never an input; in DHIS2 it is the indicator "F/I/Dal Unmet need"',
  },
  {
    rule: 'C7',
    why: 'desa = Σ dusun parts: only the desa recap goes to DHIS2, its dusun parts do not (and kecamatan = Σ desa is what DHIS2 aggregation does by itself)',
  },
];

const le = 'less_than_or_equal_to' as const;
const eq = 'equal_to' as const;
const PREFIX = 'F/I/Dal ';

/** The rules in force under these settings (the optional parts and the PUS rule decide C2, C3/C3′ and C8). */
export function ruleDefs(settings: RecapSettings): RuleDef[] {
  const methods = activeMethodFields(settings);
  const paText = 'peserta KB aktif (jumlah semua cara)';
  const out: RuleDef[] = [];

  if (settings.parts.channel) {
    out.push({
      rule: 'C2',
      code: 'IMP_C2',
      name: `${PREFIX}C2: PA jalur pemerintah + swasta = ${paText}`,
      instruction: 'Peserta KB aktif jalur pemerintah + swasta harus sama dengan jumlah peserta KB aktif per cara. Periksa lagi angka-angka ini.',
      left: side(['pa_pemerintah', 'pa_swasta']),
      operator: eq,
      right: side(methods),
      leftDescription: 'Peserta KB aktif jalur pemerintah + swasta',
      rightDescription: `Jumlah ${paText}`,
    });
  }

  const prime = settings.pusRule === 'C3_PRIME';
  const others = prime ? ['ias', 'iat', 'tial'] : ['hamil', 'ias', 'iat', 'tial'];
  const othersText = prime ? 'IAS + IAT + TIAL' : 'hamil + IAS + IAT + TIAL';
  out.push({
    rule: prime ? 'C3_PRIME' : 'C3',
    code: prime ? 'IMP_C3_PRIME' : 'IMP_C3',
    name: `${PREFIX}${prime ? 'C3′' : 'C3'}: PUS = peserta KB + ${othersText}`,
    instruction: `Jumlah PUS harus sama dengan peserta KB aktif + ${othersText} (keseimbangan register PUS). Periksa lagi angka-angka ini.`,
    left: side(['pus']),
    operator: eq,
    right: side([...methods, ...others]),
    leftDescription: 'Jumlah PUS',
    rightDescription: `Peserta KB aktif + ${othersText}`,
  });
  if (prime) {
    out.push({
      rule: 'C3_PRIME',
      code: 'IMP_C3_PRIME_hamil',
      name: `${PREFIX}C3′: PUS hamil ≤ IAS + IAT + TIAL`,
      instruction: 'Ibu hamil dihitung di dalam IAS, IAT atau TIAL menurut keinginannya, jadi jumlahnya tidak bisa lebih besar. Periksa lagi angka-angka ini.',
      left: side(['hamil']),
      operator: le,
      right: side(['ias', 'iat', 'tial']),
      leftDescription: 'PUS hamil',
      rightDescription: 'IAS + IAT + TIAL',
    });
  }

  // C5: no part of PUS is larger than PUS.
  for (const id of [...methods, 'hamil', 'ias', 'iat', 'tial']) {
    out.push({
      rule: 'C5',
      code: `IMP_C5_${id}_LE_pus`,
      name: `${PREFIX}C5: ${label(id)} ≤ Jumlah PUS`,
      instruction: `${label(id)} tidak boleh lebih besar dari jumlah PUS. Periksa lagi kedua angka ini.`,
      left: side([id]),
      operator: le,
      right: side(['pus']),
      leftDescription: label(id),
      rightDescription: 'Jumlah PUS',
    });
  }
  out.push({
    rule: 'C5',
    code: 'IMP_C5_PA_LE_pus',
    name: `${PREFIX}C5: Peserta KB aktif (jumlah semua cara) ≤ Jumlah PUS`,
    instruction: `Jumlah peserta KB aktif (${methods.map(methodName).join(' + ')}) tidak boleh lebih besar dari jumlah PUS. Periksa lagi angka-angka ini.`,
    left: side(methods),
    operator: le,
    right: side(['pus']),
    leftDescription: `Jumlah ${paText}`,
    rightDescription: 'Jumlah PUS',
  });
  // Under C3′ this is what C3′'s "hamil ≤ IAS + IAT + TIAL" says once IAS/IAT/TIAL are answered (hard-rules.ts
  // leaves it to that rule then), and a stored recap answers them all.
  if (!prime) {
    out.push({
      rule: 'C5',
      code: 'IMP_C5_hamil_LE_pus_minus_PA',
      name: `${PREFIX}C5: PUS hamil ≤ PUS − peserta KB aktif`,
      instruction: 'PUS hamil tidak boleh lebih besar dari PUS yang bukan peserta KB (PUS − peserta KB aktif). Periksa lagi angka-angka ini.',
      left: side(['hamil']),
      operator: le,
      right: side(['pus'], { minus: methods }),
      leftDescription: 'PUS hamil',
      rightDescription: 'PUS − peserta KB aktif',
    });
  }

  for (const [a, b, factor] of C6_PAIRS) {
    const [la, lb] = pairLabels(label(a), label(b));
    const limit = factor === 1 ? lb : `${factor} × ${lb}`;
    out.push({
      rule: 'C6',
      code: `IMP_C6_${a}_LE_${afterSharedPrefix(a, b)}`,
      name: `${PREFIX}C6: ${la} ≤ ${limit}`,
      instruction: `${la} tidak boleh lebih besar dari ${limit}. Periksa lagi kedua angka ini.`,
      left: side([a]),
      operator: le,
      right: side([b], { factor }),
      leftDescription: label(a),
      rightDescription: factor === 1 ? label(b) : `${factor} × ${label(b)}`,
    });
  }

  if (settings.parts.flows) {
    const switchMethods = methods.map((m) => m.slice(3));
    out.push({
      rule: 'C8',
      code: 'IMP_C8',
      name: `${PREFIX}C8: ganti cara DARI = ganti cara KE`,
      instruction: 'Setiap orang yang ganti cara pindah dari satu cara ke cara lain, jadi jumlah ganti cara DARI dan KE harus sama. Periksa lagi angka-angka ini.',
      left: side(switchMethods.map((m) => `gc_dari_${m}`)),
      operator: eq,
      right: side(switchMethods.map((m) => `gc_ke_${m}`)),
      leftDescription: 'Jumlah ganti cara DARI',
      rightDescription: 'Jumlah ganti cara KE',
    });
  }
  return out;
}

/**
 * `b` without the institution or poktan name it shares with `a` ("bkb_keluarga_sasaran" next to
 * "bkb_keluarga_anggota" → "keluarga_sasaran"): rule codes name both fields and must fit DHIS2's 50 characters.
 */
function afterSharedPrefix(a: string, b: string): string {
  const shared = INSTITUTIONS.map(([x]) => `${x}_`)
    .filter((p) => a.startsWith(p) && b.startsWith(p))
    .sort((x, y) => y.length - x.length)[0];
  return shared ? b.slice(shared.length) : b;
}

export function validationRules(settings: RecapSettings, ref: (fieldId: string) => string): Dhis2ValidationRule[] {
  return ruleDefs(settings).map((r) => ({
    id: dhis2Uid('validationRule', r.code),
    code: r.code,
    name: r.name,
    description: `Aturan keras ${r.rule.replace('_PRIME', '′')} laporan F/I/Dal (IMP Smart menolak laporan yang melanggarnya).`,
    instruction: r.instruction,
    importance: 'HIGH',
    operator: r.operator,
    periodType: 'Monthly',
    leftSide: { expression: expression(r.left, ref), description: r.leftDescription, missingValueStrategy: 'SKIP_IF_ANY_VALUE_MISSING' },
    rightSide: { expression: expression(r.right, ref), description: r.rightDescription, missingValueStrategy: 'SKIP_IF_ANY_VALUE_MISSING' },
  }));
}

export function ruleGroup(rules: readonly Dhis2ValidationRule[]): Dhis2ValidationRuleGroup {
  return { id: dhis2Uid('validationRuleGroup', RULE_GROUP_CODE), code: RULE_GROUP_CODE, name: RULE_GROUP_NAME, validationRules: rules.map((r) => ({ id: r.id })) };
}
