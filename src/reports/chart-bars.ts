// What the monthly chart draws for an area, from the aggregation: for the kabupaten a bar pair per kecamatan, for a
// kecamatan (or a PKB's binaan) one per desa/kelurahan. Completeness is the share of the desa taking part that sent
// a recap (for one desa: sent or not); CPR is the verified recaps' (the official figure, like the summaries' text).
// Pure.
import type { RecapChartBar, RecapChartInput } from './chart/recap-chart.js';
import type { AreaAggregate } from './aggregate.js';

export type ChartLevel = 'kabupaten' | 'kecamatan';

export function kecamatanBars(agg: AreaAggregate): RecapChartBar[] {
  return agg.byKecamatan.map((k) => ({ label: k.kecamatan.name, completenessPct: k.completeness.sentPct, cprPct: k.indicators.verified.cpr }));
}

export function desaBars(agg: AreaAggregate): RecapChartBar[] {
  return agg.byDesa.map((d) => ({
    label: d.name,
    // A desa not taking part has no completeness to show, rather than a misleading 0.
    completenessPct: d.takingPart ? (d.status === 'belum lapor' ? 0 : 100) : null,
    cprPct: d.status === 'verified' ? (d.indicators?.cpr ?? null) : null,
  }));
}

/** The chart of an aggregation: per kecamatan for the whole kabupaten, per desa otherwise. */
export function chartInputOf(agg: AreaAggregate, areaLabel: string, level: ChartLevel): RecapChartInput {
  return {
    period: agg.period,
    areaLabel,
    bars: level === 'kabupaten' ? kecamatanBars(agg) : desaBars(agg),
    total: { completenessPct: agg.completeness.sentPct, cprPct: agg.indicators.verified.cpr },
  };
}
