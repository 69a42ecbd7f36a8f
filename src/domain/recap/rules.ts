// Consistency rules of the monthly village recap (domain.md §5.7, with the nesting of §5.2–§5.6).
//
// Hard rules block submission; soft rules ask the cadre to confirm. Every message names the numbers that disagree
// and what to look at again, in plain Bahasa Indonesia. No function here ever proposes or computes a "corrected"
// number: the anti-pattern in §5.7 (inventing drop-outs, pushing the rest into IAT so PUS balances) is exactly
// what the bot must not do. The cadre fixes her own numbers, or confirms them and the warning is stored.
//
// Principles shared by all checks:
// * A rule is only evaluated once every field it needs is answered (absent = unanswered), so a partial recap
//   during entry is only blocked by what it can already be judged on.
// * Only fields active under the settings are looked at. A field of a switched-off part cannot be asked or fixed
//   in the flow (UBAH shows active groups only), so a stale value there must not block anything.
// * Output is deterministic: violations are sorted by rule id (letters, then number, then suffix: BOUND, C1, C2,
//   C3, C3_PRIME, C5, …, S1, …, W1, W2, …, W10), then by the catalogue position of their first field.
//
// C4 (unmet need = IAT + TIAL) is structural rather than checked: unmet need is never an input. derive.ts computes
// it, nothing in this module accepts it, and a stray `unmet_need` or `bukan_peserta` key in the values is ignored.
import { activeMethodFields, formatPct, indicators, percent } from './derive.js';
import {
  activeFields,
  EXTRA_METHODS,
  FIELD_BY_ID,
  INSTITUTIONS,
  METHODS,
  POKTAN,
  RECAP_FIELDS,
  type RecapSettings,
  type RecapValues,
} from './fields.js';

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

const FIELD_INDEX: ReadonlyMap<string, number> = new Map(RECAP_FIELDS.map((f, i) => [f.id, i]));
const METHOD_NAME: ReadonlyMap<string, string> = new Map([...METHODS, ...EXTRA_METHODS].map(([id, name]) => [id, name]));

function label(id: string): string {
  return FIELD_BY_ID.get(id)?.label ?? id;
}

/** Short method name for a `pa_`/`pb_`/`do_`/`gc_dari_`/`gc_ke_` field id ("pa_iud" → "IUD"). */
function methodName(id: string): string {
  const method = id.replace(/^(pa|pb|do|gc_dari|gc_ke)_/, '');
  return METHOD_NAME.get(method) ?? method;
}

/** The values of `ids` when every one is answered, else null (the rule cannot be judged yet). */
function answered(v: RecapValues, ids: readonly string[]): number[] | null {
  const out: number[] = [];
  for (const id of ids) {
    const x = v[id];
    if (x === undefined) return null;
    out.push(x);
  }
  return out;
}

function total(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** "IUD 20 + MOW 5 + …": the parts of a sum, so the cadre can compare them with her register. */
function terms(v: RecapValues, ids: readonly string[], name: (id: string) => string): string {
  return ids.map((id) => `${name(id)} ${v[id] ?? 0}`).join(' + ');
}

/** Integer with sign for changes ("+70", "−4"); a real minus sign reads better than a hyphen on a phone. */
function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}

/** Signed percentage with Indonesian decimal comma ("+15,6%"). */
function signedPct(x: number): string {
  const body = formatPct(Math.abs(x));
  return x > 0 ? `+${body}` : x < 0 ? `−${body}` : body;
}

/** "BKB: keluarga anggota" vs "BKB: keluarga sasaran" → say "BKB: " once. */
function pairLabels(a: string, b: string): [string, string] {
  const prefix = /^[^:]+: /.exec(a)?.[0];
  if (prefix && b.startsWith(prefix)) return [a, b.slice(prefix.length)];
  return [a, b];
}

function ruleKey(rule: string): [string, number, string] {
  const m = /^([A-Z]+)(\d*)(.*)$/.exec(rule);
  if (!m) return [rule, -1, ''];
  return [m[1]!, m[2] ? Number(m[2]) : -1, m[3]!];
}

function compareRules(a: string, b: string): number {
  const [la, na, ra] = ruleKey(a);
  const [lb, nb, rb] = ruleKey(b);
  if (la !== lb) return la < lb ? -1 : 1;
  if (na !== nb) return na - nb;
  return ra < rb ? -1 : ra > rb ? 1 : 0;
}

function firstFieldIndex(fields: readonly string[]): number {
  let best = Number.MAX_SAFE_INTEGER;
  for (const f of fields) best = Math.min(best, FIELD_INDEX.get(f) ?? Number.MAX_SAFE_INTEGER);
  return best;
}

/** Stable sort (Array.prototype.sort is stable): rule id, then catalogue order; ties keep emission order. */
function ordered(list: RuleViolation[]): RuleViolation[] {
  return list.sort((a, b) => compareRules(a.rule, b.rule) || firstFieldIndex(a.fields) - firstFieldIndex(b.fields));
}

/** Active field ids under the settings, as a set for quick membership tests. */
function activeSet(settings: RecapSettings): Set<string> {
  return new Set(activeFields(settings).map((f) => f.id));
}

const mismatch = (diff: number) => `Periksa lagi angka-angka ini; selisihnya ${Math.abs(diff)}.`;

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

/** C6: reporting ≤ existing institutions (§5.2), and the poktan (§5.5) and UPPKA (§5.6) nesting. */
function checkC6(out: RuleViolation[], v: RecapValues): void {
  for (const [x] of INSTITUTIONS) notMore(out, 'C6', v, `${x}_lapor`, `${x}_ada`);
  for (const [p] of POKTAN) {
    notMore(out, 'C6', v, `${p}_keluarga_anggota`, `${p}_keluarga_sasaran`);
    notMore(out, 'C6', v, `${p}_anggota_hadir`, `${p}_keluarga_anggota`);
    // A member family holds at most two couples (domain.md §5.5, A); more than one per family is only a soft warning (S8).
    notMore(out, 'C6', v, `${p}_pus_anggota`, `${p}_keluarga_anggota`, 2);
    notMore(out, 'C6', v, `${p}_pus_anggota_kb`, `${p}_pus_anggota`);
    // "p_pertemuan 0–31" is the field's hard maximum (FieldDef.max = 31), reported once under BOUND, not again here.
  }
  notMore(out, 'C6', v, 'uppka_anggota_kps_ks1', 'uppka_anggota');
  notMore(out, 'C6', v, 'uppka_pus', 'uppka_anggota');
  notMore(out, 'C6', v, 'uppka_pus_kb', 'uppka_pus');
  notMore(out, 'C6', v, 'uppka_pus_kps_ks1', 'uppka_pus');
  notMore(out, 'C6', v, 'uppka_pus_kps_ks1', 'uppka_anggota_kps_ks1');
  notMore(out, 'C6', v, 'uppka_pus_kps_ks1_kb', 'uppka_pus_kps_ks1');
  notMore(out, 'C6', v, 'uppka_kelompok_akses_modal', 'uppka_ada');
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

// ---------------------------------------------------------------------------------------------------------------
// Soft rules

export interface SoftContext {
  /** Last month's recap of the same unit, if there is one (W1–W3). */
  previous?: RecapValues | null;
  /** Unmet-need cases (IAT/TIAL) reported through module §6 this month (W10). */
  casesThisMonth?: number | null;
}

/**
 * Soft rules (confirm with the cadre; both the numbers and the warning are stored). W1–W10 as in domain.md §5.7,
 * plus the soft bounds of §5.2, §5.3 and §5.5, numbered here:
 *   S1 ppkbd_ada ≠ 1 (one PPKBD per desa)          S5 frek_kie_kit > 12
 *   S2 sub_ppkbd_ada > 40                           S6 jml_tokoh_aktif_kie > 50
 *   S3 frek_rakor_desa > 4                          S7 p_pertemuan > 4 × p_lapor (BKB, BKR, BKL)
 *   S4 frek_penyuluhan_pkb > 12                     S8 p_pus_anggota > p_keluarga_anggota (§5.5 soft bound)
 * Each rule id appears at most once in the result: when a rule fires for several fields (W3, W7, S7, S8) the findings
 * are joined into one message. The recap flow stores a confirmation per rule id, so two warnings under one id would
 * keep replacing each other's confirmation.
 * Every message states the numbers and ends with a yes/no question ("Apakah benar?").
 */
export function checkSoft(v: RecapValues, ctx: SoftContext, settings: RecapSettings): RuleViolation[] {
  const active = activeSet(settings);
  const cur: Record<string, number> = {};
  for (const [id, x] of Object.entries(v)) if (active.has(id)) cur[id] = x;
  const prev: Record<string, number> = {};
  for (const [id, x] of Object.entries(ctx.previous ?? {})) if (active.has(id)) prev[id] = x;
  const hasPrevious = ctx.previous !== undefined && ctx.previous !== null;

  const out: RuleViolation[] = [];
  const add = (rule: string, fields: string[], findings: string[]) => {
    if (findings.length) out.push({ rule, fields, message: `${findings.join(' ')} Apakah benar?` });
  };
  const methods = activeMethodFields(settings);
  const methodValues = answered(cur, methods);
  const pa = methodValues ? total(methodValues) : null;
  const pus = cur.pus;

  // W1 stock-flow: PA(m) ≈ PA(m−1) + Σpb − Σdo. Tolerance ± max(5, 2 % of last month's PA), the base the flows apply
  // to; mutasi (moves, divorces, wives ageing out) are not captured otherwise, so a small gap is expected.
  if (settings.parts.flows && hasPrevious && pa !== null) {
    const prevMethods = answered(prev, methods);
    const pbIds = methods.map((m) => `pb_${m.slice(3)}`);
    const doIds = methods.map((m) => `do_${m.slice(3)}`);
    const pb = answered(cur, pbIds);
    const dropped = answered(cur, doIds);
    if (prevMethods && pb && dropped) {
      const before = total(prevMethods);
      const expected = before + total(pb) - total(dropped);
      const tolerance = Math.max(5, 0.02 * before);
      if (Math.abs(pa - expected) > tolerance) {
        add('W1', [...methods, ...pbIds, ...doIds], [
          `Peserta KB aktif bulan lalu ${before}, ditambah peserta baru ${total(pb)} dan dikurangi drop out ${total(dropped)} ` +
            `menjadi ${expected}, tetapi bulan ini tercatat ${pa} (selisih ${signed(pa - expected)}).`,
        ]);
      }
    }
  }

  // W2: PUS month on month. §5.7 gives "±3 % (or ±20 couples)"; the larger of the two is the tolerance, so a
  // small desa is not flagged for a handful of marriages and a large one not for ordinary churn.
  const prevPus = prev.pus;
  if (pus !== undefined && prevPus !== undefined) {
    const change = pus - prevPus;
    if (Math.abs(change) > Math.max(20, 0.03 * prevPus)) {
      const pct = percent(change, prevPus);
      add('W2', ['pus'], [`PUS ${change > 0 ? 'naik' : 'turun'} dari ${prevPus} menjadi ${pus}${pct === null ? '' : ` (${signedPct(pct)})`} dibanding bulan lalu.`]);
    }
  }

  // W3: sterilisation is permanent; it leaves the stock only through mutasi or ageing out.
  {
    const fields: string[] = [];
    const findings: string[] = [];
    for (const m of ['mow', 'mop']) {
      const now = cur[`pa_${m}`];
      const before = prev[`pa_${m}`];
      if (now !== undefined && before !== undefined && before - now > 2) {
        fields.push(`pa_${m}`);
        findings.push(`Peserta KB aktif ${m.toUpperCase()} turun dari ${before} menjadi ${now} (${signed(now - before)}) dibanding bulan lalu.`);
      }
    }
    for (const m of ['mow', 'mop']) {
      const dropped = cur[`do_${m}`];
      if (dropped !== undefined && dropped > 0) {
        fields.push(`do_${m}`);
        findings.push(`Ada ${dropped} drop out ${m.toUpperCase()} bulan ini.`);
      }
    }
    if (findings.length) add('W3', fields, [...findings, 'MOW dan MOP adalah cara permanen, biasanya hanya berkurang karena pindah atau lewat usia subur.']);
  }

  // W4: a few families hold two couples, not many. Integer comparison (10 × PUS > 13 × keluarga) avoids 1.3 rounding.
  const keluarga = cur.jml_keluarga;
  if (pus !== undefined && keluarga !== undefined && 10 * pus > 13 * keluarga) {
    add('W4', ['jml_keluarga', 'pus'], [`Jumlah PUS ${pus} lebih dari 1,3 kali jumlah keluarga (${keluarga}); biasanya hanya sedikit keluarga yang memiliki dua PUS.`]);
  }

  // Indicators from complete inputs only; the rounded figure is compared so the message never contradicts itself.
  const ind = indicators(cur, settings);

  // W5: CPR outside 30–95 %.
  if (pa !== null && pus !== undefined && ind.cpr !== null && (ind.cpr < 30 || ind.cpr > 95)) {
    add('W5', ['pus', ...methods], [`CPR (peserta KB aktif ${pa} dibagi PUS ${pus}) = ${formatPct(ind.cpr)}, di luar kisaran biasa 30–95%.`]);
  }

  // W6: unmet need above 35 %, or exactly zero in a desa with 200 or more PUS.
  const unmet = answered(cur, ['iat', 'tial']);
  if (pus !== undefined && unmet && ind.unmetNeedPct !== null) {
    const u = total(unmet);
    if (ind.unmetNeedPct > 35) {
      add('W6', ['pus', 'iat', 'tial'], [`Unmet need (IAT ${unmet[0]} + TIAL ${unmet[1]} = ${u}) adalah ${formatPct(ind.unmetNeedPct)} dari PUS ${pus}, lebih dari 35%.`]);
    } else if (u === 0 && pus >= 200) {
      add('W6', ['pus', 'iat', 'tial'], [`Unmet need (IAT + TIAL) tercatat 0, padahal PUS ${pus}.`]);
    }
  }

  // W7: method mix. MKJP = IUD, MOW, MOP, implan (never suntik, §7).
  if (methodValues && pa !== null && pa > 0) {
    const fields: string[] = [];
    const findings: string[] = [];
    if (ind.mkjpShare !== null && ind.mkjpShare > 70) {
      fields.push('pa_iud', 'pa_mow', 'pa_mop', 'pa_implan');
      findings.push(`Peserta MKJP (IUD, MOW, MOP, implan) ${formatPct(ind.mkjpShare)} dari semua peserta KB aktif, lebih dari 70%.`);
    }
    const mop = cur.pa_mop ?? 0;
    if (100 * mop > 5 * pa) {
      fields.push('pa_mop');
      findings.push(`Peserta MOP ${mop} adalah ${formatPct(percent(mop, pa))} dari peserta KB aktif (${pa}), lebih dari 5%.`);
    }
    if ((cur.pa_suntik ?? 0) + (cur.pa_pil ?? 0) === 0 && pa > 50) {
      fields.push('pa_suntik', 'pa_pil');
      findings.push(`Peserta suntik dan pil tercatat 0, padahal peserta KB aktif ${pa}.`);
    }
    add('W7', [...new Set(fields)], findings);
  }

  // W8: PUS per desa outside 50–6,000 (average desa ≈ 4,900 people, PUS ≈ 15–25 % of them).
  if (pus !== undefined && (pus < 50 || pus > 6000)) {
    add('W8', ['pus'], [`Jumlah PUS ${pus} di luar kisaran biasa untuk satu desa (50–6.000).`]);
  }

  // W9: no non-users at all in a sizeable desa looks like PUS was made to balance with PA.
  const nonUsers = answered(cur, ['hamil', 'ias', 'iat', 'tial']);
  if (pus !== undefined && nonUsers && total(nonUsers) === 0 && pus > 100) {
    add('W9', ['pus', 'hamil', 'ias', 'iat', 'tial'], [`PUS ${pus}, tetapi hamil, IAS, IAT dan TIAL semuanya 0 (semua PUS tercatat sebagai peserta KB).`]);
  }

  // W10: open unmet-need cases from module §6 should fit within IAT + TIAL.
  const cases = ctx.casesThisMonth;
  if (cases !== undefined && cases !== null && unmet && cases > total(unmet)) {
    add('W10', ['iat', 'tial'], [`Kasus unmet need yang dilaporkan bulan ini (${cases}) lebih banyak dari IAT + TIAL (${unmet[0]} + ${unmet[1]} = ${total(unmet)}).`]);
  }

  // S1–S6: soft bounds of Sections I and II.
  const ppkbd = cur.ppkbd_ada;
  if (ppkbd !== undefined && ppkbd !== 1) add('S1', ['ppkbd_ada'], [`PPKBD yang ada tercatat ${ppkbd}; biasanya satu desa punya 1 PPKBD.`]);
  const sub = cur.sub_ppkbd_ada;
  if (sub !== undefined && sub > 40) add('S2', ['sub_ppkbd_ada'], [`Sub-PPKBD yang ada tercatat ${sub}, lebih dari 40.`]);
  const soft: [string, string, number][] = [
    ['S3', 'frek_rakor_desa', 4],
    ['S4', 'frek_penyuluhan_pkb', 12],
    ['S5', 'frek_kie_kit', 12],
    ['S6', 'jml_tokoh_aktif_kie', 50],
  ];
  for (const [rule, id, limit] of soft) {
    const x = cur[id];
    if (x !== undefined && x > limit) add(rule, [id], [`${label(id)} bulan ini ${x}, lebih dari ${limit}.`]);
  }

  // S7: more than four meetings per reporting group in a month.
  {
    const fields: string[] = [];
    const findings: string[] = [];
    for (const [p, name] of POKTAN) {
      const meetings = cur[`${p}_pertemuan`];
      const reporting = cur[`${p}_lapor`];
      if (meetings !== undefined && reporting !== undefined && meetings > 4 * reporting) {
        fields.push(`${p}_lapor`, `${p}_pertemuan`);
        findings.push(`${name}: ${meetings} pertemuan, padahal ${name} yang melapor ${reporting} (biasanya paling banyak 4 pertemuan per kelompok sebulan).`);
      }
    }
    add('S7', fields, findings);
  }

  // S8: member couples above member families (§5.5 soft bound; the hard bound is twice the families, C6).
  {
    const fields: string[] = [];
    const findings: string[] = [];
    for (const [p, name] of POKTAN) {
      const couples = cur[`${p}_pus_anggota`];
      const families = cur[`${p}_keluarga_anggota`];
      if (couples !== undefined && families !== undefined && couples > families) {
        fields.push(`${p}_keluarga_anggota`, `${p}_pus_anggota`);
        findings.push(`${name}: PUS anggota ${couples} lebih banyak dari keluarga anggota ${families}.`);
      }
    }
    add('S8', fields, findings);
  }

  return ordered(out);
}
