// Meetings in the pushed texts (issue 11.4): the one line of a kecamatan's or the kabupaten's meetings in REKAP and
// the Dinas summaries, from the aggregation's meetings slot (pure).
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_ROLES, type Attendance } from '../../src/domain/meetings/meeting-model.js';
import { meetingsSlot, type MeetingInput } from '../../src/reports/aggregate-meetings.js';
import { meetingsLine } from '../../src/reports/summary-text.js';

const attendance = (total: number): Attendance => ({ ...(Object.fromEntries(ATTENDANCE_ROLES.map((r) => [r, 0])) as Attendance), peserta_lain: total });
const meeting = (over: Partial<MeetingInput>): MeetingInput => ({
  code: 'RPT-AAAA',
  level: 'desa',
  areaCode: '73.06.06.2003',
  kecamatanCode: '73.06.06',
  dusun: null,
  kind: 'RAKOR_DESA',
  heldOn: '2026-11-28',
  period: '2026-11',
  attendance: attendance(20),
  attendanceTotal: 20,
  kieKit: false,
  reportedAt: '2026-11-28T04:00:00.000Z',
  ...over,
});
const DESA = [
  { code: '73.06.06.2003', name: 'Pakatto', kecamatanCode: '73.06.06', kecamatanName: 'Bontomarannu' },
  { code: '73.06.07.1001', name: 'Tetebatu', kecamatanCode: '73.06.07', kecamatanName: 'Pallangga' },
];
const scope = { period: '2026-11', since: null };

describe('the meetings line', () => {
  it('when a kecamatan held its full meeting and a desa its rakor, then REKAP of the kecamatan says both, with the attendance', () => {
    const slot = meetingsSlot([meeting({}), meeting({ code: 'RPT-BBBB', level: 'kecamatan', areaCode: '73.06.06', kind: 'RAPAT_KECAMATAN', attendance: attendance(30), attendanceTotal: 30 })], {
      ...scope,
      desa: [DESA[0]!],
      withKecamatanLevel: true,
      withKabupatenLevel: false,
    });
    expect(meetingsLine(slot)).toBe('Pertemuan dicatat: 2 (rakor desa 1, rapat lengkap kecamatan 1), 50 hadir • rapat lengkap kecamatan sudah diadakan.');
  });

  it('when nothing was recorded in the kabupaten, then the line says so and counts the kecamatan meetings held as none', () => {
    const slot = meetingsSlot([], { ...scope, desa: DESA, withKecamatanLevel: true, withKabupatenLevel: true });
    expect(meetingsLine(slot)).toBe('Pertemuan dicatat: belum ada • rapat lengkap kecamatan di 0 dari 2 kecamatan • rapat lengkap kabupaten belum diadakan.');
  });
});
