// The recap XLSX: the data sheet "Rekap" (one row per desa, the same columns as the CSV, grouped under the paper
// form's section titles, with a JUMLAH row of the verified recaps), for the whole kabupaten the per-kecamatan
// "Ringkasan" (summary-sheet.ts), then one sheet per desa laid out like the paper F/I/Dal form for printing on A4
// (paper-form-sheet.ts). Totals and the summary come from the aggregation (aggregate.ts), as the digests' do.
// Written with ExcelJS's streaming writer: rows and sheets go to the file as they are finished, so memory holds one
// sheet at a time whatever the size of the area table (see streamed-workbook.ts).
import type ExcelJS from 'exceljs';
import { activeFields, SECTION_TITLES, type FieldDef, type RecapSettings, type SectionId } from '../domain/recap/fields.js';
import { indicatorSet, type AreaAggregate, type IndicatorSet } from './aggregate.js';
import { periodText } from './labels.js';
import { addPaperFormSheet } from './paper-form-sheet.js';
import { IDENTITY_COLUMNS, INDICATOR_COLUMNS, recapColumns, rowValues, type ExportRow } from './recap-export.js';
import { openStreamedWorkbook } from './streamed-workbook.js';
import { addSummarySheet, SUMMARY_SHEET } from './summary-sheet.js';
import { BORDER, HEADER_FILL, sheetNamer } from './xlsx-style.js';

export const XLSX_TITLE = 'REKAPITULASI LAPORAN BULANAN PENGENDALIAN LAPANGAN TINGKAT DESA/KELURAHAN';
export const XLSX_SHEET = 'Rekap';
export const XLSX_TOTAL_LABEL = 'JUMLAH';
/** Under the JUMLAH row: what it counts, so nobody reads unchecked numbers as the kecamatan's figures. */
export const XLSX_TOTAL_NOTE = 'Catatan: baris JUMLAH hanya menjumlahkan laporan yang sudah terverifikasi PKB';

/** The "No" column, then the CSV's columns. The first FROZEN columns stay in view while scrolling right. */
const FROZEN = 5;

// Sheet rows: title, period, area, a blank line, the section header row, the label row, then the data.
const ROW_SECTIONS = 5;
const ROW_LABELS = 6;
const ROW_FIRST_DATA = 7;

/** Consecutive runs of fields by section, for the merged group headers (the catalogue is in paper order). */
function sectionRuns(fields: readonly FieldDef[]): { section: SectionId; from: number; count: number }[] {
  const runs: { section: SectionId; from: number; count: number }[] = [];
  fields.forEach((f, i) => {
    const last = runs.at(-1);
    if (last && last.section === f.section) last.count++;
    else runs.push({ section: f.section, from: i, count: 1 });
  });
  return runs;
}

/**
 * The JUMLAH values of these rows: the aggregation's indicator set (aggregate.ts) over them, so the row shows what
 * the digests and summaries show: each field summed over the desa that answered it (null when none did), and the
 * indicators recomputed from those sums. Averaging the desa percentages would weigh a small desa like a large one.
 */
export function recapTotals(rows: readonly ExportRow[], settings: RecapSettings): IndicatorSet {
  return indicatorSet(
    'verified',
    rows.map((r) => ({ desaCode: r.desaCode, values: rowValues(r) })),
    new Map(),
    settings,
  );
}

export interface XlsxMeta {
  period: string;
  areaLabel: string;
  /** The aggregation of the same period and scope: a kabupaten export adds its per-kecamatan summary sheet. */
  summary?: AreaAggregate | undefined;
}

export async function writeXlsx(rows: readonly ExportRow[], settings: RecapSettings, meta: XlsxMeta, file: string): Promise<void> {
  const book = await openStreamedWorkbook(file);
  await fillRecapWorkbook(book.workbook, (sheet) => book.sheet(sheet), rows, settings, meta);
  await book.close();
}

/**
 * The sheets of the recap XLSX, in order; `finished` is called with each sheet once no cell of it changes any more
 * (the streaming writer commits it). Exported so a test can fill an in-memory workbook the same way.
 */
export async function fillRecapWorkbook(
  workbook: ExcelJS.Workbook,
  finished: (sheet: ExcelJS.Worksheet) => Promise<void>,
  rows: readonly ExportRow[],
  settings: RecapSettings,
  meta: XlsxMeta,
): Promise<void> {
  await finished(addDataSheet(workbook, rows, settings, meta));
  // The Dinas reads the kabupaten file kecamatan by kecamatan; a kecamatan's own file has its JUMLAH row for that.
  const summarised = meta.summary?.area.level === 'kabupaten';
  if (summarised) await finished(addSummarySheet(workbook, meta.summary!, { period: meta.period, areaLabel: meta.areaLabel }));
  const name = sheetNamer(summarised ? [XLSX_SHEET, SUMMARY_SHEET] : [XLSX_SHEET]);
  for (const row of rows) await finished(addPaperFormSheet(workbook, name(row.desaName, row.desaCode), row, settings, meta.period));
}

/** The data sheet; each desa's row is committed (written out) as soon as it is complete. */
function addDataSheet(workbook: ExcelJS.Workbook, rows: readonly ExportRow[], settings: RecapSettings, meta: XlsxMeta): ExcelJS.Worksheet {
  const fields = activeFields(settings);
  const columns = recapColumns(settings, '\n');
  const firstField = 1 + IDENTITY_COLUMNS.length + 1;
  const firstIndicator = firstField + fields.length;
  const warningsColumn = firstIndicator + INDICATOR_COLUMNS.length;
  const lastColumn = 1 + columns.length;

  const sheet = workbook.addWorksheet(XLSX_SHEET, {
    // Frozen below the two header rows and right of the desa name, so both stay visible while re-keying.
    views: [{ state: 'frozen', xSplit: FROZEN, ySplit: ROW_LABELS }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  sheet.getCell(1, 1).value = XLSX_TITLE;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = `Bulan: ${periodText(meta.period)}`;
  sheet.getCell(3, 1).value = `Wilayah: ${meta.areaLabel}`;
  for (const r of [2, 3]) sheet.getCell(r, 1).font = { bold: true };

  // Group headers: one merged cell per section over its columns, as on the paper form.
  const group = (from: number, to: number, title: string) => {
    if (to > from) sheet.mergeCells(ROW_SECTIONS, from, ROW_SECTIONS, to);
    sheet.getCell(ROW_SECTIONS, from).value = title;
  };
  group(1, firstField - 1, 'Identitas dan status laporan');
  for (const run of sectionRuns(fields)) group(firstField + run.from, firstField + run.from + run.count - 1, SECTION_TITLES[run.section]);
  group(firstIndicator, warningsColumn - 1, 'Indikator (dihitung)');
  group(warningsColumn, warningsColumn, 'Catatan');

  sheet.getCell(ROW_LABELS, 1).value = 'No';
  sheet.getColumn(1).width = 5;
  columns.forEach((c, i) => {
    sheet.getCell(ROW_LABELS, i + 2).value = c.header;
    const column = sheet.getColumn(i + 2);
    column.width = c.width;
    // Counts as plain integers; percentages with one decimal (Excel shows the decimal comma in an Indonesian locale).
    if (c.kind !== 'text') column.numFmt = c.kind === 'percent' ? '0.0' : '0';
  });
  for (const r of [ROW_SECTIONS, ROW_LABELS]) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= lastColumn; c++) {
      const cell = row.getCell(c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = HEADER_FILL;
      cell.border = BORDER;
    }
  }
  sheet.getRow(ROW_LABELS).height = 60;

  // Values are written as numbers (or left empty): a PKB re-keying or summing must never meet numbers stored as text.
  // Empty cells are null, not empty strings: blank in Excel, skipped by COUNTA.
  // Borders as each row is written: a committed row can no longer be touched.
  rows.forEach((r, i) => {
    const row = sheet.getRow(ROW_FIRST_DATA + i);
    row.values = [i + 1, ...columns.map((c) => c.value(r))];
    row.getCell(warningsColumn).alignment = { wrapText: true, vertical: 'top' };
    for (let c = 1; c <= lastColumn; c++) row.getCell(c).border = BORDER;
    row.commit();
  });

  // JUMLAH counts verified recaps only: a submitted or returned recap may still change, so it is not a figure of
  // the kecamatan yet. The identity cells say how many desa that is.
  const verified = rows.filter((r) => r.status === 'verified');
  const totals = recapTotals(verified, settings);
  const totalRow = ROW_FIRST_DATA + rows.length;
  const reported = rows.filter((r) => r.status !== 'belum lapor').length;
  const row = sheet.getRow(totalRow);
  const identity: (string | null)[] = IDENTITY_COLUMNS.map(() => null);
  const at = (header: string) => IDENTITY_COLUMNS.findIndex((c) => c.header === header);
  identity[at('Ikut program')] = `${rows.filter((r) => r.takingPart).length} ikut`;
  identity[at('Status')] = `${verified.length} terverifikasi, ${reported} dari ${rows.length} lapor`;
  identity[at('Terlambat')] = `${rows.filter((r) => r.late === true).length} terlambat`;
  row.values = [
    XLSX_TOTAL_LABEL,
    ...identity,
    ...fields.map((f) => totals.sums[f.id] ?? null),
    // With no verified recap there is nothing to derive from: empty, not a PA of 0.
    ...INDICATOR_COLUMNS.map(([, key]) => totals[key]),
    null,
  ];
  sheet.mergeCells(totalRow, 1, totalRow, FROZEN);
  row.font = { bold: true };
  row.getCell(1).alignment = { horizontal: 'center' };

  for (let c = 1; c <= lastColumn; c++) sheet.getCell(totalRow, c).border = { ...BORDER, top: { style: 'double' } };

  const note = sheet.getCell(totalRow + 1, 1);
  note.value = `${XLSX_TOTAL_NOTE} (${verified.length} dari ${rows.length} desa/kelurahan). Laporan yang belum lapor, terkirim atau dikembalikan tidak dihitung.`;
  note.font = { italic: true };
  return sheet;
}
