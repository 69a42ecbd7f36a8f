// The meetings XLSX: one row per meeting with the same columns as the CSV (without the key columns), for people.
// Text a cadre typed (a place under "lainnya", the follow-up) stays text: exceljs writes it as a string cell.
import type { AreaAggregate } from './aggregate.js';
import { MEETING_COLUMNS, meetingsSummaryLine, type MeetingExportRow } from './meetings-export.js';
import { writeListXlsx } from './list-xlsx.js';

export const MEETINGS_XLSX_TITLE = 'DAFTAR PERTEMUAN RUTIN DAN KEHADIRAN';
export const MEETINGS_XLSX_SHEET = 'Pertemuan';

export interface MeetingsXlsxMeta {
  period: string;
  areaLabel: string;
  summary?: AreaAggregate | undefined;
}

export async function writeMeetingsXlsx(rows: readonly MeetingExportRow[], meta: MeetingsXlsxMeta, file: string): Promise<void> {
  const summaryLine = meta.summary ? meetingsSummaryLine(meta.summary) : null;
  await writeListXlsx({ sheetName: MEETINGS_XLSX_SHEET, title: MEETINGS_XLSX_TITLE, period: meta.period, areaLabel: meta.areaLabel, summaryLine, columns: MEETING_COLUMNS, rows }, file);
}
