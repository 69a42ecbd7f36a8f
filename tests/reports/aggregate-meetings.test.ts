// The meetings slot of the one aggregation (src/reports/aggregate-meetings.ts through aggregate()): per kind and
// level, per kecamatan and per desa, attendance by role, KIE Kit sessions, the kecamatan's full meeting held or not,
// and what was reported since a digest's last run. Rows in, figures out, no database.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import type { Attendance } from '../../src/domain/meetings/meeting-model.js';
import { aggregate, type AggregateInput, type DesaInput, type MeetingInput } from '../../src/reports/aggregate.js';
import { fromWita } from '../../src/time/wita.js';

const desa = (code: string, name: string): DesaInput => {
  const kec = code.split('.').slice(0, 3).join('.');
  return { code, name, kind: 'desa', kecamatanCode: kec, kecamatanName: kec === '73.06.06' ? 'Bontomarannu' : 'Bontonompo', takingPart: true };
};
const A = desa('73.06.06.2003', 'Pakatto');
const B = desa('73.06.06.2004', 'Nirannuang');
const D = desa('73.06.01.2020', 'Bategulung');

const ZERO: Attendance = { pkb: 0, ppkbd: 0, sub_ppkbd: 0, tokoh_agama: 0, tokoh_masyarakat: 0, kader_poktan: 0, bidan: 0, aparat_desa: 0, peserta_lain: 0 };
let n = 0;
function meeting(over: Partial<Omit<MeetingInput, 'attendance'>> & Pick<MeetingInput, 'kind'> & { attendance?: Partial<Attendance> }): MeetingInput {
  const attendance = { ...ZERO, ...over.attendance };
  const areaCode = over.areaCode ?? A.code;
  return {
    code: `RPT-${++n}`,
    level: 'desa',
    areaCode,
    kecamatanCode: over.level === 'kabupaten' ? null : areaCode.split('.').slice(0, 3).join('.'),
    dusun: null,
    heldOn: '2026-11-10',
    period: '2026-11',
    kieKit: false,
    reportedAt: fromWita(2026, 11, 10, 12, 0).toISOString(),
    ...over,
    attendance,
    attendanceTotal: Object.values(attendance).reduce((s, x) => s + x, 0),
  };
}

function input(over: Partial<AggregateInput>): AggregateInput {
  return {
    period: '2026-11',
    area: { code: '73.06', level: 'kabupaten', name: 'Gowa' },
    now: fromWita(2026, 12, 2, 7, 0),
    since: null,
    desa: [D, A, B],
    recaps: [],
    cases: [],
    settings: { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 },
    ...over,
  };
}

const MEETINGS: MeetingInput[] = [
  meeting({ kind: 'RAKOR_DESA', kieKit: true, attendance: { pkb: 1, ppkbd: 1, tokoh_agama: 2, peserta_lain: 10 } }),
  meeting({ kind: 'PENYULUHAN_PKB', attendance: { pkb: 1, peserta_lain: 20 } }),
  meeting({ kind: 'KIE_KIT', areaCode: B.code, attendance: { ppkbd: 1, peserta_lain: 8 } }),
  meeting({ kind: 'RAPAT_KECAMATAN', level: 'kecamatan', areaCode: '73.06.06', attendance: { pkb: 2, ppkbd: 10, sub_ppkbd: 5 } }),
  meeting({ kind: 'POKTAN_BKB', areaCode: D.code, attendance: { kader_poktan: 3, peserta_lain: 12 } }),
  meeting({ kind: 'RAPAT_KABUPATEN', level: 'kabupaten', areaCode: '73.06', attendance: { pkb: 18 } }),
  // October: not this period.
  meeting({ kind: 'RAKOR_DESA', heldOn: '2026-10-30', period: '2026-10', reportedAt: fromWita(2026, 10, 30, 12, 0).toISOString() }),
];

describe('aggregate: meetings', () => {
  it('when meetings were recorded across the kabupaten, then they are counted by kind, level, kecamatan and desa, with attendance by role and KIE Kit sessions', () => {
    const m = aggregate(input({ meetings: MEETINGS })).meetings;
    expect(m.total).toBe(6);
    expect(m.byKind).toMatchObject({ RAKOR_DESA: 1, PENYULUHAN_PKB: 1, KIE_KIT: 1, RAPAT_KECAMATAN: 1, POKTAN_BKB: 1, RAPAT_KABUPATEN: 1, LAINNYA: 0 });
    expect(m.byLevel).toEqual({ desa: 4, kecamatan: 1, kabupaten: 1 });
    expect(m.attendance).toEqual({ ...ZERO, pkb: 22, ppkbd: 12, sub_ppkbd: 5, tokoh_agama: 2, kader_poktan: 3, peserta_lain: 50 });
    expect(m.attendanceTotal).toBe(94);
    expect(m.kieKitSessions).toBe(2);
    expect(m.byKecamatan).toEqual([
      { kecamatanCode: '73.06.01', kecamatanName: 'Bontonompo', meetings: 1, desaMeetings: 1, kecamatanMeetings: 0, kecamatanMeetingHeld: false },
      { kecamatanCode: '73.06.06', kecamatanName: 'Bontomarannu', meetings: 4, desaMeetings: 3, kecamatanMeetings: 1, kecamatanMeetingHeld: true },
    ]);
    expect(m.byDesa.map((d) => [d.name, d.meetings, d.kieKitSessions, d.attendanceTotal])).toEqual([
      ['Bategulung', 1, 0, 15],
      ['Pakatto', 2, 1, 35],
      ['Nirannuang', 1, 1, 9],
    ]);
    expect(m.byDesa[1]!.byKind).toMatchObject({ RAKOR_DESA: 1, PENYULUHAN_PKB: 1 });
    expect(m.kabupatenMeetingHeld).toBe(true);
    expect(m.kecamatanMeetingHeld).toBeNull();
  });

  it('when a kecamatan is aggregated alone or as part of the kabupaten, then its figures are the same and the kabupaten meeting is not in them', () => {
    const kab = aggregate(input({ meetings: MEETINGS }));
    const kec = aggregate(input({ area: { code: '73.06.06', level: 'kecamatan', name: 'Bontomarannu' }, desa: [A, B], meetings: MEETINGS }));
    const part = kab.byKecamatan.find((k) => k.kecamatan.code === '73.06.06')!.meetings;
    expect(kec.meetings.total).toBe(4);
    expect(kec.meetings.kecamatanMeetingHeld).toBe(true);
    expect(kec.meetings.kabupatenMeetingHeld).toBeNull();
    expect(part).toEqual(kec.meetings);
    const other = kab.byKecamatan.find((k) => k.kecamatan.code === '73.06.01')!.meetings;
    expect(other.kecamatanMeetingHeld).toBe(false);
    expect(kab.byKecamatan.reduce((s, k) => s + k.meetings.total, 0)).toBe(kab.meetings.total - 1);
  });

  it('when the area is one desa, then only that desa’s meetings count, not the kecamatan’s full meeting', () => {
    const m = aggregate(input({ area: { code: A.code, level: 'desa', name: A.name }, desa: [A], meetings: MEETINGS })).meetings;
    expect(m.total).toBe(2);
    expect(m.byKind.RAPAT_KECAMATAN).toBe(0);
    expect(m.kecamatanMeetingHeld).toBeNull();
  });

  it('when a digest asks for what came since its last run, then the meetings reported since are listed with their desa, kind and day, whatever their month', () => {
    const since = fromWita(2026, 12, 1, 8, 0);
    const late = [
      ...MEETINGS,
      meeting({ kind: 'RAKOR_DESA', areaCode: B.code, heldOn: '2026-11-28', reportedAt: fromWita(2026, 12, 1, 9, 0).toISOString() }),
      meeting({ kind: 'PENYULUHAN_PKB', dusun: 'Dusun Bontoa', heldOn: '2026-12-01', period: '2026-12', reportedAt: fromWita(2026, 12, 1, 10, 0).toISOString() }),
      meeting({ kind: 'POKTAN_BKR', areaCode: D.code, heldOn: '2026-11-30', reportedAt: fromWita(2026, 12, 1, 11, 0).toISOString() }),
    ];
    const m = aggregate(input({ area: { code: '73.06.06', level: 'kecamatan', name: 'Bontomarannu' }, desa: [A, B], meetings: late, since })).meetings;
    expect(m.since!.map((r) => [r.desaName, r.kind, r.heldOn, r.dusun])).toEqual([
      ['Nirannuang', 'RAKOR_DESA', '2026-11-28', null],
      ['Pakatto', 'PENYULUHAN_PKB', '2026-12-01', 'Dusun Bontoa'],
    ]);
    expect(m.since![0]).toMatchObject({ level: 'desa', kecamatanName: 'Bontomarannu', desaCode: B.code });
    // The December meeting is listed as new but is not a November meeting.
    expect(m.total).toBe(5);
  });

  it('when nothing was recorded, then every count is zero and no kecamatan held its meeting', () => {
    const m = aggregate(input({})).meetings;
    expect(m).toMatchObject({ recorded: true, total: 0, attendanceTotal: 0, kieKitSessions: 0, kabupatenMeetingHeld: false, since: null });
    expect(m.byKecamatan.every((k) => !k.kecamatanMeetingHeld)).toBe(true);
  });
});
