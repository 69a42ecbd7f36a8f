// The migration that adds the recaps' headline columns fills them for the recaps stored before it, from their JSON,
// exactly as the repo derives them for new ones (domain/recap/headline-counts.ts).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { headlineColumnProblems } from '../helpers/headline-columns.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));
const TAG = /_recap_headline_columns$/;

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

/** A database migrated up to the migration before the headline columns (whatever its number after a renumbering). */
function databaseBeforeHeadlineColumns(path: string, folder: string): void {
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => TAG.test(e.tag));
  expect(at).toBeGreaterThan(0);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
  const sqlite = new Database(path);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  expect(sqlite.prepare(`select count(*) as n from pragma_table_info('recaps') where name = 'pus'`).get()).toEqual({ n: 0 });
  sqlite.exec(`insert into areas (code, level, name, kind, parent_code) values ('73.06.06.2003', 'desa', 'Pakatto', 'desa', null)`);
  sqlite.exec(`insert into people (phone, name, role, area_spec, home_area_code, updated_at) values ('+6281234567001', 'Siti', 'ppkbd', '73.06.06.2003', '73.06.06.2003', '2026-11-01T00:00:00.000Z')`);
  const insert = sqlite.prepare(
    `insert into recaps (desa_code, period, unit_id, unit_key, status, version, "values", warnings, reporter_id, receipt_code, submitted_at, late, updated_at)
     values ('73.06.06.2003', ?, null, '', 'verified', 1, ?, '[]', 1, ?, '2026-11-02T01:00:00.000Z', 0, '2026-11-02T01:00:00.000Z')`,
  );
  const { iat: _iat, pa_implan: _implan, ...unanswered } = CLEAN_RECAP;
  insert.run('2026-09', JSON.stringify(CLEAN_RECAP), 'r1');
  insert.run('2026-10', JSON.stringify({ ...unanswered, pa_mal: 3, pa_lain: 0 }), 'r2');
  // Written by no code path, but possible in a file: a count stored as text, a null, JSON that does not parse.
  insert.run('2026-11', JSON.stringify({ ...CLEAN_RECAP, pus: '480', iat: null }), 'r3');
  insert.run('2026-12', '{not json', 'r4');
  sqlite.close();
}

describe('the recaps headline columns migration', () => {
  it('when recaps stored before it are migrated, then their columns hold their JSON counts, null where a count is not answered or not a number', () => {
    dir = mkdtempSync(join(tmpdir(), 'imp-headline-'));
    const path = join(dir, 'old.db');
    databaseBeforeHeadlineColumns(path, join(dir, 'migrations'));

    const database = openDatabase(path);
    try {
      const rows = database.native.prepare(`select period, pus, pa_iud, pa_implan, pa_mal, pa_lain, iat, tial from recaps order by period`).all();
      expect(rows).toEqual([
        { period: '2026-09', pus: 480, pa_iud: CLEAN_RECAP.pa_iud, pa_implan: CLEAN_RECAP.pa_implan, pa_mal: null, pa_lain: null, iat: 70, tial: 59 },
        { period: '2026-10', pus: 480, pa_iud: CLEAN_RECAP.pa_iud, pa_implan: null, pa_mal: 3, pa_lain: 0, iat: null, tial: 59 },
        { period: '2026-11', pus: null, pa_iud: CLEAN_RECAP.pa_iud, pa_implan: CLEAN_RECAP.pa_implan, pa_mal: null, pa_lain: null, iat: null, tial: 59 },
        { period: '2026-12', pus: null, pa_iud: null, pa_implan: null, pa_mal: null, pa_lain: null, iat: null, tial: null },
      ]);
      // What headlineCounts derives from the same values, as the repo writes new rows.
      expect(headlineColumnProblems(database.db)).toEqual([]);
    } finally {
      database.close();
    }
  });
});
