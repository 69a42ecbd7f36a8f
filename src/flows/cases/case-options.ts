// Numbered choices of the case flows, in Bahasa Indonesia. Keys are what is stored (domain.md §6.1).
import type { ChoiceOption } from '../parse/index.js';

export interface LabelledOption {
  key: string;
  label: string;
  words: readonly string[];
}

function choices(options: readonly LabelledOption[]): ChoiceOption<string>[] {
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


export const WANT_CHOICES = choices(WANT_OPTIONS);
export const METHOD_CHOICES = choices(METHOD_OPTIONS);
export const REASON_CHOICES = choices(REASON_OPTIONS);

export const CASE_STATUS_LABELS: Readonly<Record<string, string>> = {
  reported: 'dilaporkan',
  assigned: 'diteruskan ke Penyuluh KB',
  followed_up: 'sudah ditindaklanjuti',
  served: 'sudah dilayani',
  declined: 'pasangan memutuskan tidak ber-KB saat ini',
  referred: 'dirujuk ke fasilitas kesehatan',
  lost: 'tidak dapat dihubungi',
  closed_invalid: 'ditutup',
};

/** Most residents can hold this many open cases; more is refused politely. */
export const MAX_OPEN_CASES_PER_RESIDENT = 3;
