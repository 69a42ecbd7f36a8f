// The aggregation loaded from a real, migrated database after a month played through the real bot
// (tests/helpers/month-story.ts): the figures the digests and summaries will show, a fixed number of queries
// whatever the size of the area, and overdue cases counted exactly as the case SLA job selects them.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { casesAwaitingFollowUp } from '../../src/db/repos/cases.repo.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import type { AreaAggregate } from '../../src/reports/aggregate.js';
import { aggregateArea, type AggregateRequest } from '../../src/reports/aggregate-data.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { BATEGULUNG_NOVEMBER, NIRANNUANG_NOVEMBER, NIRANNUANG_OCTOBER, playNovember, STORY, STORY_END, STORY_PEOPLE, STORY_START, type StoryCases } from '../helpers/month-story.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const SETTINGS = { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 };

let h: Harness;
let cases: StoryCases;
beforeAll(async () => {
  h = await Harness.create({ people: STORY_PEOPLE, start: STORY_START });
  cases = await playNovember(h);
}, 120_000);
afterAll(() => h.close());

const load = (areaCode: string, over: Partial<AggregateRequest> = {}): AreaAggregate =>
  aggregateArea(h.db, h.database.areas, { period: STORY.period, areaCode, now: STORY_END, settings: SETTINGS, ...over });
const names = (list: readonly { name: string }[]) => list.map((d) => d.name);

describe('aggregation loaded from the database', () => {
  it('when a kecamatan is aggregated, then completeness counts the 8 desa taking part and names those missing', () => {
    const agg = load(STORY.kecamatan);
    expect(agg.area).toEqual({ code: STORY.kecamatan, level: 'kecamatan', name: 'Bontomarannu' });
    expect(agg.completeness).toMatchObject({ expected: 8, sent: 3, verified: 1, waiting: 2, returned: 0, notTakingPart: 1, sentPct: 37.5, verifiedPct: 12.5 });
    expect(names(agg.completeness.missing)).toEqual(['Borongloe', 'Bontomanai', 'Romang Lompoa', 'Romangloe', 'Mata Allo']);
    expect(agg.byDesa.find((d) => d.code === STORY.biliBili)).toMatchObject({ takingPart: false, status: 'belum lapor' });
  });

  it('when a recap was returned and corrected after the due day, then it is on time; a first submission after the due day is late', () => {
    const agg = load(STORY.kecamatan);
    expect(agg.timeliness).toMatchObject({ onTime: 2, late: 1, onTimePct: 25 });
    expect(names(agg.timeliness.lateDesa)).toEqual(['Sokkolia']);
    expect(agg.calendar).toMatchObject({ dueDate: '2026-12-03', closeDate: '2026-12-15', daysToDue: -2, state: 'past_due' });
  });

  it('when a dusun part changed after the desa recap, then that recap is named among those waiting that cannot be verified yet', () => {
    const agg = load(STORY.kecamatan);
    expect(agg.verification.waiting.map((r) => [r.name, r.version])).toEqual([
      ['Pakatto', 1],
      ['Sokkolia', 1],
    ]);
    expect(names(agg.verification.dusunMismatch)).toEqual(['Pakatto']);
    expect(agg.verification.verified).toBe(1);
  });

  it('when the indicators are read, then the verified basis is Nirannuang alone and the latest basis sums the three recaps, with the change from October', () => {
    const agg = load(STORY.kecamatan);
    expect(agg.indicators.verified).toMatchObject({ recaps: 1, paTotal: 266, cpr: 53.2, unmetNeed: 129 });
    expect(agg.indicators.verified.sums.pus).toBe(NIRANNUANG_NOVEMBER.pus);
    expect(agg.indicators.latest).toMatchObject({ recaps: 3, paTotal: 3 * 266 });
    expect(agg.indicators.latest.sums.pus).toBe(CLEAN_RECAP.pus! + NIRANNUANG_NOVEMBER.pus + 480);
    expect(agg.previous.verified).toMatchObject({ recaps: 1, cpr: 51.3 });
    expect(agg.previous.verified.sums.pa_suntik).toBe(NIRANNUANG_OCTOBER.pa_suntik);
    expect(agg.change.verified.cpr).toBe(1.9);
  });

  it('when cases are read, then the month, the stock-out and the overdue case are counted, and overdue is exactly what the SLA job selects', () => {
    const agg = load(STORY.kecamatan);
    expect(agg.cases).toMatchObject({ opened: 2, openedByCategory: { CALON_AKSEPTOR: 1, IAT: 1, TIAL: 0 }, openNow: 2, overdueNow: 1, escalatedNow: 1 });
    expect(agg.cases.overdue).toEqual([{ code: cases.stockOut, desaCode: STORY.pakatto, desaName: 'Pakatto', days: 15, escalated: true }]);
    expect(agg.stockOuts).toMatchObject({ total: 1, byMethod: [{ method: 'suntik', count: 1 }], byFacility: [{ facility: 'puskesmas', count: 1 }] });

    const kab = load('73.06');
    const sla = casesAwaitingFollowUp(h.db, new Date(STORY_END.getTime() - 7 * 86_400_000)).map((c) => c.code);
    expect(kab.cases.overdue.map((c) => c.code).sort()).toEqual([...sla].sort());
    expect(sla).toEqual(expect.arrayContaining([cases.stockOut, cases.dinas]));
  });

  it('when the kabupaten is aggregated, then each kecamatan figure equals that kecamatan aggregated alone', () => {
    const kab = load('73.06');
    expect(kab.byKecamatan).toHaveLength(18);
    const bontomarannu = kab.byKecamatan.find((k) => k.kecamatan.code === STORY.kecamatan)!;
    const { period: _p, previousPeriod: _pp, area: _a, asOf: _o, calendar: _c, caseFollowUpDays: _d, byKecamatan: _k, byDesa: _b, ...alone } = load(STORY.kecamatan);
    const { kecamatan: _n, ...inKabupaten } = bontomarannu;
    expect(inKabupaten).toEqual(alone);
    expect(kab.indicators.verified).toMatchObject({ recaps: 2, paTotal: 266 + 136 });
    expect(kab.indicators.verified.sums.pus).toBe(NIRANNUANG_NOVEMBER.pus + BATEGULUNG_NOVEMBER.pus);
    expect(kab.completeness.expected).toBe(166);
  });

  it('when a digest asks for a PKB binaan or what came since yesterday, then only those desa and those arrivals count', () => {
    const binaan = load(STORY.kecamatan, { onlyDesa: [STORY.pakatto, STORY.nirannuang], since: fromWita(2026, 12, 4, 7, 0) });
    expect(binaan.completeness).toMatchObject({ expected: 2, sent: 2 });
    expect(binaan.since!.recapsReceived.map((r) => [r.name, r.version])).toEqual([['Nirannuang', 2]]);
    expect(binaan.since).toMatchObject({ casesOpened: 0, stockOuts: 0 });
  });

  it('when the whole kabupaten is aggregated, then it takes no more queries than one kecamatan (nothing per desa)', () => {
    const client = h.database.native;
    const prepare = vi.spyOn(client, 'prepare');
    try {
      load(STORY.kecamatan);
      const kecamatan = prepare.mock.calls.length;
      prepare.mockClear();
      load('73.06');
      expect(prepare.mock.calls.length).toBe(kecamatan);
      expect(kecamatan).toBeGreaterThanOrEqual(3);
      // participation, recaps, the dusun check, cases, meetings: a fixed handful.
      expect(kecamatan).toBeLessThanOrEqual(7);
    } finally {
      prepare.mockRestore();
    }
  });
});
