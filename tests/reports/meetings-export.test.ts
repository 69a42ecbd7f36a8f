// `imp-smart export meetings` (issue 11, point 5) on a database with recorded meetings and check-ins: one row per
// meeting of the month, attendance by role, topics and place in words, the reporter, the check-in list by name and
// role without phone numbers; scoped by kecamatan; the CSV read back, the XLSX opened with exceljs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadyDatabase, type ReadyDatabase } from '../../src/db/bootstrap.js';
import { importPeople } from '../../src/people/people-import.js';
import { aggregateArea } from '../../src/reports/aggregate-data.js';
import { DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { meetingsExport } from '../../src/reports/meetings-export.js';
import { MEETINGS_XLSX_SHEET } from '../../src/reports/meetings-xlsx.js';
import { fromWita } from '../../src/time/wita.js';
import { insertCheckin, insertMeeting } from '../helpers/meeting-fixture.js';
import { KOORD_PHONE, PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE, SUB_PPKBD_PHONE, DINAS_PHONE } from '../helpers/people.js';

const BONTONOMPO_PPKBD = '+6281234567031';
const PEOPLE = `${PEOPLE_CSV}\n${BONTONOMPO_PPKBD},Hasnah,ppkbd,73.06.01.2020,`;

let dir: string;
let dbPath: string;
let database: ReadyDatabase;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'imp-meetings-export-'));
  dbPath = join(dir, 'test.db');
  database = openReadyDatabase(dbPath);
  const report = importPeople(database.db, PEOPLE, database.areas, 'test', fromWita(2026, 11, 1, 8, 0));
  if (!report.ok) throw new Error(JSON.stringify(report.errors));
  const db = database.db;
  const rakor = insertMeeting(db, {
    code: 'RPT-AAA1',
    areaCode: '73.06.06.2003',
    kind: 'RAKOR_DESA',
    heldOn: '2026-11-10',
    place: 'balai_desa',
    attendance: { pkb: 1, ppkbd: 1, sub_ppkbd: 1, tokoh_agama: 2, tokoh_masyarakat: 1, peserta_lain: 12 },
    kieKit: true,
    topics: ['kb_mkjp', 'stunting_bkb'],
    followUp: '=kunjungan ulang ke dusun Bontoa',
    reporter: PPKBD_PHONE,
    reportedAt: fromWita(2026, 11, 10, 14, 5).toISOString(),
  });
  insertCheckin(db, rakor, PPKBD_PHONE, '73.06.06.2003', [
    { phone: PKB_PHONE, role: 'pkb' },
    { phone: SUB_PPKBD_PHONE, role: 'sub_ppkbd', via: 'group' },
  ]);
  insertMeeting(db, { code: 'RPT-AAA2', areaCode: '73.06.06.2003', dusun: 'Dusun Bontoa', kind: 'POKTAN_BKB', heldOn: '2026-11-18', place: 'lainnya', placeOther: 'Aula SD', attendance: { sub_ppkbd: 1, kader_poktan: 2, peserta_lain: 9 }, reporter: SUB_PPKBD_PHONE });
  insertMeeting(db, { code: 'RPT-AAA3', level: 'kecamatan', areaCode: '73.06.06', kind: 'RAPAT_KECAMATAN', heldOn: '2026-11-25', place: 'kantor_camat', attendance: { pkb: 2, ppkbd: 9 }, reporter: KOORD_PHONE });
  insertMeeting(db, { code: 'RPT-BBB1', areaCode: '73.06.01.2020', kind: 'PENYULUHAN_PKB', heldOn: '2026-11-12', attendance: { pkb: 1, peserta_lain: 30 }, reporter: BONTONOMPO_PPKBD });
  insertMeeting(db, { code: 'RPT-KAB1', level: 'kabupaten', areaCode: '73.06', kind: 'RAPAT_KABUPATEN', heldOn: '2026-11-28', place: 'lainnya', placeOther: 'Kantor DPPKB', attendance: { pkb: 20 }, reporter: DINAS_PHONE });
  // December: not in November's export.
  insertMeeting(db, { code: 'RPT-DEC1', areaCode: '73.06.06.2003', kind: 'RAKOR_DESA', heldOn: '2026-12-01', reporter: PPKBD_PHONE });
  // The CLI opens the database itself, beside this connection (WAL), as beside a running bot.
});
afterAll(() => {
  database.close();
  rmSync(dir, { recursive: true, force: true });
});

function cli(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'export', 'meetings', '--period', '2026-11', ...args, '--db', dbPath], {
    encoding: 'utf8',
    env: { ...process.env, IMP_LOG_LEVEL: '', IMP_DB_PATH: join(dir, 'unused.db') },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

const records = (csv: string) => {
  const [header, ...rows] = parse(csv) as string[][];
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
};

describe('imp-smart export meetings', () => {
  it('when the kabupaten is exported as CSV, then every meeting of the month is one row, in words, with attendance by role and the check-in list without phone numbers', () => {
    const csv = cli(['--format', 'csv']);
    const rows = records(csv);
    expect(rows.map((r) => r['Kode laporan'])).toEqual(['RPT-KAB1', 'RPT-BBB1', 'RPT-AAA3', 'RPT-AAA1', 'RPT-AAA2']);
    const rakor = rows.find((r) => r['Kode laporan'] === 'RPT-AAA1')!;
    expect(rakor).toMatchObject({
      Tingkat: 'Desa/Kelurahan',
      'Kode kecamatan': '73.06.06',
      Kecamatan: 'Bontomarannu',
      'Kode desa': '73.06.06.2003',
      'Desa/Kelurahan': 'Pakatto',
      'Jenis pertemuan': 'Rapat koordinasi KB desa (rakor)',
      Tanggal: '2026-11-10',
      Tempat: 'Balai/kantor desa',
      'Hadir PKB': '1',
      'Hadir PPKBD': '1',
      'Hadir Sub-PPKBD': '1',
      'Hadir tokoh agama': '2',
      'Hadir tokoh masyarakat': '1',
      'Hadir peserta lain': '12',
      'Jumlah hadir': '18',
      'Pakai KIE Kit': 'ya',
      Topik: 'KB dan MKJP; Stunting/BKB',
      Pelapor: 'Siti Aminah',
      'Peran pelapor': 'PPKBD',
      'Dilaporkan (WITA)': '2026-11-10 14:05',
      'Daftar hadir (check-in)': 'Andi Baso (PKB); Rahmawati (Sub-PPKBD)',
      'Jumlah check-in': '2',
      'Kode jenis': 'RAKOR_DESA',
      'Kode topik': 'kb_mkjp;stunting_bkb',
    });
    // Typed text that looks like a formula is neutralised.
    expect(rakor['Tindak lanjut']).toBe("'=kunjungan ulang ke dusun Bontoa");
    expect(rows.find((r) => r['Kode laporan'] === 'RPT-AAA2')).toMatchObject({ 'Dusun/RW': 'Dusun Bontoa', Tempat: 'Lainnya: Aula SD', 'Jenis pertemuan': 'Pertemuan BKB', 'Daftar hadir (check-in)': '' });
    expect(rows.find((r) => r['Kode laporan'] === 'RPT-AAA3')).toMatchObject({ Tingkat: 'Kecamatan', 'Kode desa': '', 'Jenis pertemuan': 'Rapat lengkap tingkat kecamatan', Pelapor: 'Hj. Nurhayati', 'Peran pelapor': 'Koordinator PKB' });
    expect(rows.find((r) => r['Kode laporan'] === 'RPT-KAB1')).toMatchObject({ Tingkat: 'Kabupaten', Kecamatan: '', 'Jenis pertemuan': 'Rapat lengkap tingkat kabupaten' });
    // No phone number anywhere.
    expect(csv).not.toMatch(/\+?62\s?8\d{2}|08\d{8}/);
  });

  it('when a kecamatan is exported, then only its desa and kecamatan meetings are listed', () => {
    const rows = records(cli(['--kecamatan', '73.06.06', '--format', 'csv']));
    expect(rows.map((r) => r['Kode laporan'])).toEqual(['RPT-AAA3', 'RPT-AAA1', 'RPT-AAA2']);
  });

  it('when the XLSX is written, then it opens with the same rows and a summary line equal to the aggregation', async () => {
    const file = join(dir, 'out.xlsx');
    const out = cli(['--kecamatan', '73.06.06', '--format', 'xlsx', '--out', file]);
    expect(out).toContain('3 meetings');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet(MEETINGS_XLSX_SHEET)!;
    expect(String(sheet.getCell(2, 1).value)).toBe('Bulan: November 2026');
    expect(String(sheet.getCell(3, 1).value)).toContain('Bontomarannu');
    expect(String(sheet.getCell(4, 1).value)).toBe('Ringkasan: 3 pertemuan, 41 kehadiran, 1 memakai KIE Kit; rapat bulanan kecamatan sudah diadakan.');
    const header = (sheet.getRow(5).values as unknown[]).slice(1).map(String);
    const col = (name: string) => header.indexOf(name) + 1;
    expect(sheet.getCell(6, col('Kode laporan')).value).toBe('RPT-AAA3');
    expect(sheet.getCell(7, col('Daftar hadir (check-in)')).value).toBe('Andi Baso (PKB); Rahmawati (Sub-PPKBD)');
    expect(sheet.getCell(7, col('Jumlah hadir')).value).toBe(18);
    expect(sheet.getCell(7, col('Tindak lanjut')).value).toBe('=kunjungan ulang ke dusun Bontoa');
    expect(sheet.getCell(9, 1).value).toBeNull();
    expect(header).not.toContain('Kode jenis');
  });

  it('when the export and the aggregation read the same month, then their meeting counts agree', () => {
    const now = fromWita(2026, 12, 2, 8, 0);
    const exported = meetingsExport(database.db, database.areas, { period: '2026-11', now });
    const agg = aggregateArea(database.db, database.areas, {
      period: '2026-11',
      areaCode: '73.06',
      now,
      settings: { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 },
    });
    expect(agg.meetings.total).toBe(exported.rows.length);
    expect(agg.meetings.attendanceTotal).toBe(exported.rows.reduce((n, r) => n + r.attendanceTotal, 0));
    expect(agg.meetings.kabupatenMeetingHeld).toBe(true);
    expect(agg.meetings.byKecamatan.filter((k) => k.kecamatanMeetingHeld).map((k) => k.kecamatanName)).toEqual(['Bontomarannu']);
  });

  it('when a digest asks what came since a time, then the loader lists the meetings reported since, December included', () => {
    const agg = aggregateArea(database.db, database.areas, {
      period: '2026-11',
      areaCode: '73.06.06',
      now: fromWita(2026, 12, 2, 8, 0),
      since: fromWita(2026, 11, 20, 0, 0),
      settings: { recap: DEFAULT_RECAP_SETTINGS, calendar: { dueDay: 3, closeDay: 15 }, caseFollowUpDays: 7 },
    });
    expect(agg.meetings.since!.map((m) => m.code)).toEqual(['RPT-AAA3', 'RPT-DEC1']);
  });
});
