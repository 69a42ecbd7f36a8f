// The numbered summary of a meeting report (UBAH n / KIRIM) and the values the host stores. Pure.
import { formatDay } from '../../domain/cases/service-date.js';
import type { Attendance, MeetingKind, MeetingPlace, MeetingTopic } from '../../domain/meetings/meeting-model.js';
import { attendanceLine, KIND_LABELS, PLACE_LABELS, TOPIC_LABELS } from '../../domain/meetings/meeting-labels.js';
import { attendanceTotal } from '../../domain/meetings/meeting-rules.js';
import type { Results, Scope } from '../engine/types.js';
import { areaLabel, parseAreaKey } from './meeting-areas.js';

/** The summary's lines in order; UBAH n goes back to the question of line n. */
export const SUMMARY_LINES = ['area', 'kind', 'date', 'place', 'attendance', 'kie', 'topics', 'follow_up'] as const;

const value = (results: Results, name: string) => results[name]?.value;

export function summaryText(scope: Scope): string {
  const r = scope.results;
  const area = parseAreaKey(String(value(r, 'area')));
  const place = value(r, 'place') as MeetingPlace;
  const attendance = value(r, 'attendance') as Attendance;
  const topics = (value(r, 'topics') as MeetingTopic[]).map((t) => TOPIC_LABELS[t]).join(', ');
  const followUp = value(r, 'follow_up') as string | null;
  const unit = scope.actor.kind === 'person' && scope.actor.role === 'sub_ppkbd' && scope.actor.unitName ? `, ${scope.actor.unitName}` : '';
  const checkin = value(r, 'checkin_code') as string | undefined;
  return [
    '*Ringkasan laporan pertemuan*',
    `1. Wilayah: ${areaLabel(area, scope.areas)}${unit}`,
    `2. Jenis: ${KIND_LABELS[value(r, 'kind') as MeetingKind]}`,
    `3. Tanggal: ${formatDay(String(value(r, 'date')))}`,
    `4. Tempat: ${place === 'lainnya' ? String(value(r, 'place_other')) : PLACE_LABELS[place]}`,
    `5. Hadir ${attendanceTotal(attendance)} orang: ${attendanceLine(attendance)}${checkin ? ` (daftar hadir ${checkin})` : ''}`,
    `6. KIE Kit dipakai: ${value(r, 'kie') === true ? 'YA' : 'TIDAK'}`,
    `7. Topik: ${topics}`,
    `8. Tindak lanjut: ${followUp ?? '-'}`,
    '',
    'Balas KIRIM bila sudah benar, atau UBAH dan nomor baris untuk memperbaiki, misalnya UBAH 3.',
  ].join('\n');
}
