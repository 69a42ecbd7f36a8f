// Indonesian labels of the meeting vocabulary (meeting-model.ts), as cadres and officers read them. Pure data.
import type { AttendanceRole, MeetingKind, MeetingLevel, MeetingPlace, MeetingTopic } from './meeting-model.js';

export const KIND_LABELS: Readonly<Record<MeetingKind, string>> = {
  RAKOR_DESA: 'Rapat koordinasi KB desa (rakor)',
  PENYULUHAN_PKB: 'Penyuluhan oleh PKB',
  KIE_KIT: 'Sesi KIE Kit',
  POKTAN_BKB: 'Pertemuan BKB',
  POKTAN_BKR: 'Pertemuan BKR',
  POKTAN_BKL: 'Pertemuan BKL',
  POKTAN_UPPKA: 'Pertemuan UPPKA',
  POKTAN_PIKR: 'Pertemuan PIK-R',
  RAPAT_KECAMATAN: 'Rapat lengkap tingkat kecamatan',
  RAPAT_KABUPATEN: 'Rapat lengkap tingkat kabupaten',
  LAINNYA: 'Lainnya',
};

/** The kinds offered at each level, in the order shown. */
export const KINDS_BY_LEVEL: Readonly<Record<MeetingLevel, readonly MeetingKind[]>> = {
  desa: ['RAKOR_DESA', 'PENYULUHAN_PKB', 'KIE_KIT', 'POKTAN_BKB', 'POKTAN_BKR', 'POKTAN_BKL', 'POKTAN_UPPKA', 'POKTAN_PIKR', 'LAINNYA'],
  kecamatan: ['RAPAT_KECAMATAN', 'PENYULUHAN_PKB', 'KIE_KIT', 'LAINNYA'],
  kabupaten: ['RAPAT_KABUPATEN', 'LAINNYA'],
};

export const PLACE_LABELS: Readonly<Record<MeetingPlace, string>> = {
  balai_desa: 'Balai/kantor desa',
  rumah_kader: 'Rumah kader',
  masjid: 'Masjid',
  posyandu: 'Posyandu',
  kantor_camat: 'Kantor camat',
  lainnya: 'Lainnya',
};

export const TOPIC_LABELS: Readonly<Record<MeetingTopic, string>> = {
  kb_mkjp: 'KB dan MKJP',
  kbpp: 'KB pasca persalinan',
  stunting_bkb: 'Stunting/BKB',
  remaja_bkr: 'Remaja/BKR',
  lansia_bkl: 'Lansia/BKL',
  uppka: 'UPPKA',
  data_register: 'Data dan register',
  lainnya: 'Lainnya',
};

/** Short labels for the attendance list, in ATTENDANCE_ROLES order. */
export const ATTENDANCE_LABELS: Readonly<Record<AttendanceRole, string>> = {
  pkb: 'PKB',
  ppkbd: 'PPKBD',
  sub_ppkbd: 'Sub-PPKBD',
  tokoh_agama: 'tokoh agama',
  tokoh_masyarakat: 'tokoh masyarakat',
  kader_poktan: 'kader poktan',
  bidan: 'bidan',
  aparat_desa: 'aparat desa',
  peserta_lain: 'peserta lain',
};

/** "PKB 1, PPKBD 1, Sub-PPKBD 3 …": only the roles present, or "belum ada" when nobody. */
export function attendanceLine(counts: Readonly<Partial<Record<AttendanceRole, number>>>): string {
  const parts = (Object.keys(ATTENDANCE_LABELS) as AttendanceRole[]).filter((r) => (counts[r] ?? 0) > 0).map((r) => `${ATTENDANCE_LABELS[r]} ${counts[r]}`);
  return parts.length > 0 ? parts.join(', ') : 'belum ada';
}

/** Kinds in a few words, for lists in digests and summaries ("rakor desa Pakatto 30/11"). */
export const SHORT_KIND_LABELS: Readonly<Record<MeetingKind, string>> = {
  RAKOR_DESA: 'rakor desa',
  PENYULUHAN_PKB: 'penyuluhan PKB',
  KIE_KIT: 'sesi KIE Kit',
  POKTAN_BKB: 'pertemuan BKB',
  POKTAN_BKR: 'pertemuan BKR',
  POKTAN_BKL: 'pertemuan BKL',
  POKTAN_UPPKA: 'pertemuan UPPKA',
  POKTAN_PIKR: 'pertemuan PIK-R',
  RAPAT_KECAMATAN: 'rapat lengkap kecamatan',
  RAPAT_KABUPATEN: 'rapat lengkap kabupaten',
  LAINNYA: 'pertemuan lain',
};
