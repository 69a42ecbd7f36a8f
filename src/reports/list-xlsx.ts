// A one-sheet list workbook (the cases and the meetings XLSX): title, month, area, an optional summary line, a
// frozen header row, one bordered row per item numbered from 1. Text stays text: exceljs writes a string cell,
// never a formula.
import { periodText } from './labels.js';
import { BORDER, writeHeaderRow } from './xlsx-style.js';

export interface ListColumn<R> {
  header: string;
  /** Width in the XLSX (characters). */
  width: number;
  value(row: R): string | number | null;
}

export interface ListWorkbook<R> {
  sheetName: string;
  title: string;
  period: string;
  areaLabel: string;
  /** The aggregation's figures of the same scope in one line under the title, or null. */
  summaryLine: string | null;
  columns: readonly ListColumn<R>[];
  rows: readonly R[];
}

const ROW_HEADER = 5;
const ROW_FIRST_DATA = 6;

export async function writeListXlsx<R>(list: ListWorkbook<R>, file: string): Promise<void> {
  // ExcelJS is large: loaded when a file is written, not with every command that imports this module.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'IMP Smart';
  const sheet = workbook.addWorksheet(list.sheetName, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: ROW_HEADER }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  sheet.getCell(1, 1).value = list.title;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = `Bulan: ${periodText(list.period)}`;
  sheet.getCell(3, 1).value = `Wilayah: ${list.areaLabel}`;
  for (const r of [2, 3]) sheet.getCell(r, 1).font = { bold: true };
  if (list.summaryLine !== null) {
    sheet.getCell(4, 1).value = list.summaryLine;
    sheet.getCell(4, 1).font = { italic: true };
  }

  const columns: [string, number][] = [['No', 5], ...list.columns.map((c): [string, number] => [c.header, c.width])];
  writeHeaderRow(sheet, ROW_HEADER, columns);
  sheet.getRow(ROW_HEADER).height = 32;

  list.rows.forEach((r, i) => {
    const row = sheet.getRow(ROW_FIRST_DATA + i);
    row.values = [i + 1, ...list.columns.map((c) => c.value(r))];
    for (let c = 1; c <= columns.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    }
  });

  await workbook.xlsx.writeFile(file);
}
