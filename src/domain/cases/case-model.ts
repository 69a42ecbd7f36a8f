// Unmet-need and unserved-acceptor cases (docs/domain.md §6.1): the enums a case is made of, with the Indonesian labels
// of the numbered menus, and the readable case code. Pure: no I/O, no clock. No field here identifies a person
// (docs/domain.md §10): age bands instead of a date of birth, a register pointer instead of a name.

// ---- What the couple wants, and the category it puts them in -------------------------------------------------

export const WANTS = ['delay', 'stop', 'method_now'] as const;
export type Want = (typeof WANTS)[number];

export const WANT_LABELS: Readonly<Record<Want, string>> = {
  delay: 'Menunda kehamilan',
  stop: 'Tidak ingin anak lagi',
  method_now: 'Ingin ber-KB sekarang',
};

export const CATEGORIES = ['IAT', 'TIAL', 'CALON_AKSEPTOR'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  IAT: 'Ingin anak ditunda (IAT)',
  TIAL: 'Tidak ingin anak lagi (TIAL)',
  CALON_AKSEPTOR: 'Calon akseptor belum terlayani',
};

/** IAT and TIAL as in the F/I/Dal definitions; "wants a method now, not served" is a prospective acceptor. */
export const CATEGORY_OF_WANT: Readonly<Record<Want, Category>> = {
  delay: 'IAT',
  stop: 'TIAL',
  method_now: 'CALON_AKSEPTOR',
};

// ---- Methods ---------------------------------------------------------------------------------------------------

export const METHODS_WANTED = ['iud', 'mow', 'mop', 'implan', 'suntik', 'pil', 'kondom', 'mal', 'belum_tahu'] as const;
export type MethodWanted = (typeof METHODS_WANTED)[number];

export const METHOD_LABELS: Readonly<Record<MethodWanted, string>> = {
  iud: 'IUD/spiral',
  mow: 'MOW (steril wanita)',
  mop: 'MOP (steril pria)',
  implan: 'Implan/susuk',
  suntik: 'Suntik',
  pil: 'Pil',
  kondom: 'Kondom',
  mal: 'MAL (menyusui)',
  belum_tahu: 'Belum tahu',
};

/** A served case records the method actually given: every method except "belum tahu". */
export const SERVICE_METHODS = METHODS_WANTED.filter((m): m is Exclude<MethodWanted, 'belum_tahu'> => m !== 'belum_tahu');
export type ServiceMethod = Exclude<MethodWanted, 'belum_tahu'>;

// ---- Why the couple is not served yet (multi-select) -----------------------------------------------------------

export const REASONS = [
  'stok_kosong',
  'jarak_akses',
  'biaya',
  'takut_efek_samping',
  'suami_tidak_setuju',
  'alasan_kesehatan',
  'belum_sempat',
  'tidak_tahu_tempat',
  'lainnya',
] as const;
export type Reason = (typeof REASONS)[number];

export const REASON_LABELS: Readonly<Record<Reason, string>> = {
  stok_kosong: 'Alat/obat KB habis di faskes',
  jarak_akses: 'Tempat pelayanan jauh',
  biaya: 'Biaya',
  takut_efek_samping: 'Takut efek samping',
  suami_tidak_setuju: 'Suami tidak setuju',
  alasan_kesehatan: 'Alasan kesehatan',
  belum_sempat: 'Belum sempat',
  tidak_tahu_tempat: 'Tidak tahu tempat pelayanan',
  lainnya: 'Lainnya',
};

// ---- Bands instead of identifying values -----------------------------------------------------------------------

export const AGE_BANDS = ['15-19', '20-29', '30-39', '40-49', '50+'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

export const AGE_BAND_LABELS: Readonly<Record<AgeBand, string>> = {
  '15-19': '15-19 tahun',
  '20-29': '20-29 tahun',
  '30-39': '30-39 tahun',
  '40-49': '40-49 tahun',
  '50+': '50 tahun ke atas',
};

export const CHILDREN = ['0', '1', '2', '3+'] as const;
export type Children = (typeof CHILDREN)[number];

export const CHILDREN_LABELS: Readonly<Record<Children, string>> = {
  '0': 'Belum ada',
  '1': '1 anak',
  '2': '2 anak',
  '3+': '3 anak atau lebih',
};

// ---- Status ----------------------------------------------------------------------------------------------------

export const CASE_STATUSES = ['reported', 'assigned', 'followed_up', 'served', 'declined', 'referred', 'lost', 'closed_invalid'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  reported: 'dilaporkan',
  assigned: 'ditugaskan',
  followed_up: 'sudah ditindaklanjuti',
  served: 'sudah dilayani',
  declined: 'menolak',
  referred: 'dirujuk',
  lost: 'tidak terlacak',
  closed_invalid: 'ditutup (tidak valid)',
};

/** No move leaves these (docs/domain.md §6.2). */
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['served', 'declined', 'lost', 'closed_invalid'];
export const OPEN_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => !TERMINAL_STATUSES.includes(s));

export function isOpen(status: CaseStatus): boolean {
  return !TERMINAL_STATUSES.includes(status);
}

export function isTerminal(status: CaseStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

// ---- Type guards for stored or typed keys ----------------------------------------------------------------------

const member =
  <T extends string>(values: readonly T[]) =>
  (value: string): value is T =>
    (values as readonly string[]).includes(value);

export const isWant = member(WANTS);
export const isCategory = member(CATEGORIES);
export const isMethodWanted = member(METHODS_WANTED);
export const isServiceMethod = member(SERVICE_METHODS);
export const isReason = member(REASONS);
export const isAgeBand = member(AGE_BANDS);
export const isChildren = member(CHILDREN);
export const isCaseStatus = member(CASE_STATUSES);

// ---- Numbered menus --------------------------------------------------------------------------------------------

/** "1. Menunda kehamilan\n2. Tidak ingin anak lagi\n…", in the order of `keys`. */
export function numberedMenu<K extends string>(keys: readonly K[], labels: Readonly<Record<K, string>>): string {
  return keys.map((k, i) => `${i + 1}. ${labels[k]}`).join('\n');
}

/** The key chosen by its menu number ("2", " 2. "), or null when the answer is not a number on the menu. */
export function pickNumbered<K extends string>(keys: readonly K[], answer: string): K | null {
  const m = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(answer);
  if (!m) return null;
  return keys[Number(m[1]) - 1] ?? null;
}

// ---- Case code -------------------------------------------------------------------------------------------------

/** Every case lies in Kabupaten Gowa (Kemendagri 73.06); the code carries only the kecamatan and desa digits. */
export const KABUPATEN_CODE = '73.06';

export interface ParsedCaseCode {
  /** Canonical form, e.g. "UN-202003-2026-0001". */
  code: string;
  /** Kemendagri desa code, e.g. "73.06.20.2003". */
  desaCode: string;
  year: number;
  seq: number;
}

function desaDigits(desaCode: string): { kec: string; desa: string } {
  const m = /^\s*73\.?06\.?(\d{2})\.?(\d{4})\s*$/.exec(desaCode);
  if (!m) throw new RangeError(`Kode desa tidak dikenal: "${desaCode}" (contoh: 73.06.20.2003)`);
  return { kec: m[1]!, desa: m[2]! };
}

/**
 * "UN-<kecamatan2><desa4>-<yyyy>-<seq4>", e.g. caseCode('73.06.20.2003', 2026, 1) === 'UN-202003-2026-0001'.
 * The running number restarts every year per desa; past 9999 it simply grows a digit.
 */
export function caseCode(desaCode: string, year: number, seq: number): string {
  const { kec, desa } = desaDigits(desaCode);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Tahun tidak valid: ${year}`);
  if (!Number.isInteger(seq) || seq < 1) throw new RangeError(`Nomor urut tidak valid: ${seq}`);
  return `UN-${kec}${desa}-${year}-${String(seq).padStart(4, '0')}`;
}

const SEP = '[\\s._\\-\u2013\u2014]*';
const CODE_PATTERN = new RegExp(`(?<![\\p{L}\\p{N}])UN${SEP}(\\d{2})[\\s.]?(\\d{4})${SEP}(\\d{4})${SEP}(\\d{1,6})(?!\\d)`, 'iu');

/**
 * Finds a case code in what someone typed: any case, spaces or dots instead of dashes, a short running number
 * ("status un 202003 2026 7" → UN-202003-2026-0007). Null when there is none.
 */
export function parseCaseCode(text: string): ParsedCaseCode | null {
  const m = CODE_PATTERN.exec(text);
  if (!m) return null;
  const [, kec, desa, yearText, seqText] = m as unknown as [string, string, string, string, string];
  const year = Number(yearText);
  const seq = Number(seqText);
  if (seq < 1 || year < 1000) return null;
  const desaCode = `${KABUPATEN_CODE}.${kec}.${desa}`;
  return { code: caseCode(desaCode, year, seq), desaCode, year, seq };
}
