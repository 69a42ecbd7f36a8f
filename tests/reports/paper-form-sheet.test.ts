// The per-desa sheets of the recap XLSX: the paper F/I/Dal form, top to bottom, ready for A4 portrait and signing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { findPersonByPhone } from '../../src/db/repos/people.repo.js';
import { recordReview, saveSubmission } from '../../src/db/repos/recaps.repo.js';
import { DEFAULT_RECAP_SETTINGS, type RecapSettings } from '../../src/domain/recap/fields.js';
import { importPeople } from '../../src/people/people-import.js';
import { PAPER_FORM_TITLE } from '../../src/reports/paper-form-sheet.js';
import { exportAreaLabel, recapExportRows } from '../../src/reports/recap-export.js';
import { writeXlsx } from '../../src/reports/recap-xlsx.js';
import { sheetNamer } from '../../src/reports/xlsx-style.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP, CLEAN_RECAP_ALL_PARTS } from '../helpers/recap-fixture.js';

const PERIOD = '2026-11';
const KEC = '73.06.06';
const ALL_PARTS: RecapSettings = { pusRule: 'C3', parts: { flows: true, channel: true, mal_traditional: true } };
const dir = mkdtempSync(join(tmpdir(), 'imp-paper-form-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pakatto verified (sent 2 Dec 11:30 WITA by Siti Aminah, verified by Andi Baso), Sokkolia sent with a warning. */
function seed(database: ReadyDatabase, values: Record<string, number>): void {
  expect(importPeople(database.db, `${PEOPLE_CSV}\n+6281234567012,Hasnah,ppkbd,73.06.06.2006,`, database.areas, 't', new Date('2026-11-01T00:00:00Z')).ok).toBe(true);
  const id = (phone: string) => findPersonByPhone(database.db, phone)!.id;
  const row = saveSubmission(database.db, { desaCode: '73.06.06.2003', period: PERIOD, unitId: null, values, warnings: [], reporterId: id(PPKBD_PHONE), late: false, now: new Date('2026-12-02T03:30:00Z') }).row;
  recordReview(database.db, row, 'verified', null, id(PKB_PHONE), new Date('2026-12-04T01:15:00Z'));
  const warning = { rule: 'W4', message: 'PUS 480 lebih dari 1,3 × jumlah keluarga 300. Apakah benar?', answer: 'YA' };
  saveSubmission(database.db, { desaCode: '73.06.06.2006', period: PERIOD, unitId: null, values: { ...values, jml_keluarga: 300 }, warnings: [warning], reporterId: id('+6281234567012'), late: true, now: new Date('2026-12-05T01:00:00Z') });
}

async function exported(settings: RecapSettings, values: Record<string, number>, scope: { kecamatanCode?: string } = { kecamatanCode: KEC }): Promise<ExcelJS.Workbook> {
  const { kecamatanCode } = scope;
  const database = openReadyDatabase(':memory:');
  try {
    seed(database, values);
    const file = join(dir, `${Math.random().toString(36).slice(2)}.xlsx`);
    await writeXlsx(recapExportRows(database.db, database.areas, { period: PERIOD, kecamatanCode, settings }), settings, { period: PERIOD, areaLabel: exportAreaLabel(database.areas, kecamatanCode) }, file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    return workbook;
  } finally {
    database.close();
  }
}

/** The sheet as a reader sees it: each row's distinct texts (merged cells repeat their value), and lookups by label. */
function reader(sheet: ExcelJS.Worksheet) {
  const texts = (r: number) => {
    const out: string[] = [];
    for (let c = 1; c <= 7; c++) {
      const cell = sheet.getCell(r, c);
      if (cell.master.address !== cell.address || cell.value === null || cell.value === undefined || cell.value === '') continue;
      out.push(String(cell.value));
    }
    return out;
  };
  const rowOf = (text: string, after = 0) => {
    for (let r = after + 1; r <= sheet.rowCount; r++) if (texts(r).some((t) => t === text || t.startsWith(text))) return r;
    throw new Error(`no row with "${text}" after row ${after}`);
  };
  return { texts, rowOf, value: (r: number, c: number) => sheet.getCell(r, c).value };
}

describe('paper form sheets', () => {
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    workbook = await exported(DEFAULT_RECAP_SETTINGS, CLEAN_RECAP);
  });

  it('when a kecamatan is exported, then after the data sheet every desa has its own sheet, named after it', () => {
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Rekap', 'Borongloe', 'Bontomanai', 'Romang Lompoa', 'Pakatto', 'Nirannuang', 'Romangloe', 'Sokkolia', 'Mata Allo', 'Bili-bili']);
  });

  it('when a verified desa is printed, then the header names month, desa and kecamatan, and sections I–V come top to bottom with their labels and numbers', () => {
    const sheet = workbook.getWorksheet('Pakatto')!;
    const { texts, rowOf, value } = reader(sheet);
    expect(texts(1)).toEqual([PAPER_FORM_TITLE]);
    expect(texts(rowOf('Bulan'))).toEqual(['Bulan', ': November 2026']);
    expect(texts(rowOf('Desa/Kelurahan'))).toEqual(['Desa/Kelurahan', ': Desa Pakatto (kode 73.06.06.2003)']);
    expect(texts(rowOf('Kecamatan'))).toEqual(['Kecamatan', ': Bontomarannu (kode 73.06.06)']);
    expect(texts(rowOf('Status laporan'))[1]).toBe(': terverifikasi, versi 1; dikirim 2026-12-02 11:30 WITA (tepat waktu); kode tanda terima 2611-062003-v1');

    const sections = ['I. KEADAAN UMUM', 'II. KEGIATAN OPERASIONAL', 'III. PUS DAN KESERTAAN BER-KB', 'IV. POKTAN BKB, BKR, BKL', 'V. UPPKA'].map((t) => rowOf(t));
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);

    // I: "ada" and "lapor" side by side.
    const kelompok = rowOf('Kelompok KB', sections[0]);
    expect(texts(kelompok)).toEqual(['3', 'Kelompok KB', '12', '10']);
    expect(texts(rowOf('Frekuensi rakor desa', sections[1]))).toEqual(['1', 'Frekuensi rakor desa', '1']);
    // III: PUS, the methods as a table with their total, the non-users.
    expect(value(rowOf('Jumlah PUS', sections[2]), 3)).toBe(480);
    expect(texts(rowOf('IUD', sections[2]))).toEqual(['a.', 'IUD', '20']);
    expect(texts(rowOf('Jumlah', rowOf('Kondom', sections[2])))).toEqual(['Jumlah', '266']);
    expect(texts(rowOf('PUS bukan peserta KB', sections[2]))).toEqual(['4', 'PUS bukan peserta KB']);
    expect(value(rowOf('Tidak ingin anak lagi (TIAL)', sections[2]), 3)).toBe(59);
    // IV: one column per poktan.
    expect(texts(rowOf('No', sections[3]))).toEqual(['No', 'Uraian', 'BKB', 'BKR', 'BKL']);
    expect(texts(rowOf('Keluarga sasaran', sections[3]))).toEqual(['1', 'Keluarga sasaran', '150', '140', '80']);
    expect(texts(rowOf('Kelompok yang mengakses modal', sections[4]))).toEqual(['8', 'Kelompok yang mengakses modal', '1']);
    expect(value(rowOf('CPR', sections[4]), 3)).toBe(55.4);
    expect(texts(rowOf('CATATAN')).join()).toContain('DIKONFIRMASI KADER');
    expect(texts(rowOf('CATATAN') + 1)).toEqual(['Tidak ada.']);
  });

  it('when a desa is printed, then a signature block names the place, the date, the PKB and the PPKBD', () => {
    const { texts, rowOf } = reader(workbook.getWorksheet('Pakatto')!);
    const place = rowOf('Pakatto, 2 Desember 2026');
    expect(texts(place + 1)).toEqual(['Mengetahui,', 'Yang melaporkan,']);
    expect(texts(place + 2)).toEqual(['Penyuluh KB (PKB)', 'PPKBD Desa Pakatto']);
    expect(texts(rowOf('(Andi Baso)'))).toEqual(['(Andi Baso)', '(Siti Aminah)']);
    expect(texts(rowOf('Diverifikasi'))).toEqual(['Diverifikasi 4 Desember 2026']);
  });

  it('when a sheet is printed, then it is A4 portrait, one page wide, with the form as print area', () => {
    const sheet = workbook.getWorksheet('Pakatto')!;
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const last = reader(sheet).rowOf('Diverifikasi');
    expect(sheet.pageSetup.printArea).toBe(`A1:G${last}`);
  });

  it('when a desa sent with a confirmed warning and is not verified, then its sheet lists the warning and leaves the PKB line to sign by hand', () => {
    const { texts, rowOf } = reader(workbook.getWorksheet('Sokkolia')!);
    expect(texts(rowOf('Status laporan'))[1]).toContain(': terkirim, versi 1; dikirim 2026-12-05 09:00 WITA (terlambat)');
    expect(texts(rowOf('CATATAN') + 1)).toEqual(['1.', 'PUS 480 lebih dari 1,3 × jumlah keluarga 300.']);
    expect(texts(rowOf('(.'))).toEqual(['(.................................)', '(Hasnah)']);
  });

  it('when a desa has not reported, then its form is blank (not zeros) and says so', () => {
    const sheet = workbook.getWorksheet('Nirannuang')!;
    const { texts, rowOf, value } = reader(sheet);
    expect(texts(rowOf('Status laporan'))).toEqual(['Status laporan', ': belum lapor']);
    expect(value(rowOf('Jumlah PUS'), 3)).toBeNull();
    expect(texts(rowOf('Nirannuang, .'))).toEqual(['Nirannuang, .................... 20....']);
  });

  it('when the optional parts are on, then section III has the flows beside the stock and the channel lines', async () => {
    const all = await exported(ALL_PARTS, CLEAN_RECAP_ALL_PARTS);
    const { texts, rowOf } = reader(all.getWorksheet('Pakatto')!);
    const section = rowOf('III. PUS DAN KESERTAAN BER-KB');
    expect(texts(rowOf('3', section))).toEqual(['3', 'Peserta KB aktif menurut cara', 'Peserta KB aktif', 'Peserta KB baru', 'Drop out', 'Ganti cara dari', 'Ganti cara ke']);
    expect(texts(rowOf('Suntik', section))).toEqual(['e.', 'Suntik', '120', '5', '3', '2', '0']);
    expect(texts(rowOf('Tradisional/lainnya', section))).toEqual(['i.', 'Tradisional/lainnya', '3', '0', '0', '0', '0']);
    expect(texts(rowOf('Jumlah', rowOf('Tradisional/lainnya', section)))).toEqual(['Jumlah', '271', '12', '7', '3', '3']);
    expect(texts(rowOf('Pemerintah', section))).toEqual(['a.', 'Pemerintah', '200']);
  });

  it('when the whole kabupaten is exported, then every desa has a sheet and same-named desa get distinct names', async () => {
    const all = await exported(DEFAULT_RECAP_SETTINGS, CLEAN_RECAP, {});
    expect(all.worksheets).toHaveLength(1 + 167);
    const names = all.worksheets.map((s) => s.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
    // Bontomanai is a desa or kelurahan in three kecamatan.
    expect(names.filter((n) => n.startsWith('bontomanai'))).toEqual(['bontomanai', 'bontomanai (092002)', 'bontomanai (182007)']);
    // Read back with its print area: a sheet name with an apostrophe must not break the workbook.
    expect(all.getWorksheet('Pa\u2019bentengang')!.pageSetup.printArea).toMatch(/^A1:G\d+$/);
  });

  it('when sheet names clash, are too long or hold characters Excel refuses, then they are made valid and unique', () => {
    const name = sheetNamer(['Rekap']);
    expect(name('Rekap', '73.06.01.2001')).toBe('Rekap (012001)');
    expect(name('Bontomanai', '73.06.06.1002')).toBe('Bontomanai');
    expect(name('BONTOMANAI', '73.06.12.2004')).toBe('BONTOMANAI (122004)');
    expect(name('A/B: C?', '73.06.01.2002')).toBe('A B C');
    expect(name("Pa'bentengang", '73.06.02.2001')).toBe('Pa\u2019bentengang');
    const long = name('Kelurahan Dengan Nama Yang Sangat Panjang Sekali', '73.06.01.2003');
    expect(long.length).toBeLessThanOrEqual(31);
  });
});
