// `imp-smart export cases`: the unmet-need and unserved-acceptor cases reported in a period (the WITA month of
// reported_at), one row per case. No personal data: the reporter (key, chat address, person) and the assignee are
// never columns; "assigned" says only whether someone is on it. The CSV is for machines, the XLSX for people.
import { and, asc, gte, lt } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AreaDirectory } from '../areas/directory.js';
import type { DbOrTx } from '../db/client.js';
import { cases } from '../db/schema.js';
import { CASE_STATUS_LABELS, labelOf, METHOD_OPTIONS, REASON_OPTIONS } from '../flows/cases/case-options.js';
import { fromWita } from '../time/wita.js';
import { periodText, scopeDesa } from './recap-export.js';

type CaseStatus = (typeof cases.$inferSelect)['status'];
type CaseCategory = (typeof cases.$inferSelect)['category'];

export interface CaseExportRow {
  code: string;
  kecamatanCode: string;
  kecamatanName: string;
  desaCode: string;
  desaName: string;
  /** Dusun/RT as stored (already scrubbed of personal data). */
  place: string | null;
  category: CaseCategory;
  methodWanted: string;
  reasons: string[];
  stockOutFacility: string | null;
  consentToContact: boolean;
  status: CaseStatus;
  /** ISO-8601 UTC, as stored. */
  reportedAt: string;
  closedAt: string | null;
  /** Whole days from reported_at to closed_at, or to `now` while the case is open. */
  ageDays: number;
  outcomeMethod: string | null;
  outcomeDate: string | null;
  outcomeNote: string | null;
  assigned: boolean;
}

export interface CasesExportScope {
  period: string;
  kecamatanCode?: string | undefined;
  now: Date;
}

const DAY_MS = 86_400_000;

/** [from, to) of the WITA month "YYYY-MM". */
export function witaMonthRange(period: string): { from: Date; to: Date } {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return { from: fromWita(year, month, 1), to: month === 12 ? fromWita(year + 1, 1, 1) : fromWita(year, month + 1, 1) };
}

function parseReasons(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

export function casesExportRows(db: DbOrTx, areas: AreaDirectory, scope: CasesExportScope): CaseExportRow[] {
  const inScope = new Set(scopeDesa(areas, scope.kecamatanCode).map((d) => d.code));
  const { from, to } = witaMonthRange(scope.period);
  const stored = db
    .select()
    .from(cases)
    .where(and(gte(cases.reportedAt, from.toISOString()), lt(cases.reportedAt, to.toISOString())))
    .orderBy(asc(cases.desaCode), asc(cases.reportedAt), asc(cases.id))
    .all();
  return stored
    .filter((c) => inScope.has(c.desaCode))
    .map((c): CaseExportRow => {
      const desa = areas.get(c.desaCode);
      const kec = areas.get(desa?.parentCode ?? '');
      const end = c.closedAt !== null ? new Date(c.closedAt) : scope.now;
      return {
        code: c.code,
        kecamatanCode: kec?.code ?? '',
        kecamatanName: kec?.name ?? '',
        desaCode: c.desaCode,
        desaName: desa?.name ?? '',
        place: c.place,
        category: c.category,
        methodWanted: c.methodWanted,
        reasons: parseReasons(c.reasons),
        stockOutFacility: c.stockOutFacility,
        consentToContact: c.consentToContact,
        status: c.status,
        reportedAt: c.reportedAt,
        closedAt: c.closedAt,
        ageDays: Math.max(0, Math.floor((end.getTime() - new Date(c.reportedAt).getTime()) / DAY_MS)),
        outcomeMethod: c.outcomeMethod,
        outcomeDate: c.outcomeDate,
        outcomeNote: c.outcomeNote,
        assigned: c.assigneeId !== null,
      };
    });
}

// ---- CSV

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const yaTidak = (b: boolean): string => (b ? 'ya' : 'tidak');

export const CASES_CSV_HEADER = [
  'code',
  'kecamatan_code',
  'kecamatan',
  'desa_code',
  'desa',
  'place',
  'category',
  'method_wanted',
  'reasons',
  'stock_out_facility',
  'consent_to_contact',
  'status',
  'reported_at',
  'closed_at',
  'age_days',
  'outcome_method',
  'outcome_date',
  'outcome_note',
  'assigned',
] as const;

export function casesToCsv(rows: readonly CaseExportRow[]): string {
  const lines: string[][] = [[...CASES_CSV_HEADER]];
  for (const r of rows) {
    lines.push([
      r.code,
      r.kecamatanCode,
      r.kecamatanName,
      r.desaCode,
      r.desaName,
      r.place ?? '',
      r.category,
      r.methodWanted,
      r.reasons.join(';'),
      r.stockOutFacility ?? '',
      yaTidak(r.consentToContact),
      r.status,
      r.reportedAt,
      r.closedAt ?? '',
      String(r.ageDays),
      r.outcomeMethod ?? '',
      r.outcomeDate ?? '',
      r.outcomeNote ?? '',
      yaTidak(r.assigned),
    ]);
  }
  return lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ---- XLSX

export const CASES_XLSX_TITLE = 'DAFTAR KASUS UNMET NEED DAN CALON AKSEPTOR BELUM TERLAYANI';
export const CASES_XLSX_SHEET = 'Kasus';

const COLUMNS = [
  ['No', 5],
  ['Kode kasus', 22],
  ['Kecamatan', 16],
  ['Kode desa', 15],
  ['Desa/Kelurahan', 20],
  ['Dusun/RT', 14],
  ['Kategori', 16],
  ['Metode diinginkan', 16],
  ['Alasan', 30],
  ['Faskes stok kosong', 20],
  ['Bersedia dihubungi', 11],
  ['Status', 15],
  ['Umur kasus (hari)', 10],
  ['Metode hasil', 14],
  ['Tanggal hasil', 12],
  ['Catatan hasil', 30],
  ['Ditugaskan', 11],
] as const;

const ROW_HEADER = 5;
const ROW_FIRST_DATA = 6;

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;

export async function writeCasesXlsx(rows: readonly CaseExportRow[], meta: { period: string; areaLabel: string }, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
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

  COLUMNS.forEach(([label, width], i) => {
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
    row.values = [
      i + 1,
      r.code,
      r.kecamatanName,
      r.desaCode,
      r.desaName,
      r.place,
      r.category,
      labelOf(METHOD_OPTIONS, r.methodWanted),
      r.reasons.map((k) => labelOf(REASON_OPTIONS, k)).join('; '),
      r.stockOutFacility,
      yaTidak(r.consentToContact),
      CASE_STATUS_LABELS[r.status] ?? r.status,
      r.ageDays,
      r.outcomeMethod === null ? null : labelOf(METHOD_OPTIONS, r.outcomeMethod),
      r.outcomeDate,
      r.outcomeNote,
      yaTidak(r.assigned),
    ];
    for (let c = 1; c <= COLUMNS.length; c++) {
      const cell = row.getCell(c);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    }
  });

  await workbook.xlsx.writeFile(file);
}
