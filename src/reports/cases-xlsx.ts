// The cases XLSX: one row per case with the same columns as the CSV (without the code columns), for people.
// Text that a resident or PKB typed stays text: exceljs writes it as a string cell, never as a formula.
import { CASE_COLUMNS, type CaseExportRow } from './cases-export.js';
import { OPEN_STATUSES } from '../domain/cases/case-model.js';
import type { AreaAggregate } from './aggregate.js';
import { periodText, witaDateTime } from './labels.js';
import { BORDER, HEADER_FILL } from './xlsx-style.js';

export const CASES_XLSX_TITLE = 'DAFTAR KASUS KEBUTUHAN BER-KB TIDAK TERPENUHI DAN CALON AKSEPTOR BELUM TERLAYANI';
export const CASES_XLSX_SHEET = 'Kasus';

const ROW_HEADER = 5;
const ROW_FIRST_DATA = 6;

export interface CasesXlsxMeta {
  period: string;
  areaLabel: string;
  /** The aggregation of the same period and scope: its case figures become the summary line under the title. */
  summary?: AreaAggregate | undefined;
}

/**
 * One line with the counts of the aggregation (aggregate.ts), the same the digests and Dinas summaries show: the
 * cases of the month (the rows below) by where they stand, the stock-outs among them, and what is open and overdue now.
 */
export function casesSummaryLine(summary: AreaAggregate): string {
  const c = summary.cases;
  const openOfMonth = OPEN_STATUSES.reduce((n, s) => n + c.openedByStatus[s], 0);
  const served = c.openedByStatus.served;
  return (
    `Ringkasan: ${c.opened} kasus dilaporkan bulan ini (${openOfMonth} masih terbuka, ${served} sudah dilayani, ${c.opened - openOfMonth - served} ditutup karena hal lain); ` +
    `${summary.stockOuts.total} laporan stok kosong. Keadaan ${witaDateTime(summary.asOf)} WITA: ${c.openNow} kasus terbuka di wilayah ini, ` +
    `${c.overdueNow} belum ditindaklanjuti lebih dari ${summary.caseFollowUpDays} hari.`
  );
}

export async function writeCasesXlsx(rows: readonly CaseExportRow[], meta: CasesXlsxMeta, file: string): Promise<void> {
  // ExcelJS is large: loaded when a file is written, not with every command that imports this module.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'IMP Smart';
  const sheet = workbook.addWorksheet(CASES_XLSX_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: ROW_HEADER }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  sheet.getCell(1, 1).value = CASES_XLSX_TITLE;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = `Bulan: ${periodText(meta.period)}`;
  sheet.getCell(3, 1).value = `Wilayah: ${meta.areaLabel}`;
  for (const r of [2, 3]) sheet.getCell(r, 1).font = { bold: true };
  if (meta.summary) {
    sheet.getCell(4, 1).value = casesSummaryLine(meta.summary);
    sheet.getCell(4, 1).font = { italic: true };
  }

  const columns: [string, number][] = [['No', 5], ...CASE_COLUMNS.map((c): [string, number] => [c.header, c.width])];
  columns.forEach(([label, width], i) => {
    const cell = sheet.getCell(ROW_HEADER, i + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    sheet.getColumn(i + 1).width = width;
  });
  sheet.getRow(ROW_HEADER).height = 32;

  rows.forEach((r, i) => {
    const row = sheet.getRow(ROW_FIRST_DATA + i);
    row.values = [i + 1, ...CASE_COLUMNS.map((c) => c.value(r))];
    for (let c = 1; c <= columns.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    }
  });

  await workbook.xlsx.writeFile(file);
}
