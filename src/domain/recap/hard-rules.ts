// Hard rules of the monthly village recap (docs/domain.md §5.7): they block submission.
// See rules.ts for the principles every check follows.
import { activeMethodFields } from './derive.js';
import { activeFields, INSTITUTIONS, POKTAN, type RecapSettings, type RecapValues } from './fields.js';
import { TYPED_PA_TOTAL, activeSet, answered, label, methodName, mismatch, ordered, pairLabels, terms, total, type RuleViolation } from './rule-support.js';
// ---------------------------------------------------------------------------------------------------------------
// Hard rules

/**
 * `a ≤ factor × b`, evaluated only when both are answered. Used for the C6 nesting rules; the message names both
 * numbers and asks to check both, because either one may be the wrong one.
 */
function notMore(out: RuleViolation[], rule: string, v: RecapValues, a: string, b: string, factor = 1): void {
  const x = v[a];
  const y = v[b];
  if (x === undefined || y === undefined || x <= factor * y) return;
  const [la, lb] = pairLabels(label(a), label(b));
  const limit = factor === 1 ? `${lb} (${y})` : `${factor} × ${lb} (${factor} × ${y} = ${factor * y})`;
  out.push({ rule, fields: [a, b], message: `${la} (${x}) lebih besar dari ${limit}. Periksa lagi kedua angka ini.` });
}

/** BOUND: every active answered value is a whole number from 0 to the field's hard maximum. */
function checkBounds(out: RuleViolation[], v: RecapValues, settings: RecapSettings): void {
  for (const f of activeFields(settings)) {
    const x = v[f.id];
    if (x === undefined) continue;
    if (!Number.isInteger(x) || x < 0) {
      out.push({ rule: 'BOUND', fields: [f.id], message: `${f.label} harus bilangan bulat 0 atau lebih, tetapi tertulis ${x}. Periksa lagi angka ini.` });
    } else if (x > f.max) {
      out.push({ rule: 'BOUND', fields: [f.id], message: `${f.label} ${x} terlalu besar (paling banyak ${f.max}). Periksa lagi angka ini.` });
    }
  }
}

/** C1: a typed PA total must equal the sum of the method fields. */
function checkC1(out: RuleViolation[], v: RecapValues, methods: readonly string[]): void {
  const typed = v[TYPED_PA_TOTAL];
  const parts = answered(v, methods);
  if (typed === undefined || !parts) return;
  const sum = total(parts);
  if (typed === sum) return;
  out.push({
    rule: 'C1',
    fields: [TYPED_PA_TOTAL, ...methods],
    message: `Total peserta KB aktif ditulis ${typed}, tetapi jumlah per cara = ${sum} (${terms(v, methods, methodName)}). ${mismatch(typed - sum)}`,
  });
}

/** C2: PA by channel (government + private) must add up to PA, when the channel part is on and answered. */
function checkC2(out: RuleViolation[], v: RecapValues, settings: RecapSettings, methods: readonly string[]): void {
  if (!settings.parts.channel) return;
  const channel = answered(v, ['pa_pemerintah', 'pa_swasta']);
  const parts = answered(v, methods);
  if (!channel || !parts) return;
  const [gov, priv] = channel as [number, number];
  const pa = total(parts);
  if (gov + priv === pa) return;
  out.push({
    rule: 'C2',
    fields: ['pa_pemerintah', 'pa_swasta', ...methods],
    message:
      `Peserta KB aktif jalur pemerintah + swasta = ${gov + priv} (pemerintah ${gov} + swasta ${priv}), ` +
      `tetapi jumlah peserta KB aktif per cara = ${pa}. ${mismatch(gov + priv - pa)}`,
  });
}

/**
 * C3 / C3′: the PUS balance of the register. C3: PUS = PA + hamil + IAS + IAT + TIAL. C3′ (New SIGA summary):
 * PUS = PA + IAS + IAT + TIAL, and pregnant couples are classified inside IAS/IAT/TIAL, so hamil ≤ IAS + IAT + TIAL.
 */
function checkC3(out: RuleViolation[], v: RecapValues, settings: RecapSettings, methods: readonly string[]): void {
  const prime = settings.pusRule === 'C3_PRIME';
  const rule = prime ? 'C3_PRIME' : 'C3';
  const others = prime ? ['ias', 'iat', 'tial'] : ['hamil', 'ias', 'iat', 'tial'];
  const nonUserName = (id: string) => (id === 'hamil' ? 'hamil' : id.toUpperCase());
  const pus = v.pus;
  const parts = answered(v, methods);
  const rest = answered(v, others);
  if (pus !== undefined && parts && rest) {
    const pa = total(parts);
    const sum = pa + total(rest);
    if (sum !== pus) {
      const names = prime ? 'peserta KB + IAS + IAT + TIAL' : 'peserta KB + hamil + IAS + IAT + TIAL';
      out.push({
        rule,
        fields: ['pus', ...methods, ...others],
        message: `PUS ${pus}, tetapi ${names} = ${sum} (PA ${pa} + ${terms(v, others, nonUserName)}). ${mismatch(pus - sum)}`,
      });
    }
  }
  if (prime) {
    const hamil = v.hamil;
    const intent = answered(v, ['ias', 'iat', 'tial']);
    if (hamil !== undefined && intent && hamil > total(intent)) {
      out.push({
        rule,
        fields: ['hamil', 'ias', 'iat', 'tial'],
        message:
          `PUS hamil ${hamil} lebih besar dari IAS + IAT + TIAL = ${total(intent)} (${terms(v, ['ias', 'iat', 'tial'], nonUserName)}). ` +
          'Ibu hamil dihitung di dalam IAS, IAT atau TIAL menurut keinginannya, jadi jumlahnya tidak bisa lebih besar. Periksa lagi angka-angka ini.',
      });
    }
  }
}

/**
 * C5: no part of PUS is larger than PUS, and hamil fits in the non-users. Mostly implied by C3 once everything is
 * answered, but it can be judged earlier during entry. To avoid several messages for one typo, PA > PUS is only
 * reported when no single method already exceeds PUS, and hamil > PUS − PA only when PA and hamil each fit in PUS.
 * Under C3′ with IAS/IAT/TIAL answered, hamil ≤ PUS − PA says the same as C3′'s hamil ≤ IAS + IAT + TIAL, so it
 * is left to that rule.
 */
function checkC5(out: RuleViolation[], v: RecapValues, settings: RecapSettings, methods: readonly string[]): void {
  const pus = v.pus;
  if (pus === undefined) return;
  const components = [...methods, 'hamil', 'ias', 'iat', 'tial'];
  let someMethodTooBig = false;
  for (const id of components) {
    const x = v[id];
    if (x === undefined || x <= pus) continue;
    if (methods.includes(id)) someMethodTooBig = true;
    out.push({ rule: 'C5', fields: ['pus', id], message: `${label(id)} (${x}) lebih besar dari jumlah PUS (${pus}). Periksa lagi kedua angka ini.` });
  }
  const parts = answered(v, methods);
  if (!parts) return;
  const pa = total(parts);
  if (pa > pus) {
    if (!someMethodTooBig) {
      out.push({
        rule: 'C5',
        fields: ['pus', ...methods],
        message: `Jumlah peserta KB aktif ${pa} (${terms(v, methods, methodName)}) lebih besar dari jumlah PUS (${pus}). Periksa lagi angka-angka ini.`,
      });
    }
    return;
  }
  const hamil = v.hamil;
  if (settings.pusRule === 'C3_PRIME' && answered(v, ['ias', 'iat', 'tial'])) return;
  if (hamil !== undefined && hamil <= pus && hamil > pus - pa) {
    out.push({
      rule: 'C5',
      fields: ['pus', ...methods, 'hamil'],
      message: `PUS hamil (${hamil}) lebih besar dari PUS yang bukan peserta KB (PUS ${pus} − PA ${pa} = ${pus - pa}). Periksa lagi angka-angka ini.`,
    });
  }
}

/**
 * C6 as pairs `a ≤ factor × b`: reporting ≤ existing institutions (§5.2), and the poktan (§5.5) and UPPKA (§5.6)
 * nesting, in the order they are checked. The DHIS2 validation rules are made from this same list
 * (reports/dhis2/rules.ts), so the two cannot drift apart.
 */
export const C6_PAIRS: ReadonlyArray<readonly [a: string, b: string, factor: number]> = [
  ...INSTITUTIONS.map(([x]) => [`${x}_lapor`, `${x}_ada`, 1] as const),
  ...POKTAN.flatMap(([p]) => [
    [`${p}_keluarga_anggota`, `${p}_keluarga_sasaran`, 1] as const,
    [`${p}_anggota_hadir`, `${p}_keluarga_anggota`, 1] as const,
    // A member family holds at most two couples (docs/domain.md §5.5, A); more than one per family is only a soft warning (S8).
    [`${p}_pus_anggota`, `${p}_keluarga_anggota`, 2] as const,
    [`${p}_pus_anggota_kb`, `${p}_pus_anggota`, 1] as const,
    // "p_pertemuan 0–31" is the field's hard maximum (FieldDef.max = 31), reported once under BOUND, not again here.
  ]),
  ['uppka_anggota_kps_ks1', 'uppka_anggota', 1],
  ['uppka_pus', 'uppka_anggota', 1],
  ['uppka_pus_kb', 'uppka_pus', 1],
  ['uppka_pus_kps_ks1', 'uppka_pus', 1],
  ['uppka_pus_kps_ks1', 'uppka_anggota_kps_ks1', 1],
  ['uppka_pus_kps_ks1_kb', 'uppka_pus_kps_ks1', 1],
  ['uppka_kelompok_akses_modal', 'uppka_ada', 1],
];

function checkC6(out: RuleViolation[], v: RecapValues): void {
  for (const [a, b, factor] of C6_PAIRS) notMore(out, 'C6', v, a, b, factor);
}

/** C8: switching moves a couple from one method to another, so Σ "dari" = Σ "ke" (flows part). */
function checkC8(out: RuleViolation[], v: RecapValues, settings: RecapSettings): void {
  if (!settings.parts.flows) return;
  const methods = activeMethodFields(settings).map((f) => f.slice(3));
  const dari = methods.map((m) => `gc_dari_${m}`);
  const ke = methods.map((m) => `gc_ke_${m}`);
  const from = answered(v, dari);
  const to = answered(v, ke);
  if (!from || !to || total(from) === total(to)) return;
  // Only the non-zero methods are listed: nine zeros would hide the numbers that matter.
  const list = (ids: string[]) => {
    const nonZero = ids.filter((id) => (v[id] ?? 0) !== 0);
    return nonZero.length ? terms(v, nonZero, methodName) : 'semua 0';
  };
  out.push({
    rule: 'C8',
    fields: [...dari, ...ke],
    message:
      `Ganti cara DARI berjumlah ${total(from)} (${list(dari)}), tetapi ganti cara KE berjumlah ${total(to)} (${list(ke)}). ` +
      `Setiap orang yang ganti cara pindah dari satu cara ke cara lain, jadi kedua jumlah harus sama. ${mismatch(total(from) - total(to))}`,
  });
}

/**
 * Hard rules (block submission): BOUND (0 ≤ value ≤ FieldDef.max, whole numbers), C1, C2, C3 or C3′ per settings,
 * C5, C6, C8. C4 is structural (see the header), C7 needs the dusun parts and lives in `checkDusunSum`.
 */
export function checkHard(v: RecapValues, settings: RecapSettings): RuleViolation[] {
  const out: RuleViolation[] = [];
  const methods = activeMethodFields(settings);
  // Values of switched-off parts are dropped up front so no rule can see them.
  const active = activeSet(settings);
  const scoped: Record<string, number> = {};
  for (const [id, x] of Object.entries(v)) if (active.has(id) || id === TYPED_PA_TOTAL) scoped[id] = x;
  checkBounds(out, scoped, settings);
  checkC1(out, scoped, methods);
  checkC2(out, scoped, settings, methods);
  checkC3(out, scoped, settings, methods);
  checkC5(out, scoped, settings, methods);
  checkC6(out, scoped);
  checkC8(out, scoped, settings);
  return ordered(out);
}

/**
 * C7: when dusun entry is used, the desa record equals the sum of its dusun records, field by field. Checked for
 * each of `fieldIds` (normally the Section III fields) that the desa record answers and every part answers; a
 * field some dusun has not answered yet cannot be judged. With no parts, dusun entry is not in use: nothing to check.
 */
export function checkDusunSum(desa: RecapValues, parts: readonly { name: string; values: RecapValues }[], fieldIds: readonly string[]): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (parts.length === 0) return out;
  for (const id of fieldIds) {
    const d = desa[id];
    if (d === undefined) continue;
    const values = parts.map((p) => p.values[id]);
    if (values.some((x) => x === undefined)) continue;
    const sum = total(values as number[]);
    if (sum === d) continue;
    const list = parts.map((p, i) => `${p.name} ${values[i]}`).join(' + ');
    out.push({
      rule: 'C7',
      fields: [id],
      message: `${label(id)}: angka desa ${d}, tetapi jumlah dari dusun = ${sum} (${list}). ${mismatch(d - sum)}`,
    });
  }
  return ordered(out);
}
