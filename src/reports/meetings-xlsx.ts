// The meetings XLSX: one row per meeting with the same columns as the CSV (without the key columns), for people.
// Text a cadre typed (a place under "lainnya", the follow-up) stays text: exceljs writes it as a string cell.
import type { AreaAggregate } from './aggregate.js';
import { periodText } from './labels.js';
import { MEETING_COLUMNS, meetingsSummaryLine, type MeetingExportRow } from './meetings-export.js';
import { BORDER, HEADER_FILL } from './xlsx-style.js';

export const MEETINGS_XLSX_TITLE = 'DAFTAR PERTEMUAN RUTIN DAN KEHADIRAN';
export const MEETINGS_XLSX_SHEET = 'Pertemuan';

const ROW_HEADER = 5;
const ROW_FIRST_DATA = 6;

export interface MeetingsXlsxMeta {
  period: string;
  areaLabel: string;
  summary?: AreaAggregate | undefined;
}

export async function writeMeetingsXlsx(rows: readonly MeetingExportRow[], meta: MeetingsXlsxMeta, file: string): Promise<void> {
  // ExcelJS is large: loaded when a file is written, not with every command that imports this module.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'IMP Smart';
  const sheet = workbook.addWorksheet(MEETINGS_XLSX_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: ROW_HEADER }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });

  sheet.getCell(1, 1).value = MEETINGS_XLSX_TITLE;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = `Bulan: ${periodText(meta.period)}`;
  sheet.getCell(3, 1).value = `Wilayah: ${meta.areaLabel}`;
  for (const r of [2, 3]) sheet.getCell(r, 1).font = { bold: true };
  if (meta.summary) {
    sheet.getCell(4, 1).value = meetingsSummaryLine(meta.summary);
    sheet.getCell(4, 1).font = { italic: true };
  }

  const columns: [string, number][] = [['No', 5], ...MEETING_COLUMNS.map((c): [string, number] => [c.header, c.width])];
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
    row.values = [i + 1, ...MEETING_COLUMNS.map((c) => c.value(r))];
    for (let c = 1; c <= columns.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    }
  });

  await workbook.xlsx.writeFile(file);
}
