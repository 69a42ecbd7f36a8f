// The cases XLSX: one row per case with the same columns as the CSV (without the code columns), for people.
// Text that a resident or PKB typed stays text: exceljs writes it as a string cell, never as a formula.
import { CASE_COLUMNS, type CaseExportRow } from './cases-export.js';
import { OPEN_STATUSES } from '../domain/cases/case-model.js';
import type { AreaAggregate } from './aggregate.js';
import { witaDateTime } from './labels.js';
import { writeListXlsx } from './list-xlsx.js';

export const CASES_XLSX_TITLE = 'DAFTAR KASUS KEBUTUHAN BER-KB TIDAK TERPENUHI DAN CALON AKSEPTOR BELUM TERLAYANI';
export const CASES_XLSX_SHEET = 'Kasus';

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
  const summaryLine = meta.summary ? casesSummaryLine(meta.summary) : null;
  await writeListXlsx({ sheetName: CASES_XLSX_SHEET, title: CASES_XLSX_TITLE, period: meta.period, areaLabel: meta.areaLabel, summaryLine, columns: CASE_COLUMNS, rows }, file);
}
