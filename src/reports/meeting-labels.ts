// The Indonesian words for the stored meeting keys as the exports show them: the same labels the cadre chose from
// (domain/meetings/meeting-labels.ts), plus the level names and the attendance column headers.
import { ATTENDANCE_LABELS as ROLE_LABELS, KIND_LABELS, PLACE_LABELS, TOPIC_LABELS } from '../domain/meetings/meeting-labels.js';
import { ATTENDANCE_ROLES, type AttendanceRole, type MeetingLevel } from '../domain/meetings/meeting-model.js';

export const MEETING_KIND_LABELS = KIND_LABELS;
export const MEETING_PLACE_LABELS = PLACE_LABELS;
export const MEETING_TOPIC_LABELS = TOPIC_LABELS;

export const MEETING_LEVEL_LABELS: Readonly<Record<MeetingLevel, string>> = {
  desa: 'Desa/Kelurahan',
  kecamatan: 'Kecamatan',
  kabupaten: 'Kabupaten',
};

/** Column headers of the attendance by role: "Hadir PKB", "Hadir tokoh agama", … */
export const ATTENDANCE_LABELS = Object.fromEntries(ATTENDANCE_ROLES.map((r) => [r, `Hadir ${ROLE_LABELS[r]}`])) as Readonly<Record<AttendanceRole, string>>;

/** A stored key's label, or the key itself for a value written by a later version. */
export function labelFor<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return (labels as Readonly<Record<string, string>>)[key] ?? key;
}
