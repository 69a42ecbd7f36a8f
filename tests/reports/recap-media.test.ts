// The monthly files, saved in the media store and ready to queue: the chart PNG and the recap XLSX (the same workbook
// as `imp-smart export recap --format xlsx`), read back as a Dinas officer would open them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { enqueueMedia } from '../../src/db/repos/outbox.repo.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { MediaStore } from '../../src/media/media-store.js';
import { recapFileName, saveRecapChart, saveRecapXlsx } from '../../src/reports/recap-media.js';
import { XLSX_SHEET } from '../../src/reports/recap-xlsx.js';

const NOW = new Date('2026-12-05T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'imp-recap-media-'));
const store = new MediaStore(join(dir, 'media'));
let database: ReadyDatabase;

beforeAll(() => {
  database = openReadyDatabase(join(dir, 'test.db'));
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('monthly media files', () => {
  it('when the kabupaten recap XLSX is saved for a period, then it is a document of every desa, named for the month', async () => {
    const doc = await saveRecapXlsx(database.db, database.areas, store, { period: '2026-11', settings: DEFAULT_RECAP_SETTINGS }, NOW);
    expect(doc).toMatchObject({ kind: 'document', name: 'rekap-2026-11.xlsx', caption: 'Rekap laporan desa November 2026, Kabupaten Gowa.' });
    expect(doc.path.startsWith(store.dir)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(doc.path) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet(XLSX_SHEET)!;
    const desaNames = new Set<string>();
    sheet.eachRow((row) => desaNames.add(String(row.getCell(5).value ?? '')));
    expect(desaNames.has('Pakatto')).toBe(true);
    // One data row per desa/kelurahan of Gowa (167), below the title and header rows.
    expect(sheet.rowCount).toBeGreaterThan(167);
    // Queued in a transaction after it was written: the row points at the file.
    const id = database.db.transaction((tx) => enqueueMedia(tx, '+6281234567009', 'bulk', doc, NOW));
    expect(id).toBeGreaterThan(0);
  });

  it('when a kecamatan recap XLSX is saved, then its name carries the kecamatan', async () => {
    const doc = await saveRecapXlsx(database.db, database.areas, store, { period: '2026-11', settings: DEFAULT_RECAP_SETTINGS, kecamatanCode: '73.06.06' }, NOW);
    expect(doc.name).toBe('rekap-bontomarannu-2026-11.xlsx');
    expect(doc.caption).toBe('Rekap laporan desa November 2026, Kec. Bontomarannu, Kabupaten Gowa.');
  });

  it('when the chart is saved, then it is an image named for the month, with a caption in Indonesian', async () => {
    const image = await saveRecapChart(store, { period: '2026-11', areaLabel: 'Kabupaten Gowa', bars: [{ label: 'Parigi', completenessPct: 50, cprPct: 61.5 }] }, NOW);
    expect(image).toMatchObject({ kind: 'image', name: 'rekap-2026-11.png', caption: 'Rekap November 2026: kelengkapan laporan dan CPR per kecamatan.' });
    expect(readFileSync(image.path).subarray(1, 4).toString('latin1')).toBe('PNG');
  });

  it('when file names are made, then the scope is written plainly', () => {
    expect(recapFileName('2026-11', 'png')).toBe('rekap-2026-11.png');
    expect(recapFileName('2026-11', 'xlsx', 'Somba Opu')).toBe('rekap-somba-opu-2026-11.xlsx');
  });
});
