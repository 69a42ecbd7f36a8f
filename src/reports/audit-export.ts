// The audit log as a file for admins: one row per entry, times in WITA, Indonesian headers. The log holds no
// personal data (see db/schema-audit.ts), so neither does the file.
import type { AuditRow } from '../db/repos/audit.repo.js';
import { csvText, type CsvCell } from './csv.js';
import { witaDateTime } from './labels.js';

const HEADER = ['Waktu (WITA)', 'Pelaku', 'ID pelaku', 'Tindakan', 'Wilayah', 'Periode', 'Sasaran', 'Rincian'] as const;

const ACTOR_LABELS: Readonly<Record<AuditRow['actorKind'], string>> = { person: 'pengguna WhatsApp', token: 'token API', cli: 'operator (baris perintah)' };

function cells(row: AuditRow): CsvCell[] {
  return [witaDateTime(row.at), ACTOR_LABELS[row.actorKind], row.actorId, row.action, row.areaCode, row.period, row.targets, row.detail];
}

export function auditToCsv(rows: readonly AuditRow[]): string {
  return csvText(HEADER, rows.map(cells));
}

export async function writeAuditXlsx(rows: readonly AuditRow[], file: string): Promise<void> {
  // ExcelJS is large: loaded when a file is written, not with every command that imports this module.
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  const sheet = workbook.addWorksheet('Log audit');
  sheet.addRow([...HEADER]).font = { bold: true };
  for (const row of rows) sheet.addRow(cells(row).map((c) => c ?? ''));
  sheet.columns.forEach((column, i) => (column.width = [18, 22, 10, 18, 18, 10, 20, 60][i] ?? 16));
  await workbook.xlsx.writeFile(file);
}
