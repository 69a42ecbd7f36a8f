// How the recap reads back: one short numbered line per group (UBAH n changes line n), the derived figures in
// plain Indonesian, and, when everything does not fit one message, two pages. Pure text building.
import { indicators, formatPct } from '../../domain/recap/derive.js';
import { FIELD_BY_ID, METHODS, EXTRA_METHODS, INSTITUTIONS, type FieldGroup, type RecapSettings, type RecapValues } from '../../domain/recap/fields.js';
import { MAX_MESSAGE_CHARS } from '../engine/limits.js';
import { formatMonth } from '../parse/index.js';

// Short names of a group's line. A group without a heading shows its fields alone ("Keluarga 620, PUS 480").
const GROUP_HEADINGS: Readonly<Record<string, string | null>> = {
  ada: 'Yang ada',
  lapor: 'Yang melapor',
  operasional: 'Kegiatan',
  pus: null,
  pa: 'Peserta KB aktif',
  pa_extra: 'Peserta KB aktif',
  channel: 'Peserta KB aktif menurut jalur',
  non_user: 'Bukan peserta KB',
  pb: 'Peserta KB baru',
  do: 'Drop out',
  gc_dari: 'Ganti cara dari',
  gc_ke: 'Ganti cara ke',
  bkb: 'BKB',
  bkr: 'BKR',
  bkl: 'BKL',
  uppka: 'UPPKA',
};

const METHOD_SHORT: ReadonlyMap<string, string> = new Map([...METHODS, ...EXTRA_METHODS].map(([id, name]) => [id, id === 'lain' ? 'tradisional' : name]));
const INSTITUTION_SHORT: ReadonlyMap<string, string> = new Map(INSTITUTIONS.map(([id, name]) => [id, name]));

const FIELD_SHORT: Readonly<Record<string, string>> = {
  frek_rakor_desa: 'rakor',
  frek_penyuluhan_pkb: 'penyuluhan',
  frek_kie_kit: 'KIE Kit',
  jml_tokoh_aktif_kie: 'tokoh',
  jml_keluarga: 'Keluarga',
  pus: 'PUS',
  pa_pemerintah: 'pemerintah',
  pa_swasta: 'swasta',
  hamil: 'hamil',
  ias: 'IAS',
  iat: 'IAT',
  tial: 'TIAL',
  uppka_anggota: 'anggota',
  uppka_anggota_kps_ks1: 'KPS/KS I',
  uppka_pus: 'PUS',
  uppka_pus_kb: 'ber-KB',
  uppka_pus_kps_ks1: 'PUS KPS/KS I',
  uppka_pus_kps_ks1_kb: 'ber-KB',
  uppka_pertemuan: 'pertemuan',
  uppka_kelompok_akses_modal: 'akses modal',
};

const POKTAN_SHORT: Readonly<Record<string, string>> = {
  keluarga_sasaran: 'sasaran',
  keluarga_anggota: 'anggota',
  anggota_hadir: 'hadir',
  pus_anggota: 'PUS',
  pus_anggota_kb: 'ber-KB',
  pertemuan: 'pertemuan',
};

/** The field's name within its group's line: "IUD", "rakor desa", "sasaran". Never an internal id. */
export function shortLabel(fieldId: string): string {
  const fixed = FIELD_SHORT[fieldId];
  if (fixed) return fixed;
  const method = /^(?:pa|pb|do|gc_dari|gc_ke)_(.+)$/.exec(fieldId)?.[1];
  if (method && METHOD_SHORT.has(method)) return METHOD_SHORT.get(method)!;
  const institution = /^(.+)_(?:ada|lapor)$/.exec(fieldId)?.[1];
  if (institution && INSTITUTION_SHORT.has(institution)) return INSTITUTION_SHORT.get(institution)!;
  const poktan = /^(?:bkb|bkr|bkl)_(.+)$/.exec(fieldId)?.[1];
  if (poktan && POKTAN_SHORT[poktan]) return POKTAN_SHORT[poktan];
  return FIELD_BY_ID.get(fieldId)?.label ?? fieldId;
}

/** The short name of a group's line, or null when its fields say it all. */
export function groupHeading(group: FieldGroup): string | null {
  return group.id in GROUP_HEADINGS ? GROUP_HEADINGS[group.id]! : group.title.split(':')[0]!;
}

export function periodLabel(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return formatMonth({ year, month });
}

/** "Peserta KB aktif: IUD 20, MOW 5, …" — unanswered fields show "–". */
export function groupLine(group: FieldGroup, values: RecapValues): string {
  const parts = group.fields.map((id) => `${shortLabel(id)} ${values[id] ?? '–'}`).join(', ');
  const heading = groupHeading(group);
  return heading ? `${heading}: ${parts}` : parts;
}

/** The derived figures in Indonesian (no "CPR" or "unmet need"): active users and their share of PUS, and IAT + TIAL. */
export function derivedLine(values: RecapValues, settings: RecapSettings): string {
  if (values.pus === undefined) return '';
  const ind = indicators(values, settings);
  return (
    `Dihitung: peserta KB aktif ${ind.paTotal} (${formatPct(ind.cpr)} dari PUS), ` +
    `kebutuhan ber-KB tidak terpenuhi ${ind.unmetNeed} (${formatPct(ind.unmetNeedPct)})`
  );
}

export interface SummaryPages {
  /** A first page, sent before the question when everything does not fit one message; '' otherwise. */
  first: string;
  /** The page that ends with what to answer (KIRIM / UBAH n). */
  last: string;
}

export const SUMMARY_FOOTER = 'Balas KIRIM untuk mengirim, atau UBAH dan nomor baris untuk memperbaiki (misalnya UBAH 2).';

/** The numbered summary, in one message when it fits, else in two pages that say they belong together. */
export function summaryPages(options: {
  period: string;
  place: string;
  groups: readonly FieldGroup[];
  values: RecapValues;
  settings: RecapSettings;
  /** Lines shown under the derived figures (e.g. a PUS balance that does not add up). */
  notes?: readonly string[];
  /** A short note after a group's line, by group id (e.g. where Section II's numbers came from). */
  lineNotes?: Readonly<Record<string, string>>;
}): SummaryPages {
  const { period, place, groups, values, settings, notes = [], lineNotes = {} } = options;
  const title = `*Ringkasan laporan ${periodLabel(period)}*`;
  const lines = groups.map((group, i) => `${i + 1}. ${groupLine(group, values)}${lineNotes[group.id] ? ` (${lineNotes[group.id]})` : ''}`);
  const derived = derivedLine(values, settings);
  const tail = [...(derived ? ['', derived] : []), ...(notes.length ? ['', ...notes] : []), '', SUMMARY_FOOTER];
  const whole = [title, place, '', ...lines, ...tail].join('\n');
  if (whole.length <= MAX_MESSAGE_CHARS) return { first: '', last: whole };
  // Two pages: as many lines as fit on the first, the rest with the answer on the second.
  const head = [`${title} (1/2)`, place, ''];
  let split = lines.length - 1;
  while (split > 1 && [...head, ...lines.slice(0, split), '', 'Lanjut di pesan berikutnya.'].join('\n').length > MAX_MESSAGE_CHARS) split--;
  const first = [...head, ...lines.slice(0, split), '', 'Lanjut di pesan berikutnya.'].join('\n');
  const last = [`${title} (2/2)`, '', ...lines.slice(split), ...tail].join('\n');
  return { first, last };
}
