// Soft rules of the monthly village recap (docs/domain.md §5.7): the cadre confirms, the answer is stored.
// See rules.ts for the principles every check follows.
import { activeMethodFields, formatPct, indicators, percent } from './derive.js';
import { POKTAN, type RecapSettings, type RecapValues } from './fields.js';
import { activeSet, answered, label, ordered, signed, signedPct, total, type RuleViolation } from './rule-support.js';
// ---------------------------------------------------------------------------------------------------------------
// Soft rules

export interface SoftContext {
  /** Last month's recap of the same unit, if there is one (W1–W3). */
  previous?: RecapValues | null;
  /** Unmet-need cases (IAT/TIAL) reported through module §6 this month (W10). */
  casesThisMonth?: number | null;
}

/**
 * Soft rules (confirm with the cadre; both the numbers and the warning are stored). W1–W10 as in docs/domain.md §5.7,
 * plus the soft bounds of §5.2, §5.3 and §5.5, numbered here:
 *   S1 ppkbd_ada ≠ 1 (one PPKBD per desa)          S5 frek_kie_kit > 12
 *   S2 sub_ppkbd_ada > 40                           S6 jml_tokoh_aktif_kie > 50
 *   S3 frek_rakor_desa > 4                          S7 p_pertemuan > 4 × p_lapor (BKB, BKR, BKL)
 *   S4 frek_penyuluhan_pkb > 12                     S8 p_pus_anggota > p_keluarga_anggota (§5.5 soft bound)
 * S9 (Section III equals the sum of only some dusun parts) needs the parts and is raised by the recap flow.
 * Messages use the form's Indonesian words (no "CPR", "unmet need" or field ids).
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
    add('W5', ['pus', ...methods], [`Peserta KB aktif ${pa} dari PUS ${pus} = ${formatPct(ind.cpr)}, di luar kisaran biasa 30–95%.`]);
  }

  // W6: unmet need above 35 %, or exactly zero in a desa with 200 or more PUS.
  const unmet = answered(cur, ['iat', 'tial']);
  if (pus !== undefined && unmet && ind.unmetNeedPct !== null) {
    const u = total(unmet);
    if (ind.unmetNeedPct > 35) {
      add('W6', ['pus', 'iat', 'tial'], [`Kebutuhan ber-KB tidak terpenuhi (IAT ${unmet[0]} + TIAL ${unmet[1]} = ${u}) adalah ${formatPct(ind.unmetNeedPct)} dari PUS ${pus}, lebih dari 35%.`]);
    } else if (u === 0 && pus >= 200) {
      add('W6', ['pus', 'iat', 'tial'], [`Kebutuhan ber-KB tidak terpenuhi (IAT + TIAL) tercatat 0, padahal PUS ${pus}.`]);
    }
  }

  // W7: method mix. MKJP = IUD, MOW, MOP, implan (never suntik, §7).
  if (methodValues && pa !== null && pa > 0) {
    const fields: string[] = [];
    const findings: string[] = [];
    if (ind.mkjpShare !== null && ind.mkjpShare > 70) {
      fields.push('pa_iud', 'pa_mow', 'pa_mop', 'pa_implan');
      findings.push(`Peserta MKJP (metode jangka panjang: IUD, MOW, MOP, implan) ${formatPct(ind.mkjpShare)} dari semua peserta KB aktif, lebih dari 70%.`);
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
    add('W10', ['iat', 'tial'], [`Laporan pasangan yang ingin menunda atau tidak ingin anak lagi bulan ini (${cases}) lebih banyak dari IAT + TIAL (${unmet[0]} + ${unmet[1]} = ${total(unmet)}).`]);
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
