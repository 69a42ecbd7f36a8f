// The cases export: the cases reported in a WITA month, one row each, and never who reported them or who works them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { createCase, moveCase, type NewCase } from '../../src/db/repos/cases.repo.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { importPeople } from '../../src/people/people-import.js';
import { CASES_CSV_HEADER, casesExportRows, casesToCsv } from '../../src/reports/cases-export.js';
import { CASES_XLSX_TITLE, writeCasesXlsx } from '../../src/reports/cases-xlsx.js';
import { exportAreaLabel } from '../../src/reports/recap-export.js';
import { fromWita } from '../../src/time/wita.js';
import { PEOPLE_CSV, PKB_PHONE } from '../helpers/people.js';

const PERIOD = '2026-11';
const KEC = '73.06.06';
const PAKATTO = '73.06.06.2003';
const NIRANNUANG = '73.06.06.2004';
const OTHER_KEC_DESA = '73.06.01.1001';
const RESIDENT_A = '+6285299990001';
const RESIDENT_B = '+6285299990002';
const NOW = fromWita(2026, 12, 10, 12, 0);

const dir = mkdtempSync(join(tmpdir(), 'imp-cases-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (desaCode: string, reporterKey: string): NewCase => ({
  desaCode,
  place: 'Dusun Bontoa RT 02',
  category: 'IAT',
  methodWanted: 'implan',
  reasons: '["stok_kosong","jarak_akses"]',
  stockOutMethod: 'implan',
  stockOutFacility: 'Pustu Pakatto',
  consentToContact: true,
  reporterKey,
  reporterAddress: `${reporterKey.slice(1)}@s.whatsapp.net`,
});

/** Pakatto: a served case (Nov 1, 00:30 WITA, still October in UTC) and an assigned one; Nirannuang: one open and one of October. */
function seed(database: ReadyDatabase): void {
  expect(importPeople(database.db, PEOPLE_CSV, database.areas, 'test.csv', fromWita(2026, 10, 1)).ok).toBe(true);
  const pkb = findPersonByPhone(database.db, PKB_PHONE)!.id;
  const served = createCase(database.db, base(PAKATTO, RESIDENT_A), 2026, fromWita(2026, 11, 1, 0, 30));
  moveCase(database.db, served, 'served', {
    action: 'served',
    note: null,
    byPersonId: pkb,
    now: fromWita(2026, 11, 6, 9, 0),
    outcome: { method: 'implan', date: '2026-11-06', note: 'dilayani di Puskesmas, "baik"' },
  });
  createCase(database.db, { ...base(PAKATTO, RESIDENT_B), category: 'CALON_AKSEPTOR', methodWanted: 'suntik', reasons: '["biaya"]', stockOutMethod: null, stockOutFacility: null, consentToContact: false, reporterPersonId: pkb, assigneeId: pkb }, 2026, fromWita(2026, 11, 15, 10, 0));
  createCase(database.db, { ...base(NIRANNUANG, RESIDENT_A), category: 'TIAL', place: null }, 2026, fromWita(2026, 11, 30, 23, 0));
  // October (WITA), and November of another kecamatan: never in the rows of this scope.
  createCase(database.db, base(NIRANNUANG, RESIDENT_B), 2026, fromWita(2026, 10, 31, 23, 59));
  createCase(database.db, base(OTHER_KEC_DESA, RESIDENT_B), 2026, fromWita(2026, 11, 10));
}

describe('cases export', () => {
  let database: ReadyDatabase;
  beforeEach(() => {
    database = openReadyDatabase(':memory:');
    seed(database);
  });
  afterEach(() => database.close());

  const rowsOf = (kecamatanCode?: string) => casesExportRows(database.db, database.areas, { period: PERIOD, kecamatanCode, now: NOW });

  it('when a kecamatan is exported, then exactly the cases reported in its WITA month are rows', () => {
    const rows = rowsOf(KEC);
    expect(rows.map((r) => [r.desaCode, r.category, r.status])).toEqual([
      [PAKATTO, 'IAT', 'served'],
      [PAKATTO, 'CALON_AKSEPTOR', 'assigned'],
      [NIRANNUANG, 'TIAL', 'reported'],
    ]);
    const [served, assigned, open] = rows as [(typeof rows)[0], (typeof rows)[0], (typeof rows)[0]];
    expect(served).toMatchObject({
      code: 'UN-062003-2026-0001',
      kecamatanName: 'Bontomarannu',
      desaName: 'Pakatto',
      place: 'Dusun Bontoa RT 02',
      reasons: ['stok_kosong', 'jarak_akses'],
      stockOutFacility: 'Pustu Pakatto',
      consentToContact: true,
      ageDays: 5,
      outcomeMethod: 'implan',
      outcomeDate: '2026-11-06',
      assigned: false,
    });
    expect(assigned).toMatchObject({ assigned: true, consentToContact: false, ageDays: 25, closedAt: null });
    expect(open).toMatchObject({ place: null, ageDays: 9, assigned: false });
    // No personal data on a row at all.
    for (const key of ['reporterKey', 'reporterAddress', 'reporterPersonId', 'assigneeId']) expect(key in served).toBe(false);

    expect(rowsOf().map((r) => r.desaCode)).toEqual([OTHER_KEC_DESA, PAKATTO, PAKATTO, NIRANNUANG]);
    expect(casesExportRows(database.db, database.areas, { period: '2026-10', kecamatanCode: KEC, now: NOW }).map((r) => r.desaCode)).toEqual([NIRANNUANG]);
  });

  it('when written as CSV, then headers and values are Indonesian, times WITA, the codes in extra columns, and no reporter or phone number appears', () => {
    const csv = casesToCsv(rowsOf(KEC));
    const [header, ...records] = parse(csv) as string[][];
    expect(header).toEqual([...CASES_CSV_HEADER]);
    expect(header).toEqual([
      'Kode kasus',
      'Kode kecamatan',
      'Kecamatan',
      'Kode desa',
      'Desa/Kelurahan',
      'Dusun/RT',
      'Kategori',
      'Metode diinginkan',
      'Alasan',
      'Faskes stok kosong',
      'Bersedia dihubungi',
      'Status',
      'Dilaporkan (WITA)',
      'Ditutup (WITA)',
      'Umur kasus (hari)',
      'Metode hasil',
      'Tanggal hasil',
      'Catatan hasil',
      'Dirujuk ke',
      'Ditugaskan',
      'Kode kategori',
      'Kode metode diinginkan',
      'Kode alasan',
      'Kode status',
      'Kode metode hasil',
    ]);
    expect(header!.some((h) => /reporter|assignee|pelapor|telepon/i.test(h))).toBe(false);
    expect(records).toHaveLength(3);
    expect(csv).not.toMatch(/\+?62\d{8,}|08\d{8,}|whatsapp/);
    const rec = (i: number) => Object.fromEntries(header!.map((h, c) => [h, records[i]![c]]));
    expect(rec(0)).toMatchObject({
      'Kode kasus': 'UN-062003-2026-0001',
      'Kode desa': PAKATTO,
      Kategori: 'Ingin anak ditunda (IAT)',
      'Metode diinginkan': 'Implan/susuk',
      Alasan: 'Alat/obat KB habis di tempat pelayanan; Tempat pelayanan jauh',
      'Bersedia dihubungi': 'ya',
      Status: 'sudah dilayani',
      // 1 November 00:30 WITA is still 31 October in UTC: the WITA time is what the PKB knows.
      'Dilaporkan (WITA)': '2026-11-01 00:30',
      'Ditutup (WITA)': '2026-11-06 09:00',
      'Umur kasus (hari)': '5',
      'Metode hasil': 'Implan/susuk',
      'Tanggal hasil': '2026-11-06',
      'Catatan hasil': 'dilayani di Puskesmas, "baik"',
      Ditugaskan: 'tidak',
      'Kode kategori': 'IAT',
      'Kode metode diinginkan': 'implan',
      'Kode alasan': 'stok_kosong;jarak_akses',
      'Kode status': 'served',
      'Kode metode hasil': 'implan',
    });
    expect(rec(1)).toMatchObject({ Kategori: 'Calon akseptor belum terlayani', Status: 'diteruskan ke PKB', Ditugaskan: 'ya', 'Ditutup (WITA)': '', 'Kode status': 'assigned' });
    expect(rec(2)).toMatchObject({ Kategori: 'Tidak ingin anak lagi (TIAL)', Status: 'dilaporkan', 'Dusun/RT': '' });
    for (const english of ['served', 'assigned', 'reported']) expect(records.map((r) => r[header!.indexOf('Status')])).not.toContain(english);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('when place, facility or note start like a formula, then the CSV neutralises them and the XLSX keeps them as text', async () => {
    const [row] = rowsOf(KEC);
    const hostile = { ...row!, place: '=HYPERLINK("http://x","RT 1")', stockOutFacility: '+Pustu', outcomeNote: '-tidak mau', methodWanted: '@x' };
    const [header, record] = parse(casesToCsv([hostile])) as string[][];
    const cell = (h: string) => record![header!.indexOf(h)];
    expect(cell('Dusun/RT')).toBe('\'=HYPERLINK("http://x","RT 1")');
    expect(cell('Faskes stok kosong')).toBe("'+Pustu");
    expect(cell('Catatan hasil')).toBe("'-tidak mau");
    expect(cell('Kode metode diinginkan')).toBe("'@x");
    expect(cell('Umur kasus (hari)')).toBe('5');

    const file = join(dir, 'hostile.xlsx');
    await writeCasesXlsx([hostile], { period: PERIOD, areaLabel: 'x' }, file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Kasus')!;
    const labels = sheet.getRow(5).values as unknown[];
    const place = sheet.getRow(6).getCell(labels.indexOf('Dusun/RT'));
    expect(place.type).toBe(ExcelJS.ValueType.String);
    expect(place.value).toBe('=HYPERLINK("http://x","RT 1")');
  });

  it('when the XLSX is written, then it opens with the title, period, area, header and the case values', async () => {
    const file = join(dir, 'kasus.xlsx');
    await writeCasesXlsx(rowsOf(KEC), { period: PERIOD, areaLabel: exportAreaLabel(database.areas, KEC) }, file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Kasus')!;
    expect(sheet.getCell('A1').value).toBe(CASES_XLSX_TITLE);
    expect(sheet.getCell('A2').value).toBe('Bulan: November 2026');
    expect(sheet.getCell('A3').value).toBe('Wilayah: Kec. Bontomarannu, Kabupaten Gowa');
    const labels = sheet.getRow(5).values as unknown[];
    const col = (label: string) => {
      const i = labels.indexOf(label);
      expect(i).toBeGreaterThan(0);
      return i;
    };
    const first = sheet.getRow(6);
    expect(first.getCell(col('Kode kasus')).value).toBe('UN-062003-2026-0001');
    expect(first.getCell(col('Desa/Kelurahan')).value).toBe('Pakatto');
    expect(first.getCell(col('Umur kasus (hari)')).value).toBe(5);
    expect(first.getCell(col('Bersedia dihubungi')).value).toBe('ya');
    expect(first.getCell(col('Alasan')).value).toBe('Alat/obat KB habis di tempat pelayanan; Tempat pelayanan jauh');
    expect(first.getCell(col('Kategori')).value).toBe('Ingin anak ditunda (IAT)');
    expect(first.getCell(col('Status')).value).toBe('sudah dilayani');
    expect(first.getCell(col('Dilaporkan (WITA)')).value).toBe('2026-11-01 00:30');
    expect(sheet.getRow(7).getCell(col('Ditugaskan')).value).toBe('ya');
    expect(sheet.getRow(8).getCell(col('Dusun/RT')).value).toBeNull();
    expect(sheet.getRow(9).getCell(1).value).toBeNull();
    expect(labels.some((v) => typeof v === 'string' && /pelapor|reporter|telepon/i.test(v))).toBe(false);
  });
});

describe('imp-smart export cases', () => {
  const db = join(dir, 'cli.db');
  const cli = (args: string[]) => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'export', 'cases', ...args, '--db', db], {
      encoding: 'utf8',
      env: { ...process.env, IMP_LOG_LEVEL: '', IMP_DB_PATH: join(dir, 'unused.db') },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  };

  it('when run for a kecamatan, then the CSV goes to stdout and the XLSX to --out; bad arguments exit 2', async () => {
    const database = openReadyDatabase(db);
    seed(database);
    database.close();

    const csv = cli(['--period', PERIOD, '--kecamatan', KEC, '--format', 'csv']);
    expect(csv.err).toBe('');
    expect(csv.code).toBe(0);
    const records = parse(csv.out) as string[][];
    expect(records).toHaveLength(1 + 3);
    expect(csv.out).not.toContain('whatsapp');

    const file = join(dir, 'cli.xlsx');
    const xlsx = cli(['--period', PERIOD, '--kecamatan', KEC, '--format', 'xlsx', '--out', file]);
    expect(xlsx.code).toBe(0);
    expect(xlsx.out).toContain('Kec. Bontomarannu, Kabupaten Gowa, 2026-11: 3 cases, 2 open');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet('Kasus')!.getCell('A1').value).toBe(CASES_XLSX_TITLE);

    expect(cli(['--kecamatan', KEC])).toMatchObject({ code: 2, err: expect.stringContaining('--period YYYY-MM is required') });
    expect(cli(['--period', PERIOD, '--kecamatan', PAKATTO])).toMatchObject({ code: 2, err: expect.stringContaining('is not a kecamatan code') });
  });
});
