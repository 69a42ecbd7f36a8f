// The recap export: every desa of the scope (reported or not), as CSV for machines and as an XLSX laid out like the
// paper recap. The XLSX is read back with exceljs, because "it opens with the right values" is the promise to a PKB.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { recordParticipation } from '../../src/db/repos/areas.repo.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { DEFAULT_RECAP_SETTINGS, RECAP_FIELDS } from '../../src/domain/recap/fields.js';
import { importPeople } from '../../src/people/people-import.js';
import { exportAreaLabel, recapExportRows, toCsv, writeXlsx, XLSX_TITLE } from '../../src/reports/recap-export.js';
import { PEOPLE_CSV, PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const PERIOD = '2026-11';
const KEC = '73.06.06'; // Bontomarannu, 9 desa/kelurahan
const PAKATTO = '73.06.06.2003';
const NIRANNUANG = '73.06.06.2004';
const OTHER_PPKBD = '+6281234567011';
const NIRANNUANG_RECAP = { ...CLEAN_RECAP, pus: 500, ias: 80 };
const settings = DEFAULT_RECAP_SETTINGS;

const dir = mkdtempSync(join(tmpdir(), 'imp-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two desa of Bontomarannu report November (one of them late, and Pakatto in two versions); the rest do not. */
function seed(database: ReadyDatabase): void {
  const now = new Date('2026-12-01T02:00:00Z');
  const csv = `${PEOPLE_CSV}\n${OTHER_PPKBD},Nur Aeni,ppkbd,${NIRANNUANG},`;
  expect(importPeople(database.db, csv, database.areas, 'test.csv', now).ok).toBe(true);
  const siti = findPersonByPhone(database.db, PPKBD_PHONE)!.id;
  const nur = findPersonByPhone(database.db, OTHER_PPKBD)!.id;
  const submit = (desaCode: string, values: Record<string, number>, reporterId: number, late: boolean, at: string) =>
    saveSubmission(database.db, { desaCode, period: PERIOD, unitId: null, values, warnings: [], reporterId, late, now: new Date(at) });
  submit(PAKATTO, { ...CLEAN_RECAP, pus: 470 }, siti, false, '2026-12-01T02:00:00Z');
  submit(PAKATTO, CLEAN_RECAP, siti, false, '2026-12-02T03:30:00Z');
  submit(NIRANNUANG, NIRANNUANG_RECAP, nur, true, '2026-12-05T01:00:00Z');
  // A dusun part is an input to the desa record, never a row of its own.
  saveSubmission(database.db, { desaCode: '73.06.06.2005', period: PERIOD, unitId: 1, values: { pus: 100 }, warnings: [], reporterId: siti, late: false, now });
  recordParticipation(database.db, '73.06.06.2014', 'leave', '2026-10');
}

describe('recap export', () => {
  let database: ReadyDatabase;
  beforeEach(() => {
    database = openReadyDatabase(':memory:');
    seed(database);
  });
  afterEach(() => database.close());

  const rowsOf = (kecamatanCode?: string) => recapExportRows(database.db, database.areas, { period: PERIOD, kecamatanCode, settings });

  it('when a kecamatan is exported, then all its desa are listed in code order, reported or not', () => {
    const rows = rowsOf(KEC);
    expect(rows.map((r) => r.desaCode)).toEqual(database.areas.desaOf(KEC).map((d) => d.code));
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.status === 'submitted').map((r) => r.desaCode)).toEqual([PAKATTO, NIRANNUANG]);
    expect(rows.filter((r) => r.status === 'belum lapor')).toHaveLength(7);

    const pakatto = rows.find((r) => r.desaCode === PAKATTO)!;
    expect(pakatto).toMatchObject({ kecamatanName: 'Bontomarannu', desaName: 'Pakatto', kind: 'desa', takingPart: true, version: 2, late: false, submittedAt: '2026-12-02T03:30:00.000Z' });
    expect(pakatto.values.pus).toBe(480);
    expect(pakatto.indicators).toMatchObject({ paTotal: 266, unmetNeed: 129, cpr: 55.4 });
    // Optional parts that are off are not columns at all.
    expect('pa_mal' in pakatto.values).toBe(false);

    const silent = rows.find((r) => r.desaCode === '73.06.06.2005')!;
    expect(silent).toMatchObject({ status: 'belum lapor', version: null, submittedAt: null, late: null, indicators: null });
    expect(silent.values.pus).toBeNull();
    expect(rows.find((r) => r.desaCode === '73.06.06.2014')!.takingPart).toBe(false);

    expect(rowsOf()).toHaveLength(database.areas.allDesa().length);
  });

  it('when the rows are written as CSV, then the header has the field ids and a row parses back to the same values', () => {
    const csv = toCsv(rowsOf(KEC), settings);
    const [header, ...records] = parse(csv) as string[][];
    expect(header!.slice(0, 10)).toEqual(['kecamatan_code', 'kecamatan', 'desa_code', 'desa', 'kind', 'taking_part', 'status', 'version', 'submitted_at', 'late']);
    expect(header).toContain('pus');
    expect(header!.slice(-6)).toEqual(['pa_total', 'unmet_need', 'cpr', 'mcpr', 'unmet_need_pct', 'mkjp_share']);
    expect(records).toHaveLength(9);

    const rec = (code: string) => Object.fromEntries(header!.map((h, i) => [h, records.find((r) => r[2] === code)![i]]));
    expect(rec(NIRANNUANG)).toMatchObject({ status: 'submitted', version: '1', late: 'ya', taking_part: 'ikut', pus: '500', pa_iud: '20', cpr: '53.2', unmet_need: '129' });
    expect(rec('73.06.06.2014')).toMatchObject({ taking_part: 'tidak ikut', status: 'belum lapor', pus: '', cpr: '' });
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('when a name holds a comma or a quote, then the CSV quotes it (RFC 4180)', () => {
    const [row] = rowsOf(KEC);
    const csv = toCsv([{ ...row!, desaName: 'Pa\'bentengang, "Lama"' }], settings);
    expect(csv.split('\r\n')[1]).toContain(',"Pa\'bentengang, ""Lama""",');
    expect((parse(csv) as string[][])[1]![3]).toBe('Pa\'bentengang, "Lama"');
  });

  it('when the XLSX is written, then it opens with the title, the period, a desa row and the JUMLAH row', async () => {
    const file = join(dir, 'rekap.xlsx');
    await writeXlsx(rowsOf(KEC), settings, { period: PERIOD, areaLabel: exportAreaLabel(database.areas, KEC) }, file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Rekap')!;
    expect(sheet.getCell('A1').value).toBe(XLSX_TITLE);
    expect(sheet.getCell('A2').value).toBe('Bulan: November 2026');
    expect(sheet.getCell('A3').value).toBe('Wilayah: Kec. Bontomarannu, Kabupaten Gowa');

    // Find columns by their labels and rows by desa code, as a reader of the sheet would.
    const labels = sheet.getRow(6).values as unknown[];
    const col = (label: string) => labels.indexOf(label);
    const pusCol = col('Jumlah PUS');
    const cprCol = col('CPR (%)');
    expect(pusCol).toBeGreaterThan(0);
    const rowWhere = (column: number, value: string) => {
      for (let r = 7; r <= sheet.rowCount; r++) if (sheet.getCell(r, column).value === value) return sheet.getRow(r);
      throw new Error(`no row with ${value}`);
    };

    const pakatto = rowWhere(3, PAKATTO);
    expect(pakatto.getCell(4).value).toBe('Pakatto');
    expect(pakatto.getCell(pusCol).value).toBe(480);
    expect(pakatto.getCell(cprCol).value).toBe(55.4);
    expect(rowWhere(3, '73.06.06.2005').getCell(pusCol).value).toBeNull();

    const total = rowWhere(1, 'JUMLAH');
    expect(total.number).toBe(7 + 9);
    expect(total.getCell(pusCol).value).toBe(480 + 500);
    expect(total.getCell(col('Peserta KB aktif IUD')).value).toBe(40);
    // Recomputed from the sums (532 / 980), not an average of 55.4 and 53.2.
    expect(total.getCell(cprCol).value).toBe(54.3);
    expect(total.getCell(7).value).toBe('2 dari 9 lapor');

    // Group headers: each section title merged over its columns, in paper order.
    // (exceljs reports a merged cell's value in every cell of the range, so consecutive repeats are one header.)
    const sectionRow = (sheet.getRow(5).values as unknown[]).filter((v, i, all) => typeof v === 'string' && v !== all[i - 1]);
    expect(sectionRow).toEqual([
      'Identitas dan status laporan',
      'I. Keadaan Umum',
      'II. Kegiatan Operasional',
      'III. PUS dan Kesertaan ber-KB',
      'IV. Poktan BKB, BKR, BKL',
      'V. UPPKA',
      'Indikator (dihitung)',
    ]);
    const pusSection = sheet.getCell(5, pusCol);
    expect(pusSection.isMerged).toBe(true);
    expect(pusSection.master.address).toBe(sheet.getCell(5, col('Jumlah keluarga')).address);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    const activeCount = RECAP_FIELDS.filter((f) => !f.optional).length;
    expect(labels.filter((v) => v !== undefined && v !== null)).toHaveLength(10 + activeCount + 6);
  });
});

describe('imp-smart export recap', () => {
  const db = join(dir, 'cli.db');
  const cli = (args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'export', 'recap', ...args, '--db', db], {
      encoding: 'utf8',
      env: { ...process.env, IMP_LOG_LEVEL: '', IMP_DB_PATH: join(dir, 'unused.db') },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('when run for a kecamatan, then the CSV goes to stdout and the XLSX to --out', async () => {
    const database = openReadyDatabase(db);
    seed(database);
    database.close();

    const csv = cli(['--period', PERIOD, '--kecamatan', KEC, '--format', 'csv']);
    expect(csv.err).toBe('');
    expect(csv.code).toBe(0);
    const records = parse(csv.out) as string[][];
    expect(records).toHaveLength(1 + 9);
    expect(records.filter((r) => r[6] === 'belum lapor')).toHaveLength(7);

    const file = join(dir, 'cli.xlsx');
    const xlsx = cli(['--period', PERIOD, '--kecamatan', KEC, '--format', 'xlsx', '--out', file]);
    expect(xlsx.code).toBe(0);
    expect(xlsx.out).toContain('Kec. Bontomarannu, Kabupaten Gowa, 2026-11: 9 desa/kelurahan, 2 reported');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet('Rekap')!.getCell('A1').value).toBe(XLSX_TITLE);
  });

  it('when the arguments are wrong, then it says which with exit 2', () => {
    expect(cli(['--kecamatan', KEC])).toMatchObject({ code: 2, err: expect.stringContaining('--period YYYY-MM is required') });
    expect(cli(['--period', '2026-13'])).toMatchObject({ code: 2, err: expect.stringContaining('--period must be YYYY-MM') });
    expect(cli(['--period', PERIOD, '--format', 'pdf'])).toMatchObject({ code: 2, err: expect.stringContaining('--format must be csv or xlsx') });
    expect(cli(['--period', PERIOD, '--kecamatan', '73.06.06.2003'])).toMatchObject({ code: 2, err: expect.stringContaining('is not a kecamatan code') });
  });
});
