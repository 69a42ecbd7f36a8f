// The "Ringkasan" sheet of the kabupaten recap XLSX: one row per kecamatan and one for the kabupaten, straight from
// the aggregation (aggregate.ts), so it shows the same numbers as the Dinas summaries: completeness over the desa
// taking part, timeliness, the headline indicators of the verified recaps with their change from last month, cases
// and stock-outs.
import type ExcelJS from 'exceljs';
import type { AreaAggregate, AreaFigures } from './aggregate.js';
import { periodText, witaDateTime } from './labels.js';
import { BORDER, HEADER_FILL } from './xlsx-style.js';

export const SUMMARY_SHEET = 'Ringkasan';
export const SUMMARY_TITLE = 'RINGKASAN PER KECAMATAN';
export const SUMMARY_TOTAL_LABEL = 'KABUPATEN';

type Kind = 'text' | 'count' | 'percent' | 'points';

interface SummaryColumn {
  header: string;
  kind: Kind;
  width: number;
  value(f: AreaFigures): string | number | null;
}

/** The columns after the kecamatan's code and name. Indicators: verified recaps only, like the JUMLAH row. */
export function summaryColumns(caseFollowUpDays: number): SummaryColumn[] {
  return [
    { header: 'Desa/kel. ikut program', kind: 'count', width: 10, value: (f) => f.completeness.expected },
    { header: 'Sudah lapor', kind: 'count', width: 9, value: (f) => f.completeness.sent },
    { header: 'Belum lapor', kind: 'count', width: 9, value: (f) => f.completeness.missing.length },
    { header: 'Terverifikasi', kind: 'count', width: 11, value: (f) => f.completeness.verified },
    { header: 'Menunggu verifikasi', kind: 'count', width: 11, value: (f) => f.completeness.waiting },
    { header: 'Dikembalikan', kind: 'count', width: 11, value: (f) => f.completeness.returned },
    { header: 'Sudah lapor (%)', kind: 'percent', width: 9, value: (f) => f.completeness.sentPct },
    { header: 'Terverifikasi (%)', kind: 'percent', width: 11, value: (f) => f.completeness.verifiedPct },
    { header: 'Tepat waktu', kind: 'count', width: 9, value: (f) => f.timeliness.onTime },
    { header: 'Terlambat', kind: 'count', width: 9, value: (f) => f.timeliness.late },
    { header: 'Laporan terverifikasi yang dijumlahkan', kind: 'count', width: 13, value: (f) => f.indicators.verified.recaps },
    { header: 'Jumlah PUS', kind: 'count', width: 10, value: (f) => f.indicators.verified.sums.pus ?? null },
    { header: 'Jumlah peserta KB aktif', kind: 'count', width: 10, value: (f) => f.indicators.verified.paTotal },
    { header: 'CPR (%)', kind: 'percent', width: 8, value: (f) => f.indicators.verified.cpr },
    { header: 'CPR: perubahan dari bulan lalu (poin)', kind: 'points', width: 11, value: (f) => f.change.verified.cpr },
    { header: 'mCPR (%)', kind: 'percent', width: 8, value: (f) => f.indicators.verified.mcpr },
    { header: 'mCPR: perubahan (poin)', kind: 'points', width: 11, value: (f) => f.change.verified.mcpr },
    { header: 'Kebutuhan ber-KB tidak terpenuhi (%)', kind: 'percent', width: 12, value: (f) => f.indicators.verified.unmetNeedPct },
    { header: 'Tidak terpenuhi: perubahan (poin)', kind: 'points', width: 12, value: (f) => f.change.verified.unmetNeedPct },
    { header: 'MKJP dari peserta KB aktif (%)', kind: 'percent', width: 11, value: (f) => f.indicators.verified.mkjpShare },
    { header: 'MKJP: perubahan (poin)', kind: 'points', width: 11, value: (f) => f.change.verified.mkjpShare },
    { header: 'Kasus baru bulan ini', kind: 'count', width: 9, value: (f) => f.cases.opened },
    { header: 'Kasus terbuka saat ini', kind: 'count', width: 9, value: (f) => f.cases.openNow },
    { header: `Belum ditindaklanjuti lebih dari ${caseFollowUpDays} hari`, kind: 'count', width: 13, value: (f) => f.cases.overdueNow },
    { header: 'Laporan stok kosong bulan ini', kind: 'count', width: 11, value: (f) => f.stockOuts.total },
  ];
}

const NUMBER_FORMAT: Readonly<Record<Kind, string | undefined>> = { text: undefined, count: '0', percent: '0.0', points: '+0.0;-0.0;0.0' };

// Rows: title, period, area, the basis note, a blank line, the header, then the data.
const ROW_HEADER = 6;
const ROW_FIRST_DATA = 7;

/** Adds the sheet and returns it for the caller to commit. */
export function addSummarySheet(workbook: ExcelJS.Workbook, summary: AreaAggregate, meta: { period: string; areaLabel: string }): ExcelJS.Worksheet {
  const columns = summaryColumns(summary.caseFollowUpDays);
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: ROW_HEADER }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.getCell(1, 1).value = SUMMARY_TITLE;
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(2, 1).value = `Bulan: ${periodText(meta.period)}`;
  sheet.getCell(3, 1).value = `Wilayah: ${meta.areaLabel}`;
  for (const r of [2, 3]) sheet.getCell(r, 1).font = { bold: true };
  sheet.getCell(4, 1).value =
    `Lapor dan tepat waktu dihitung dari desa/kelurahan yang ikut program bulan ini. Indikator hanya dari laporan yang sudah ` +
    `terverifikasi, dihitung dari jumlah angka (bukan rata-rata persen). Kasus terbuka dan belum ditindaklanjuti: keadaan ${witaDateTime(summary.asOf)} WITA.`;
  sheet.getCell(4, 1).font = { italic: true };

  const headers = ['Kode kecamatan', 'Kecamatan', ...columns.map((c) => c.header)];
  const widths = [10, 18, ...columns.map((c) => c.width)];
  headers.forEach((header, i) => {
    const cell = sheet.getCell(ROW_HEADER, i + 1);
    cell.value = header;
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    sheet.getColumn(i + 1).width = widths[i]!;
    const format = i < 2 ? undefined : NUMBER_FORMAT[columns[i - 2]!.kind];
    if (format) sheet.getColumn(i + 1).numFmt = format;
  });
  sheet.getRow(ROW_HEADER).height = 75;

  const lines: [string, string, AreaFigures][] = [
    ...summary.byKecamatan.map((k): [string, string, AreaFigures] => [k.kecamatan.code, k.kecamatan.name, k]),
    [summary.area.code, SUMMARY_TOTAL_LABEL, summary],
  ];
  lines.forEach(([code, name, figures], i) => {
    const row = sheet.getRow(ROW_FIRST_DATA + i);
    row.values = [code, name, ...columns.map((c) => c.value(figures))];
    for (let c = 1; c <= headers.length; c++) row.getCell(c).border = BORDER;
  });
  const total = sheet.getRow(ROW_FIRST_DATA + lines.length - 1);
  total.font = { bold: true };
  for (let c = 1; c <= headers.length; c++) total.getCell(c).border = { ...BORDER, top: { style: 'double' } };
  return sheet;
}
