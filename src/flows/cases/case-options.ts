// Numbered choices of the case flows, in Bahasa Indonesia. Keys are what is stored (docs/domain.md §6.1).
import type { ChoiceOption } from '../parse/index.js';

export interface LabelledOption {
  key: string;
  label: string;
  words: readonly string[];
}

export function choices(options: readonly LabelledOption[]): ChoiceOption<string>[] {
  return options.map((o, i) => ({ key: o.key, number: i + 1, words: o.words, label: o.label }));
}

export function listText(options: readonly LabelledOption[]): string {
  return options.map((o, i) => `${i + 1}. ${o.label}`).join('\n');
}

export function labelOf(options: readonly LabelledOption[], key: string): string {
  return options.find((o) => o.key === key)?.label ?? key;
}

export const WANT_OPTIONS: readonly LabelledOption[] = [
  { key: 'delay', label: 'Ingin menunda kehamilan', words: ['tunda', 'menunda'] },
  { key: 'stop', label: 'Tidak ingin anak lagi', words: ['berhenti', 'tidak ingin anak lagi'] },
  { key: 'method_now', label: 'Ingin ber-KB sekarang, tetapi belum terlayani', words: ['sekarang', 'kb sekarang'] },
];

export const METHOD_OPTIONS: readonly LabelledOption[] = [
  { key: 'suntik', label: 'Suntik', words: ['suntik', 'suntikan'] },
  { key: 'pil', label: 'Pil', words: ['pil'] },
  { key: 'implan', label: 'Implan/susuk', words: ['implan', 'implant', 'susuk'] },
  { key: 'iud', label: 'IUD/spiral', words: ['iud', 'spiral', 'akdr'] },
  { key: 'kondom', label: 'Kondom', words: ['kondom'] },
  { key: 'mow', label: 'Steril wanita (MOW)', words: ['mow', 'steril wanita'] },
  { key: 'mop', label: 'Steril pria (MOP)', words: ['mop', 'vasektomi'] },
  { key: 'belum_tahu', label: 'Belum tahu', words: ['belum tahu', 'tidak tahu'] },
];

export const REASON_OPTIONS: readonly LabelledOption[] = [
  { key: 'stok_kosong', label: 'Alat/obat KB habis di tempat pelayanan', words: ['habis', 'stok kosong', 'kosong'] },
  { key: 'jarak_akses', label: 'Tempat pelayanan jauh', words: ['jauh'] },
  { key: 'biaya', label: 'Biaya', words: ['biaya', 'mahal'] },
  { key: 'takut_efek_samping', label: 'Takut efek samping', words: ['takut', 'efek samping'] },
  { key: 'suami_tidak_setuju', label: 'Suami tidak setuju', words: ['suami'] },
  { key: 'alasan_kesehatan', label: 'Alasan kesehatan', words: ['kesehatan', 'sakit'] },
  { key: 'belum_sempat', label: 'Belum sempat', words: ['belum sempat'] },
  { key: 'tidak_tahu_tempat', label: 'Tidak tahu tempat pelayanan', words: ['tidak tahu tempat'] },
  { key: 'lainnya', label: 'Lainnya', words: ['lainnya', 'lain'] },
];

/** Where a method was out of stock, or where a couple is referred: a kind of place, never a person's name. */
export const FACILITY_OPTIONS: readonly LabelledOption[] = [
  { key: 'puskesmas', label: 'Puskesmas', words: ['puskesmas', 'pkm'] },
  { key: 'pustu', label: 'Pustu', words: ['pustu', 'puskesmas pembantu'] },
  { key: 'polindes', label: 'Polindes/Poskesdes', words: ['polindes', 'poskesdes'] },
  { key: 'bidan_desa', label: 'Bidan desa', words: ['bidan desa', 'bidan'] },
  { key: 'klinik_swasta', label: 'Klinik/praktik swasta', words: ['klinik', 'klinik swasta', 'praktik swasta', 'swasta'] },
  { key: 'rumah_sakit', label: 'Rumah sakit', words: ['rumah sakit', 'rs', 'rsud'] },
  { key: 'lainnya', label: 'Lainnya', words: ['lainnya', 'lain'] },
];

/** Why a couple declined (docs/domain.md §6.1 alasan_menolak); "lainnya" asks a short note. */
export const DECLINE_OPTIONS: readonly LabelledOption[] = [
  { key: 'takut_efek_samping', label: 'Takut efek samping', words: ['takut', 'efek samping', 'takut efek samping'] },
  { key: 'suami_keluarga', label: 'Suami/keluarga tidak setuju', words: ['suami', 'keluarga', 'suami tidak setuju', 'keluarga tidak setuju', 'tidak diizinkan suami'] },
  { key: 'ingin_anak', label: 'Ingin punya anak lagi', words: ['ingin anak', 'ingin hamil', 'mau punya anak', 'ingin punya anak lagi', 'mau hamil'] },
  { key: 'kesehatan', label: 'Alasan kesehatan', words: ['kesehatan', 'sakit'] },
  { key: 'agama', label: 'Alasan agama/keyakinan', words: ['agama', 'keyakinan'] },
  { key: 'lainnya', label: 'Lainnya', words: ['lainnya', 'lain'] },
];

/** Why a case is closed as not valid (docs/domain.md §6.2 CLOSED_INVALID); "lainnya" asks a short note. */
export const INVALID_OPTIONS: readonly LabelledOption[] = [
  { key: 'ganda', label: 'Laporan ganda', words: ['ganda', 'duplikat', 'dobel', 'laporan ganda', 'sudah dilaporkan'] },
  { key: 'pindah', label: 'Pasangan sudah pindah', words: ['pindah', 'sudah pindah', 'pindah rumah'] },
  { key: 'hamil', label: 'Istri sudah hamil', words: ['hamil', 'sudah hamil', 'istri hamil'] },
  { key: 'bukan_pus', label: 'Bukan PUS lagi (usia, cerai, meninggal)', words: ['bukan pus', 'usia', 'cerai', 'meninggal', 'bukan pus lagi'] },
  { key: 'sudah_kb', label: 'Sudah ber-KB', words: ['sudah kb', 'sudah ber-kb', 'sudah ber kb'] },
  { key: 'tidak_ditemukan', label: 'Pasangan tidak ditemukan', words: ['tidak ditemukan', 'tidak ada'] },
  { key: 'lainnya', label: 'Lainnya', words: ['lainnya', 'lain'] },
];

export const WANT_CHOICES = choices(WANT_OPTIONS);
export const METHOD_CHOICES = choices(METHOD_OPTIONS);
export const REASON_CHOICES = choices(REASON_OPTIONS);
export const FACILITY_CHOICES = choices(FACILITY_OPTIONS);
export const DECLINE_CHOICES = choices(DECLINE_OPTIONS);
export const INVALID_CHOICES = choices(INVALID_OPTIONS);

/** "Pustu", or "Lainnya: apotek" when a short note was typed under "lainnya". */
export function labelWithNote(options: readonly LabelledOption[], key: string, note: string | null | undefined): string {
  const label = labelOf(options, key);
  return key === 'lainnya' && note ? `${label}: ${note}` : label;
}

export const CASE_STATUS_LABELS: Readonly<Record<string, string>> = {
  reported: 'dilaporkan',
  assigned: 'diteruskan ke petugas KB',
  followed_up: 'sudah ditindaklanjuti',
  served: 'sudah dilayani',
  declined: 'pasangan memutuskan tidak ber-KB saat ini',
  referred: 'dirujuk ke fasilitas kesehatan',
  lost: 'tidak dapat dihubungi',
  closed_invalid: 'ditutup',
};

/** The same statuses as the people working a case read them: an assigned case is one still to be followed up. */
export const WORK_STATUS_LABELS: Readonly<Record<string, string>> = {
  ...CASE_STATUS_LABELS,
  reported: 'belum ada petugas',
  assigned: 'belum ditindaklanjuti',
};

/** Most residents can hold this many open cases; more is refused politely. */
export const MAX_OPEN_CASES_PER_RESIDENT = 3;
