// The end of a practice: the receipt a real report would get (without a receipt code, and saying nothing
// was kept), then the feedback: time taken, what the bot caught by kind, where the report differs from the sheet,
// and what to watch next time, in plain Indonesian. Pure.
import { indicators } from '../../domain/recap/derive.js';
import { activeGroups, dusunGroups, RECAP_GROUPS } from '../../domain/recap/fields.js';
import { FACILITY_OPTIONS, labelOf, METHOD_OPTIONS, REASON_OPTIONS, WANT_OPTIONS } from '../cases/case-options.js';
import { ageBand, childrenBand } from '../cases/report-case-flow.js';
import type { CaseReported, PracticeFinished, RecapSubmitted } from '../engine/types.js';
import { fitList } from '../fit-text.js';
import { figureLines } from '../recap/recap-texts.js';
import { groupHeading, periodLabel, shortLabel } from '../recap/summary.js';
import { PRACTICE_MARK, type PracticeState } from './practice-model.js';
import { MAX_MESSAGE_CHARS } from '../engine/limits.js';
import { practiceDesaLabel } from './sheet-text.js';

/** How a finished practice report ended: the recap's or the case's event, as the real flow emitted it. */
export type PracticeOutcome = { kind: 'recap'; event: RecapSubmitted } | { kind: 'case'; event: CaseReported };

/** At most this many "what to watch" lines and differences: the feedback stays one short message. */
const MAX_TIPS = 4;
const MAX_DIFFERENCES = 5;

const RULE_TIPS: Readonly<Record<string, string>> = {
  C1: 'Total peserta KB aktif harus sama dengan jumlah per cara. Total tidak perlu ditulis: bot menjumlahkan sendiri.',
  C2: 'Peserta KB aktif jalur pemerintah + swasta harus sama dengan jumlah per cara.',
  C3: 'PUS = peserta KB aktif + hamil + IAS + IAT + TIAL. Ketik angka per cara dan per kelompok, bukan totalnya.',
  C3_PRIME: 'PUS = peserta KB aktif + IAS + IAT + TIAL; ibu hamil dihitung di dalam IAS, IAT atau TIAL.',
  C5: 'Tidak ada bagian PUS yang lebih besar dari PUS. Ketik angka per cara, bukan totalnya.',
  C6: 'Yang melapor tidak lebih banyak dari yang ada; anggota tidak lebih dari sasaran; yang ber-KB tidak lebih dari PUS anggota.',
  C7: 'Angka desa harus sama dengan jumlah semua bagian dusun.',
  C8: 'Jumlah ganti cara DARI dan KE harus sama.',
  BOUND: 'Periksa angka yang terlalu besar: mungkin ada angka yang tertempel.',
  CONTOH: 'Jangan menyalin angka contoh di pertanyaan; isi dari register.',
  W2: 'PUS berubah banyak dari bulan lalu. Bila memang benar (misalnya ada pasangan baru menikah), jawab YA.',
  W3: 'Peserta MOW/MOP berkurang. Bila memang ada yang pindah, jawab YA.',
};

const SOFT_TIP = 'Bila bot menanyakan angka yang tidak biasa, periksa register dulu; jawab YA hanya bila angkanya memang benar.';

/** What an answer refused at this question teaches, by the question's id. */
function nodeTip(nodeId: string): string {
  const [, unit, rest = ''] = /^recap\.(desa|dusun)\.(.+)$/.exec(nodeId) ?? [];
  if (unit) {
    const group = /^g\.([a-z_]+)$/.exec(rest)?.[1];
    const g = RECAP_GROUPS.find((x) => x.id === group);
    if (g) return `Baris ${groupHeading(g) ?? g.fields.map(shortLabel).join(' dan ')}: balas ${g.fields.length} angka dipisah spasi, sesuai urutan di pertanyaan.`;
    if (rest.startsWith('f.')) return 'Saat ditanya satu per satu, balas satu angka saja.';
    if (rest === 'fast') return 'Penulisan LAPOR: nama isian, tanda =, lalu angkanya, dipisah spasi (misalnya PUS=480 IUD=20).';
    if (['summary', 'fix', 'confirm'].includes(rest)) return 'Di ringkasan, balas KIRIM, UBAH dan nomor baris, atau YA untuk angka yang memang benar.';
    return 'Perhatikan contoh jawaban di setiap pertanyaan.';
  }
  const step = /^case_report\.(.+)$/.exec(nodeId)?.[1] ?? '';
  if (step === 'place' || step === 'place_code') return 'Tempat: pilih nomor dusun atau tulis RT/RW saja; jangan tulis nama atau alamat rumah.';
  if (step === 'register') return 'Nomor register ditulis tanpa nama, NIK atau nomor KK, misalnya RT 2/hal 4/no 17.';
  if (step === 'age' || step === 'children') return 'Usia dan jumlah anak: tulis angkanya saja.';
  if (step === 'consent' || step === 'postpartum') return 'Pertanyaan YA/TIDAK: balas YA atau TIDAK.';
  if (step === 'facility_note') return 'Tempat pelayanan: tulis jenisnya saja, tanpa nama orang.';
  return 'Pilihan: balas dengan angka yang ada di daftar.';
}

/** The topic key of a caught mistake: its rule, or the question where the answer was refused. */
export function topicsOf(kind: 'invalid' | 'hard' | 'soft', nodeId: string, rules: readonly string[]): string[] {
  return kind === 'invalid' || rules.length === 0 ? [`node:${nodeId}`] : rules.map((r) => `rule:${r}`);
}

function tipOf(topic: string): string {
  if (topic.startsWith('rule:')) return RULE_TIPS[topic.slice(5)] ?? SOFT_TIP;
  return nodeTip(topic.slice(5));
}

/** "Peserta KB aktif" → "peserta KB aktif" inside a sentence; "BKB" stays. */
function softened(heading: string): string {
  return /^[A-Z][a-z]/.test(heading) ? heading[0]!.toLowerCase() + heading.slice(1) : heading;
}

/** Lines where the report differs from the sheet: "PUS: lembar 480, dikirim 452". */
export function differences(practice: PracticeState, outcome: PracticeOutcome): string[] {
  const { sheet } = practice;
  if (outcome.kind === 'recap') {
    const recap = sheet.recap;
    if (!recap) return [];
    const groups = recap.unit === 'desa' ? activeGroups(sheet.settings) : dusunGroups(sheet.settings);
    const out: string[] = [];
    for (const group of groups) {
      for (const f of group.fields) {
        const sent = outcome.event.values[f];
        if (sent !== recap.values[f]) {
          const heading = groupHeading(group);
          out.push(`${shortLabel(f)}${heading && heading !== shortLabel(f) ? ` (${softened(heading)})` : ''}: lembar ${recap.values[f]}, dikirim ${sent ?? '–'}`);
        }
      }
    }
    return out;
  }
  const c = sheet.case;
  if (!c) return [];
  const e = outcome.event;
  const out: string[] = [];
  const differ = (what: string, expected: string, got: string) => {
    if (expected !== got) out.push(`${what}: lembar ${expected}, dikirim ${got}`);
  };
  differ('Dusun', c.dusun, e.place ?? 'tidak diisi');
  differ('Keinginan', labelOf(WANT_OPTIONS, c.want), labelOf(WANT_OPTIONS, e.want));
  differ('Cara KB', labelOf(METHOD_OPTIONS, c.method), labelOf(METHOD_OPTIONS, e.methodWanted));
  differ('Alasan', labelOf(REASON_OPTIONS, c.reason), e.reasons.map((r) => labelOf(REASON_OPTIONS, r)).join(', '));
  if (c.facility) differ('Tempat pelayanan', labelOf(FACILITY_OPTIONS, c.facility), e.stockOutFacility ?? 'tidak diisi');
  differ('Setuju dihubungi', c.consent ? 'ya' : 'tidak', e.consentToContact ? 'ya' : 'tidak');
  if (e.cadre) {
    differ('Kelompok usia istri', ageBand(c.wifeAge), e.cadre.ageBand);
    differ('Jumlah anak', childrenBand(c.children), e.cadre.children);
    differ('Baru melahirkan', c.postPartum ? 'ya' : 'tidak', e.cadre.postPartum ? 'ya' : 'tidak');
  }
  return out;
}

/** "kurang dari 1 menit", "6 menit", "1 jam 5 menit". */
export function durationText(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return 'kurang dari 1 menit';
  if (minutes < 60) return `${minutes} menit`;
  return `${Math.floor(minutes / 60)} jam${minutes % 60 ? ` ${minutes % 60} menit` : ''}`;
}

/** What a real report would have answered, without a receipt code, and saying where nothing went. */
export function practiceReceipt(practice: PracticeState, outcome: PracticeOutcome): string {
  const { sheet } = practice;
  if (outcome.kind === 'case') {
    return [
      'Terima kasih, laporan kasus latihan sudah lengkap.',
      'Pada laporan sungguhan, Anda menerima kode laporan di sini, dan laporan diteruskan ke Penyuluh KB (PKB) desa itu.',
      'Ini hanya latihan: laporan tidak disimpan dan tidak dikirim ke siapa pun.',
    ].join('\n');
  }
  const values = outcome.event.values;
  const place = sheet.unitName ? `${sheet.unitName}, ${practiceDesaLabel(sheet)}` : practiceDesaLabel(sheet);
  const lastPa = sheet.recap ? indicators(sheet.recap.previous, sheet.settings).paTotal : null;
  const paNow = indicators(values, sheet.settings).paTotal;
  return [
    `Terima kasih! Laporan latihan ${place}, ${periodLabel(outcome.event.period)} selesai.`,
    ...figureLines(values, sheet.settings),
    ...(lastPa === null ? [] : [`Peserta KB aktif ${paNow - lastPa >= 0 ? '+' : ''}${paNow - lastPa} dibanding bulan lalu.`]),
    'Ini hanya latihan: laporan tidak disimpan dan tidak dikirim ke PKB. Pada laporan sungguhan, di sini Anda menerima kode tanda terima.',
  ].join('\n');
}

/** The feedback message and the event the host records. */
export function practiceFeedback(practice: PracticeState, outcome: PracticeOutcome, now: Date): { text: string; event: PracticeFinished } {
  const seconds = Math.max(0, Math.floor((now.getTime() - Date.parse(practice.startedAt)) / 1000));
  const diffs = differences(practice, outcome);
  const { invalid, hard, soft } = practice.caught;
  const counts = [
    `• Jawaban yang belum bisa dibaca: ${invalid}`,
    ...(outcome.kind === 'recap' ? [`• Angka tidak cocok (laporan ditahan): ${hard}`, `• Peringatan angka tidak biasa: ${soft}`] : []),
    `• Isian berbeda dengan lembar: ${diffs.length}`,
  ];
  const topics = [...practice.topics];
  const tips = [...new Set(topics.map(tipOf))];
  if (diffs.length > 0) tips.unshift('Samakan isian dengan lembar (register); jangan mengubah angka lain hanya supaya seimbang.');
  const head = [
    '*Hasil latihan*',
    `Waktu: ${durationText(seconds)}.`,
    invalid + hard + diffs.length === 0 ? 'Bagus, tidak ada kesalahan!' : 'Yang ditemukan:',
    ...(invalid + hard + diffs.length === 0 && soft === 0 ? [] : counts),
    ...(diffs.length > 0 ? ['', 'Berbeda dengan lembar:', ...diffs.slice(0, MAX_DIFFERENCES).map((d) => `• ${d}`)] : []),
    ...(tips.length > 0 ? ['', 'Yang perlu diperhatikan:'] : []),
  ].join('\n');
  const text = fitList(head, tips.slice(0, MAX_TIPS).map((t) => `• ${t}`), '\nKetik LATIHAN untuk berlatih lagi dengan lembar baru, atau MENU untuk kembali.', {
    more: () => '',
    // Room for the practice mark, so the feedback stays one message.
    limit: MAX_MESSAGE_CHARS - PRACTICE_MARK.length - 1,
  });
  return {
    text,
    event: {
      type: 'practice_finished',
      kind: practice.kind,
      startedAt: practice.startedAt,
      durationSeconds: seconds,
      caught: { invalid, hard, soft, differences: diffs.length },
      topics: [...topics, ...(diffs.length > 0 ? ['differences'] : [])],
    },
  };
}
