// The practice sheet: a made-up desa with made-up numbers the cadre enters, generated from a seed so every practice
// brings new names and numbers (a cadre learns the form, not one sheet). The recap's numbers pass every hard rule
// and raise exactly one soft warning, on purpose: a change from the made-up last month (W2: PUS up because couples
// married; W3: MOW down because couples moved away) that the cadre should confirm. The sheet also writes each
// total in front of its breakdown, as registers do, so a careless entry of the total breaks the PUS balance (C3/C5)
// and the bot stops it. The case sheet names the couple (made up) whose names must not be typed. Pure.
import { activeMethodFields } from '../../domain/recap/derive.js';
import { activeGroups, dusunGroups, INSTITUTIONS, POKTAN, type RecapSettings } from '../../domain/recap/fields.js';
import { shiftPeriod } from '../../domain/recap/calendar.js';
import { toWita } from '../../time/wita.js';
import type { CaseSheet, PracticeKind, PracticeSheet, RecapSheet } from './practice-model.js';

const DESA_NAMES = ['Mawar', 'Melati', 'Cempaka', 'Anggrek', 'Kenanga', 'Teratai', 'Flamboyan', 'Kamboja'] as const;
const DUSUN_NAMES = ['Pelita', 'Harapan', 'Damai', 'Sejahtera', 'Makmur', 'Sentosa', 'Bahagia', 'Mekar'] as const;
const WIVES = ['Nurlela', 'Hasnawati', 'Rosmiati', 'Suriani', 'Kartini', 'Jumriati'] as const;
const HUSBANDS = ['Arsyad', 'Baharuddin', 'Syamsul', 'Jufri', 'Mansur', 'Ramli'] as const;

/** mulberry32: a small deterministic generator, so a seed always gives the same sheet (tests, restarts). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Draw {
  int(lo: number, hi: number): number;
  share(total: number, lo: number, hi: number): number;
  pick<T>(list: readonly T[]): T;
}

function drawer(seed: number): Draw {
  const next = generator(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    int,
    share: (total, lo, hi) => Math.round(total * (lo + next() * (hi - lo))),
    pick: (list) => list[int(0, list.length - 1)]!,
  };
}

/**
 * A seed from who practises, when, and how many practices they started: a new sheet each practice, the same for
 * the same message (a restart, a redelivery, tests).
 */
export function practiceSeed(personId: number, now: Date, started: number): number {
  return (Math.imul(personId, 2_654_435_761) ^ Math.imul(started, 40_503) ^ Math.floor(now.getTime() / 1000)) >>> 0;
}

/** The month a practice "reports": the month before today in WITA, open whatever the real calendar says. */
export function practicePeriod(now: Date): string {
  const today = toWita(now);
  return shiftPeriod(`${today.year}-${String(today.month).padStart(2, '0')}`, -1);
}

/** Section III: PUS, the methods and the non-users, balanced under the deployment's PUS rule (C3 or C3′). */
function sectionIII(d: Draw, unit: 'desa' | 'dusun', settings: RecapSettings): Record<string, number> {
  const pus = unit === 'desa' ? d.int(300, 900) : d.int(140, 260);
  const hamil = d.share(pus, 0.04, 0.06);
  const ias = d.share(pus, 0.12, 0.15);
  const iat = d.share(pus, 0.1, 0.14);
  const tial = d.share(pus, 0.09, 0.12);
  // C3: PUS = PA + hamil + IAS + IAT + TIAL; C3′: pregnant couples are inside IAS/IAT/TIAL.
  const pa = pus - ias - iat - tial - (settings.pusRule === 'C3' ? hamil : 0);
  const v: Record<string, number> = { pus, hamil, ias, iat, tial, jml_keluarga: d.share(pus, 1.26, 1.4) };
  v.pa_iud = d.share(pa, 0.07, 0.09);
  v.pa_mow = Math.max(1, d.share(pa, 0.015, 0.025));
  v.pa_mop = pa >= 100 ? 1 : 0;
  v.pa_implan = d.share(pa, 0.1, 0.13);
  v.pa_kondom = d.share(pa, 0.03, 0.04);
  v.pa_pil = d.share(pa, 0.28, 0.32);
  if (settings.parts.mal_traditional) {
    v.pa_mal = d.int(0, 3);
    v.pa_lain = d.int(1, 3);
  }
  // Suntik, the most common method, takes the rest, so the methods add up to PA exactly.
  v.pa_suntik = pa - activeMethodFields(settings).filter((f) => f !== 'pa_suntik').reduce((sum, f) => sum + (v[f] ?? 0), 0);
  if (settings.parts.channel) {
    v.pa_swasta = d.share(pa, 0.15, 0.3);
    v.pa_pemerintah = pa - v.pa_swasta;
  }
  if (settings.parts.flows) {
    const methods = activeMethodFields(settings).map((f) => f.slice(3));
    for (const m of methods) {
      v[`pb_${m}`] = 0;
      v[`do_${m}`] = 0;
      v[`gc_dari_${m}`] = 0;
      v[`gc_ke_${m}`] = 0;
    }
    Object.assign(v, { pb_suntik: d.int(2, 6), pb_pil: d.int(1, 4), pb_implan: d.int(0, 2), pb_kondom: d.int(0, 2) });
    Object.assign(v, { do_suntik: d.int(1, 3), do_pil: d.int(1, 3), do_kondom: d.int(0, 1) });
    // Every switch leaves one method for another (C8).
    const fromSuntik = d.int(1, 2);
    const fromPil = d.int(0, 1);
    Object.assign(v, { gc_dari_suntik: fromSuntik, gc_dari_pil: fromPil, gc_ke_implan: fromSuntik, gc_ke_iud: fromPil });
  }
  return v;
}

/** Sections I, II, IV and V of a desa: every "reporting" within "existing", every poktan figure within its parent (C6). */
function otherSections(d: Draw, dusunCount: number): Record<string, number> {
  const v: Record<string, number> = {};
  const ada: Record<string, number> = { ppkbd: 1, sub_ppkbd: dusunCount, kelompok_kb: d.int(6, 14), bkb: d.int(2, 4), bkr: d.int(1, 3), bkl: d.int(1, 2), uppka: d.int(1, 2) };
  for (const [id] of INSTITUTIONS) {
    v[`${id}_ada`] = ada[id]!;
    // The PPKBD and the poktan report (at least one each, so their meetings fit S7); a few Kelompok KB do not.
    v[`${id}_lapor`] = id === 'kelompok_kb' ? ada[id]! - d.int(0, 2) : id === 'sub_ppkbd' || id === 'ppkbd' ? ada[id]! : Math.max(1, ada[id]! - d.int(0, 1));
  }
  Object.assign(v, { frek_rakor_desa: d.int(1, 2), frek_penyuluhan_pkb: d.int(1, 3), frek_kie_kit: d.int(1, 4), jml_tokoh_aktif_kie: d.int(3, 8) });
  for (const [p] of POKTAN) {
    const sasaran = d.int(60, 160);
    const anggota = d.share(sasaran, 0.5, 0.7);
    const pus = d.share(anggota, 0.5, 0.9);
    Object.assign(v, {
      [`${p}_keluarga_sasaran`]: sasaran,
      [`${p}_keluarga_anggota`]: anggota,
      [`${p}_anggota_hadir`]: d.share(anggota, 0.6, 0.85),
      [`${p}_pus_anggota`]: pus,
      [`${p}_pus_anggota_kb`]: d.share(pus, 0.55, 0.8),
      [`${p}_pertemuan`]: d.int(1, 3),
    });
  }
  const anggota = d.int(15, 35);
  const kps = d.share(anggota, 0.35, 0.45);
  const uppkaPus = d.share(anggota, 0.7, 0.85);
  const pusKps = Math.min(kps, d.share(uppkaPus, 0.35, 0.45));
  Object.assign(v, {
    uppka_anggota: anggota,
    uppka_anggota_kps_ks1: kps,
    uppka_pus: uppkaPus,
    uppka_pus_kb: d.share(uppkaPus, 0.6, 0.8),
    uppka_pus_kps_ks1: pusKps,
    uppka_pus_kps_ks1_kb: d.share(pusKps, 0.6, 0.8),
    uppka_pertemuan: d.int(1, 3),
    uppka_kelompok_akses_modal: d.int(0, ada.uppka!),
  });
  return v;
}

/**
 * Last month, made up so that exactly one soft rule compares and speaks: W2 (PUS grew by more than 20 couples and
 * 3 %: newly married couples who want a child soon) or W3 (3 sterilised couples moved away). The methods of last month
 * add up so that, with the new and dropped users of the flows part, W1 stays quiet.
 */
function lastMonth(d: Draw, v: Record<string, number>, settings: RecapSettings, rule: 'W2' | 'W3'): RecapSheet['previous'] & object {
  const previous: Record<string, number> = {};
  for (const f of ['jml_keluarga', 'pus', 'hamil', 'ias', 'iat', 'tial', ...activeMethodFields(settings)]) previous[f] = v[f]!;
  const sum = (prefix: string) => activeMethodFields(settings).reduce((s, f) => s + (v[`${prefix}${f.slice(3)}`] ?? 0), 0);
  // PA last month = PA now − new users + drop-outs (W1), taken from suntik, the largest method.
  if (settings.parts.flows) previous.pa_suntik = v.pa_suntik! - sum('pb_') + sum('do_');
  if (rule === 'W2') {
    const grew = Math.max(22, Math.ceil(0.03 * v.pus!) + 2) + d.int(0, 5);
    previous.pus = v.pus! - grew;
    previous.ias = v.ias! - Math.min(v.ias!, grew);
    previous.iat = v.iat! - (grew - Math.min(v.ias!, grew));
  } else {
    previous.pa_mow = v.pa_mow! + 3;
    previous.pa_suntik = previous.pa_suntik! - 3;
  }
  return previous;
}

function changeNote(rule: 'W2' | 'W3', values: Readonly<Record<string, number>>, previous: Readonly<Record<string, number>>): string {
  if (rule === 'W2') return `PUS bulan lalu ${previous.pus}. Bulan ini naik ${values.pus! - previous.pus!} karena pasangan baru menikah; semuanya ingin anak segera (IAS).`;
  return `Peserta MOW bulan lalu ${previous.pa_mow}. Bulan ini 3 pasangan MOW pindah ke desa lain.`;
}

function recapSheet(d: Draw, unit: 'desa' | 'dusun', dusunCount: number, settings: RecapSettings): RecapSheet {
  const iii = sectionIII(d, unit, settings);
  const all = unit === 'desa' ? { ...otherSections(d, dusunCount), ...iii } : iii;
  // Only the fields the recap asks under these settings.
  const asked = (unit === 'desa' ? activeGroups(settings) : dusunGroups(settings)).flatMap((g) => g.fields);
  const values = Object.fromEntries(asked.map((f) => [f, all[f] ?? 0]));
  const rule = d.pick(['W2', 'W3'] as const);
  const previous = lastMonth(d, values, settings, rule);
  return { unit, values, previous, change: { rule, note: changeNote(rule, values, previous) } };
}

function caseSheet(d: Draw, dusun: readonly string[]): CaseSheet {
  const children = d.int(0, 4);
  const want = children >= 2 ? d.pick(['delay', 'stop', 'method_now'] as const) : d.pick(['delay', 'method_now'] as const);
  const reason = d.pick(['stok_kosong', 'jarak_akses', 'biaya', 'takut_efek_samping', 'belum_sempat'] as const);
  return {
    wife: d.pick(WIVES),
    husband: d.pick(HUSBANDS),
    dusun: d.pick(dusun),
    wifeAge: d.int(19, 42),
    children,
    postPartum: children > 0 && d.int(0, 2) === 0,
    want,
    method: d.pick(['suntik', 'pil', 'implan', 'iud', 'kondom'] as const),
    reason,
    facility: reason === 'stok_kosong' ? d.pick(['puskesmas', 'pustu', 'polindes', 'bidan_desa'] as const) : null,
    consent: d.int(0, 4) > 0,
    register: `RT ${d.int(1, 6)}/hal ${d.int(1, 20)}/no ${d.int(1, 30)}`,
  };
}

/** A new practice sheet for this kind of report, for a desa (PPKBD and officers) or a dusun (Sub-PPKBD). */
export function buildSheet(options: { seed: number; kind: PracticeKind; unit: 'desa' | 'dusun'; now: Date; settings: RecapSettings }): PracticeSheet {
  const { seed, kind, unit, now, settings } = options;
  const d = drawer(seed);
  const desaName = `Latihan ${d.pick(DESA_NAMES)}`;
  const first = d.int(0, DUSUN_NAMES.length - 1);
  const count = d.int(3, 4);
  const dusun = Array.from({ length: count }, (_, i) => `Dusun ${DUSUN_NAMES[(first + i) % DUSUN_NAMES.length]}`);
  return {
    seed,
    desaName,
    dusun,
    unitName: unit === 'dusun' ? dusun[0]! : null,
    period: practicePeriod(now),
    settings,
    recap: kind === 'case' ? null : recapSheet(d, unit, dusun.length, settings),
    case: kind === 'case' ? caseSheet(d, dusun) : null,
  };
}
