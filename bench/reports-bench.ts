// reports: synthetic recaps for a large area table (national size in the full run: ≈ 83,000 desa × 24 months) in a
// temporary database (one transaction, prepared statements), then the reports the Dinas and PKB get, from the one
// aggregation: a kabupaten's summary text, the roll-up of every kabupaten, the kabupaten XLSX, and the file size.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openReadyDatabase } from '../src/db/bootstrap.js';
import { findPersonByPhone } from '../src/db/repos/people.repo.js';
import { recapValueColumns } from '../src/db/repos/recaps.repo.js';
import { loadAreaDirectory } from '../src/db/repos/areas.repo.js';
import { DEFAULT_RECAP_SETTINGS } from '../src/domain/recap/fields.js';
import { HEADLINE_FIELDS } from '../src/domain/recap/headline-counts.js';
import { importPeople } from '../src/people/people-import.js';
import { aggregateArea } from '../src/reports/aggregate-data.js';
import { recapExport } from '../src/reports/recap-export.js';
import { rollUp } from '../src/reports/rollup.js';
import { writeXlsx } from '../src/reports/recap-xlsx.js';
import { kabupatenSummaryMessages } from '../src/reports/summary-text.js';
import { fromWita } from '../src/time/wita.js';
import { CLEAN_RECAP } from '../tests/helpers/recap-fixture.js';
import { seededRandom } from './random.js';
import { median, round } from './stats.js';
import { insertAreas, kabupatenCode, type AreaShape } from './synthetic-areas.js';

export interface ReportsBenchOptions {
  shape: AreaShape;
  months: number;
  runs: number;
}

/** The instant the reports are made: after November's window closed. */
const now = fromWita(2026, 12, 20, 9, 0);
const SETTINGS = { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 };

/** The `months` periods up to November 2026. */
function periods(months: number): string[] {
  return Array.from({ length: months }, (_, i) => {
    const m = 2026 * 12 + 10 - (months - 1 - i);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

/** Generates the synthetic table into a new database file; returns the desa codes, the recap rows and the periods. */
export function generateReportsDatabase(path: string, shape: AreaShape, monthCount: number): { desa: string[]; rows: number; months: string[] } {
  const random = seededRandom(20240601);
  const database = openReadyDatabase(path, { create: true });
  const desa = insertAreas(database.native, shape);
  const report = importPeople(database.db, 'phone,name,role,area,unit\n+6281234567001,Siti Aminah,ppkbd,73.06.06.2003,', loadAreaDirectory(database.db), 'bench', now);
  if (!report.ok) throw new Error('reports bench: people import failed');
  const reporter = findPersonByPhone(database.db, '+6281234567001')!.id;
  // The headline columns are written as the repo writes them (recapValueColumns), from the same values.
  const insert = database.native.prepare(
    `insert into recaps (desa_code, period, unit_id, unit_key, status, version, warnings, reporter_id, receipt_code, submitted_at, late, verified_at, verified_by, returned_reason, updated_at, "values", ${HEADLINE_FIELDS.join(', ')})
     values (?, ?, null, '', ?, 1, '[]', ?, ?, ?, ?, ?, null, null, ?, ?, ${HEADLINE_FIELDS.map(() => '?').join(', ')})`,
  );
  const months = periods(monthCount);
  let rows = 0;
  database.native.transaction(() => {
    for (const period of months) {
      const submitted = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5)), 2, 1)).toISOString();
      for (const code of desa) {
        const r = random();
        if (r < 0.08) continue; // not reported
        const status = r < 0.8 ? 'verified' : r < 0.95 ? 'submitted' : 'returned';
        const values: Record<string, number> = { ...CLEAN_RECAP, pus: 400 + Math.floor(random() * 200) };
        values.ias = values.pus! - 266 - 25 - 70 - 59;
        const stored = recapValueColumns(values);
        insert.run(code, period, status, reporter, `${period}-${code}`, submitted, r < 0.1 ? 1 : 0, status === 'verified' ? submitted : null, submitted, stored.values, ...HEADLINE_FIELDS.map((f) => stored[f]));
        rows++;
      }
    }
  })();
  database.close();
  return { desa, rows, months };
}

export async function runReportsBench(options: ReportsBenchOptions): Promise<Record<string, unknown>[]> {
  const dir = mkdtempSync(join(tmpdir(), 'imp-bench-reports-'));
  const path = join(dir, 'national.db');
  try {
    const t0 = performance.now();
    const { desa, rows, months } = generateReportsDatabase(path, options.shape, options.months);
    const generateS = (performance.now() - t0) / 1000;
    const database = openReadyDatabase(path);
    const { areas } = database;
    const period = months.at(-1)!;
    const kabupaten = Array.from({ length: options.shape.kabupaten }, (_, k) => kabupatenCode(k));
    const results: Record<string, unknown>[] = [];
    const base = { desa: desa.length, months: options.months, recap_rows: rows };

    const digest: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const t = performance.now();
      const agg = aggregateArea(database.db, areas, { period, areaCode: kabupaten[i % kabupaten.length]!, now, settings: SETTINGS });
      kabupatenSummaryMessages(agg, 'monthly_final', agg.area.name);
      digest.push(performance.now() - t);
    }
    results.push({ bench: 'reports', report: 'kabupaten_digest', ...base, median_ms: round(median(digest)), target_ms: 50 });

    // The province roll-up: one line per kabupaten from rollup.ts (two SQL queries over the whole table), the same
    // numbers as one aggregateArea per kabupaten (tests/reports/rollup.test.ts).
    const rollup: number[] = [];
    for (let i = 0; i < Math.max(1, Math.min(3, options.runs)); i++) {
      const t = performance.now();
      const lines = rollUp(database.db, areas, { period, areaCodes: kabupaten, settings: DEFAULT_RECAP_SETTINGS });
      rollup.push(performance.now() - t);
      if (lines.reduce((n, l) => n + l.completeness.sent, 0) === 0) throw new Error('reports bench: the roll-up found nothing');
    }
    results.push({ bench: 'reports', report: 'province_rollup', kabupaten: kabupaten.length, ...base, median_ms: round(median(rollup)), target_ms: 1000 });

    // The kabupaten XLSX as the export writes it: recapExport scopes to the directory's first kabupaten (Gowa, no
    // recaps here), so the synthetic kabupaten's rows come through its kecamatan one by one.
    const rss0 = process.memoryUsage.rss();
    const t = performance.now();
    const kecamatan = areas.kecamatanList().filter((k) => k.parentCode === kabupaten[0]);
    const exportRows = kecamatan.flatMap((k) => recapExport(database.db, areas, { period, kecamatanCode: k.code, settings: DEFAULT_RECAP_SETTINGS, now }).rows);
    const file = join(dir, 'rekap.xlsx');
    await writeXlsx(exportRows, DEFAULT_RECAP_SETTINGS, { period, areaLabel: kabupaten[0]! }, file);
    results.push({
      bench: 'reports',
      report: 'kabupaten_xlsx',
      desa_in_file: exportRows.length,
      ms: round(performance.now() - t),
      file_kb: Math.round(statSync(file).size / 1024),
      rss_growth_mb: Math.round((process.memoryUsage.rss() - rss0) / 2 ** 20),
      streaming: true,
    });
    database.close();
    results.push({ bench: 'reports', report: 'database_size', ...base, generate_s: round(generateS), db_mb: Math.round(statSync(path).size / 2 ** 20) });
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
