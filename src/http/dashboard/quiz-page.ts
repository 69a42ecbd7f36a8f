// /dasbor/kuis: the workshop quizzes the signed-in token may see (a PKB token its binaan's, a koordinator its
// kecamatan's, dinas and admin all), newest first, with the pre → post change and the downloads (the same files as
// `imp-smart quiz export`). Every number carries its raw value in data-value, like the other pages.
import { findWorkshop, latestWorkshops } from '../../db/repos/quiz.repo.js';
import { maySeeWorkshop, type QuizState } from '../../domain/quiz/quiz-rules.js';
import { formatPointChange } from '../../domain/recap/derive.js';
import { loadWorkshopData } from '../../reports/quiz-data.js';
import { quizFileName, quizToCsv } from '../../reports/quiz-export.js';
import { quizXlsxBuffer } from '../../reports/quiz-xlsx.js';
import { workshopResults, type TestSummary, type WorkshopResults } from '../../reports/quiz-results.js';
import { BASE, type DashboardDeps, type Viewer } from './deps.js';
import { CONTENT_TYPES, type ExportFile } from './export-files.js';
import { figure, witaTime } from './format.js';
import { html } from './html.js';
import { page } from './layout.js';

const STATE_WORDS: Readonly<Record<QuizState, string>> = { open: 'dibuka', closed: 'ditutup', expired: 'kedaluwarsa' };

/** The workshops this viewer may see, with their results. */
export function visibleQuizzes(deps: DashboardDeps, viewer: Viewer): WorkshopResults[] {
  const quizViewer = { personId: null, desa: viewer.scope.desa };
  return latestWorkshops(deps.db, 10_000)
    .filter((w) => maySeeWorkshop(quizViewer, w, deps.areas))
    .map((w) => workshopResults(loadWorkshopData(deps.db, w.id)!, deps.areas, deps.now()));
}

function testCell(t: TestSummary | null, name: string) {
  if (!t) return html`<td>belum dibuka</td>`;
  return html`<td>${t.code} (${STATE_WORDS[t.state]}), ${figure(`${name}Finished`, t.finished, 'count')} selesai, rata-rata ${figure(`${name}Pct`, t.averagePct, 'pct')}</td>`;
}

export function quizPage(deps: DashboardDeps, viewer: Viewer): string {
  const list = visibleQuizzes(deps, viewer);
  return page(
    'Kuis pelatihan',
    viewer,
    html`<nav class="crumbs"><a href="${BASE}">Halaman awal</a> › Kuis pelatihan</nav>
<h1>Kuis pelatihan kader</h1>
<p class="note">Pre-test dan post-test pelatihan (KUIS BUKA di WhatsApp, atau imp-smart quiz open). Perubahan pre → post hanya dari kader yang menyelesaikan keduanya.</p>
${
  list.length === 0
    ? html`<p>Belum ada kuis pelatihan di wilayah Anda.</p>`
    : html`<div class="scroll"><table class="areas">
<thead><tr><th>Pelatihan</th><th>Wilayah</th><th>Dibuka</th><th>Pre-test</th><th>Post-test</th><th>Ikut keduanya</th><th>Pre → post (% benar)</th><th>Perubahan (poin)</th><th>Unduh</th></tr></thead>
<tbody>${list.map(
        (r) => html`<tr data-quiz="${r.id}">
<td>${r.name}<br><span class="note">${r.bankTitle}, ${r.questionCount} soal</span></td><td>${r.areaLabel}</td><td>${witaTime(r.createdAt)}</td>
${testCell(r.pre, 'pre')}${testCell(r.post, 'post')}
<td class="num">${figure('paired', r.paired.count, 'count')}</td>
<td class="num">${figure('pairedPrePct', r.paired.prePct, 'pct')} → ${figure('pairedPostPct', r.paired.postPct, 'pct')}</td>
<td class="num"><span class="figure" data-figure="changePts" data-value="${r.paired.changePts === null ? '' : String(r.paired.changePts)}">${formatPointChange(r.paired.changePts)}</span></td>
<td><a class="button" href="${BASE}/kuis/${r.id}/unduh?format=xlsx" data-download="kuis-xlsx">Excel</a> <a class="button secondary" href="${BASE}/kuis/${r.id}/unduh?format=csv" data-download="kuis-csv">CSV</a></td></tr>`,
      )}</tbody>
</table></div>`
}`,
  );
}

/** One workshop's file (CSV of the cadres, or the XLSX with all three sheets); null when the token may not see it. */
export async function quizDownload(deps: DashboardDeps, viewer: Viewer, id: number, format: 'csv' | 'xlsx'): Promise<ExportFile | null> {
  const workshop = findWorkshop(deps.db, id);
  if (!workshop || !maySeeWorkshop({ personId: null, desa: viewer.scope.desa }, workshop, deps.areas)) return null;
  const r = workshopResults(loadWorkshopData(deps.db, id)!, deps.areas, deps.now());
  const body = format === 'csv' ? Buffer.from(quizToCsv(r, 'peserta')) : await quizXlsxBuffer(r);
  return { fileName: quizFileName(r, format), contentType: CONTENT_TYPES[format], body };
}
