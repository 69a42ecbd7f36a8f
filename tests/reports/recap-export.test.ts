// The recap export: every desa of the scope (reported or not), as a CSV and an XLSX that speak the same language
// (Indonesian headers and values, times in WITA). The XLSX is read back with exceljs, because "it opens with the right
// values" is the promise to a PKB.
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
import { recordReview, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { DEFAULT_RECAP_SETTINGS, RECAP_FIELDS } from '../../src/domain/recap/fields.js';
import { importPeople } from '../../src/people/people-import.js';
import { exportAreaLabel, recapExportRows, toCsv } from '../../src/reports/recap-export.js';
import { writeXlsx, XLSX_TITLE } from '../../src/reports/recap-xlsx.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const PERIOD = '2026-11';
const KEC = '73.06.06'; // Bontomarannu, 9 desa/kelurahan
const PAKATTO = '73.06.06.2003';
const NIRANNUANG = '73.06.06.2004';
const SOKKOLIA = '73.06.06.2006';
const OTHER_PPKBD = '+6281234567011';
const THIRD_PPKBD = '+6281234567012';
const NIRANNUANG_RECAP = { ...CLEAN_RECAP, pus: 500, ias: 80 };
const SOKKOLIA_RECAP = { ...CLEAN_RECAP, jml_keluarga: 300 };
const W4 = { rule: 'W4', message: 'PUS 480 lebih dari 1,3 × jumlah keluarga 300. Apakah benar?', answer: 'YA' };
const settings = DEFAULT_RECAP_SETTINGS;

const dir = mkdtempSync(join(tmpdir(), 'imp-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Three desa of Bontomarannu report November: Pakatto (two versions) and Nirannuang (late) are verified by the PKB,
 * Sokkolia is sent with a confirmed warning and not verified yet. The rest do not report; Bili-bili does not take part.
 */
function seed(database: ReadyDatabase): void {
  const now = new Date('2026-12-01T02:00:00Z');
  const csv = `${PEOPLE_CSV}\n${OTHER_PPKBD},Nur Aeni,ppkbd,${NIRANNUANG},\n${THIRD_PPKBD},Hasnah,ppkbd,${SOKKOLIA},`;
  expect(importPeople(database.db, csv, database.areas, 'test.csv', now).ok).toBe(true);
  const id = (phone: string) => findPersonByPhone(database.db, phone)!.id;
  const submit = (desaCode: string, values: Record<string, number>, phone: string, late: boolean, at: string, warnings: unknown[] = []) =>
    saveSubmission(database.db, { desaCode, period: PERIOD, unitId: null, values, warnings, reporterId: id(phone), late, now: new Date(at) }).row;
  submit(PAKATTO, { ...CLEAN_RECAP, pus: 470 }, PPKBD_PHONE, false, '2026-12-01T02:00:00Z');
  const pakatto = submit(PAKATTO, CLEAN_RECAP, PPKBD_PHONE, false, '2026-12-02T03:30:00Z');
  recordReview(database.db, pakatto, 'verified', null, id(PKB_PHONE), new Date('2026-12-04T01:15:00Z'));
  const nirannuang = submit(NIRANNUANG, NIRANNUANG_RECAP, OTHER_PPKBD, true, '2026-12-05T01:00:00Z');
  recordReview(database.db, nirannuang, 'verified', null, id(PKB_PHONE), new Date('2026-12-05T02:00:00Z'));
  submit(SOKKOLIA, SOKKOLIA_RECAP, THIRD_PPKBD, false, '2026-12-02T16:30:00Z', [W4]);
  // A dusun part is an input to the desa record, never a row of its own.
  saveSubmission(database.db, { desaCode: '73.06.06.2005', period: PERIOD, unitId: 1, values: { pus: 100 }, warnings: [], reporterId: id(PPKBD_PHONE), late: false, now });
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
    expect(rows.filter((r) => r.status === 'verified').map((r) => r.desaCode)).toEqual([PAKATTO, NIRANNUANG]);
    expect(rows.filter((r) => r.status === 'submitted').map((r) => r.desaCode)).toEqual([SOKKOLIA]);
    expect(rows.filter((r) => r.status === 'belum lapor')).toHaveLength(6);

    const pakatto = rows.find((r) => r.desaCode === PAKATTO)!;
    expect(pakatto).toMatchObject({
      kecamatanName: 'Bontomarannu',
      desaName: 'Pakatto',
      kind: 'desa',
      takingPart: true,
      version: 2,
      late: false,
      submittedAt: '2026-12-02T03:30:00.000Z',
      receiptCode: '2611-062003-v2',
      reporterName: 'Siti Aminah',
      verifierName: 'Andi Baso',
      verifiedAt: '2026-12-04T01:15:00.000Z',
      warnings: [],
    });
    expect(pakatto.values.pus).toBe(480);
    expect(pakatto.indicators).toMatchObject({ paTotal: 266, unmetNeed: 129, cpr: 55.4 });
    // Optional parts that are off are not columns at all.
    expect('pa_mal' in pakatto.values).toBe(false);
    expect(rows.find((r) => r.desaCode === SOKKOLIA)).toMatchObject({
      verifierName: null,
      verifiedAt: null,
      warnings: [{ rule: 'W4', text: 'PUS 480 lebih dari 1,3 × jumlah keluarga 300.' }],
    });

    const silent = rows.find((r) => r.desaCode === '73.06.06.2005')!;
    expect(silent).toMatchObject({ status: 'belum lapor', version: null, submittedAt: null, late: null, indicators: null, warnings: [] });
    expect(silent.values.pus).toBeNull();
    expect(rows.find((r) => r.desaCode === '73.06.06.2014')!.takingPart).toBe(false);

    expect(rowsOf()).toHaveLength(database.areas.allDesa().length);
  });

  it('when the rows are written as CSV, then headers, statuses, yes/no and times are Indonesian and WITA, with the codes in extra columns', () => {
    const csv = toCsv(rowsOf(KEC), settings);
    const [header, ...records] = parse(csv) as string[][];
    expect(header!.slice(0, 11)).toEqual([
      'Kode kecamatan',
      'Kecamatan',
      'Kode desa',
      'Desa/Kelurahan',
      'Desa/Kel.',
      'Ikut program',
      'Status',
      'Versi',
      'Dikirim (WITA)',
      'Terlambat',
      'Diverifikasi (WITA)',
    ]);
    expect(header).toContain('Jumlah PUS');
    expect(header!.slice(-9)).toEqual([
      'Jumlah peserta KB aktif',
      'Kebutuhan ber-KB tidak terpenuhi (IAT + TIAL)',
      'CPR (%)',
      'mCPR (%)',
      'Kebutuhan ber-KB tidak terpenuhi (%)',
      'MKJP dari peserta KB aktif (%)',
      'Peringatan yang dikonfirmasi kader',
      'Kode status',
      'Kode peringatan',
    ]);
    // No English header is left over from the machine-only CSV.
    expect(header!.join(',')).not.toMatch(/submitted|late|kind|taking_part|version|code\b/i);
    expect(records).toHaveLength(9);

    const rec = (code: string) => Object.fromEntries(header!.map((h, i) => [h, records.find((r) => r[2] === code)![i]]));
    expect(rec(NIRANNUANG)).toMatchObject({
      Status: 'terverifikasi',
      Versi: '1',
      Terlambat: 'ya',
      'Ikut program': 'ya',
      'Dikirim (WITA)': '2026-12-05 09:00',
      'Diverifikasi (WITA)': '2026-12-05 10:00',
      'Jumlah PUS': '500',
      'Peserta KB aktif IUD': '20',
      'CPR (%)': '53.2',
      'Kebutuhan ber-KB tidak terpenuhi (IAT + TIAL)': '129',
      'Kode status': 'verified',
    });
    // Sent at 00:30 WITA on 3 December: the UTC date (2 December) must not show.
    expect(rec(SOKKOLIA)).toMatchObject({
      Status: 'terkirim',
      Terlambat: 'tidak',
      'Dikirim (WITA)': '2026-12-03 00:30',
      'Diverifikasi (WITA)': '',
      'Peringatan yang dikonfirmasi kader': 'PUS 480 lebih dari 1,3 × jumlah keluarga 300.',
      'Kode status': 'submitted',
      'Kode peringatan': 'W4',
    });
    expect(rec('73.06.06.2014')).toMatchObject({ 'Ikut program': 'tidak', Status: 'belum lapor', Terlambat: '', 'Jumlah PUS': '', 'CPR (%)': '', 'Kode status': 'belum_lapor' });
    for (const english of ['submitted', 'verified', 'returned']) expect(records.map((r) => r[header!.indexOf('Status')])).not.toContain(english);
    expect(csv).not.toMatch(/T\d{2}:\d{2}:\d{2}/);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('when a name holds a comma or a quote, then the CSV quotes it (RFC 4180)', () => {
    const [row] = rowsOf(KEC);
    const csv = toCsv([{ ...row!, desaName: 'Pa\'bentengang, "Lama"' }], settings);
    expect(csv.split('\r\n')[1]).toContain(',"Pa\'bentengang, ""Lama""",');
    expect((parse(csv) as string[][])[1]![3]).toBe('Pa\'bentengang, "Lama"');
  });

  it('when a text cell starts like a formula, then the CSV neutralises it, and a negative count stays a number', () => {
    const row = rowsOf(KEC).find((r) => r.desaCode === SOKKOLIA)!;
    const csv = toCsv([{ ...row, desaName: '=HYPERLINK("http://x","klik")', warnings: [{ rule: 'W2', text: '-20 PUS dibanding bulan lalu' }], values: { ...row.values, pus: -5 } }], settings);
    const [header, record] = parse(csv) as string[][];
    expect(record![3]).toBe('\'=HYPERLINK("http://x","klik")');
    expect(record![header!.indexOf('Peringatan yang dikonfirmasi kader')]).toBe("'-20 PUS dibanding bulan lalu");
    expect(record![header!.indexOf('Jumlah PUS')]).toBe('-5');
  });

  it('when the XLSX is written, then the data sheet has the title, the period, a desa row, and a JUMLAH row of verified recaps only with a note', async () => {
    const file = join(dir, 'rekap.xlsx');
    await writeXlsx(rowsOf(KEC), settings, { period: PERIOD, areaLabel: exportAreaLabel(database.areas, KEC) }, file);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Rekap')!;
    expect(workbook.worksheets[0]!.name).toBe('Rekap');
    expect(sheet.getCell('A1').value).toBe(XLSX_TITLE);
    expect(sheet.getCell('A2').value).toBe('Bulan: November 2026');
    expect(sheet.getCell('A3').value).toBe('Wilayah: Kec. Bontomarannu, Kabupaten Gowa');

    // Find columns by their labels and rows by desa code, as a reader of the sheet would.
    const labels = sheet.getRow(6).values as unknown[];
    const col = (label: string) => {
      const i = labels.indexOf(label);
      expect(i, label).toBeGreaterThan(0);
      return i;
    };
    const pusCol = col('Jumlah PUS');
    const cprCol = col('CPR (%)');
    const codeCol = col('Kode desa');
    const rowWhere = (column: number, value: string) => {
      for (let r = 7; r <= sheet.rowCount; r++) if (sheet.getCell(r, column).value === value) return sheet.getRow(r);
      throw new Error(`no row with ${value}`);
    };

    const pakatto = rowWhere(codeCol, PAKATTO);
    expect(pakatto.getCell(col('Desa/Kelurahan')).value).toBe('Pakatto');
    expect(pakatto.getCell(col('Status')).value).toBe('terverifikasi');
    expect(pakatto.getCell(col('Dikirim (WITA)')).value).toBe('2026-12-02 11:30');
    expect(pakatto.getCell(pusCol).value).toBe(480);
    expect(pakatto.getCell(cprCol).value).toBe(55.4);
    expect(rowWhere(codeCol, '73.06.06.2005').getCell(pusCol).value).toBeNull();
    const sokkolia = rowWhere(codeCol, SOKKOLIA);
    expect(sokkolia.getCell(col('Status')).value).toBe('terkirim');
    expect(sokkolia.getCell(col('Peringatan yang dikonfirmasi kader')).value).toBe('PUS 480 lebih dari 1,3 × jumlah keluarga 300.');

    // JUMLAH: Pakatto and Nirannuang (verified), not Sokkolia (sent, not verified).
    const total = rowWhere(1, 'JUMLAH');
    expect(total.number).toBe(7 + 9);
    expect(total.getCell(pusCol).value).toBe(480 + 500);
    expect(total.getCell(col('Peserta KB aktif IUD')).value).toBe(40);
    expect(total.getCell(col('Jumlah keluarga')).value).toBe(2 * CLEAN_RECAP.jml_keluarga!);
    // Recomputed from the sums (532 / 980), not an average of 55.4 and 53.2.
    expect(total.getCell(cprCol).value).toBe(54.3);
    expect(total.getCell(col('Status')).value).toBe('2 terverifikasi, 3 dari 9 lapor');
    const note = String(sheet.getCell(total.number + 1, 1).value);
    expect(note).toContain('hanya menjumlahkan laporan yang sudah terverifikasi');
    expect(note).toContain('2 dari 9 desa/kelurahan');

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
      'Catatan',
    ]);
    const pusSection = sheet.getCell(5, pusCol);
    expect(pusSection.isMerged).toBe(true);
    expect(pusSection.master.address).toBe(sheet.getCell(5, col('Jumlah keluarga')).address);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 6 });
    const activeCount = RECAP_FIELDS.filter((f) => !f.optional).length;
    expect(labels.filter((v) => v !== undefined && v !== null)).toHaveLength(1 + 11 + activeCount + 6 + 1);
  });

  it('when no recap of the scope is verified, then JUMLAH is empty and says 0 verified', async () => {
    const file = join(dir, 'rekap-none.xlsx');
    const rows = rowsOf(KEC).map((r) => (r.status === 'verified' ? { ...r, status: 'submitted' as const } : r));
    await writeXlsx(rows, settings, { period: PERIOD, areaLabel: exportAreaLabel(database.areas, KEC) }, file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('Rekap')!;
    const labels = sheet.getRow(6).values as unknown[];
    const total = sheet.getRow(7 + 9);
    expect(total.getCell(1).value).toBe('JUMLAH');
    expect(total.getCell(labels.indexOf('Jumlah PUS')).value).toBeNull();
    expect(total.getCell(labels.indexOf('Jumlah peserta KB aktif')).value).toBeNull();
    expect(String(sheet.getCell(7 + 10, 1).value)).toContain('(0 dari 9 desa/kelurahan)');
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
    expect(records.filter((r) => r[6] === 'belum lapor')).toHaveLength(6);
    expect(records.filter((r) => r[6] === 'terverifikasi')).toHaveLength(2);

    const file = join(dir, 'cli.xlsx');
    const xlsx = cli(['--period', PERIOD, '--kecamatan', KEC, '--format', 'xlsx', '--out', file]);
    expect(xlsx.code).toBe(0);
    expect(xlsx.out).toContain('Kec. Bontomarannu, Kabupaten Gowa, 2026-11: 9 desa/kelurahan, 3 reported');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.getWorksheet('Rekap')!.getCell('A1').value).toBe(XLSX_TITLE);
    expect(workbook.getWorksheet('Pakatto')).toBeDefined();
  });

  it('when the arguments are wrong, then it says which with exit 2', () => {
    expect(cli(['--kecamatan', KEC])).toMatchObject({ code: 2, err: expect.stringContaining('--period YYYY-MM is required') });
    expect(cli(['--period', '2026-13'])).toMatchObject({ code: 2, err: expect.stringContaining('--period must be YYYY-MM') });
    expect(cli(['--period', PERIOD, '--format', 'pdf'])).toMatchObject({ code: 2, err: expect.stringContaining('--format must be csv or xlsx') });
    expect(cli(['--period', PERIOD, '--kecamatan', '73.06.06.2003'])).toMatchObject({ code: 2, err: expect.stringContaining('is not a kecamatan code') });
  });
});
