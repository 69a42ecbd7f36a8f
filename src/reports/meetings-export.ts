// `imp-smart export meetings`: the meetings recorded for a period (the month they count for), one row per meeting:
// where (level, kecamatan, desa, dusun), what, when, the place, the attendance by role and its total, the KIE Kit,
// the topics, the follow-up, who reported it, and the registered people who checked in, by name and role (never a
// phone number). The CSV and the XLSX have the same columns in the same words; the CSV adds the stored keys at the
// end for machines. Rows come from the same load as the aggregation's meeting figures (aggregate-data.ts).
import type { AreaDirectory } from '../areas/directory.js';
import type { DbOrTx } from '../db/client.js';
import { checkedInOf, reportersOf } from '../db/repos/meeting-reads.repo.js';
import { attendanceOf } from '../db/repos/meetings.repo.js';
import { ATTENDANCE_ROLES, type Attendance, type MeetingKind, type MeetingLevel } from '../domain/meetings/meeting-model.js';
import { DEFAULT_CALENDAR } from '../domain/recap/calendar.js';
import { DEFAULT_RECAP_SETTINGS } from '../domain/recap/fields.js';
import { isRole } from '../domain/roles.js';
import { ROLE_TITLES } from '../flows/actor-label.js';
import { aggregate, DEFAULT_CASE_FOLLOW_UP_DAYS, type AreaAggregate } from './aggregate.js';
import { loadAggregateData } from './aggregate-data.js';
import { csvText } from './csv.js';
import { witaDateTime, yaTidak } from './labels.js';
import { ATTENDANCE_LABELS, labelFor, MEETING_KIND_LABELS, MEETING_LEVEL_LABELS, MEETING_PLACE_LABELS, MEETING_TOPIC_LABELS } from './meeting-labels.js';
import { scopeDesa } from './recap-export.js';

export interface MeetingExportRow {
  code: string;
  level: MeetingLevel;
  kecamatanCode: string;
  kecamatanName: string;
  /** Null for a kecamatan- or kabupaten-level meeting. */
  desaCode: string | null;
  desaName: string | null;
  dusun: string | null;
  kind: MeetingKind;
  heldOn: string;
  place: string;
  placeOther: string | null;
  attendance: Attendance;
  attendanceTotal: number;
  kieKit: boolean;
  topics: string[];
  followUp: string | null;
  reporterName: string;
  reporterRole: string;
  /** ISO-8601 UTC, as stored. */
  reportedAt: string;
  /** Registered people checked in with HADIR, in the order they came: name and role, no phone. */
  checkedIn: { name: string; role: string }[];
}

export interface MeetingsExportScope {
  period: string;
  kecamatanCode?: string | undefined;
  now: Date;
}

export interface MeetingsExport {
  rows: MeetingExportRow[];
  /** The aggregation of the same period and scope: its meeting figures are the XLSX's summary line. */
  summary: AreaAggregate;
}

const roleTitle = (role: string): string => (isRole(role) ? ROLE_TITLES[role] : role);

function parseTopics(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

const byPlaceThenDay = (a: MeetingExportRow, b: MeetingExportRow) =>
  a.kecamatanCode.localeCompare(b.kecamatanCode) || (a.desaCode ?? '').localeCompare(b.desaCode ?? '') || a.heldOn.localeCompare(b.heldOn) || a.code.localeCompare(b.code);

export function meetingsExport(db: DbOrTx, areas: AreaDirectory, scope: MeetingsExportScope): MeetingsExport {
  scopeDesa(areas, scope.kecamatanCode); // refuses a code that is not a kecamatan, as the other exports do
  const data = loadAggregateData(db, areas, {
    period: scope.period,
    areaCode: scope.kecamatanCode ?? areas.kabupaten().code,
    now: scope.now,
    // Only the meeting figures are read from this aggregation; the recap settings do not change them.
    settings: { recap: DEFAULT_RECAP_SETTINGS, calendar: DEFAULT_CALENDAR, caseFollowUpDays: DEFAULT_CASE_FOLLOW_UP_DAYS },
  });
  const stored = data.meetingRows.filter((m) => m.period === scope.period);
  const reporters = reportersOf(
    db,
    stored.map((m) => m.reportedById),
  );
  const checkedIn = checkedInOf(db, stored);
  const rows = stored
    .map((m): MeetingExportRow => {
      const desa = m.level === 'desa' ? areas.get(m.areaCode) : undefined;
      const kec = m.kecamatanCode ? areas.get(m.kecamatanCode) : undefined;
      const reporter = reporters.get(m.reportedById);
      return {
        code: m.code,
        level: m.level,
        kecamatanCode: kec?.code ?? '',
        kecamatanName: kec?.name ?? '',
        desaCode: desa?.code ?? null,
        desaName: desa?.name ?? null,
        dusun: m.dusun,
        kind: m.kind,
        heldOn: m.heldOn,
        place: m.place,
        placeOther: m.placeOther,
        attendance: attendanceOf(m),
        attendanceTotal: m.attTotal,
        kieKit: m.kieKit,
        topics: parseTopics(m.topics),
        followUp: m.followUp,
        reporterName: reporter?.name ?? '',
        reporterRole: reporter ? roleTitle(reporter.role) : '',
        reportedAt: m.reportedAt,
        checkedIn: (checkedIn.get(m.id) ?? []).map((p) => ({ name: p.name, role: roleTitle(p.role) })),
      };
    })
    .sort(byPlaceThenDay);
  return { rows, summary: aggregate(data.input) };
}

// ---- Columns shared by the CSV and the XLSX

export interface MeetingColumn {
  header: string;
  /** Width in the XLSX (characters); 0: CSV only. */
  width: number;
  value(row: MeetingExportRow): string | number | null;
}

function placeText(r: MeetingExportRow): string {
  const label = labelFor(MEETING_PLACE_LABELS, r.place);
  return r.place === 'lainnya' && r.placeOther ? `${label}: ${r.placeOther}` : label;
}

/** What people read, in the XLSX and the CSV alike. */
export const MEETING_COLUMNS: readonly MeetingColumn[] = [
  { header: 'Kode laporan', width: 14, value: (r) => r.code },
  { header: 'Tingkat', width: 14, value: (r) => labelFor(MEETING_LEVEL_LABELS, r.level) },
  { header: 'Kode kecamatan', width: 10, value: (r) => r.kecamatanCode || null },
  { header: 'Kecamatan', width: 16, value: (r) => r.kecamatanName || null },
  { header: 'Kode desa', width: 15, value: (r) => r.desaCode },
  { header: 'Desa/Kelurahan', width: 18, value: (r) => r.desaName },
  { header: 'Dusun/RW', width: 14, value: (r) => r.dusun },
  { header: 'Jenis pertemuan', width: 22, value: (r) => labelFor(MEETING_KIND_LABELS, r.kind) },
  { header: 'Tanggal', width: 11, value: (r) => r.heldOn },
  { header: 'Tempat', width: 16, value: placeText },
  ...ATTENDANCE_ROLES.map((role): MeetingColumn => ({ header: ATTENDANCE_LABELS[role], width: 9, value: (r) => r.attendance[role] })),
  { header: 'Jumlah hadir', width: 9, value: (r) => r.attendanceTotal },
  { header: 'Pakai KIE Kit', width: 8, value: (r) => yaTidak(r.kieKit) },
  { header: 'Topik', width: 28, value: (r) => r.topics.map((t) => labelFor(MEETING_TOPIC_LABELS, t)).join('; ') || null },
  { header: 'Tindak lanjut', width: 30, value: (r) => r.followUp },
  { header: 'Pelapor', width: 18, value: (r) => r.reporterName || null },
  { header: 'Peran pelapor', width: 12, value: (r) => r.reporterRole || null },
  { header: 'Dilaporkan (WITA)', width: 17, value: (r) => witaDateTime(r.reportedAt) },
  { header: 'Daftar hadir (check-in)', width: 40, value: (r) => r.checkedIn.map((p) => `${p.name} (${p.role})`).join('; ') || null },
  { header: 'Jumlah check-in', width: 9, value: (r) => r.checkedIn.length },
];

/** The stored keys, for machines. */
const CODE_COLUMNS: readonly MeetingColumn[] = [
  { header: 'Kode tingkat', width: 0, value: (r) => r.level },
  { header: 'Kode jenis', width: 0, value: (r) => r.kind },
  { header: 'Kode tempat', width: 0, value: (r) => r.place },
  { header: 'Kode topik', width: 0, value: (r) => r.topics.join(';') || null },
];

export const MEETINGS_CSV_HEADER: readonly string[] = [...MEETING_COLUMNS, ...CODE_COLUMNS].map((c) => c.header);

export function meetingsToCsv(rows: readonly MeetingExportRow[]): string {
  const columns = [...MEETING_COLUMNS, ...CODE_COLUMNS];
  return csvText(
    columns.map((c) => c.header),
    rows.map((r) => columns.map((c) => c.value(r))),
  );
}

/** One line with the aggregation's meeting figures, the same the digests and Dinas summaries show. */
export function meetingsSummaryLine(summary: AreaAggregate): string {
  const m = summary.meetings;
  const held = m.byKecamatan.filter((k) => k.kecamatanMeetingHeld).length;
  const kecamatan = m.byKecamatan.length === 1 ? `rapat bulanan kecamatan ${held === 1 ? 'sudah' : 'belum'} diadakan` : `rapat bulanan kecamatan diadakan di ${held} dari ${m.byKecamatan.length} kecamatan`;
  return `Ringkasan: ${m.total} pertemuan, ${m.attendanceTotal} kehadiran, ${m.kieKitSessions} memakai KIE Kit; ${kecamatan}.`;
}
