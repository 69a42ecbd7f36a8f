// `imp-smart people import FILE.csv` (and the simulator's --people): all rows or nothing, idempotent.
import type { AreaDirectory } from '../areas/directory.js';
import type { Db } from '../db/client.js';
import { otherActivePpkbd, upsertPerson, type PersonChange } from '../db/repos/people.repo.js';
import { parsePeopleCsv, type RowError } from './people-csv.js';

export interface ImportReport {
  ok: boolean;
  errors: RowError[];
  counts: Record<PersonChange, number>;
}

export function importPeople(db: Db, csvText: string, areas: AreaDirectory, source: string, now: Date): ImportReport {
  const counts: Record<PersonChange, number> = { created: 0, updated: 0, reactivated: 0, unchanged: 0 };
  const file = parsePeopleCsv(csvText, areas);
  const inFile = new Set(file.rows.map((r) => r.phone));
  // One PPKBD per desa also against people already registered and not in this file.
  const errors = [...file.errors];
  for (const row of file.rows) {
    if (row.role !== 'ppkbd') continue;
    const other = otherActivePpkbd(db, row.homeAreaCode, row.phone);
    if (other && !inFile.has(other.phone)) {
      errors.push({
        line: row.line,
        reason: `${areas.label(row.homeAreaCode)} already has an active PPKBD (${other.phone}, ${other.name}); deactivate that person first`,
      });
    }
  }
  errors.sort((a, b) => a.line - b.line);
  if (errors.length > 0) return { ok: false, errors, counts };

  db.transaction((tx) => {
    for (const row of file.rows) counts[upsertPerson(tx, row, source, now)]++;
  });
  return { ok: true, errors: [], counts };
}

export function formatImportReport(report: ImportReport, fileName: string): string {
  if (!report.ok) {
    const lines = report.errors.map((e) => `  line ${e.line}: ${e.reason}`);
    return [`${fileName}: ${report.errors.length} bad row(s); nothing was imported.`, ...lines].join('\n');
  }
  const c = report.counts;
  return `${fileName}: ${c.created} created, ${c.updated} updated, ${c.reactivated} reactivated, ${c.unchanged} unchanged.`;
}
