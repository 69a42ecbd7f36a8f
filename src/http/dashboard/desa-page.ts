// One desa's recap of a month laid out like the paper F/I/Dal form (the same sections, rows and labels as the XLSX
// paper sheet, reports/paper-form-sheet.ts), with its versions: the current one comes from the aggregation, an older
// one from its recorded event. Empty cells mean "not reported", never 0.
import { indicators as indicatorsOf, type RecapIndicators } from '../../domain/recap/derive.js';
import { activeFields, EXTRA_METHODS, FIELD_BY_ID, INSTITUTIONS, METHODS, POKTAN, SECTION_TITLES } from '../../domain/recap/fields.js';
import { desaRecapHistory, type RecapEventRow } from '../../db/repos/recap-versions.repo.js';
import { confirmedWarnings, type ConfirmedWarning } from '../../reports/labels.js';
import { BASE, type DashboardDeps, type Viewer } from './deps.js';
import { aggregateFor, monthPicker } from './figures.js';
import { DESA_STATE_LABELS, desaState, figure, periodText, witaTime } from './format.js';
import { html, type SafeHtml } from './html.js';
import { page } from './layout.js';
import { POKTAN_ROWS } from '../../reports/paper-form-sheet.js';
import { parseStoredValues } from '../../domain/recap/stored-values.js';

type Values = Readonly<Record<string, number | null | undefined>>;

const CHANGE_LABELS: Readonly<Record<RecapEventRow['change'], string>> = {
  submitted: 'dikirim',
  corrected: 'perbaikan dikirim',
  returned: 'dikembalikan',
  verified: 'diverifikasi',
  reopened: 'dibuka kembali',
};


/** Returns null when the asked version does not exist (a 404). */
export function desaPage(deps: DashboardDeps, viewer: Viewer, code: string, period: string, latest: string, askedVersion: number | null): string | null {
  const desa = deps.areas.get(code)!;
  const kecamatan = deps.areas.kecamatanOf(code)!;
  const agg = aggregateFor(deps, code, period);
  const d = agg.byDesa[0]!;
  const history = desaRecapHistory(deps.db, code, period);
  const versions = history.events.filter((e) => e.change === 'submitted' || e.change === 'corrected');
  const current = d.version;
  const shown = askedVersion ?? current;
  let values: Values = d.values;
  let ind: RecapIndicators | null = d.indicators;
  let warnings: ConfirmedWarning[] = confirmedWarnings(history.recap?.warnings ?? null);
  if (askedVersion !== null && askedVersion !== current) {
    const event = versions.find((e) => e.version === askedVersion);
    if (!event) return null;
    const v = parseStoredValues(event.values);
    values = v;
    ind = indicatorsOf(v, deps.settings.recap);
    warnings = confirmedWarnings(event.warnings);
  } else if (askedVersion !== null && current === null) return null;

  const state = desaState(d, agg.calendar);
  const name = (id: number | null | undefined) => (id === null || id === undefined ? null : (history.names.get(id) ?? null));
  const title = `${d.kind === 'kelurahan' ? 'Kelurahan' : 'Desa'} ${desa.name}`;
  const seesKecamatan = viewer.scope.desa === null || [...viewer.scope.desa].some((c) => c.startsWith(`${kecamatan.code}.`));
  return page(
    title,
    viewer,
    html`<nav class="crumbs">${viewer.scope.desa === null ? html`<a href="${BASE}?bulan=${period}">Kabupaten</a> › ` : ''}${seesKecamatan ? html`<a href="${BASE}/kecamatan/${kecamatan.code}?bulan=${period}">${kecamatan.name}</a> › ` : ''}${desa.name}</nav>
<div class="title-row"><h1>${title}, ${periodText(period)}</h1>${monthPicker(`${BASE}/desa/${code}`, period, latest)}</div>
<section class="paper" data-desa="${code}" data-version="${shown === null ? '' : String(shown)}">
<h2 class="form-title">LAPORAN BULANAN PENGENDALIAN LAPANGAN TINGKAT DESA/KELURAHAN <small>(F/I/Dal)</small></h2>
<dl class="form-head">
<dt>Bulan</dt><dd>${periodText(period)}</dd>
<dt>Desa/Kelurahan</dt><dd>${title} (kode ${code})</dd>
<dt>Kecamatan</dt><dd>${kecamatan.name} (kode ${kecamatan.code})</dd>
<dt>Status laporan</dt><dd><span class="status status-${state}" data-status="${state}">${DESA_STATE_LABELS[state]}</span>${d.late ? html` <span class="status status-terlambat">terlambat</span>` : ''}${current !== null ? html`, versi terakhir ${current}` : ''}${d.submittedAt ? html`, dikirim ${witaTime(d.submittedAt)}` : ''}</dd>
${history.recap ? html`<dt>PPKBD pelapor</dt><dd data-person="reporter">${name(history.recap.reporterId) ?? '–'}</dd>` : ''}
${history.recap?.verifiedBy ? html`<dt>Diverifikasi oleh</dt><dd data-person="verifier">${name(history.recap.verifiedBy) ?? '–'}, ${witaTime(history.recap.verifiedAt)}</dd>` : ''}
${history.recap?.status === 'returned' && history.recap.returnedReason ? html`<dt>Alasan dikembalikan</dt><dd>${history.recap.returnedReason}</dd>` : ''}
</dl>
${versionList(code, period, versions, history.events, shown, name)}
${current === null ? html`<p class="note">Belum ada laporan untuk bulan ini.</p>` : formBody(deps, values, ind, warnings, shown !== current)}
</section>`,
  );
}

function versionList(code: string, period: string, versions: RecapEventRow[], events: RecapEventRow[], shown: number | null, name: (id: number) => string | null): SafeHtml {
  if (events.length === 0) return html``;
  return html`<div class="versions">
<h3>Riwayat laporan</h3>
<ol>${events.map((e) => {
    const isVersion = versions.includes(e);
    const label = html`${witaTime(e.at)}: ${CHANGE_LABELS[e.change]} (versi ${e.version})${name(e.byPersonId) ? html`, oleh ${name(e.byPersonId)}` : ''}${e.change === 'returned' && e.note ? html`, alasan: ${e.note}` : ''}`;
    if (!isVersion) return html`<li>${label}</li>`;
    return e.version === shown
      ? html`<li class="shown" data-version-link="${String(e.version)}">${label} <strong>· ditampilkan</strong></li>`
      : html`<li data-version-link="${String(e.version)}">${label} · <a href="${BASE}/desa/${code}?bulan=${period}&amp;versi=${String(e.version)}">lihat versi ini</a></li>`;
  })}</ol>
</div>`;
}

const cell = (values: Values, id: string, placed: Set<string>) => {
  placed.add(id);
  const v = values[id];
  return html`<td class="num" data-field="${id}" data-value="${typeof v === 'number' ? String(v) : ''}">${typeof v === 'number' ? v.toLocaleString('id-ID') : ''}</td>`;
};

function table(head: readonly string[], rows: readonly SafeHtml[], first: readonly [string, string] = ['No', 'Uraian']): SafeHtml {
  return html`<div class="scroll"><table class="form"><thead><tr>${[...first, ...head].map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${rows}</tbody></table></div>`;
}

function formBody(deps: DashboardDeps, values: Values, ind: RecapIndicators | null, warnings: ConfirmedWarning[], older: boolean): SafeHtml {
  const settings = deps.settings.recap;
  const placed = new Set<string>();
  const c = (id: string) => cell(values, id, placed);
  const label = (id: string) => FIELD_BY_ID.get(id)?.label ?? id;
  const row = (no: string, text: string, cells: readonly SafeHtml[], cls = '') => html`<tr class="${cls}"><td class="no">${no}</td><td>${text}</td>${cells}</tr>`;
  const letter = (i: number) => `${String.fromCharCode(97 + i)}.`;

  const flows = settings.parts.flows;
  const methods = settings.parts.mal_traditional ? [...METHODS, ...EXTRA_METHODS] : [...METHODS];
  const prefixes = flows ? ['pa_', 'pb_', 'do_', 'gc_dari_', 'gc_ke_'] : ['pa_'];
  const total = (prefix: string) => {
    const answered = methods.map(([id]) => values[`${prefix}${id}`]).filter((x): x is number => typeof x === 'number');
    return html`<td class="num"><strong>${answered.length === 0 ? '' : answered.reduce((a, b) => a + b, 0).toLocaleString('id-ID')}</strong></td>`;
  };
  const sectionIII = [row('1', label('jml_keluarga'), [c('jml_keluarga')]), row('2', label('pus'), [c('pus')])];
  let next = 4;
  const after: SafeHtml[] = [];
  if (settings.parts.channel) {
    after.push(row(String(next++), 'Peserta KB aktif menurut jalur pelayanan', []), row('a.', 'Pemerintah', [c('pa_pemerintah')]), row('b.', 'Swasta', [c('pa_swasta')]));
  }
  after.push(row(String(next), 'PUS bukan peserta KB', []), row('a.', 'Hamil', [c('hamil')]), row('b.', label('ias'), [c('ias')]), row('c.', label('iat'), [c('iat')]), row('d.', label('tial'), [c('tial')]));
  const uppka = activeFields(settings).filter((f) => f.section === 'V');
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

  const parts = html`
<h3>I. KEADAAN UMUM</h3>
${table(['Jumlah yang ada', 'Jumlah yang lapor'], INSTITUTIONS.map(([id, t], i) => row(String(i + 1), t, [c(`${id}_ada`), c(`${id}_lapor`)])))}
<h3>II. KEGIATAN OPERASIONAL</h3>
${table(['Jumlah'], ['frek_rakor_desa', 'frek_penyuluhan_pkb', 'frek_kie_kit', 'jml_tokoh_aktif_kie'].map((id, i) => row(String(i + 1), label(id), [c(id)])))}
<h3>III. PUS DAN KESERTAAN BER-KB</h3>
${table(['Jumlah'], sectionIII)}
${table(
  flows ? ['Peserta KB aktif', 'Peserta KB baru', 'Drop out', 'Ganti cara dari', 'Ganti cara ke'] : ['Peserta KB aktif'],
  [...methods.map(([id, t], i) => row(letter(i), t, prefixes.map((p) => c(`${p}${id}`)))), row('', 'Jumlah', prefixes.map(total), 'total')],
  ['3', 'Peserta KB aktif menurut cara'],
)}
${table(['Jumlah'], after)}
<h3>IV. POKTAN BKB, BKR, BKL</h3>
${table(POKTAN.map(([, t]) => t), POKTAN_ROWS.map(([suffix, t], i) => row(String(i + 1), t, POKTAN.map(([p]) => c(`${p}_${suffix}`)))))}
<h3>V. UPPKA</h3>
${table(['Jumlah'], uppka.map((f, i) => row(String(i + 1), capitalised(f.label.replace(/^UPPKA: /, '')), [c(f.id)])))}`;
  // A field the layout does not know (the catalogue grew) is still shown, under its own section's name.
  const rest = activeFields(settings).filter((f) => !placed.has(f.id));
  return html`${older ? html`<p class="note">Ini versi lama, bukan angka yang dipakai dalam rekap.</p>` : ''}
${parts}
${rest.length > 0 ? html`<h3>ISIAN LAIN</h3>${table(['Jumlah'], rest.map((f, i) => row(String(i + 1), `${f.label} (${SECTION_TITLES[f.section]})`, [c(f.id)])))}` : ''}
<h3>INDIKATOR (DIHITUNG OTOMATIS)</h3>
${table(['Nilai'], [
  row('1', 'Jumlah peserta KB aktif', [html`<td class="num">${figure('paTotal', ind?.paTotal ?? null, 'count')}</td>`]),
  row('2', 'CPR: peserta KB aktif dibanding PUS', [html`<td class="num">${figure('cpr', ind?.cpr ?? null, 'pct')}</td>`]),
  row('3', 'mCPR: peserta KB cara modern dibanding PUS', [html`<td class="num">${figure('mcpr', ind?.mcpr ?? null, 'pct')}</td>`]),
  row('4', 'Kebutuhan ber-KB tidak terpenuhi (IAT + TIAL)', [html`<td class="num">${figure('unmetNeed', ind?.unmetNeed ?? null, 'count')}</td>`]),
  row('5', 'Kebutuhan ber-KB tidak terpenuhi dibanding PUS', [html`<td class="num">${figure('unmetNeedPct', ind?.unmetNeedPct ?? null, 'pct')}</td>`]),
  row('6', 'MKJP dibanding peserta KB aktif', [html`<td class="num">${figure('mkjpShare', ind?.mkjpShare ?? null, 'pct')}</td>`]),
])}
<h3>CATATAN: ANGKA TIDAK BIASA YANG SUDAH DIKONFIRMASI KADER</h3>
${warnings.length === 0 ? html`<p>Tidak ada.</p>` : html`<ol class="warnings">${warnings.map((w) => html`<li>${w.text}</li>`)}</ol>`}`;
}
