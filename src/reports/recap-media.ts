// The monthly files the bot sends with the Dinas' summary (and GRAFIK): the chart PNG and the recap XLSX, saved in
// the media store and returned ready to queue (enqueueMedia). Both are async (drawing, ExcelJS), so they are made
// before the transaction that queues them; a file whose transaction never commits is pruned as an orphan.
import type { AreaDirectory } from '../areas/directory.js';
import type { DbOrTx } from '../db/client.js';
import type { OutboxMedia } from '../db/repos/outbox.repo.js';
import type { RecapSettings } from '../domain/recap/fields.js';
import type { MediaStore } from '../media/media-store.js';
import { chartTitle, renderRecapChart, type RecapChartInput } from './chart/recap-chart.js';
import { periodText } from './labels.js';
import { exportAreaLabel, recapExportRows } from './recap-export.js';
import { writeXlsx } from './recap-xlsx.js';

/** "Somba Opu" → "somba-opu": a name as part of a file name. */
export function fileSlug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** "rekap-2026-11.png" for the kabupaten, "rekap-bontomarannu-2026-11.xlsx" for a kecamatan. */
export function recapFileName(period: string, extension: 'png' | 'xlsx', scopeName?: string): string {
  return `rekap-${scopeName ? `${fileSlug(scopeName)}-` : ''}${period}.${extension}`;
}

export interface SavedChartOptions {
  /** The kecamatan the chart is about, for its file name (none: the kabupaten). */
  scopeName?: string;
  /** What the bars are, for the caption (default "kecamatan"). */
  barsAre?: 'kecamatan' | 'desa/kelurahan';
}

/** Draws the chart and saves it: an image message "Rekap November 2026: kelengkapan laporan dan CPR per kecamatan". */
export async function saveRecapChart(store: MediaStore, input: RecapChartInput, now: Date, options: SavedChartOptions = {}): Promise<OutboxMedia> {
  // ECharts and resvg are loaded inside, on the first chart, not when this module is.
  const png = await renderRecapChart(input);
  const saved = store.save(recapFileName(input.period, 'png', options.scopeName), png, now);
  return {
    kind: 'image',
    ...saved,
    caption: `${chartTitle(input.period)}: kelengkapan laporan dan CPR per ${options.barsAre ?? 'kecamatan'}.`,
  };
}

export interface RecapXlsxScope {
  period: string;
  settings: RecapSettings;
  /** One kecamatan's desa; the whole kabupaten when absent. */
  kecamatanCode?: string;
}

/**
 * The recap XLSX of a period (the same workbook as `imp-smart export recap --format xlsx`: one row per desa, JUMLAH of
 * the verified recaps, a paper-form sheet per desa), saved as a document message.
 */
export async function saveRecapXlsx(db: DbOrTx, areas: AreaDirectory, store: MediaStore, scope: RecapXlsxScope, now: Date): Promise<OutboxMedia> {
  const rows = recapExportRows(db, areas, { period: scope.period, kecamatanCode: scope.kecamatanCode, settings: scope.settings });
  const areaLabel = exportAreaLabel(areas, scope.kecamatanCode);
  const scopeName = scope.kecamatanCode === undefined ? undefined : areas.get(scope.kecamatanCode)?.name;
  const saved = await store.saveWith(recapFileName(scope.period, 'xlsx', scopeName), now, (path) =>
    writeXlsx(rows, scope.settings, { period: scope.period, areaLabel }, path),
  );
  return { kind: 'document', ...saved, caption: `Rekap laporan desa ${periodText(scope.period)}, ${areaLabel}.` };
}
