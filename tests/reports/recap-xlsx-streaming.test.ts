// The recap XLSX is written with ExcelJS's streaming writer (bounded memory for any area table). The file must hold
// exactly what the in-memory workbook held: the same sheets in order, every cell's value and style, merges, column
// widths, row heights, frozen panes, page setup and print areas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openReadyDatabase } from '../../src/db/bootstrap.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { recordReview, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { importPeople } from '../../src/people/people-import.js';
import { exportAreaLabel, recapExport } from '../../src/reports/recap-export.js';
import { fillRecapWorkbook, writeXlsx } from '../../src/reports/recap-xlsx.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const PERIOD = '2026-11';
const dir = mkdtempSync(join(tmpdir(), 'imp-xlsx-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a reader of the file sees, sheet by sheet. */
function contents(workbook: ExcelJS.Workbook) {
  return workbook.worksheets.map((sheet) => {
    const cells: unknown[] = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      cells.push({ r, height: row.height });
      row.eachCell({ includeEmpty: true }, (cell) => cells.push([cell.address, cell.value, cell.type, cell.style]));
    });
    return {
      name: sheet.name,
      cells,
      merges: [...(sheet.model.merges ?? [])].sort(),
      widths: (sheet.columns ?? []).map((c) => c.width),
      views: sheet.views,
      pageSetup: sheet.pageSetup,
    };
  });
}

describe('the recap XLSX written as a stream', () => {
  it('when the kabupaten is exported, then the streamed file holds exactly what the in-memory workbook holds', async () => {
    const database = openReadyDatabase(':memory:');
    try {
      const now = new Date('2026-12-10T00:00:00Z');
      expect(importPeople(database.db, PEOPLE_CSV, database.areas, 't', new Date('2026-11-01T00:00:00Z')).ok).toBe(true);
      const id = (phone: string) => findPersonByPhone(database.db, phone)!.id;
      const row = saveSubmission(database.db, { desaCode: '73.06.06.2003', period: PERIOD, unitId: null, values: CLEAN_RECAP, warnings: [], reporterId: id(PPKBD_PHONE), late: false, now: new Date('2026-12-02T03:30:00Z') }).row;
      recordReview(database.db, row, 'verified', null, id(PKB_PHONE), new Date('2026-12-04T01:15:00Z'));
      const warning = { rule: 'W4', message: 'PUS 480 lebih dari 1,3 × jumlah keluarga 300. Apakah benar?', answer: 'YA' };
      saveSubmission(database.db, { desaCode: '73.06.06.2006', period: PERIOD, unitId: null, values: { ...CLEAN_RECAP, jml_keluarga: 300 }, warnings: [warning], reporterId: id(PPKBD_PHONE), late: true, now });
      const recap = recapExport(database.db, database.areas, { period: PERIOD, kecamatanCode: undefined, settings: DEFAULT_RECAP_SETTINGS, now });
      const meta = { period: PERIOD, areaLabel: exportAreaLabel(database.areas, undefined), summary: recap.summary };

      const streamed = join(dir, 'streamed.xlsx');
      await writeXlsx(recap.rows, DEFAULT_RECAP_SETTINGS, meta, streamed);
      const inMemory = new ExcelJS.Workbook();
      inMemory.creator = 'IMP Smart';
      await fillRecapWorkbook(inMemory, async () => {}, recap.rows, DEFAULT_RECAP_SETTINGS, meta);
      const reference = join(dir, 'in-memory.xlsx');
      await inMemory.xlsx.writeFile(reference);

      const read = async (file: string) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(file);
        return workbook;
      };
      const [a, b] = [contents(await read(streamed)), contents(await read(reference))];
      expect(a.map((s) => s.name)).toEqual(b.map((s) => s.name));
      expect(a.length).toBe(2 + recap.rows.length);
      for (let i = 0; i < a.length; i++) expect(a[i], a[i]!.name).toEqual(b[i]);
    } finally {
      database.close();
    }
  }, 60_000);
});
