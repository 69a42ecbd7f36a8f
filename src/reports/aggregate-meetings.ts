// The meetings part of the one aggregation (aggregate.ts): for a period and the desa of an area, the meetings
// recorded per kind and level, per kecamatan and per desa, the attendance summed by role, the KIE Kit sessions,
// whether each kecamatan held its full meeting (RAPAT_KECAMATAN), and, for a digest, the meetings reported since an
// instant with their desa. Pure: rows in, figures out (aggregate-data.ts loads the rows through meeting-reads.repo).
import { ATTENDANCE_ROLES, MEETING_KINDS, MEETING_LEVELS, type Attendance, type MeetingKind, type MeetingLevel } from '../domain/meetings/meeting-model.js';

/** A recorded meeting as the aggregation reads it (no reporter, no attendee names). */
export interface MeetingInput {
  code: string;
  level: MeetingLevel;
  /** The desa for level desa, the kecamatan for kecamatan, the kabupaten for kabupaten. */
  areaCode: string;
  kecamatanCode: string | null;
  dusun: string | null;
  kind: MeetingKind;
  /** WITA day YYYY-MM-DD, and the month it counts for. */
  heldOn: string;
  period: string;
  attendance: Attendance;
  attendanceTotal: number;
  kieKit: boolean;
  /** ISO-8601. */
  reportedAt: string;
}

/** A meeting named in a list (a digest's "since the last one"): where, what, when; no person. */
export interface MeetingRef {
  code: string;
  level: MeetingLevel;
  kind: MeetingKind;
  heldOn: string;
  period: string;
  /** Null for a kecamatan- or kabupaten-level meeting. */
  desaCode: string | null;
  desaName: string | null;
  dusun: string | null;
  kecamatanCode: string | null;
  kecamatanName: string | null;
  attendanceTotal: number;
  kieKit: boolean;
  reportedAt: string;
}

export interface KecamatanMeetings {
  kecamatanCode: string;
  kecamatanName: string;
  /** Every meeting of the kecamatan in the period (its desa and the kecamatan itself). */
  meetings: number;
  /** Meetings held in its desa. */
  desaMeetings: number;
  /** The monthly full meeting of the kecamatan (RAPAT_KECAMATAN): how many, and whether one was held. */
  kecamatanMeetings: number;
  kecamatanMeetingHeld: boolean;
}

export interface DesaMeetings {
  code: string;
  name: string;
  kecamatanCode: string;
  meetings: number;
  byKind: Record<MeetingKind, number>;
  attendanceTotal: number;
  kieKitSessions: number;
}

export interface MeetingsSlot {
  recorded: true;
  /** Meetings of the period in the area: its desa, its kecamatan (not for a desa alone), the kabupaten (for the kabupaten). */
  total: number;
  byKind: Record<MeetingKind, number>;
  byLevel: Record<MeetingLevel, number>;
  /** Attendance summed over the meetings, by role, and the total. */
  attendance: Attendance;
  attendanceTotal: number;
  /** Meetings where the KIE Kit was used (a KIE_KIT session counts). */
  kieKitSessions: number;
  /** Every kecamatan of the area, in the area's order, with or without meetings. */
  byKecamatan: KecamatanMeetings[];
  /** Every desa of the area, in code order, with or without meetings. */
  byDesa: DesaMeetings[];
  /** For a kecamatan (or a PKB's binaan in one): whether its full meeting was held; null for a desa or the kabupaten. */
  kecamatanMeetingHeld: boolean | null;
  /** The kabupaten's full meeting (RAPAT_KABUPATEN) of the period, for the kabupaten; null otherwise. */
  kabupatenMeetingHeld: boolean | null;
  /** With `since`: meetings of the area reported from then on (any month), oldest day first. */
  since: MeetingRef[] | null;
}

/** The desa the figures are for, and what the area is. */
export interface MeetingsScope {
  period: string;
  desa: readonly { code: string; name: string; kecamatanCode: string; kecamatanName: string }[];
  /** Kecamatan-level meetings count (an area larger than one desa). */
  withKecamatanLevel: boolean;
  /** Kabupaten-level meetings count (the kabupaten as a whole). */
  withKabupatenLevel: boolean;
  since: Date | null;
}

const zeroKinds = (): Record<MeetingKind, number> => Object.fromEntries(MEETING_KINDS.map((k) => [k, 0])) as Record<MeetingKind, number>;
const zeroAttendance = (): Attendance => Object.fromEntries(ATTENDANCE_ROLES.map((r) => [r, 0])) as Attendance;
const usedKit = (m: MeetingInput) => m.kieKit || m.kind === 'KIE_KIT';

export function meetingsSlot(all: readonly MeetingInput[], scope: MeetingsScope): MeetingsSlot {
  const desaByCode = new Map(scope.desa.map((d) => [d.code, d]));
  const kecamatan = new Map<string, string>();
  for (const d of scope.desa) if (!kecamatan.has(d.kecamatanCode)) kecamatan.set(d.kecamatanCode, d.kecamatanName);
  const inScope = (m: MeetingInput): boolean =>
    m.level === 'desa'
      ? desaByCode.has(m.areaCode)
      : m.level === 'kecamatan'
        ? scope.withKecamatanLevel && m.kecamatanCode !== null && kecamatan.has(m.kecamatanCode)
        : scope.withKabupatenLevel;
  const area = all.filter(inScope);
  const month = area.filter((m) => m.period === scope.period);

  const byKind = zeroKinds();
  const byLevel = Object.fromEntries(MEETING_LEVELS.map((l) => [l, 0])) as Record<MeetingLevel, number>;
  const attendance = zeroAttendance();
  for (const m of month) {
    byKind[m.kind]++;
    byLevel[m.level]++;
    for (const r of ATTENDANCE_ROLES) attendance[r] += m.attendance[r];
  }

  const rapat = (code: string) => month.filter((m) => m.kind === 'RAPAT_KECAMATAN' && m.kecamatanCode === code).length;
  const byKecamatan: KecamatanMeetings[] = [...kecamatan].map(([code, name]) => {
    const ofKec = month.filter((m) => m.kecamatanCode === code);
    return {
      kecamatanCode: code,
      kecamatanName: name,
      meetings: ofKec.length,
      desaMeetings: ofKec.filter((m) => m.level === 'desa').length,
      kecamatanMeetings: rapat(code),
      kecamatanMeetingHeld: rapat(code) > 0,
    };
  });

  const byDesa: DesaMeetings[] = scope.desa.map((d) => {
    const ofDesa = month.filter((m) => m.level === 'desa' && m.areaCode === d.code);
    const kinds = zeroKinds();
    for (const m of ofDesa) kinds[m.kind]++;
    return {
      code: d.code,
      name: d.name,
      kecamatanCode: d.kecamatanCode,
      meetings: ofDesa.length,
      byKind: kinds,
      attendanceTotal: ofDesa.reduce((s, m) => s + m.attendanceTotal, 0),
      kieKitSessions: ofDesa.filter(usedKit).length,
    };
  });

  const ref = (m: MeetingInput): MeetingRef => {
    const desa = m.level === 'desa' ? desaByCode.get(m.areaCode) : undefined;
    return {
      code: m.code,
      level: m.level,
      kind: m.kind,
      heldOn: m.heldOn,
      period: m.period,
      desaCode: m.level === 'desa' ? m.areaCode : null,
      desaName: desa?.name ?? null,
      dusun: m.dusun,
      kecamatanCode: m.kecamatanCode,
      kecamatanName: m.kecamatanCode === null ? null : (kecamatan.get(m.kecamatanCode) ?? null),
      attendanceTotal: m.attendanceTotal,
      kieKit: m.kieKit,
      reportedAt: m.reportedAt,
    };
  };
  const from = scope.since?.getTime() ?? null;
  const since =
    from === null
      ? null
      : area
          .filter((m) => Date.parse(m.reportedAt) >= from)
          .sort((a, b) => (a.heldOn < b.heldOn ? -1 : a.heldOn > b.heldOn ? 1 : a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : 0))
          .map(ref);

  const oneKecamatan = scope.withKecamatanLevel && !scope.withKabupatenLevel && kecamatan.size === 1;
  return {
    recorded: true,
    total: month.length,
    byKind,
    byLevel,
    attendance,
    attendanceTotal: month.reduce((s, m) => s + m.attendanceTotal, 0),
    kieKitSessions: month.filter(usedKit).length,
    byKecamatan,
    byDesa,
    kecamatanMeetingHeld: oneKecamatan ? byKecamatan[0]!.kecamatanMeetingHeld : null,
    kabupatenMeetingHeld: scope.withKabupatenLevel ? month.some((m) => m.kind === 'RAPAT_KABUPATEN') : null,
    since,
  };
}
