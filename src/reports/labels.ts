// The words the exports use, in Bahasa Indonesia, so the CSV and the XLSX say the same thing the same way: times in
// WITA, statuses and yes/no in Indonesian. The stored codes stay available in separate "Kode …" columns of the CSV.
import type { RECAP_STATUSES } from '../db/schema.js';
import type { cases } from '../db/schema.js';
import { formatMonth } from '../flows/parse/index.js';
import { toWita } from '../time/wita.js';

export type RecapExportStatus = (typeof RECAP_STATUSES)[number] | 'belum lapor';
type CaseStatus = (typeof cases.$inferSelect)['status'];
type CaseCategory = (typeof cases.$inferSelect)['category'];

export const RECAP_STATUS_LABELS: Readonly<Record<RecapExportStatus, string>> = {
  'belum lapor': 'belum lapor',
  submitted: 'terkirim',
  returned: 'dikembalikan',
  verified: 'terverifikasi',
};

/** The machine code of a recap status ("belum lapor" is not stored, so it gets a code of its own). */
export function recapStatusCode(status: RecapExportStatus): string {
  return status === 'belum lapor' ? 'belum_lapor' : status;
}

/** For the PKB, koordinator and Dinas reading an export (the resident-facing wording lives with the case flows). */
export const CASE_STATUS_EXPORT_LABELS: Readonly<Record<CaseStatus, string>> = {
  reported: 'dilaporkan',
  assigned: 'diteruskan ke PKB',
  followed_up: 'sudah ditindaklanjuti',
  served: 'sudah dilayani',
  declined: 'tidak ber-KB saat ini',
  referred: 'dirujuk',
  lost: 'tidak terlacak',
  closed_invalid: 'ditutup (tidak valid)',
};

export const CASE_CATEGORY_LABELS: Readonly<Record<CaseCategory, string>> = {
  IAT: 'Ingin anak ditunda (IAT)',
  TIAL: 'Tidak ingin anak lagi (TIAL)',
  CALON_AKSEPTOR: 'Calon akseptor belum terlayani',
};

export const yaTidak = (b: boolean): string => (b ? 'ya' : 'tidak');

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-12-02 11:30": an instant as WITA wall-clock time (the column header says "(WITA)"). */
export function witaDateTime(iso: string | null): string | null {
  if (iso === null) return null;
  const p = toWita(new Date(iso));
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** "2 Desember 2026": the WITA date of an instant, as written under a signature. */
export function witaLongDate(iso: string): string {
  const p = toWita(new Date(iso));
  return `${p.day} ${formatMonth({ year: p.year, month: p.month })}`;
}

/** "2026-11" → "November 2026", the way the paper form names the month. */
export function periodText(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return formatMonth({ year, month });
}

/**
 * Soft-rule warnings as the exports show them. The stored message is the question the cadre answered YA to
 * ("… Apakah benar?"); the export states it as a finding. A rule without a stored message gets its short name.
 */
const RULE_NAMES: Readonly<Record<string, string>> = {
  W1: 'Peserta KB aktif tidak sesuai dengan bulan lalu, peserta baru dan drop out',
  W2: 'PUS berubah banyak dibanding bulan lalu',
  W3: 'Peserta MOW/MOP berkurang',
  W4: 'PUS jauh lebih banyak dari jumlah keluarga',
  W5: 'CPR di luar 30–95%',
  W6: 'Persentase IAT + TIAL tidak biasa',
  W7: 'Komposisi cara KB tidak biasa',
  W8: 'Jumlah PUS desa tidak biasa',
  W9: 'Tidak ada PUS bukan peserta KB',
  W10: 'Kasus IAT/TIAL yang dilaporkan lebih banyak dari angka rekap',
  S1: 'Jumlah PPKBD bukan 1',
  S2: 'Jumlah Sub-PPKBD sangat banyak',
  S3: 'Frekuensi rakor desa tinggi',
  S4: 'Frekuensi penyuluhan PKB tinggi',
  S5: 'Frekuensi penggunaan KIE Kit tinggi',
  S6: 'Jumlah tokoh aktif KIE tinggi',
  S7: 'Jumlah pertemuan poktan tinggi',
  S8: 'PUS anggota poktan lebih banyak dari keluarga anggota',
};

export interface ConfirmedWarning {
  rule: string;
  text: string;
}

/** The warnings stored with a recap ({ rule, message, answer }) that the cadre confirmed with YA. */
export function confirmedWarnings(json: string | null): ConfirmedWarning[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const out: ConfirmedWarning[] = [];
  for (const item of parsed) {
    if (item === null || typeof item !== 'object') continue;
    const { rule, message, answer } = item as { rule?: unknown; message?: unknown; answer?: unknown };
    if (typeof rule !== 'string' || String(answer).toUpperCase() !== 'YA') continue;
    const finding = typeof message === 'string' ? message.replace(/\s*Apakah (ini |itu )?(sudah )?benar\?\s*$/i, '').trim() : '';
    out.push({ rule, text: finding || RULE_NAMES[rule] || 'Angka tidak biasa' });
  }
  return out;
}
