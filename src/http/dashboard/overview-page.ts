// The kabupaten overview of a month (dinas and admin): headline figures, completeness per kecamatan as bars and a
// table, the 12-month trend, overdue cases, downloads.
import type { AreaAggregate } from '../../reports/aggregate.js';
import { barChart } from './charts.js';
import { BASE, type DashboardDeps, type Viewer } from './deps.js';
import { aggregateFor, downloads, headline, HEADLINE_INDICATORS, monthPicker, overdueList, trendCharts, trendOf } from './figures.js';
import { dayText, figure, periodText, witaTime } from './format.js';
import { html } from './html.js';
import { page } from './layout.js';

export function overviewPage(deps: DashboardDeps, viewer: Viewer, period: string, latest: string): string {
  const kabupaten = deps.areas.kabupaten();
  const agg = aggregateFor(deps, kabupaten.code, period);
  const trend = trendOf(deps, kabupaten.code, period, agg);
  return page(
    `Kabupaten ${kabupaten.name}`,
    viewer,
    html`<div class="title-row"><h1>Kabupaten ${kabupaten.name}, ${periodText(period)}</h1>${monthPicker(BASE, period, latest)}</div>
${deadlineLine(agg)}
${headline(agg)}
${barChart('Kelengkapan laporan per kecamatan (%)', 'completeness', agg.byKecamatan.map((k) => ({ key: k.kecamatan.code, label: k.kecamatan.name, value: k.completeness.sentPct })))}
<section>
<h2>Per kecamatan</h2>
<div class="scroll"><table class="areas">
<thead><tr><th>Kecamatan</th><th>Ikut program</th><th>Terkirim</th><th>Terverifikasi</th><th>Dikembalikan</th><th>Kelengkapan</th><th>Tepat waktu</th>${HEADLINE_INDICATORS.map(([, label]) => html`<th>${label}</th>`)}<th>Kasus terbuka</th><th>Lewat batas</th></tr></thead>
<tbody>${agg.byKecamatan.map(
      (k) => html`<tr data-kecamatan="${k.kecamatan.code}"><td><a href="${BASE}/kecamatan/${k.kecamatan.code}?bulan=${period}">${k.kecamatan.name}</a></td>
<td class="num">${figure('expected', k.completeness.expected, 'count')}</td><td class="num">${figure('sent', k.completeness.sent, 'count')}</td><td class="num">${figure('verified', k.completeness.verified, 'count')}</td><td class="num">${figure('returned', k.completeness.returned, 'count')}</td>
<td class="num">${figure('sentPct', k.completeness.sentPct, 'pct')}</td><td class="num">${figure('onTimePct', k.timeliness.onTimePct, 'pct')}</td>
${HEADLINE_INDICATORS.map(([key]) => html`<td class="num">${figure(key, k.indicators.verified[key], 'pct')}</td>`)}
<td class="num">${figure('openCases', k.cases.openNow, 'count')}</td><td class="num">${figure('overdueCases', k.cases.overdueNow, 'count')}</td></tr>`,
    )}</tbody>
</table></div>
</section>
${trendCharts(trend)}
${overdueList(agg)}
${downloads(period, null)}`,
  );
}

/** When the month's recap is due and closes, as of now. */
export function deadlineLine(agg: AreaAggregate) {
  const { dueDate, closeDate, state } = agg.calendar;
  const words = { not_open: 'belum dibuka', open: 'sedang berjalan', past_due: 'lewat batas kirim', closed: 'sudah ditutup' }[state];
  return html`<p class="deadline">Batas kirim ${dayText(dueDate)}, ditutup ${dayText(closeDate)} (${words}). Angka per ${witaTime(agg.asOf)}.</p>`;
}
