// The practice sheet as the cadre reads it: a made-up desa's register figures in the order the recap asks them
// (with each total written in front of its breakdown, as registers do), or the story of a made-up couple. Pure.
import { activeMethodFields } from '../../domain/recap/derive.js';
import { activeGroups, dusunGroups, FIELD_BY_ID, SECTION_TITLES, type FieldGroup } from '../../domain/recap/fields.js';
import { FACILITY_OPTIONS, labelOf, METHOD_OPTIONS } from '../cases/case-options.js';
import { packMessages } from '../recap/recap-texts.js';
import { groupHeading, groupLine, periodLabel, shortLabel } from '../recap/summary.js';
import { PRACTICE_KECAMATAN_NAME, type PracticeKind, type PracticeSheet, type RecapSheet } from './practice-model.js';

/** Room left in a message for the practice mark and its line break. */
const SHEET_CHARS = 960;

export function practiceDesaLabel(sheet: Pick<PracticeSheet, 'desaName'>): string {
  return `Desa ${sheet.desaName}, Kec. ${PRACTICE_KECAMATAN_NAME}`;
}

const sum = (values: Readonly<Record<string, number>>, ids: readonly string[]) => ids.reduce((s, id) => s + (values[id] ?? 0), 0);

/** One group as the register writes it: totals in front of the breakdown for the methods and the non-users. */
function sheetLine(group: FieldGroup, recap: RecapSheet, sheet: PracticeSheet): string {
  const { values } = recap;
  const parts = group.fields.map((f) => `${shortLabel(f)} ${values[f]}`).join(', ');
  if (group.id === 'pa') return `${groupHeading(group)} ${sum(values, activeMethodFields(sheet.settings))}: ${parts}`;
  if (group.id === 'non_user') {
    if (sheet.settings.pusRule === 'C3') return `Bukan peserta KB ${sum(values, group.fields)}: ${parts}`;
    // C3′: pregnant couples are counted inside IAS/IAT/TIAL, so the register's total leaves them out.
    return `Bukan peserta KB ${sum(values, ['ias', 'iat', 'tial'])}: ${parts} (yang hamil sudah termasuk di IAS, IAT atau TIAL)`;
  }
  return groupLine(group, values);
}

function recapSheetBlocks(sheet: PracticeSheet, recap: RecapSheet): string[][] {
  const groups = recap.unit === 'desa' ? activeGroups(sheet.settings) : dusunGroups(sheet.settings);
  const place = recap.unit === 'desa' ? practiceDesaLabel(sheet) : `${sheet.unitName}, ${practiceDesaLabel(sheet)}`;
  const head = [
    `*Lembar latihan: ${place}*`,
    `Laporan bulan ${periodLabel(sheet.period)}. Desa, nama dan angka di sini karangan.`,
    ...(recap.unit === 'desa' ? [`Dusun: ${sheet.dusun.map((d) => d.replace(/^Dusun /, '')).join(', ')}.`] : []),
  ];
  const blocks: string[][] = [head];
  let section = '';
  for (const group of groups) {
    if (group.section !== section) {
      section = group.section;
      blocks.push([`*${SECTION_TITLES[group.section]}*`]);
    }
    blocks.at(-1)!.push(sheetLine(group, recap, sheet));
    // The change from last month is explained where the cadre meets it.
    if (group.id === (recap.change.rule === 'W2' ? 'pus' : 'pa')) blocks.at(-1)!.push(`Catatan: ${recap.change.note}`);
  }
  return blocks;
}

/** How to go on after the sheet: the first question follows, or (fast entry) how to write LAPOR. */
function recapStart(kind: PracticeKind, recap: RecapSheet): string[] {
  if (kind !== 'fast') return ['Isi laporan sesuai lembar ini, seperti laporan sungguhan. Pertanyaan pertama menyusul.'];
  const first = Object.entries(recap.values)
    .slice(0, 3)
    .map(([f, v]) => `${FIELD_BY_ID.get(f)!.key}=${v}`)
    .join(' ');
  return [
    'Kirim laporan ini dalam *satu pesan*: LAPOR, lalu nama isian=angka. Contoh awalnya:',
    `LAPOR ${first} …`,
    'Nama isian lengkap: ketik BANTUAN LAPOR. Yang tidak ditulis akan ditanyakan satu per satu.',
  ];
}

const WANTS: Readonly<Record<string, string>> = {
  delay: 'Mereka ingin menunda kehamilan.',
  stop: 'Mereka tidak ingin punya anak lagi.',
  method_now: 'Mereka ingin ber-KB sekarang.',
};

const REASONS: Readonly<Record<string, string>> = {
  stok_kosong: 'alat/obat KB habis',
  jarak_akses: 'tempat pelayanan jauh',
  biaya: 'tidak ada biaya',
  takut_efek_samping: 'takut efek samping',
  belum_sempat: 'belum sempat ke tempat pelayanan',
};

function caseSheetText(sheet: PracticeSheet): string[] {
  const c = sheet.case!;
  const children =
    c.children === 0 ? 'belum punya anak' : `${c.children} anak masih hidup, ${c.postPartum ? 'yang terakhir lahir 3 bulan lalu' : 'yang terakhir sudah berumur 2 tahun'}`;
  const where = c.facility ? ` di ${labelOf(FACILITY_OPTIONS, c.facility).toLowerCase()}` : '';
  return [
    '*Lembar latihan: laporan kasus*',
    `${practiceDesaLabel(sheet)} (karangan). Dusun: ${sheet.dusun.map((d) => d.replace(/^Dusun /, '')).join(', ')}.`,
    '',
    `Saat kunjungan rumah di ${c.dusun}, Anda bertemu Ibu ${c.wife} dan Bapak ${c.husband} (nama karangan).`,
    `• Istri ${c.wifeAge} tahun, ${children}.`,
    `• ${WANTS[c.want]} Cara KB yang diinginkan: ${labelOf(METHOD_OPTIONS, c.method).toLowerCase()}.`,
    `• Belum terlayani karena ${REASONS[c.reason]}${where}.`,
    `• Mereka ${c.consent ? 'setuju' : 'tidak mau'} dihubungi Penyuluh KB.`,
    `• Di register: ${c.register}.`,
    '',
    'Laporkan pasangan ini seperti laporan sungguhan. Pertanyaan pertama menyusul.',
  ];
}

/** The sheet and how to begin, in as few messages as fit (each still gets the practice mark). */
export function sheetMessages(kind: PracticeKind, sheet: PracticeSheet): string[] {
  const intro = 'Semua pesan latihan bertanda 🧪 LATIHAN. Tidak ada yang disimpan atau dikirim ke PKB. Ketik BATAL untuk berhenti.';
  if (sheet.case) return packMessages([caseSheetText(sheet), [intro]], SHEET_CHARS);
  const recap = sheet.recap!;
  return packMessages([...recapSheetBlocks(sheet, recap), recapStart(kind, recap), [intro]], SHEET_CHARS);
}

/** What to send while a fast-entry practice waits for its LAPOR message. */
export function fastEntryReminder(sheet: PracticeSheet): string {
  return ['Kirim laporan latihan dalam satu pesan yang diawali LAPOR, sesuai lembar latihan.', ...recapStart('fast', sheet.recap!).slice(1)].join('\n');
}
