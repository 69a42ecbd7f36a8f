// The parts every area page shares: the month picker, the headline figures, the 12-month trend charts and the
// download buttons. All numbers come from one `aggregateArea` result (the API's and the exports' aggregation).
import { shiftPeriod } from '../../domain/recap/calendar.js';
import type { AreaAggregate, AreaFigures, IndicatorSet } from '../../reports/aggregate.js';
import { aggregateArea } from '../../reports/aggregate-data.js';
import { lineChart, type SeriesPoint } from './charts.js';
import { BASE, type DashboardDeps } from './deps.js';
import { figure, periodText } from './format.js';
import { html, type SafeHtml } from './html.js';

export const TREND_MONTHS = 12;

export const HEADLINE_INDICATORS = [
  ['cpr', 'CPR'],
  ['mcpr', 'mCPR'],
  ['unmetNeedPct', 'Kebutuhan ber-KB tidak terpenuhi'],
  ['mkjpShare', 'MKJP dari peserta KB aktif'],
] as const satisfies readonly (readonly [keyof IndicatorSet, string])[];

export function aggregateFor(deps: DashboardDeps, areaCode: string, period: string, onlyDesa?: readonly string[]): AreaAggregate {
  return aggregateArea(deps.db, deps.areas, { period, areaCode, now: deps.now(), onlyDesa, settings: deps.settings });
}

/** The verified-basis headline indicators of the 12 months up to `period` (the official figures, month by month). */
export function trendOf(deps: DashboardDeps, areaCode: string, period: string, current: AreaAggregate, onlyDesa?: readonly string[]): Record<string, SeriesPoint[]> {
  const series: Record<string, SeriesPoint[]> = Object.fromEntries(HEADLINE_INDICATORS.map(([key]) => [key, []]));
  for (let back = TREND_MONTHS - 1; back >= 0; back--) {
    const p = shiftPeriod(period, -back);
    const agg = back === 0 ? current : aggregateArea(deps.db, deps.areas, { period: p, areaCode, now: deps.now(), onlyDesa, settings: deps.settings });
    for (const [key] of HEADLINE_INDICATORS) series[key]!.push({ period: p, value: agg.indicators.verified[key] });
  }
  return series;
}

export function monthPicker(action: string, period: string, latest: string): SafeHtml {
  return html`<form method="get" action="${action}" class="month">
<label for="bulan">Bulan</label>
<input id="bulan" name="bulan" type="month" value="${period}" max="${latest}" required>
<button type="submit">Tampilkan</button>
</form>`;
}

/** Completeness, timeliness, the verified indicators and the cases of an area, as cards. */
export function headline(agg: AreaFigures): SafeHtml {
  const { completeness: c, timeliness: t, cases } = agg;
  const v = agg.indicators.verified;
  const card = (label: string, main: SafeHtml, sub: SafeHtml | string = '') => html`<div class="card"><div class="label">${label}</div><div class="big">${main}</div><div class="sub">${sub}</div></div>`;
  return html`<section class="cards">
${card('Kelengkapan laporan', figure('sentPct', c.sentPct, 'pct'), html`${figure('sent', c.sent, 'count')} dari ${figure('expected', c.expected, 'count')} desa/kel. ikut program`)}
${card('Terverifikasi', figure('verifiedPct', c.verifiedPct, 'pct'), html`${figure('verified', c.verified, 'count')} terverifikasi, ${figure('returned', c.returned, 'count')} dikembalikan`)}
${card('Tepat waktu', figure('onTimePct', t.onTimePct, 'pct'), html`${figure('late', t.late, 'count')} terlambat`)}
${HEADLINE_INDICATORS.map(([key, label]) => card(label, figure(key, v[key], 'pct'), html`dari ${figure('verifiedRecaps', v.recaps, 'count')} laporan terverifikasi`))}
${card('Kasus terbuka', figure('openCases', cases.openNow, 'count'), html`${figure('overdueCases', cases.overdueNow, 'count')} lewat batas tindak lanjut`)}
</section>`;
}

export function trendCharts(series: Record<string, SeriesPoint[]>): SafeHtml {
  return html`<section class="charts">
<h2>Tren 12 bulan (laporan terverifikasi, %)</h2>
<div class="chart-grid">${HEADLINE_INDICATORS.map(([key, label]) => lineChart(label, key, series[key] ?? []))}</div>
</section>`;
}

/** Download buttons for the exports of the kabupaten (no kecamatan) or one kecamatan. */
export function downloads(period: string, kecamatanCode: string | null): SafeHtml {
  const query = (format: string) => `?bulan=${period}${kecamatanCode ? `&kecamatan=${kecamatanCode}` : ''}&format=${format}`;
  const files = [
    ['rekap', 'Rekap laporan'],
    ['kasus', 'Kasus'],
    ['pertemuan', 'Pertemuan'],
  ] as const;
  return html`<section class="downloads">
<h2>Unduh data ${periodText(period)}</h2>
<ul>${files.map(([kind, label]) => html`<li><span>${label}</span> <a class="button" href="${BASE}/unduh/${kind}${query('xlsx')}" data-download="${kind}-xlsx">Excel</a> <a class="button secondary" href="${BASE}/unduh/${kind}${query('csv')}" data-download="${kind}-csv">CSV</a></li>`)}</ul>
</section>`;
}

export function overdueList(agg: AreaFigures, limit = 20): SafeHtml {
  const list = agg.cases.overdue;
  if (list.length === 0) return html``;
  return html`<section>
<h2>Kasus lewat batas tindak lanjut</h2>
<div class="scroll"><table>
<thead><tr><th>Kode kasus</th><th>Desa/kelurahan</th><th>Hari</th><th>Dinaikkan</th></tr></thead>
<tbody>${list.slice(0, limit).map((c) => html`<tr data-case="${c.code}"><td>${c.code}</td><td>${c.desaName}</td><td class="num">${c.days}</td><td>${c.escalated ? 'ya' : 'tidak'}</td></tr>`)}</tbody>
</table></div>
${list.length > limit ? html`<p class="note">dan ${list.length - limit} kasus lainnya (lihat unduhan Kasus).</p>` : ''}
</section>`;
}
