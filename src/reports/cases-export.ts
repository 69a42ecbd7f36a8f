// `imp-smart export cases`: the unmet-need and unserved-acceptor cases reported in a period (the WITA month of
// reported_at), one row per case. No personal data: the reporter (key, chat address, person) and the assignee are
// never columns; "assigned" says only whether someone is on it. The CSV and the XLSX have the same columns in the same
// words (Indonesian headers, statuses, categories, methods and reasons; times in WITA); the CSV adds the stored codes
// at the end for machines.
import type { AreaDirectory } from '../areas/directory.js';
import type { DbOrTx } from '../db/client.js';
import type { CaseRow } from '../db/repos/cases.repo.js';
import type { cases } from '../db/schema.js';
import { DEFAULT_CALENDAR, periodRange } from '../domain/recap/calendar.js';
import { DEFAULT_RECAP_SETTINGS } from '../domain/recap/fields.js';
import { labelOf, METHOD_OPTIONS, REASON_OPTIONS } from '../flows/cases/case-options.js';
import { aggregate, DEFAULT_CASE_FOLLOW_UP_DAYS, type AreaAggregate } from './aggregate.js';
import { loadAggregateData } from './aggregate-data.js';
import { csvText } from './csv.js';
import { CASE_CATEGORY_LABELS, CASE_STATUS_EXPORT_LABELS, witaDateTime, yaTidak } from './labels.js';
import { scopeDesa } from './recap-export.js';

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
  /** Where the case was referred (kept when it is later served). */
  referredTo: string | null;
  assigned: boolean;
}

export interface CasesExportScope {
  period: string;
  kecamatanCode?: string | undefined;
  now: Date;
  /** IMP_CASE_FOLLOW_UP_DAYS, for the summary's overdue cases; the default when absent. */
  caseFollowUpDays?: number | undefined;
}

/** The rows of the export and the aggregation they come from (the same case figures the digests and summaries show). */
export interface CasesExport {
  rows: CaseExportRow[];
  summary: AreaAggregate;
}

const DAY_MS = 86_400_000;

/** [from, to) of the WITA month "YYYY-MM" (kept under the name the export used; the calendar owns it now). */
export const witaMonthRange = periodRange;

function parseReasons(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.map(String) : [];
  } catch {
    return [];
  }
}

const byDesaThenTime = (a: CaseRow, b: CaseRow) =>
  a.desaCode < b.desaCode ? -1 : a.desaCode > b.desaCode ? 1 : a.reportedAt < b.reportedAt ? -1 : a.reportedAt > b.reportedAt ? 1 : a.id - b.id;

/** The cases reported in the period, from the same load as the aggregation's case figures (aggregate-data.ts). */
export function casesExport(db: DbOrTx, areas: AreaDirectory, scope: CasesExportScope): CasesExport {
  scopeDesa(areas, scope.kecamatanCode); // refuses a code that is not a kecamatan, as the export always did
  const data = loadAggregateData(db, areas, {
    period: scope.period,
    areaCode: scope.kecamatanCode ?? areas.kabupaten().code,
    now: scope.now,
    // Only the case figures are read from this aggregation; the recap settings do not change them.
    settings: { recap: DEFAULT_RECAP_SETTINGS, calendar: DEFAULT_CALENDAR, caseFollowUpDays: scope.caseFollowUpDays ?? DEFAULT_CASE_FOLLOW_UP_DAYS },
  });
  // The aggregation's "opened in the period": reported within the WITA month.
  const { from, to } = periodRange(scope.period);
  const rows = data.caseRows
    .filter((c) => Date.parse(c.reportedAt) >= from.getTime() && Date.parse(c.reportedAt) < to.getTime())
    .sort(byDesaThenTime)
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
        referredTo: c.referredTo,
        assigned: c.assigneeId !== null,
      };
    });
  return { rows, summary: aggregate(data.input) };
}

export function casesExportRows(db: DbOrTx, areas: AreaDirectory, scope: CasesExportScope): CaseExportRow[] {
  return casesExport(db, areas, scope).rows;
}

// ---- Columns shared by the CSV and the XLSX

export interface CaseColumn {
  header: string;
  /** Width in the XLSX (characters); 0: CSV only. */
  width: number;
  value(row: CaseExportRow): string | number | null;
}

const method = (key: string | null): string | null => (key === null ? null : labelOf(METHOD_OPTIONS, key));

/** What people read, in the XLSX and the CSV alike. */
export const CASE_COLUMNS: readonly CaseColumn[] = [
  { header: 'Kode kasus', width: 22, value: (r) => r.code },
  { header: 'Kode kecamatan', width: 10, value: (r) => r.kecamatanCode },
  { header: 'Kecamatan', width: 16, value: (r) => r.kecamatanName },
  { header: 'Kode desa', width: 15, value: (r) => r.desaCode },
  { header: 'Desa/Kelurahan', width: 20, value: (r) => r.desaName },
  { header: 'Dusun/RT', width: 14, value: (r) => r.place },
  { header: 'Kategori', width: 18, value: (r) => CASE_CATEGORY_LABELS[r.category] ?? r.category },
  { header: 'Metode diinginkan', width: 16, value: (r) => method(r.methodWanted) },
  { header: 'Alasan', width: 30, value: (r) => r.reasons.map((k) => labelOf(REASON_OPTIONS, k)).join('; ') || null },
  { header: 'Faskes stok kosong', width: 20, value: (r) => r.stockOutFacility },
  { header: 'Bersedia dihubungi', width: 11, value: (r) => yaTidak(r.consentToContact) },
  { header: 'Status', width: 16, value: (r) => CASE_STATUS_EXPORT_LABELS[r.status] ?? r.status },
  { header: 'Dilaporkan (WITA)', width: 17, value: (r) => witaDateTime(r.reportedAt) },
  { header: 'Ditutup (WITA)', width: 17, value: (r) => witaDateTime(r.closedAt) },
  { header: 'Umur kasus (hari)', width: 10, value: (r) => r.ageDays },
  { header: 'Metode hasil', width: 14, value: (r) => method(r.outcomeMethod) },
  { header: 'Tanggal hasil', width: 12, value: (r) => r.outcomeDate },
  { header: 'Catatan hasil', width: 30, value: (r) => r.outcomeNote },
  { header: 'Dirujuk ke', width: 22, value: (r) => r.referredTo },
  { header: 'Ditugaskan', width: 11, value: (r) => yaTidak(r.assigned) },
];

/** The stored codes, for machines. */
const CODE_COLUMNS: readonly CaseColumn[] = [
  { header: 'Kode kategori', width: 0, value: (r) => r.category },
  { header: 'Kode metode diinginkan', width: 0, value: (r) => r.methodWanted },
  { header: 'Kode alasan', width: 0, value: (r) => r.reasons.join(';') || null },
  { header: 'Kode status', width: 0, value: (r) => r.status },
  { header: 'Kode metode hasil', width: 0, value: (r) => r.outcomeMethod },
];

// ---- CSV

export const CASES_CSV_HEADER: readonly string[] = [...CASE_COLUMNS, ...CODE_COLUMNS].map((c) => c.header);

export function casesToCsv(rows: readonly CaseExportRow[]): string {
  const columns = [...CASE_COLUMNS, ...CODE_COLUMNS];
  return csvText(
    columns.map((c) => c.header),
    rows.map((r) => columns.map((c) => c.value(r))),
  );
}
