// `imp-smart export recap`: the monthly village recap of a period as one row per desa/kelurahan, for a PKB or the
// dinas to re-key into New SIGA or to analyse. Every desa of the scope is listed, also those that have not reported
// (or do not take part), because the gaps are exactly what the person re-keying needs to see. The CSV and the XLSX
// data sheet have the same columns in the same words (Indonesian headers and values, times in WITA); the CSV adds
// the stored codes at the end for machines. The XLSX (recap-xlsx.ts) adds a paper-form sheet per desa.
import { inArray } from 'drizzle-orm';
import type { AreaDirectory } from '../areas/directory.js';
import type { Area, DesaKind } from '../areas/types.js';
import type { DbOrTx } from '../db/client.js';
import { people } from '../db/schema.js';
import { DEFAULT_CALENDAR, type ReportingCalendar } from '../domain/recap/calendar.js';
import type { RecapIndicators } from '../domain/recap/derive.js';
import { activeFields, type RecapSettings, type RecapValues } from '../domain/recap/fields.js';
import { aggregate, DEFAULT_CASE_FOLLOW_UP_DAYS, type AreaAggregate } from './aggregate.js';
import { loadAggregateData } from './aggregate-data.js';
import { csvText, type CsvCell } from './csv.js';
import { confirmedWarnings, recapStatusCode, RECAP_STATUS_LABELS, witaDateTime, yaTidak, type ConfirmedWarning, type RecapExportStatus } from './labels.js';

export type ExportStatus = RecapExportStatus;

export interface ExportRow {
  kecamatanCode: string;
  kecamatanName: string;
  desaCode: string;
  desaName: string;
  kind: DesaKind;
  /** Whether the desa takes part in the programme in this period (not taking part: listed, marked "tidak"). */
  takingPart: boolean;
  status: ExportStatus;
  /** Null when there is no desa record for the period; likewise the other fields of the record. */
  version: number | null;
  /** ISO-8601 UTC, as stored (shown in WITA). */
  submittedAt: string | null;
  late: boolean | null;
  receiptCode: string | null;
  verifiedAt: string | null;
  /** The PPKBD who sent the current version and the PKB who verified it: the names on the paper form. */
  reporterName: string | null;
  verifierName: string | null;
  returnedReason: string | null;
  /** Soft warnings the cadre confirmed with YA for the current version. */
  warnings: ConfirmedWarning[];
  /** Every active field id → its number, or null when not answered (or no report). */
  values: Record<string, number | null>;
  indicators: RecapIndicators | null;
}

export interface ExportScope {
  period: string;
  /** Only this kecamatan's desa; all desa of the kabupaten when absent. */
  kecamatanCode?: string | undefined;
  settings: RecapSettings;
  /** For the summary only (timeliness, overdue cases); the configuration's defaults when absent. */
  calendar?: ReportingCalendar | undefined;
  caseFollowUpDays?: number | undefined;
  /** What the summary's "now" is (open cases, days to the due date); the wall clock when absent. */
  now?: Date | undefined;
}

/** The rows of the export and the aggregation they come from (the same figures the digests and summaries show). */
export interface RecapExport {
  rows: ExportRow[];
  summary: AreaAggregate;
}

/** The derived columns, after the fields: [header, indicator key, is a percentage]. */
export const INDICATOR_COLUMNS = [
  ['Jumlah peserta KB aktif', 'paTotal', false],
  ['Kebutuhan ber-KB tidak terpenuhi (IAT + TIAL)', 'unmetNeed', false],
  ['CPR (%)', 'cpr', true],
  ['mCPR (%)', 'mcpr', true],
  ['Kebutuhan ber-KB tidak terpenuhi (%)', 'unmetNeedPct', true],
  ['MKJP dari peserta KB aktif (%)', 'mkjpShare', true],
] as const satisfies readonly (readonly [string, keyof RecapIndicators, boolean])[];

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

/**
 * One row per desa of the scope, built from the aggregation (aggregate.ts: per-desa values, indicators, taking part)
 * plus what only an export shows (receipt code, names on the paper form, warnings, the reason of a return).
 */
export function recapExport(db: DbOrTx, areas: AreaDirectory, scope: ExportScope): RecapExport {
  scopeDesa(areas, scope.kecamatanCode); // refuses a code that is not a kecamatan, as the export always did
  const data = loadAggregateData(db, areas, {
    period: scope.period,
    areaCode: scope.kecamatanCode ?? areas.kabupaten().code,
    now: scope.now ?? new Date(),
    settings: { recap: scope.settings, calendar: scope.calendar ?? DEFAULT_CALENDAR, caseFollowUpDays: scope.caseFollowUpDays ?? DEFAULT_CASE_FOLLOW_UP_DAYS },
  });
  const summary = aggregate(data.input);
  const stored = data.recapRows;
  const personIds = [...new Set([...stored.values()].flatMap((r) => [r.reporterId, ...(r.verifiedBy === null ? [] : [r.verifiedBy])]))];
  const names = new Map(
    personIds.length === 0 ? [] : db.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, personIds)).all().map((p) => [p.id, p.name]),
  );

  const rows = summary.byDesa.map((d): ExportRow => {
    const recap = stored.get(d.code);
    const verified = d.status === 'verified';
    return {
      kecamatanCode: d.kecamatanCode,
      kecamatanName: d.kecamatanName,
      desaCode: d.code,
      desaName: d.name,
      kind: d.kind,
      takingPart: d.takingPart,
      status: d.status,
      version: d.version,
      submittedAt: d.submittedAt,
      late: d.late,
      receiptCode: recap?.receiptCode ?? null,
      verifiedAt: d.verifiedAt,
      reporterName: recap ? (names.get(recap.reporterId) ?? null) : null,
      verifierName: verified && recap && recap.verifiedBy !== null ? (names.get(recap.verifiedBy) ?? null) : null,
      returnedReason: recap?.status === 'returned' ? recap.returnedReason : null,
      warnings: recap ? confirmedWarnings(recap.warnings) : [],
      values: d.values,
      indicators: d.indicators,
    };
  });
  return { rows, summary };
}

export function recapExportRows(db: DbOrTx, areas: AreaDirectory, scope: ExportScope): ExportRow[] {
  return recapExport(db, areas, scope).rows;
}

/** A row's answered fields, as the aggregation sums them. */
export function rowValues(row: ExportRow): RecapValues {
  return Object.fromEntries(Object.entries(row.values).filter((e): e is [string, number] => e[1] !== null));
}

// ---- Columns shared by the CSV and the XLSX data sheet

export type ColumnKind = 'text' | 'count' | 'percent';

export interface RecapColumn {
  header: string;
  kind: ColumnKind;
  /** Width in the XLSX data sheet (characters). */
  width: number;
  value(row: ExportRow): string | number | null;
}

/** Identity and status of the desa and its report, before the fields. */
export const IDENTITY_COLUMNS: readonly RecapColumn[] = [
  { header: 'Kode kecamatan', kind: 'text', width: 10, value: (r) => r.kecamatanCode },
  { header: 'Kecamatan', kind: 'text', width: 16, value: (r) => r.kecamatanName },
  { header: 'Kode desa', kind: 'text', width: 15, value: (r) => r.desaCode },
  { header: 'Desa/Kelurahan', kind: 'text', width: 20, value: (r) => r.desaName },
  { header: 'Desa/Kel.', kind: 'text', width: 10, value: (r) => (r.kind === 'kelurahan' ? 'Kelurahan' : 'Desa') },
  { header: 'Ikut program', kind: 'text', width: 9, value: (r) => yaTidak(r.takingPart) },
  { header: 'Status', kind: 'text', width: 13, value: (r) => RECAP_STATUS_LABELS[r.status] },
  { header: 'Versi', kind: 'count', width: 7, value: (r) => r.version },
  { header: 'Dikirim (WITA)', kind: 'text', width: 17, value: (r) => witaDateTime(r.submittedAt) },
  // Empty (null), not "tidak", for a desa without a report: nothing was late, nothing was on time.
  { header: 'Terlambat', kind: 'text', width: 10, value: (r) => (r.late === null ? null : yaTidak(r.late)) },
  { header: 'Diverifikasi (WITA)', kind: 'text', width: 17, value: (r) => witaDateTime(r.verifiedAt) },
];

export const WARNINGS_HEADER = 'Peringatan yang dikonfirmasi kader';

/** Every column of one desa row: identity, the active fields in paper order, the indicators, the confirmed warnings. */
export function recapColumns(settings: RecapSettings, warningSeparator: string): RecapColumn[] {
  return [
    ...IDENTITY_COLUMNS,
    ...activeFields(settings).map((f): RecapColumn => ({ header: f.label, kind: 'count', width: 11, value: (r) => r.values[f.id] ?? null })),
    ...INDICATOR_COLUMNS.map(([header, key, pct]): RecapColumn => ({
      header,
      kind: pct ? 'percent' : 'count',
      width: 11,
      value: (r) => (r.indicators ? r.indicators[key] : null),
    })),
    { header: WARNINGS_HEADER, kind: 'text', width: 60, value: (r) => (r.warnings.length === 0 ? null : r.warnings.map((w) => w.text).join(warningSeparator)) },
  ];
}

// ---- CSV

/** The stored codes, for machines, after the columns people read. */
const CODE_COLUMNS: readonly RecapColumn[] = [
  { header: 'Kode status', kind: 'text', width: 0, value: (r) => recapStatusCode(r.status) },
  { header: 'Kode peringatan', kind: 'text', width: 0, value: (r) => r.warnings.map((w) => w.rule).join(';') || null },
];

function csvColumns(settings: RecapSettings): RecapColumn[] {
  return [...recapColumns(settings, ' | '), ...CODE_COLUMNS];
}

export function csvHeader(settings: RecapSettings): string[] {
  return csvColumns(settings).map((c) => c.header);
}

export function toCsv(rows: readonly ExportRow[], settings: RecapSettings): string {
  const columns = csvColumns(settings);
  return csvText(
    columns.map((c) => c.header),
    rows.map((r) => columns.map((c): CsvCell => c.value(r))),
  );
}
