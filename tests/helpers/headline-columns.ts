// The headline columns of every stored recap must say what its JSON says (domain/recap/headline-counts.ts): a check
// for the tests that drive the paths writing recaps (submission, corrections, dusun parts, review, the fuzzer).
import type { DbOrTx } from '../../src/db/client.js';
import { recaps } from '../../src/db/schema.js';
import { HEADLINE_FIELDS, headlineCounts } from '../../src/domain/recap/headline-counts.js';

/** The values as the aggregation reads them: JSON that does not parse to an object answers nothing. */
function parsed(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** One line per recap column that disagrees with the recap's values; empty when all agree. */
export function headlineColumnProblems(db: DbOrTx): string[] {
  const problems: string[] = [];
  for (const row of db.select().from(recaps).all()) {
    const expected = headlineCounts(parsed(row.values));
    for (const f of HEADLINE_FIELDS) {
      if (row[f] !== expected[f]) problems.push(`recap ${row.id} (${row.desaCode} ${row.period} unit '${row.unitKey}'): column ${f} is ${row[f]}, its values say ${expected[f]}`);
    }
  }
  return problems;
}
