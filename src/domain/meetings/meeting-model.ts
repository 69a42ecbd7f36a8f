// Routine meetings and attendance (module c): the kinds of meeting, places, topics and the attendance roles, as
// stored keys with their Indonesian labels. Pure data, shared by the schema, the flows and the reports.

/** Meeting kinds. The first three feed Section II of the desa recap; poktan meetings feed the poktan counts. */
export const MEETING_KINDS = ['RAKOR_DESA', 'PENYULUHAN_PKB', 'KIE_KIT', 'POKTAN_BKB', 'POKTAN_BKR', 'POKTAN_BKL', 'POKTAN_UPPKA', 'POKTAN_PIKR', 'RAPAT_KECAMATAN', 'RAPAT_KABUPATEN', 'LAINNYA'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** Where a meeting is recorded: a desa (with an optional dusun), a kecamatan (full meeting) or the kabupaten. */
export const MEETING_LEVELS = ['desa', 'kecamatan', 'kabupaten'] as const;
export type MeetingLevel = (typeof MEETING_LEVELS)[number];

/** Public places only: a private house's address is never asked (rumah kader is a kind, not an address). */
export const MEETING_PLACES = ['balai_desa', 'rumah_kader', 'masjid', 'posyandu', 'kantor_camat', 'lainnya'] as const;
export type MeetingPlace = (typeof MEETING_PLACES)[number];

export const MEETING_TOPICS = ['kb_mkjp', 'kbpp', 'stunting_bkb', 'remaja_bkr', 'lansia_bkl', 'uppka', 'data_register', 'lainnya'] as const;
export type MeetingTopic = (typeof MEETING_TOPICS)[number];

/**
 * Attendance by role (one column each in `meetings`). pkb and ppkbd are counts too (0/1 in a desa meeting, more at a
 * kecamatan meeting); leaders count for the recap's "tokoh aktif KIE".
 */
export const ATTENDANCE_ROLES = ['pkb', 'ppkbd', 'sub_ppkbd', 'tokoh_agama', 'tokoh_masyarakat', 'kader_poktan', 'bidan', 'aparat_desa', 'peserta_lain'] as const;
export type AttendanceRole = (typeof ATTENDANCE_ROLES)[number];
export type Attendance = Record<AttendanceRole, number>;
