// The quiz XLSX: one sheet per table of quiz-export.ts (Peserta, Per desa, Per soal), each with the workshop's
// header lines over a frozen, bordered table. ExcelJS is loaded only when a file is written.
import { PARTICIPANT_COLUMNS, DESA_COLUMNS, QUESTION_COLUMNS, quizHeaderLines, type QuizColumn } from './quiz-export.js';
import type { WorkshopResults } from './quiz-results.js';
import { BORDER, writeHeaderRow } from './xlsx-style.js';

export const QUIZ_XLSX_TITLE = 'HASIL KUIS PELATIHAN KADER';
export const QUIZ_SHEETS = { peserta: 'Peserta', desa: 'Per desa', soal: 'Per soal' } as const;

type Workbook = import('exceljs').Workbook;

function addSheet<R>(workbook: Workbook, name: string, header: readonly string[], columns: readonly QuizColumn<R>[], rows: readonly R[]): void {
  const headerRow = header.length + 3;
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: headerRow }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.getCell(1, 1).value = QUIZ_XLSX_TITLE;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  header.forEach((line, i) => (sheet.getCell(i + 2, 1).value = line));
  const all: [string, number][] = [['No', 5], ...columns.map((c): [string, number] => [c.header, c.width])];
  writeHeaderRow(sheet, headerRow, all);
  rows.forEach((r, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    // Text stays text: exceljs writes strings as string cells, never formulas.
    row.values = [i + 1, ...columns.map((c) => c.value(r))];
    for (let c = 1; c <= all.length; c++) {
      row.getCell(c).border = BORDER;
      row.getCell(c).alignment = { vertical: 'top', wrapText: true };
    }
  });
}

async function quizWorkbook(r: WorkshopResults): Promise<Workbook> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'IMP Smart';
  const header = quizHeaderLines(r);
  addSheet(workbook, QUIZ_SHEETS.peserta, header, PARTICIPANT_COLUMNS, r.participants);
  addSheet(workbook, QUIZ_SHEETS.desa, header, DESA_COLUMNS, r.byDesa);
  addSheet(workbook, QUIZ_SHEETS.soal, header, QUESTION_COLUMNS, r.byQuestion);
  return workbook;
}

export async function writeQuizXlsx(r: WorkshopResults, file: string): Promise<void> {
  await (await quizWorkbook(r)).xlsx.writeFile(file);
}

/** The workbook as bytes (API, dashboard). */
export async function quizXlsxBuffer(r: WorkshopResults): Promise<Buffer> {
  return Buffer.from(await (await quizWorkbook(r)).xlsx.writeBuffer());
}
