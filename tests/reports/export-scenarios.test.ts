// The field test of the exports (issue 9, points 9, 10, 16, 21): cadres, a PKB and residents use the real bot, then
// the operator runs `imp-smart export` on the same database, as a PKB or the Dinas would get the files.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findRecap } from '../../src/db/repos/recaps.repo.js';
import { activeGroups, DEFAULT_RECAP_SETTINGS } from '../../src/domain/recap/fields.js';
import { fromWita } from '../../src/time/wita.js';
import { Harness } from '../helpers/harness.js';
import { PEOPLE_CSV, PKB_PHONE, PPKBD_PHONE } from '../helpers/people.js';
import { CLEAN_RECAP } from '../helpers/recap-fixture.js';

const NIRANNUANG_PPKBD = '+6281234567021';
const PEOPLE = `${PEOPLE_CSV}\n${NIRANNUANG_PPKBD},Nur Aeni,ppkbd,73.06.06.2004,`;
const FIELDS = activeGroups(DEFAULT_RECAP_SETTINGS).flatMap((g) => g.fields);
const lapor = (values: Record<string, number>) => `LAPOR 11/2026 ${FIELDS.map((f) => `${f}=${values[f]}`).join(' ')}`;

let h: Harness;
beforeEach(async () => {
  // 2 December, 07:30 WITA: still 1 December in UTC, so a UTC time would show the wrong day.
  h = await Harness.create({ people: PEOPLE, start: fromWita(2026, 12, 2, 7, 30) });
});
afterEach(() => h.close());

/** The recap of November, or the cases reported in December (the story's month). */
function exportCli(what: 'recap' | 'cases', args: string[]) {
  const period = what === 'recap' ? '2026-11' : '2026-12';
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'export', what, '--period', period, '--kecamatan', '73.06.06', ...args, '--db', h.dbPath], {
    encoding: 'utf8',
    env: { ...process.env, IMP_LOG_LEVEL: '', IMP_DB_PATH: join(h.dir, 'unused.db') },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return result.stdout;
}

/** Sends the recap and answers YA to every unusual number until the receipt comes. */
async function sendRecap(phone: string, values: Record<string, number>): Promise<void> {
  await h.reply(phone, lapor(values));
  let reply = await h.reply(phone, 'KIRIM');
  for (let i = 0; i < 5 && !reply.includes('Terima kasih!'); i++) reply = await h.reply(phone, 'YA');
  expect(reply).toContain('Terima kasih!');
}

describe('recap exports after a month in the field', () => {
  async function month(): Promise<void> {
    // Pakatto: more couples than 1.3 per family (W4), confirmed with YA; then verified by the PKB.
    await sendRecap(PPKBD_PHONE, { ...CLEAN_RECAP, jml_keluarga: 300 });
    h.clock.advance(10 * 60_000);
    // Nirannuang: a clean recap, sent and not yet verified.
    await sendRecap(NIRANNUANG_PPKBD, { ...CLEAN_RECAP, pus: 500, ias: 80 });
    h.clock.advance(20 * 60_000);
    expect(await h.reply(PKB_PHONE, '1')).toContain('1. Desa Pakatto');
    await h.reply(PKB_PHONE, '1');
    const verified = await h.send(PKB_PHONE, '1');
    expect(verified.find((m) => m.to === PPKBD_PHONE)!.text).toContain('sudah diverifikasi');
    expect(findRecap(h.db, '73.06.06.2003', '2026-11', null)!.status).toBe('verified');
  }

  it('when the CSV is exported, then statuses, yes/no, headers and times are Indonesian and WITA, and the confirmed warning is a column', async () => {
    await month();
    const [header, ...records] = parse(exportCli('recap', ['--format', 'csv'])) as string[][];
    const rec = (code: string) => Object.fromEntries(header!.map((h, i) => [h, records.find((r) => r[header!.indexOf('Kode desa')] === code)![i]]));
    const pakatto = rec('73.06.06.2003');
    expect(pakatto).toMatchObject({
      'Desa/Kelurahan': 'Pakatto',
      Status: 'terverifikasi',
      Terlambat: 'tidak',
      'Ikut program': 'ya',
      'Dikirim (WITA)': '2026-12-02 07:30',
      'Diverifikasi (WITA)': '2026-12-02 08:00',
      'Jumlah keluarga': '300',
      'Kode status': 'verified',
      'Kode peringatan': 'W4',
    });
    // The warning in words the PKB reads (the numbers that were unusual), not a rule code or the question asked.
    expect(pakatto['Peringatan yang dikonfirmasi kader']).toMatch(/480/);
    expect(pakatto['Peringatan yang dikonfirmasi kader']).toMatch(/300/);
    expect(pakatto['Peringatan yang dikonfirmasi kader']).not.toMatch(/Apakah|W4/);
    expect(rec('73.06.06.2004')).toMatchObject({ Status: 'terkirim', 'Dikirim (WITA)': '2026-12-02 07:40', 'Peringatan yang dikonfirmasi kader': '', 'Kode status': 'submitted' });
    expect(rec('73.06.06.2005')).toMatchObject({ Status: 'belum lapor', Terlambat: '', 'Kode status': 'belum_lapor' });
    expect(header!.some((h) => /^(status|late|submitted_at|version|kind)$/.test(h))).toBe(false);
  });

  it('when the XLSX is exported, then JUMLAH counts the verified recap only, and each desa has a printable paper form with its warning and signatures', async () => {
    await month();
    const file = join(h.dir, 'rekap.xlsx');
    exportCli('recap', ['--format', 'xlsx', '--out', file]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);

    const data = workbook.getWorksheet('Rekap')!;
    const labels = data.getRow(6).values as unknown[];
    const total = data.getRow(7 + 9);
    expect(total.getCell(1).value).toBe('JUMLAH');
    // Pakatto (verified, PUS 480) only: Nirannuang's 500 is sent, not verified.
    expect(total.getCell(labels.indexOf('Jumlah PUS')).value).toBe(480);
    expect(total.getCell(labels.indexOf('Jumlah keluarga')).value).toBe(300);
    expect(String(data.getCell(7 + 10, 1).value)).toContain('hanya menjumlahkan laporan yang sudah terverifikasi');
    const pakattoRow = data.getRow(7 + 3);
    expect(pakattoRow.getCell(labels.indexOf('Desa/Kelurahan')).value).toBe('Pakatto');
    expect(pakattoRow.getCell(labels.indexOf('Status')).value).toBe('terverifikasi');
    expect(String(pakattoRow.getCell(labels.indexOf('Peringatan yang dikonfirmasi kader')).value)).toMatch(/480.*300|300.*480/);

    expect(workbook.worksheets).toHaveLength(1 + 9);
    const form = workbook.getWorksheet('Pakatto')!;
    const all: string[] = [];
    form.eachRow((row) => row.eachCell((cell) => void (cell.master.address === cell.address && all.push(String(cell.value)))));
    const text = all.join('\n');
    for (const expected of [
      'LAPORAN BULANAN PENGENDALIAN LAPANGAN TINGKAT DESA/KELURAHAN',
      ': November 2026',
      ': Desa Pakatto (kode 73.06.06.2003)',
      ': Bontomarannu (kode 73.06.06)',
      'I. KEADAAN UMUM',
      'V. UPPKA',
      'Pakatto, 2 Desember 2026',
      'Penyuluh KB (PKB)',
      '(Andi Baso)',
      'PPKBD Desa Pakatto',
      '(Siti Aminah)',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.indexOf('I. KEADAAN UMUM')).toBeLessThan(text.indexOf('II. KEGIATAN OPERASIONAL'));
    expect(text.indexOf('IV. POKTAN')).toBeLessThan(text.indexOf('V. UPPKA'));
    expect(text).toMatch(/CATATAN[^\n]*\n1\.\n[^\n]*480/);
    expect(form.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToWidth: 1 });
    expect(form.pageSetup.printArea).toMatch(/^A1:G\d+$/);
    expect(workbook.getWorksheet('Nirannuang')!.getCell('C7').value).toMatch(/^: terkirim/);
  });
});

describe('cases export after PKB notes that look like formulas', () => {
  const residents = ['+6285299990001', '+6285299990002'];

  async function report(resident: string): Promise<string> {
    await h.reply(resident, 'laporkan');
    await h.reply(resident, 'Pakatto');
    await h.reply(resident, '0');
    await h.reply(resident, '3');
    await h.reply(resident, '1');
    await h.reply(resident, '2');
    const done = await h.reply(resident, 'ya');
    return /(UN-\d{6}-\d{4}-\d{4})/.exec(done)![1]!;
  }

  it('when a PKB note starts with -, = or @, then no cases CSV cell starts like a formula, and statuses and categories are Indonesian with codes beside', async () => {
    const declined = await report(residents[0]!);
    const referred = await report(residents[1]!);
    h.clock.advance(3600_000);
    for (const code of [declined, referred]) {
      await h.reply(PKB_PHONE, `KASUS ${code}`);
      await h.reply(PKB_PHONE, 'hubungi');
    }
    // Reasons and places are chosen from lists; only a short note under "Lainnya" is typed, and it is stored after
    // that label, so even a note typed like a formula never starts a cell.
    await h.reply(PKB_PHONE, `KASUS ${declined}`);
    await h.reply(PKB_PHONE, 'menolak');
    await h.reply(PKB_PHONE, 'lainnya');
    await h.reply(PKB_PHONE, '-takut efek samping');
    await h.reply(PKB_PHONE, `KASUS ${referred}`);
    await h.reply(PKB_PHONE, 'rujuk');
    await h.reply(PKB_PHONE, 'lainnya');
    await h.reply(PKB_PHONE, '=HYPERLINK("x")');

    const [header, ...records] = parse(exportCli('cases', ['--format', 'csv'])) as string[][];
    const rec = (code: string) => Object.fromEntries(header!.map((h, i) => [h, records.find((r) => r[0] === code)![i]]));
    expect(rec(declined)).toMatchObject({
      'Catatan hasil': 'Lainnya: -takut efek samping',
      Status: 'tidak ber-KB saat ini',
      Kategori: 'Calon akseptor belum terlayani',
      'Metode diinginkan': 'Suntik',
      Alasan: 'Tempat pelayanan jauh',
      'Dilaporkan (WITA)': '2026-12-02 07:30',
      'Kode status': 'declined',
      'Kode kategori': 'CALON_AKSEPTOR',
      'Kode alasan': 'jarak_akses',
    });
    expect(rec(referred)).toMatchObject({ Status: 'dirujuk', 'Kode status': 'referred', 'Dirujuk ke': expect.stringMatching(/HYPERLINK/) });
    // No cell of the file starts like a formula.
    for (const record of records) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
