// The aggregation core (src/reports/aggregate.ts): rows in, summary out, no database. Completeness over the desa
// taking part, lateness of the first submission, n/a for empty denominators, sums (never averages), stock-outs,
// overdue cases as the SLA counts them.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECAP_SETTINGS, type RecapSettings, type RecapValues } from '../../src/domain/recap/fields.js';
import {
  aggregate,
  facilityKind,
  indicatorSet,
  overdueDays,
  periodCalendar,
  type AggregateInput,
  type CaseInput,
  type DesaInput,
  type RecapInput,
} from '../../src/reports/aggregate.js';
import { fromWita } from '../../src/time/wita.js';
import { CLEAN_RECAP, CLEAN_RECAP_ALL_PARTS } from '../helpers/recap-fixture.js';

const PERIOD = '2026-11';
const NOW = fromWita(2026, 12, 2, 7, 0);

const desa = (code: string, name: string, takingPart = true): DesaInput => {
  const kec = code.split('.').slice(0, 3).join('.');
  return { code, name, kind: 'desa', kecamatanCode: kec, kecamatanName: kec === '73.06.06' ? 'Bontomarannu' : 'Bontonompo', takingPart };
};

// Bontomarannu: four desa, one of them (Bili-bili) not taking part this month. Bontonompo: two desa.
const A = desa('73.06.06.2003', 'Pakatto');
const B = desa('73.06.06.2004', 'Nirannuang');
const C = desa('73.06.06.2005', 'Romangloe');
const OUT = desa('73.06.06.2014', 'Bili-bili', false);
const D = desa('73.06.01.2020', 'Bategulung');
const E = desa('73.06.01.2022', 'Bontobiraeng Selatan');

const recap = (d: DesaInput, over: Partial<RecapInput> = {}): RecapInput => ({
  desaCode: d.code,
  period: PERIOD,
  status: 'verified',
  version: 1,
  late: false,
  submittedAt: fromWita(2026, 12, 1, 9, 0).toISOString(),
  verifiedAt: fromWita(2026, 12, 1, 12, 0).toISOString(),
  values: CLEAN_RECAP,
  dusunMismatch: false,
  ...over,
});

let caseNumber = 0;
const aCase = (d: DesaInput, over: Partial<CaseInput> = {}): CaseInput => ({
  code: `UN-${d.code.slice(6).replace('.', '')}-2026-${String(++caseNumber).padStart(4, '0')}`,
  desaCode: d.code,
  category: 'IAT',
  status: 'assigned',
  methodWanted: 'suntik',
  reasons: ['jarak_akses'],
  stockOutMethod: null,
  stockOutFacility: null,
  reportedAt: fromWita(2026, 11, 20, 10, 0).toISOString(),
  assignedAt: fromWita(2026, 11, 20, 10, 0).toISOString(),
  closedAt: null,
  ...over,
});

function input(over: Partial<AggregateInput> = {}, settings: RecapSettings = DEFAULT_RECAP_SETTINGS): AggregateInput {
  return {
    period: PERIOD,
    area: { code: '73.06.06', level: 'kecamatan', name: 'Bontomarannu' },
    now: NOW,
    since: null,
    desa: [A, B, C, OUT],
    recaps: [],
    cases: [],
    settings: { recap: settings, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 },
    ...over,
  };
}

describe('aggregate: completeness and verification', () => {
  it('when only some desa take part, then completeness counts those alone, names the missing and returned ones, and a recap from a desa not taking part is named apart', () => {
    const agg = aggregate(
      input({
        recaps: [
          recap(A),
          recap(B, { status: 'returned', verifiedAt: null }),
          recap(OUT, { status: 'submitted', verifiedAt: null, values: { ...CLEAN_RECAP, pus: 400, hamil: 0, ias: 5 } }),
        ],
      }),
    );
    expect(agg.completeness).toMatchObject({ expected: 3, sent: 2, verified: 1, waiting: 0, returned: 1, notTakingPart: 1, sentPct: 66.7, verifiedPct: 33.3 });
    expect(agg.completeness.missing.map((d) => d.name)).toEqual(['Romangloe']);
    expect(agg.completeness.returnedDesa.map((d) => d.name)).toEqual(['Nirannuang']);
    expect(agg.completeness.sentNotTakingPart.map((d) => d.name)).toEqual(['Bili-bili']);
    // Verification lists every recap of the area: Bili-bili's is waiting although it does not take part.
    expect(agg.verification.waiting.map((d) => d.name)).toEqual(['Bili-bili']);
    expect(agg.verification.returned.map((d) => d.name)).toEqual(['Nirannuang']);
    expect(agg.verification.verified).toBe(1);
    // The latest basis sums all three recaps, the verified basis Pakatto's only.
    expect(agg.indicators.latest.recaps).toBe(3);
    expect(agg.indicators.verified).toMatchObject({ recaps: 1, paTotal: 266, cpr: 55.4 });
  });

  it('when no desa of the area takes part, then nothing is expected and the percentages are n/a', () => {
    const agg = aggregate(input({ desa: [OUT] }));
    expect(agg.completeness).toMatchObject({ expected: 0, sent: 0, sentPct: null, verifiedPct: null, missing: [] });
    expect(agg.timeliness.onTimePct).toBeNull();
  });

  it('when a desa recap disagrees with a changed dusun part, then it is named, unless it is verified already', () => {
    const agg = aggregate(input({ recaps: [recap(A, { status: 'submitted', dusunMismatch: true }), recap(B, { dusunMismatch: true })] }));
    expect(agg.verification.dusunMismatch.map((d) => d.name)).toEqual(['Pakatto']);
    expect(agg.byDesa.find((d) => d.code === A.code)!.dusunMismatch).toBe(true);
  });
});

describe('aggregate: timeliness and the calendar', () => {
  it('when recaps came on time and late, then the late flag of the first submission decides, over the desa taking part', () => {
    const agg = aggregate(
      input({
        recaps: [
          // Corrected after the due day, but its first submission was on time: not late.
          recap(A, { version: 3, late: false, submittedAt: fromWita(2026, 12, 9, 8, 0).toISOString() }),
          recap(B, { late: true }),
          recap(OUT, { late: true }),
        ],
      }),
    );
    expect(agg.timeliness).toMatchObject({ onTime: 1, late: 1, onTimePct: 33.3 });
    expect(agg.timeliness.lateDesa.map((d) => d.name)).toEqual(['Nirannuang']);
  });

  it('when the calendar of November is read on several days, then the due and close days, the days left and the state follow WITA days', () => {
    const cal = { dueDay: 3, closeDay: 15 };
    expect(periodCalendar(PERIOD, cal, fromWita(2026, 11, 30, 23, 0))).toMatchObject({ state: 'not_open', dueDate: '2026-12-03', closeDate: '2026-12-15', daysToDue: 3 });
    expect(periodCalendar(PERIOD, cal, fromWita(2026, 12, 1, 0, 30))).toMatchObject({ state: 'open', daysToDue: 2, daysToClose: 14 });
    expect(periodCalendar(PERIOD, cal, fromWita(2026, 12, 3, 23, 59))).toMatchObject({ state: 'open', daysToDue: 0 });
    expect(periodCalendar(PERIOD, cal, fromWita(2026, 12, 4, 0, 0))).toMatchObject({ state: 'past_due', daysToDue: -1 });
    expect(periodCalendar(PERIOD, cal, fromWita(2026, 12, 16, 8, 0))).toMatchObject({ state: 'closed', daysToClose: -1 });
    expect(periodCalendar('2026-12', { dueDay: 5, closeDay: 20 }, fromWita(2026, 12, 30))).toMatchObject({ dueDate: '2027-01-05', closeDate: '2027-01-20', daysToDue: 6 });
    expect(periodCalendar(PERIOD, cal, NOW).dueEnd).toBe(fromWita(2026, 12, 4).toISOString());
  });
});

describe('aggregate: indicators', () => {
  it('when a large and a small desa are summed, then the area CPR comes from the summed counts, not the average of their percentages', () => {
    const small: RecapValues = { ...CLEAN_RECAP, pus: 100, pa_iud: 0, pa_mow: 0, pa_mop: 0, pa_implan: 0, pa_suntik: 90, pa_pil: 0, pa_kondom: 0, hamil: 0, ias: 10, iat: 0, tial: 0 };
    const agg = aggregate(input({ recaps: [recap(A), recap(B, { values: small })] }));
    // Pakatto 266/480 (55.4 %), the small desa 90/100 (90 %): (266 + 90) / 580 = 61.4 %, not (55.4 + 90) / 2 = 72.7 %.
    expect(agg.byDesa.map((d) => d.indicators?.cpr ?? null)).toEqual([55.4, 90, null, null]);
    expect(agg.indicators.verified).toMatchObject({ recaps: 2, paTotal: 356, cpr: 61.4, unmetNeed: 129, unmetNeedPct: 22.2 });
    expect(agg.indicators.verified.sums.pus).toBe(580);
    // MKJP from summed methods: (20 + 5 + 1 + 30) / 356.
    expect(agg.indicators.verified.mkjpShare).toBe(15.7);
  });

  it('when PUS is 0 or nothing is verified, then the percentages are n/a (null) and PA is null rather than 0', () => {
    const zero = aggregate(input({ recaps: [recap(A, { values: { ...CLEAN_RECAP, pus: 0 } })] }));
    expect(zero.indicators.verified).toMatchObject({ recaps: 1, paTotal: 266, cpr: null, mcpr: null, unmetNeedPct: null });
    const none = aggregate(input({ recaps: [recap(A, { status: 'submitted', verifiedAt: null })] }));
    expect(none.indicators.verified).toMatchObject({ recaps: 0, paTotal: null, unmetNeed: null, cpr: null, mkjpShare: null, demandSatisfiedModern: null });
    expect(none.indicators.verified.sums.pus).toBeNull();
    expect(none.indicators.verified.institutionReporting.ppkbd).toBeNull();
    expect(none.indicators.latest).toMatchObject({ recaps: 1, paTotal: 266, cpr: 55.4 });
    const noPa = aggregate(input({ recaps: [recap(A, { values: { pus: 10, ias: 10 } })] }));
    expect(noPa.indicators.verified).toMatchObject({ paTotal: 0, cpr: 0, mkjpShare: null });
  });

  it('when institutions and poktan are summed, then each rate is a ratio of sums and demand satisfied counts modern methods only', () => {
    const other: RecapValues = { ...CLEAN_RECAP, kelompok_kb_ada: 8, kelompok_kb_lapor: 8, bkb_keluarga_anggota: 10, bkb_anggota_hadir: 10 };
    const set = indicatorSet('verified', [recap(A), recap(B, { values: other })], new Map(), DEFAULT_RECAP_SETTINGS);
    // Kelompok KB: (10 + 8) / (12 + 8) = 90 %, not the mean of 83.3 % and 100 %.
    expect(set.institutionReporting.kelompok_kb).toBe(90);
    expect(set.institutionReporting.ppkbd).toBe(100);
    // BKB attendance (65 + 10) / (90 + 10); membership (90 + 10) / (150 + 150); PUS ber-KB (60 + 60) / (85 + 85).
    expect(set.poktan.bkb).toEqual({ attendance: 75, membership: 33.3, pusUsingKb: 70.6 });
    // 532 modern / (532 + 258 unmet).
    expect(set.demandSatisfiedModern).toBe(67.3);
    expect(set.flows).toBeNull();
  });

  it('when the flows part is on, then drop-out and ganti-cara rates divide by last month PA of the desa that reported both months', () => {
    const settings: RecapSettings = { ...DEFAULT_RECAP_SETTINGS, parts: { flows: true, channel: true, mal_traditional: true } };
    const lastMonth = { ...CLEAN_RECAP_ALL_PARTS, pa_suntik: 115 }; // PA 266
    const agg = aggregate(
      input(
        {
          recaps: [
            recap(A, { values: CLEAN_RECAP_ALL_PARTS }),
            recap(A, { period: '2026-10', values: lastMonth }),
            // Nirannuang has no October recap: its DO count is in the totals, not in the rates.
            recap(B, { values: CLEAN_RECAP_ALL_PARTS }),
          ],
        },
        settings,
      ),
    );
    expect(agg.indicators.verified.flows).toEqual({ newAcceptors: 24, dropOuts: 14, switches: 6, comparedRecaps: 1, previousPaTotal: 266, dropOutRate: 2.6, gantiCaraRate: 1.1 });
    // mCPR leaves out "lain" (3 per desa); MAL counts as modern.
    expect(agg.indicators.verified).toMatchObject({ paTotal: 542, cpr: 55.9, mcpr: 55.3 });
    expect(aggregate(input({ recaps: [recap(A)] })).indicators.verified.flows).toBeNull();
  });

  it('when last month is known, then the change is this month minus last month in points, per basis, and n/a without last month', () => {
    const october = { ...CLEAN_RECAP, pa_suntik: 100, pus: 480, ias: 80 }; // CPR 246 / 480 = 51.3 %
    const agg = aggregate(input({ recaps: [recap(A), recap(A, { period: '2026-10', values: october, status: 'submitted' }), recap(B, { period: '2026-10', values: october })] }));
    expect(agg.previousPeriod).toBe('2026-10');
    expect(agg.previous.latest).toMatchObject({ recaps: 2, cpr: 51.3 });
    expect(agg.change.latest.cpr).toBe(4.1);
    // Verified basis: only Nirannuang's October recap is verified (51.3 %), and only Pakatto's November one (55.4 %).
    expect(agg.change.verified.cpr).toBe(4.1);
    expect(agg.change.verified.mkjpShare).toBe(Math.round((21.1 - 22.8) * 10) / 10);
    expect(aggregate(input({ recaps: [recap(A)] })).change.verified).toEqual({ cpr: null, mcpr: null, unmetNeedPct: null, mkjpShare: null });
  });
});

describe('aggregate: areas', () => {
  it('when the area is the kabupaten, then each kecamatan has its own figures and they add up to the kabupaten', () => {
    const agg = aggregate(
      input({
        area: { code: '73.06', level: 'kabupaten', name: 'Gowa' },
        desa: [D, E, A, B, C, OUT],
        recaps: [recap(A), recap(B, { late: true }), recap(D), recap(E, { status: 'submitted', verifiedAt: null })],
        cases: [aCase(A), aCase(D), aCase(D, { reasons: ['stok_kosong'], stockOutMethod: 'suntik', stockOutFacility: 'Pustu' })],
      }),
    );
    expect(agg.byKecamatan.map((k) => [k.kecamatan.name, k.completeness.expected, k.completeness.sent, k.completeness.verified])).toEqual([
      ['Bontonompo', 2, 2, 1],
      ['Bontomarannu', 3, 2, 2],
    ]);
    for (const key of ['expected', 'sent', 'verified', 'waiting', 'returned'] as const) {
      expect(agg.completeness[key]).toBe(agg.byKecamatan.reduce((t, k) => t + k.completeness[key], 0));
    }
    expect(agg.indicators.verified.sums.pus).toBe(agg.byKecamatan.reduce((t, k) => t + (k.indicators.verified.sums.pus ?? 0), 0));
    expect(agg.byKecamatan.map((k) => [k.cases.opened, k.stockOuts.total])).toEqual([
      [2, 1],
      [1, 0],
    ]);
    expect(agg.cases.opened).toBe(3);
    expect(agg.timeliness.late).toBe(1);
    expect(agg.byDesa.map((d) => d.code)).toEqual([D, E, A, B, C, OUT].map((d) => d.code));
  });

  it('when the area is one desa, then its figures are that desa alone (no meetings recorded: zero, nothing held)', () => {
    const agg = aggregate(input({ area: { code: A.code, level: 'desa', name: A.name }, desa: [A], recaps: [recap(A), recap(B)] }));
    expect(agg.completeness).toMatchObject({ expected: 1, sent: 1, verified: 1 });
    expect(agg.indicators.verified.recaps).toBe(1);
    expect(agg.byKecamatan).toHaveLength(1);
    expect(agg.meetings).toMatchObject({ recorded: true, total: 0, kecamatanMeetingHeld: null, kabupatenMeetingHeld: null, since: null });
  });
});

describe('aggregate: cases and stock-outs', () => {
  it('when cases were reported, served and left without follow-up, then the month, the open and the overdue ones are counted as the SLA job counts them', () => {
    const agg = aggregate(
      input({
        cases: [
          // Reported in November, assigned 12 days before now: overdue (7 days), not yet escalated (14).
          aCase(A, { code: 'UN-1', assignedAt: fromWita(2026, 11, 20, 7, 0).toISOString() }),
          // Assigned 20 days ago: overdue and escalated.
          aCase(B, { code: 'UN-2', reportedAt: fromWita(2026, 11, 12, 7, 0).toISOString(), assignedAt: fromWita(2026, 11, 12, 7, 0).toISOString() }),
          // Followed up: open, not overdue.
          aCase(A, { code: 'UN-3', status: 'followed_up', category: 'TIAL' }),
          // Reported in October, served in November after 10 days.
          aCase(B, { code: 'UN-4', status: 'served', reportedAt: fromWita(2026, 10, 25).toISOString(), closedAt: fromWita(2026, 11, 4, 9, 0).toISOString() }),
          // Reported and served in November after 2 days; closed as invalid in November.
          aCase(C, { code: 'UN-5', status: 'served', category: 'CALON_AKSEPTOR', reportedAt: fromWita(2026, 11, 3).toISOString(), closedAt: fromWita(2026, 11, 5, 9, 0).toISOString() }),
          aCase(C, { code: 'UN-6', status: 'closed_invalid', reportedAt: fromWita(2026, 11, 3).toISOString(), closedAt: fromWita(2026, 11, 6).toISOString() }),
          // Assigned exactly 7 days ago to the minute: not overdue yet (the SLA's "before now − 7 days" is strict).
          aCase(A, { code: 'UN-7', reportedAt: fromWita(2026, 11, 25, 7, 0).toISOString(), assignedAt: fromWita(2026, 11, 25, 7, 0).toISOString() }),
          // Another kecamatan's case is not this area's.
          aCase(D, { code: 'UN-8' }),
        ],
      }),
    );
    expect(agg.cases).toMatchObject({
      opened: 6,
      openedByCategory: { IAT: 4, TIAL: 1, CALON_AKSEPTOR: 1 },
      closedInPeriod: 3,
      servedInPeriod: 2,
      servedShare: 66.7,
      medianDaysToServe: 6,
      openNow: 4,
      overdueNow: 2,
      escalatedNow: 1,
    });
    expect(agg.cases.openedByStatus).toMatchObject({ assigned: 3, followed_up: 1, served: 1, closed_invalid: 1, reported: 0 });
    expect(agg.cases.overdue).toEqual([
      { code: 'UN-2', desaCode: B.code, desaName: 'Nirannuang', days: 20, escalated: true },
      { code: 'UN-1', desaCode: A.code, desaName: 'Pakatto', days: 12, escalated: false },
    ]);
    expect(overdueDays({ status: 'reported', assignedAt: null, reportedAt: fromWita(2026, 10, 1).toISOString() }, NOW, 7)).toBeNull();
  });

  it('when stock-outs were reported, then they are counted by method and kind of facility, without those closed as invalid', () => {
    const stock = (method: string, facility: string | null, over: Partial<CaseInput> = {}) =>
      aCase(A, { reasons: ['stok_kosong'], methodWanted: method, stockOutMethod: method, stockOutFacility: facility, ...over });
    const agg = aggregate(
      input({
        cases: [
          stock('suntik', 'Puskesmas'),
          stock('suntik', 'Puskesmas'),
          stock('implan', 'Lainnya: Posyandu Mawar'),
          stock('pil', null),
          stock('suntik', 'Pustu Pakatto'),
          stock('suntik', 'Puskesmas', { status: 'closed_invalid' }),
          stock('iud', 'Puskesmas', { reportedAt: fromWita(2026, 10, 30).toISOString() }),
          aCase(A, { reasons: ['biaya'] }),
        ],
      }),
    );
    expect(agg.stockOuts.total).toBe(5);
    expect(agg.stockOuts.byMethod).toEqual([
      { method: 'suntik', count: 3 },
      { method: 'implan', count: 1 },
      { method: 'pil', count: 1 },
    ]);
    expect(agg.stockOuts.byFacility).toEqual([
      { facility: 'puskesmas', count: 2 },
      { facility: 'lainnya', count: 1 },
      { facility: 'pustu', count: 1 },
      { facility: 'tidak_disebut', count: 1 },
    ]);
    expect(agg.stockOuts.items[0]).toEqual({ method: 'suntik', facility: 'puskesmas', count: 2 });
  });

  it('when a stored facility is a label, a "Lainnya" note or older free text, then its kind is found', () => {
    expect(facilityKind('Polindes/Poskesdes')).toBe('polindes');
    expect(facilityKind('Klinik/praktik swasta')).toBe('klinik_swasta');
    expect(facilityKind('Lainnya: Posyandu')).toBe('lainnya');
    expect(facilityKind('Pustu Pakatto')).toBe('pustu');
    expect(facilityKind('RSUD Syekh Yusuf')).toBe('rumah_sakit');
    expect(facilityKind('gudang')).toBe('lainnya');
    expect(facilityKind(null)).toBe('tidak_disebut');
  });

  it('when a digest asks what came since its last run, then recaps sent or corrected since and cases reported since are counted', () => {
    const since = fromWita(2026, 12, 1, 7, 0);
    const agg = aggregate(
      input({
        since,
        recaps: [
          recap(A, { submittedAt: fromWita(2026, 11, 30, 20, 0).toISOString() }),
          recap(B, { version: 2, submittedAt: fromWita(2026, 12, 1, 18, 0).toISOString(), status: 'submitted' }),
        ],
        cases: [aCase(A, { reportedAt: fromWita(2026, 12, 1, 9, 0).toISOString(), reasons: ['stok_kosong'] }), aCase(A)],
      }),
    );
    expect(agg.since).toMatchObject({ since: since.toISOString(), casesOpened: 1, stockOuts: 1 });
    expect(agg.since!.recapsReceived.map((r) => [r.name, r.version])).toEqual([['Nirannuang', 2]]);
    expect(aggregate(input()).since).toBeNull();
  });
});
