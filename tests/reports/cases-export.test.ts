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
import { CASES_CSV_HEADER, CASES_XLSX_TITLE, casesExportRows, casesToCsv, writeCasesXlsx } from '../../src/reports/cases-export.js';
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

  it('when written as CSV, then the columns are the agreed ones and no reporter or phone number appears', () => {
    const csv = casesToCsv(rowsOf(KEC));
    const [header, ...records] = parse(csv) as string[][];
    expect(header).toEqual([...CASES_CSV_HEADER]);
    expect(header!.some((h) => /reporter|assignee/.test(h))).toBe(false);
    expect(records).toHaveLength(3);
    expect(csv).not.toMatch(/\+?62\d{8,}|08\d{8,}|whatsapp/);
    const rec = Object.fromEntries(header!.map((h, i) => [h, records[0]![i]]));
    expect(rec).toMatchObject({
      code: 'UN-062003-2026-0001',
      desa_code: PAKATTO,
      category: 'IAT',
      method_wanted: 'implan',
      reasons: 'stok_kosong;jarak_akses',
      consent_to_contact: 'ya',
      status: 'served',
      age_days: '5',
      outcome_note: 'dilayani di Puskesmas, "baik"',
      assigned: 'tidak',
    });
    expect(records[1]![header!.indexOf('assigned')]).toBe('ya');
    expect(csv.endsWith('\r\n')).toBe(true);
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
