// The shared shape of `imp-smart export recap|cases|meetings`: argument checks, reading rows for a period and scope,
// then CSV to stdout or a file, or an XLSX file (binary, so never stdout).
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AreaDirectory } from '../areas/directory.js';
import type { ReadyDatabase } from '../db/bootstrap.js';
import { systemClock } from '../clock.js';
import { recordAudit } from '../db/repos/audit.repo.js';
import { exportAreaLabel } from '../reports/recap-export.js';

/** `Data`: what the export reads for a period and scope (its rows, and the aggregation they come from). */
export interface ExportSpec<Data> {
  name: 'recap' | 'cases' | 'meetings';
  /** Default XLSX file name: `<prefix>-<period>[-<kecamatan>].xlsx`. */
  filePrefix: string;
  load(database: ReadyDatabase, scope: { period: string; kecamatanCode: string | undefined }): Data;
  /** The one line printed after writing a file, e.g. "12 desa/kelurahan, 3 reported". */
  summary(data: Data): string;
  csv(data: Data): string;
  xlsx(data: Data, meta: { period: string; areaLabel: string }, file: string): Promise<void>;
}

export interface ExportOptions {
  period?: string | undefined;
  kecamatan?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

export async function runExport<Data>(
  spec: ExportSpec<Data>,
  options: ExportOptions,
  open: () => ReadyDatabase,
  out: (text: string) => void,
  usageError: (message: string) => Error,
): Promise<number> {
  const usage = `usage: imp-smart export ${spec.name} --period YYYY-MM [--kecamatan CODE] --format csv|xlsx [--out FILE] [--db PATH]`;
  // No default period: an export names its month explicitly, so a file is never silently of the wrong month.
  if (!options.period) throw usageError(`--period YYYY-MM is required\n${usage}`);
  if (!PERIOD.test(options.period)) throw usageError(`--period must be YYYY-MM (got "${options.period}")`);
  const format = options.format ?? 'csv';
  if (format !== 'csv' && format !== 'xlsx') throw usageError(`--format must be csv or xlsx (got "${format}")`);
  const period = options.period;
  const kecamatan = options.kecamatan;

  const database = open();
  let data: Data;
  let areaLabel: string;
  try {
    const areas: AreaDirectory = database.areas;
    if (kecamatan !== undefined && !areas.isKecamatan(kecamatan)) {
      throw usageError(`--kecamatan: ${kecamatan} is not a kecamatan code (see imp-smart areas list)`);
    }
    data = spec.load(database, { period, kecamatanCode: kecamatan });
    areaLabel = exportAreaLabel(areas, kecamatan);
    recordAudit(database.db, {
      actor: { kind: 'cli' },
      action: `export.${spec.name}`,
      at: systemClock.now(),
      areaCode: kecamatan ?? areas.kabupaten().code,
      period,
      detail: { format },
    });
  } finally {
    database.close();
  }
  const summary = `${areaLabel}, ${period}: ${spec.summary(data)}`;
  if (format === 'csv') {
    const csv = spec.csv(data);
    // Without --out the CSV itself is the output (for piping); out() adds the last line break back.
    if (options.out === undefined) out(csv.replace(/\r\n$/, ''));
    else {
      writeFileSync(options.out, csv);
      out(`${summary} → ${resolve(options.out)}`);
    }
    return 0;
  }
  const file = options.out ?? `${spec.filePrefix}-${period}${kecamatan ? `-${kecamatan}` : ''}.xlsx`;
  await spec.xlsx(data, { period, areaLabel }, file);
  out(`${summary} → ${resolve(file)}`);
  return 0;
}
