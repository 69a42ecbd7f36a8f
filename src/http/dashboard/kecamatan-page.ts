// One kecamatan in a month: its figures, trend and every desa with its status and indicators. A PKB whose binaan is
// part of the kecamatan sees only those desa, and the figures of those desa ("desa binaan").
import { BASE, type DashboardDeps, type Viewer } from './deps.js';
import { aggregateFor, downloads, headline, HEADLINE_INDICATORS, monthPicker, overdueList, trendCharts, trendOf } from './figures.js';
import { DESA_STATE_LABELS, desaState, figure, periodText, witaTime } from './format.js';
import { html } from './html.js';
import { page } from './layout.js';
import { deadlineLine } from './overview-page.js';
import { visibleDesa } from '../auth/token-scope.js';

export function kecamatanPage(deps: DashboardDeps, viewer: Viewer, code: string, period: string, latest: string): string {
  const kecamatan = deps.areas.get(code)!;
  const whole = viewer.scope.wholeKecamatan.has(code);
  const onlyDesa = whole ? undefined : visibleDesa(viewer.scope, code, deps.areas);
  const agg = aggregateFor(deps, code, period, onlyDesa);
  const trend = trendOf(deps, code, period, agg, onlyDesa);
  const title = `Kecamatan ${kecamatan.name}`;
  return page(
    title,
    viewer,
    html`<nav class="crumbs">${viewer.scope.desa === null ? html`<a href="${BASE}?bulan=${period}">Kabupaten</a> › ` : ''}${kecamatan.name}</nav>
<div class="title-row"><h1>${title}, ${periodText(period)}</h1>${monthPicker(`${BASE}/kecamatan/${code}`, period, latest)}</div>
${whole ? '' : html`<p class="note">Hanya desa binaan Anda.</p>`}
${deadlineLine(agg)}
${headline(agg)}
<section>
<h2>Desa/kelurahan</h2>
<div class="scroll"><table class="areas">
<thead><tr><th>Desa/kelurahan</th><th>Status</th><th>Versi</th><th>Dikirim</th>${HEADLINE_INDICATORS.map(([, label]) => html`<th>${label}</th>`)}<th>Peserta KB aktif</th><th>PUS</th></tr></thead>
<tbody>${agg.byDesa.map((d) => {
      const state = desaState(d, agg.calendar);
      return html`<tr data-desa="${d.code}" data-status="${state}" data-late="${d.late === true ? 'true' : 'false'}">
<td><a href="${BASE}/desa/${d.code}?bulan=${period}">${d.kind === 'kelurahan' ? 'Kel.' : 'Desa'} ${d.name}</a></td>
<td><span class="status status-${state}">${DESA_STATE_LABELS[state]}</span>${d.late ? html` <span class="status status-terlambat">terlambat</span>` : ''}${d.dusunMismatch ? html` <span class="status status-dikembalikan">beda dengan dusun</span>` : ''}</td>
<td class="num">${d.version ?? '–'}</td><td>${witaTime(d.submittedAt)}</td>
${HEADLINE_INDICATORS.map(([key]) => html`<td class="num">${figure(key, d.indicators?.[key] ?? null, 'pct')}</td>`)}
<td class="num">${figure('paTotal', d.indicators?.paTotal ?? null, 'count')}</td><td class="num">${figure('pus', d.values.pus ?? null, 'count')}</td></tr>`;
    })}</tbody>
</table></div>
<p class="note">Angka per desa dari versi terakhir laporan (terverifikasi atau belum). Angka kecamatan di atas hanya dari laporan terverifikasi.</p>
</section>
${trendCharts(trend)}
${overdueList(agg)}
${whole ? downloads(period, code) : ''}`,
  );
}
