// The files behind the download buttons: exactly what `imp-smart export recap|cases|meetings` writes for the same
// period and kecamatan (same builders in reports/, same file names), so a download equals the CLI's file. The XLSX
// writers write to a path, so the workbook goes through a private temporary folder that is removed at once.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { casesExport, casesToCsv } from '../../reports/cases-export.js';
import { writeCasesXlsx } from '../../reports/cases-xlsx.js';
import { meetingsExport, meetingsToCsv } from '../../reports/meetings-export.js';
import { writeMeetingsXlsx } from '../../reports/meetings-xlsx.js';
import { exportAreaLabel, recapExport, toCsv } from '../../reports/recap-export.js';
import { writeXlsx } from '../../reports/recap-xlsx.js';
import type { DashboardDeps } from './deps.js';

export const EXPORT_KINDS = ['rekap', 'kasus', 'pertemuan'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export type ExportFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** The CLI's default file name: `<prefix>-<period>[-<kecamatan>].<format>`. */
export function exportFileName(kind: ExportKind, period: string, kecamatanCode: string | undefined, format: ExportFormat): string {
  return `${kind}-${period}${kecamatanCode ? `-${kecamatanCode}` : ''}.${format}`;
}

async function viaTempFile(write: (file: string) => Promise<void>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'imp-dasbor-'));
  try {
    const file = join(dir, 'export.xlsx');
    await write(file);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function buildExport(deps: DashboardDeps, kind: ExportKind, format: ExportFormat, period: string, kecamatanCode: string | undefined): Promise<ExportFile> {
  const now = deps.now();
  const { recap: settings, calendar, caseFollowUpDays } = deps.settings;
  const meta = { period, areaLabel: exportAreaLabel(deps.areas, kecamatanCode) };
  let body: Buffer;
  if (kind === 'rekap') {
    const data = recapExport(deps.db, deps.areas, { period, kecamatanCode, settings, calendar, caseFollowUpDays, now });
    body = format === 'csv' ? Buffer.from(toCsv(data.rows, settings)) : await viaTempFile((file) => writeXlsx(data.rows, settings, { ...meta, summary: data.summary }, file));
  } else if (kind === 'kasus') {
    const data = casesExport(deps.db, deps.areas, { period, kecamatanCode, now, caseFollowUpDays });
    body = format === 'csv' ? Buffer.from(casesToCsv(data.rows)) : await viaTempFile((file) => writeCasesXlsx(data.rows, { ...meta, summary: data.summary }, file));
  } else {
    const data = meetingsExport(deps.db, deps.areas, { period, kecamatanCode, now });
    body = format === 'csv' ? Buffer.from(meetingsToCsv(data.rows)) : await viaTempFile((file) => writeMeetingsXlsx(data.rows, { ...meta, summary: data.summary }, file));
  }
  return { fileName: exportFileName(kind, period, kecamatanCode, format), contentType: CONTENT_TYPES[format], body };
}
