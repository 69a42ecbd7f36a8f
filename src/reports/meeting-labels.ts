// The Indonesian words for the stored meeting keys (domain/meetings/meeting-model.ts), as the exports and the
// reports show them. The flows that ask for a meeting word their own options.
import type { AttendanceRole, MeetingKind, MeetingLevel, MeetingPlace, MeetingTopic } from '../domain/meetings/meeting-model.js';

export const MEETING_KIND_LABELS: Readonly<Record<MeetingKind, string>> = {
  RAKOR_DESA: 'Rakor KB desa',
  PENYULUHAN_PKB: 'Penyuluhan oleh PKB',
  KIE_KIT: 'Penyuluhan dengan KIE Kit',
  POKTAN_BKB: 'Pertemuan BKB',
  POKTAN_BKR: 'Pertemuan BKR',
  POKTAN_BKL: 'Pertemuan BKL',
  POKTAN_UPPKA: 'Pertemuan UPPKA',
  POKTAN_PIKR: 'Pertemuan PIK-R',
  RAPAT_KECAMATAN: 'Rapat bulanan kecamatan',
  RAPAT_KABUPATEN: 'Rapat bulanan kabupaten',
  LAINNYA: 'Lainnya',
};

export const MEETING_LEVEL_LABELS: Readonly<Record<MeetingLevel, string>> = {
  desa: 'Desa/Kelurahan',
  kecamatan: 'Kecamatan',
  kabupaten: 'Kabupaten',
};

export const MEETING_PLACE_LABELS: Readonly<Record<MeetingPlace, string>> = {
  balai_desa: 'Balai desa',
  rumah_kader: 'Rumah kader',
  masjid: 'Masjid',
  posyandu: 'Posyandu',
  kantor_camat: 'Kantor camat',
  lainnya: 'Lainnya',
};

export const MEETING_TOPIC_LABELS: Readonly<Record<MeetingTopic, string>> = {
  kb_mkjp: 'KB/MKJP',
  kbpp: 'KB pasca persalinan',
  stunting_bkb: 'Stunting/BKB',
  remaja_bkr: 'Remaja/BKR',
  lansia_bkl: 'Lansia/BKL',
  uppka: 'UPPKA',
  data_register: 'Data/register',
  lainnya: 'Lainnya',
};

/** Column headers of the attendance by role. */
export const ATTENDANCE_LABELS: Readonly<Record<AttendanceRole, string>> = {
  pkb: 'Hadir PKB',
  ppkbd: 'Hadir PPKBD',
  sub_ppkbd: 'Hadir Sub-PPKBD',
  tokoh_agama: 'Hadir tokoh agama',
  tokoh_masyarakat: 'Hadir tokoh masyarakat',
  kader_poktan: 'Hadir kader poktan',
  bidan: 'Hadir bidan',
  aparat_desa: 'Hadir aparat desa',
  peserta_lain: 'Hadir peserta lain',
};

/** A stored key's label, or the key itself for a value written by a later version. */
export function labelFor<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return (labels as Readonly<Record<string, string>>)[key] ?? key;
}
