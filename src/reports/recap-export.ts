// `imp-smart export recap`: the monthly village recap of a period as one row per desa/kelurahan, for a PKB or the
// dinas to re-key into New SIGA or to analyse. Every desa of the scope is listed, also those that have not reported
// (or do not take part), because the gaps are exactly what the person re-keying needs to see. The CSV is for
// machines (field ids, ISO times, dot decimals); the XLSX is laid out like the paper recap for people.
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { AreaDirectory } from '../areas/directory.js';
import type { Area, DesaKind } from '../areas/types.js';
import type { DbOrTx } from '../db/client.js';
import { participatingDesa } from '../db/repos/areas.repo.js';
import { recaps, type RECAP_STATUSES } from '../db/schema.js';
import { indicators, type RecapIndicators } from '../domain/recap/derive.js';
import { activeFields, SECTION_TITLES, type FieldDef, type RecapSettings, type SectionId } from '../domain/recap/fields.js';
import { formatMonth } from '../flows/parse/index.js';
import { toWita } from '../time/wita.js';

export type ExportStatus = (typeof RECAP_STATUSES)[number] | 'belum lapor';

export interface ExportRow {
  kecamatanCode: string;
  kecamatanName: string;
  desaCode: string;
  desaName: string;
  kind: DesaKind;
  /** Whether the desa takes part in the programme in this period (not taking part: listed, marked "tidak ikut"). */
  takingPart: boolean;
  status: ExportStatus;
  /** Null when there is no desa record for the period; likewise submittedAt, late and indicators. */
  version: number | null;
  /** ISO-8601 UTC, as stored. */
  submittedAt: string | null;
  late: boolean | null;
  /** Every active field id → its number, or null when not answered (or no report). */
  values: Record<string, number | null>;
  indicators: RecapIndicators | null;
}

export interface ExportScope {
  period: string;
  /** Only this kecamatan's desa; all desa of the kabupaten when absent. */
  kecamatanCode?: string | undefined;
  settings: RecapSettings;
}

/** The derived columns, after the fields: [csv id, xlsx label, indicator key, is a percentage]. */
const INDICATOR_COLUMNS = [
  ['pa_total', 'PA (jumlah)', 'paTotal', false],
  ['unmet_need', 'Unmet need (IAT + TIAL)', 'unmetNeed', false],
  ['cpr', 'CPR (%)', 'cpr', true],
  ['mcpr', 'mCPR (%)', 'mcpr', true],
  ['unmet_need_pct', 'Unmet need (%)', 'unmetNeedPct', true],
  ['mkjp_share', 'MKJP dari PA (%)', 'mkjpShare', true],
] as const satisfies readonly (readonly [string, string, keyof RecapIndicators, boolean])[];

/** The desa of the scope in code order (which also groups the kabupaten export by kecamatan). */
export function scopeDesa(areas: AreaDirectory, kecamatanCode?: string): Area[] {
  if (kecamatanCode === undefined) return areas.allDesa();
  if (!areas.isKecamatan(kecamatanCode)) throw new Error(`not a kecamatan code: ${kecamatanCode}`);
  return areas.desaOf(kecamatanCode);
}

/** "Kec. Bontomarannu, Kabupaten Gowa", or "Kabupaten Gowa" for the whole kabupaten: the area line of the sheet. */
export function exportAreaLabel(areas: AreaDirectory, kecamatanCode?: string): string {
  const kab = areas.label(areas.kabupaten().code);
  return kecamatanCode === undefined ? kab : `${areas.label(kecamatanCode)}, ${kab}`;
}

function parseValues(json: string): Record<string, unknown> {
  const parsed: unknown = JSON.parse(json);
  return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
}

export function recapExportRows(db: DbOrTx, areas: AreaDirectory, scope: ExportScope): ExportRow[] {
  const desa = scopeDesa(areas, scope.kecamatanCode);
  const fields = activeFields(scope.settings);
  // Only desa records (unit_key ''): dusun parts are inputs to the desa record, not rows of the recap.
  // One query for the period; the scope filter is a map lookup, so no IN list of 167 codes is needed.
  const stored = new Map(
    db
      .select()
      .from(recaps)
      .where(and(eq(recaps.period, scope.period), eq(recaps.unitKey, '')))
      .all()
      .map((r) => [r.desaCode, r]),
  );
  const taking = new Set(participatingDesa(db, desa.map((d) => d.code), scope.period));

  return desa.map((d): ExportRow => {
    const kec = areas.get(d.parentCode ?? '');
    const recap = stored.get(d.code);
    const raw = recap ? parseValues(recap.values) : {};
    const values: Record<string, number | null> = {};
    const answered: Record<string, number> = {};
    for (const f of fields) {
      const v = raw[f.id];
      values[f.id] = typeof v === 'number' ? v : null;
      if (typeof v === 'number') answered[f.id] = v;
    }
    return {
      kecamatanCode: kec?.code ?? '',
      kecamatanName: kec?.name ?? '',
      desaCode: d.code,
      desaName: d.name,
      kind: d.kind ?? 'desa',
      takingPart: taking.has(d.code),
      status: recap?.status ?? 'belum lapor',
      version: recap?.version ?? null,
      submittedAt: recap?.submittedAt ?? null,
      late: recap ? recap.late : null,
      values,
      indicators: recap ? indicators(answered, scope.settings) : null,
    };
  });
}

// ---- CSV

/** RFC 4180: quote a field only when it holds a comma, a quote or a line break; quotes are doubled. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Numbers in JavaScript notation (dot decimals, no thousands separator) so every tool reads them back as numbers. */
const csvNumber = (n: number | null): string => (n === null ? '' : String(n));

export function csvHeader(settings: RecapSettings): string[] {
  return [
    'kecamatan_code',
    'kecamatan',
    'desa_code',
    'desa',
    'kind',
    'taking_part',
    'status',
    'version',
    'submitted_at',
    'late',
    ...activeFields(settings).map((f) => f.id),
    ...INDICATOR_COLUMNS.map(([id]) => id),
  ];
}

export function toCsv(rows: readonly ExportRow[], settings: RecapSettings): string {
  const fields = activeFields(settings);
  const lines = [csvHeader(settings)];
  for (const r of rows) {
    lines.push([
      r.kecamatanCode,
      r.kecamatanName,
      r.desaCode,
      r.desaName,
      r.kind,
      r.takingPart ? 'ikut' : 'tidak ikut',
      r.status,
      csvNumber(r.version),
      r.submittedAt ?? '',
      r.late === null ? '' : r.late ? 'ya' : 'tidak',
      ...fields.map((f) => csvNumber(r.values[f.id] ?? null)),
      ...INDICATOR_COLUMNS.map(([, , key]) => csvNumber(r.indicators ? r.indicators[key] : null)),
    ]);
  }
  // CRLF line ends as RFC 4180 asks; Excel and csv-parse both accept them.
  return lines.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}

// ---- XLSX

export const XLSX_TITLE = 'REKAPITULASI LAPORAN BULANAN PENGENDALIAN LAPANGAN TINGKAT DESA/KELURAHAN';
export const XLSX_SHEET = 'Rekap';
export const XLSX_TOTAL_LABEL = 'JUMLAH';

const STATUS_LABEL: Readonly<Record<ExportStatus, string>> = {
  submitted: 'terkirim',
  returned: 'dikembalikan',
  verified: 'diverifikasi',
  'belum lapor': 'belum lapor',
};

/** Identity columns before the fields. The first IDENTITY_FROZEN stay in view while scrolling right. */
const IDENTITY = [
  ['No', 5],
  ['Kecamatan', 16],
  ['Kode', 15],
  ['Desa/Kelurahan', 20],
  ['Desa/Kel.', 10],
  ['Ikut program', 11],
  ['Status', 13],
  ['Versi', 7],
  ['Dikirim (WITA)', 17],
  ['Terlambat', 10],
] as const;
const IDENTITY_FROZEN = 4;

// Sheet rows: title, period, area, a blank line, the section header row, the label row, then the data.
const ROW_SECTIONS = 5;
const ROW_LABELS = 6;
const ROW_FIRST_DATA = 7;

const THIN = { style: 'thin' } as const;
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;

function witaText(iso: string | null): string | null {
  if (iso === null) return null;
  const p = toWita(new Date(iso));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${p.year}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}`;
}

/** "2026-11" → "November 2026", the way the paper form names the month. */
export function periodText(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return formatMonth({ year, month });
}

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
 * The JUMLAH row's values: each field summed over the desa that answered it (null when no desa did), and the
 * indicators recomputed from those sums. Averaging the desa percentages would weigh a small desa like a large one.
 */
export function recapTotals(rows: readonly ExportRow[], settings: RecapSettings): { values: Record<string, number | null>; indicators: RecapIndicators } {
  const values: Record<string, number | null> = {};
  const summed: Record<string, number> = {};
  for (const f of activeFields(settings)) {
    let total: number | null = null;
    for (const r of rows) {
      const v = r.values[f.id];
      if (v !== null && v !== undefined) total = (total ?? 0) + v;
    }
    values[f.id] = total;
    if (total !== null) summed[f.id] = total;
  }
  return { values, indicators: indicators(summed, settings) };
}

export async function writeXlsx(rows: readonly ExportRow[], settings: RecapSettings, meta: { period: string; areaLabel: string }, file: string): Promise<void> {
  const fields = activeFields(settings);
  const firstField = IDENTITY.length + 1;
  const firstIndicator = firstField + fields.length;
  const lastColumn = firstIndicator + INDICATOR_COLUMNS.length - 1;

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'IMP Smart';
  const sheet = workbook.addWorksheet(XLSX_SHEET, {
    // Frozen below the two header rows and right of the desa name, so both stay visible while re-keying.
    views: [{ state: 'frozen', xSplit: IDENTITY_FROZEN, ySplit: ROW_LABELS }],
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
  group(1, IDENTITY.length, 'Identitas dan status laporan');
  for (const run of sectionRuns(fields)) group(firstField + run.from, firstField + run.from + run.count - 1, SECTION_TITLES[run.section]);
  group(firstIndicator, lastColumn, 'Indikator (dihitung)');

  const labels = [...IDENTITY.map(([label]) => label), ...fields.map((f) => f.label), ...INDICATOR_COLUMNS.map(([, label]) => label)];
  labels.forEach((label, i) => {
    sheet.getCell(ROW_LABELS, i + 1).value = label;
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

  IDENTITY.forEach(([, width], i) => {
    sheet.getColumn(i + 1).width = width;
  });
  for (let c = firstField; c <= lastColumn; c++) {
    const column = sheet.getColumn(c);
    column.width = 11;
    // Counts as plain integers; percentages with one decimal (Excel shows the decimal comma in an Indonesian locale).
    column.numFmt = c >= firstIndicator && INDICATOR_COLUMNS[c - firstIndicator]?.[3] ? '0.0' : '0';
  }

  // Values are written as numbers (or left empty): a PKB re-keying or summing must never meet numbers stored as text.
  const numbers = (values: Record<string, number | null>, ind: RecapIndicators | null): (number | null)[] => [
    ...fields.map((f) => values[f.id] ?? null),
    ...INDICATOR_COLUMNS.map(([, , key]) => (ind ? ind[key] : null)),
  ];
  rows.forEach((r, i) => {
    const row = sheet.getRow(ROW_FIRST_DATA + i);
    row.values = [
      i + 1,
      r.kecamatanName,
      r.desaCode,
      r.desaName,
      r.kind === 'kelurahan' ? 'Kelurahan' : 'Desa',
      r.takingPart ? 'ya' : 'tidak ikut',
      STATUS_LABEL[r.status],
      r.version,
      witaText(r.submittedAt),
      // Empty cells (null), not empty strings, for a desa without a report: blank in Excel, skipped by COUNTA.
      r.late === null ? null : r.late ? 'ya' : 'tidak',
      ...numbers(r.values, r.indicators),
    ];
  });

  const totals = recapTotals(rows, settings);
  const totalRow = ROW_FIRST_DATA + rows.length;
  const reported = rows.filter((r) => r.status !== 'belum lapor').length;
  const row = sheet.getRow(totalRow);
  row.values = [
    XLSX_TOTAL_LABEL,
    null,
    null,
    null,
    null,
    `${rows.filter((r) => r.takingPart).length} ikut`,
    `${reported} dari ${rows.length} lapor`,
    null,
    null,
    `${rows.filter((r) => r.late === true).length} terlambat`,
    ...numbers(totals.values, totals.indicators),
  ];
  sheet.mergeCells(totalRow, 1, totalRow, IDENTITY_FROZEN + 1);
  row.font = { bold: true };
  row.getCell(1).alignment = { horizontal: 'center' };

  for (let r = ROW_FIRST_DATA; r <= totalRow; r++) {
    for (let c = 1; c <= lastColumn; c++) sheet.getCell(r, c).border = BORDER;
  }
  for (let c = 1; c <= lastColumn; c++) sheet.getCell(totalRow, c).border = { ...BORDER, top: { style: 'double' } };

  await workbook.xlsx.writeFile(file);
}
